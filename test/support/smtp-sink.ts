import type { AddressInfo } from 'node:net';

import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP transaction (envelope), not the headers. */
  envelopeTo: string[];
  parsed: ParsedMail;
}

/** A real SMTP server on a free loopback port that keeps what it accepts, for tests. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;

  constructor(private readonly options: { rejectRecipient?: (address: string) => string | undefined } = {}) {}

  async start(): Promise<string> {
    const options: SMTPServerOptions = {
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.options.rejectRecipient?.(address.address);
        if (!refusal) return callback();
        const error = new Error(refusal) as Error & { responseCode: number };
        error.responseCode = Number(refusal.slice(0, 3));
        return callback(error);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed });
            callback();
          })
          .catch(callback);
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
