import type { AddressInfo } from 'node:net';

import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP transaction (envelope), not the headers. */
  envelopeTo: string[];
  parsed: ParsedMail;
  /** When the server accepted it (epoch ms): fault tests measure how late a notice went out. */
  receivedAt: number;
}

/** A real SMTP server on a free loopback port that keeps what it accepts, for tests. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;

  readonly connectionErrors: Error[] = [];
  /** DATA transactions seen, accepted or not. */
  transactions = 0;
  /** Connections opened. */
  connections = 0;

  constructor(
    private readonly options: {
      rejectRecipient?: (address: string) => string | undefined;
      /** Greylisting as servers do it: "421 try again later" at RCPT, and the connection closed. */
      greylist?: (address: string) => boolean;
      /** Milliseconds to stay silent after a connection opens, before the greeting (a hung server). */
      silenceBeforeGreeting?: (connection: number) => number;
      /** A reply such as "421 4.3.2 try again later" refuses the message after its data arrived. */
      refuseData?: (transaction: number) => string | undefined;
      /** Called when a message's data arrived, before the reply: a test can crash the sender here. */
      beforeReply?: (transaction: number) => Promise<void> | void;
    } = {},
  ) {}

  /** Listens on `port` (a free one when 0): a test restarts a sink on the port of one it stopped. */
  async start(port = 0): Promise<string> {
    const options: SMTPServerOptions = {
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      // stop() is a server going away: open connections get "421 shutting down" at once, not after 30 s.
      closeTimeout: 200,
      onConnect: (_session, callback) => {
        const silence = this.options.silenceBeforeGreeting?.(++this.connections) ?? 0;
        if (silence > 0) setTimeout(callback, silence);
        else callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.options.greylist?.(address.address)) {
          const error = new Error('4.7.1 greylisted, try again later') as Error & { responseCode: number };
          // smtp-server closes the connection after a 421, as greylisting servers do.
          error.responseCode = 421;
          return callback(error);
        }
        const refusal = this.options.rejectRecipient?.(address.address);
        if (!refusal) return callback();
        const error = new Error(refusal) as Error & { responseCode: number };
        error.responseCode = Number(refusal.slice(0, 3));
        return callback(error);
      },
      onData: (stream, session, callback) => {
        const transaction = ++this.transactions;
        simpleParser(stream)
          .then(async (parsed) => {
            await this.options.beforeReply?.(transaction);
            const refusal = this.options.refuseData?.(transaction);
            if (refusal) {
              const error = new Error(refusal.slice(4)) as Error & { responseCode: number };
              error.responseCode = Number(refusal.slice(0, 3));
              return callback(error);
            }
            this.received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              receivedAt: Date.now(),
            });
            callback();
          })
          .catch(callback);
      },
    };
    this.server = new SMTPServer(options);
    // A client that dies mid-transaction (a killed worker) resets its connection: that is the
    // scenario under test, not a failure of the sink.
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** How many accepted copies each envelope recipient got, and under how many distinct Message-IDs. */
  copiesByRecipient(): Map<string, { copies: number; messageIds: Set<string> }> {
    const copies = new Map<string, { copies: number; messageIds: Set<string> }>();
    for (const mail of this.received)
      for (const address of mail.envelopeTo) {
        const entry = copies.get(address) ?? { copies: 0, messageIds: new Set<string>() };
        entry.copies += 1;
        entry.messageIds.add(mail.parsed.messageId ?? '');
        copies.set(address, entry);
      }
    return copies;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
