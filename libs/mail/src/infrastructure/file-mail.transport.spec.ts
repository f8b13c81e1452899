import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simpleParser } from 'mailparser';

import { renderMail } from '../domain/mail-template';
import { testMessageTemplate } from '../templates/test-message.template';
import { FileMailTransport } from './file-mail.transport';

describe('FileMailTransport', () => {
  let directory: string;
  let transport: FileMailTransport;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'madoguchi-mail-'));
    transport = new FileMailTransport(join(directory, 'mail'));
  });

  afterEach(async () => {
    await transport.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('writes one readable .eml per recipient, each addressed to that recipient only', async () => {
    const rendered = renderMail(testMessageTemplate, 'ja', { sentAt: '2026-11-28 10:00' });
    const result = await transport.send({
      from: 'Madoguchi <support@example.com>',
      to: ['yamada@example.co.jp', 'suzuki@example.co.jp'],
      messageId: 'notice-1.yamada@madoguchi.test',
      ...rendered,
    });

    const files = (await readdir(join(directory, 'mail'))).sort();
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    const parsed = await Promise.all(
      files.map(async (file) => simpleParser(await readFile(join(directory, 'mail', file)))),
    );
    const recipients = parsed.map((mail) =>
      (Array.isArray(mail.to) ? mail.to : [mail.to!]).map((to) => to.text).join(),
    );
    expect(recipients.sort()).toEqual(['suzuki@example.co.jp', 'yamada@example.co.jp']);
    for (const mail of parsed) {
      expect(mail.subject).toBe('Madoguchi テストメール');
      expect(mail.text).toContain('Madoguchi のメール設定は正しく動作しています。');
      expect(mail.html).toContain('<p>送信日時: 2026-11-28 10:00</p>');
      expect(mail.messageId).toBe('<notice-1.yamada@madoguchi.test>');
    }
    expect(result.recipients.map((r) => r.accepted)).toEqual([true, true]);
  });

  it('cannot be made to add a header through CR/LF in the subject', async () => {
    await transport.send({
      from: 'support@example.com',
      to: ['a@example.com'],
      subject: 'Hello\r\nBcc: attacker@example.com',
      text: 'body',
    });
    const [file] = await readdir(join(directory, 'mail'));
    const mail = await simpleParser(await readFile(join(directory, 'mail', file!)));
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('bcc')).toBe(false);
  });
});
