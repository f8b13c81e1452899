/**
 * Where "now" comes from. Production uses the system clock; tests give the app a clock they set,
 * so that a Sunday 3 a.m. inquiry or a breach at the due instant needs no waiting.
 */
export abstract class Clock {
  abstract now(): number;
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that stands still until told otherwise (tests). */
export class SettableClock extends Clock {
  constructor(private current: number) {
    super();
  }

  now(): number {
    return this.current;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }
}
