import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startTestApp, type TestApp } from '../support/test-app';

describe('the privacy policy the inquiry form’s consent refers to', () => {
  let folder: string;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'madoguchi-privacy-'));
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await rm(folder, { recursive: true, force: true });
  });

  it('is linked from the consent box and every page, and says what is stored when the operator gave no text', async () => {
    const t = await startTestApp();
    apps.push(t);
    const form = await t.api.get('/inquiry');
    expect(form.text).toContain('<a href="/privacy" target="_blank" rel="noopener">');
    const page = await t.api.get('/privacy');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>プライバシーポリシー</h1>');
    expect(page.text).toContain('お名前・メールアドレス・会社名・電話番号');
  });

  it('shows the operator’s own text, paragraph by paragraph, from PRIVACY_POLICY_PATH', async () => {
    const path = join(folder, 'privacy.txt');
    await writeFile(path, '株式会社さくらは個人情報を大切にします。\n\nお問い合わせ窓口: privacy@sakura.example.jp\n');
    const t = await startTestApp({ PRIVACY_POLICY_PATH: path });
    apps.push(t);
    const page = await t.api.get('/privacy');
    expect(page.text).toContain('<p>株式会社さくらは個人情報を大切にします。</p>');
    expect(page.text).toContain('<p>お問い合わせ窓口: privacy@sakura.example.jp</p>');
    expect(page.text).not.toContain('会社名・電話番号');
  });
});
