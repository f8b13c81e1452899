import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createTransport, Transporter } from 'nodemailer';

import type { OutgoingMail, SendResult } from '../domain/mail-message';
import { MailTransport, toNodemailerMessage } from './mail-transport';

/**
 * The embedded default: each recipient's copy is one `.eml` file in `directory`, with only that
 * recipient in its To header. Files appear whole (written aside, then renamed).
 */
export class FileMailTransport implements MailTransport {
  readonly kind = 'file';
  private readonly composer: Transporter;

  constructor(readonly directory: string) {
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail & { from: string }): Promise<SendResult> {
    await mkdir(this.directory, { recursive: true });
    let messageId = mail.messageId ?? '';
    for (const recipient of mail.to) {
      const info = await this.composer.sendMail(toNodemailerMessage(mail, [recipient]));
      messageId = String(info.messageId).replace(/^<|>$/g, '');
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      const temporary = join(this.directory, `.${name}.tmp`);
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, join(this.directory, name));
    }
    return { messageId, recipients: mail.to.map((address) => ({ address, accepted: true })) };
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}
