/**
 * A loopback SMTP server in its own process for the fan-out benchmark: accepts everything, keeps
 * no message, counts accepted recipients and notes when the count last grew. Talks over IPC:
 * prints nothing; sends `{port}` once listening, answers `'count'` with `{recipients, lastAt}` and
 * `'reset'` by zeroing.
 */
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

let recipients = 0;
let lastAt = 0;

const server = new SMTPServer({
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      recipients += session.envelope.rcptTo.length;
      lastAt = Date.now();
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.server.address() as AddressInfo).port });
});

process.on('message', (message) => {
  if (message === 'reset') recipients = 0;
  process.send!({ recipients, lastAt });
});
