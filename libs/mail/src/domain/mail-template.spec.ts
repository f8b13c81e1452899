import { MailTemplate, renderMail } from './mail-template';

const replyTemplate: MailTemplate<{ subject: string; body: string }> = {
  ja: ({ subject, body }) => ({ subject: `Re: ${subject}`, paragraphs: ['お問い合わせへの回答です。', body] }),
  en: ({ subject, body }) => ({ subject: `Re: ${subject}`, paragraphs: ['Here is our answer.', body] }),
};

describe('renderMail', () => {
  it('renders the chosen language as plain text and HTML with the footer', () => {
    const mail = renderMail(replyTemplate, 'en', { subject: 'Login', body: 'Reset it.' });
    expect(mail.subject).toBe('Re: Login');
    expect(mail.text).toBe('Here is our answer.\n\nReset it.\n\nThis message was sent by Madoguchi.\n');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('<p>Reset it.</p>');
  });

  it('shows customer text as text in HTML: tags are escaped, line breaks kept', () => {
    const mail = renderMail(replyTemplate, 'ja', { subject: '<b>x</b>', body: '<script>alert(1)</script>\n二行目' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>二行目');
    expect(mail.html).toContain('<title>Re: &lt;b&gt;x&lt;/b&gt;</title>');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });
});
