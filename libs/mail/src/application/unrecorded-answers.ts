/** How many answers a process keeps while it cannot record them; beyond it, the oldest go. */
const LIMIT = 100_000;

/**
 * What a mail server answered for good that could not be written yet: the database went away
 * between the send and its record, so the job fails and is retried. The retry (in this process)
 * records the kept answer instead of sending the message a second time. A process that dies in
 * that window still sends again on the next try: delivery is at least once, not exactly once.
 */
export class UnrecordedAnswers<Answer> {
  private readonly answers = new Map<string, Answer>();

  keep(key: string, answer: Answer): void {
    if (this.answers.size >= LIMIT) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
  }

  get(key: string): Answer | undefined {
    return this.answers.get(key);
  }

  /** Called once the answer is recorded. */
  forget(key: string): void {
    this.answers.delete(key);
  }
}
