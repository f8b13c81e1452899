import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { CalendarService, civilDateOf } from '@madoguchi/business-calendar';
import { DomainError, type Principal, SYSTEM_CONTEXT } from '@madoguchi/common';
import { validateConfig } from '@madoguchi/config';
import { DirectoryRepository, OrganizationService, principalOf, UserService } from '@madoguchi/identity';
import { DisclosureService } from '@madoguchi/kpi';
import { PlatformModule } from '@madoguchi/platform';
import { AgentPresenceService, CallQueryService, ImportRunnerService, ImportUploadService } from '@madoguchi/telephony';
import { InquiryService, TicketCommandService, TicketQueryService } from '@madoguchi/tickets';

import { DemoClock, seedNotices } from './demo-notices';
import { DEMO_AGENTS, demoQueueLog } from './demo-phone-log';

/** The demo desk: Japanese customer companies, their contacts, and the support staff. */
const ORGANIZATIONS = [
  { code: 'SAKURA', name: '株式会社さくら商事' },
  { code: 'MOMIJI', name: '有限会社もみじ工業' },
  { code: 'TSUBAKI', name: '合同会社つばきソフト' },
];

/** Who the seeder reads as: it sees everything, as an admin does. It writes as the system. */
const DEMO_READER: Principal = {
  userId: 'demo',
  email: 'demo',
  name: 'demo',
  role: 'admin',
  organizationId: null,
  language: 'ja',
};

const DEMO_PASSWORD = 'madoguchi demo 2026';

const PEOPLE = [
  { email: 'admin@demo.madoguchi.jp', name: '管理 太郎', role: 'admin' },
  { email: 'manager@demo.madoguchi.jp', name: '佐藤 美咲', role: 'manager' },
  { email: 'agent1@demo.madoguchi.jp', name: '鈴木 一郎', role: 'agent' },
  { email: 'agent2@demo.madoguchi.jp', name: '高橋 結衣', role: 'agent', language: 'en' },
  { email: 'yamada@sakura.example.jp', name: '山田 花子', role: 'customer', organization: 'SAKURA' },
  { email: 'ito@sakura.example.jp', name: '伊藤 健', role: 'customer', organization: 'SAKURA' },
  { email: 'kobayashi@momiji.example.jp', name: '小林 大輔', role: 'customer', organization: 'MOMIJI' },
  {
    email: 'nakamura@tsubaki.example.jp',
    name: '中村 さくら',
    role: 'customer',
    organization: 'TSUBAKI',
    language: 'en',
  },
] as const;

/** `npm run demo`: seeds the embedded database (or DATABASE_URL) with a living desk; safe to run twice. */
async function main(): Promise<void> {
  const config = validateConfig({ ...process.env, RUN_WORKERS: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const clock = new DemoClock();
  const app = await NestFactory.createApplicationContext(PlatformModule.forRoot(config, { clock }), {
    logger: ['error', 'warn'],
  });
  try {
    const directory = app.get(DirectoryRepository);
    const organizations = app.get(OrganizationService);
    const users = app.get(UserService);
    const context = { ...SYSTEM_CONTEXT, userAgent: 'npm run demo' };

    const existing = await directory.organizations(DEMO_READER, { includeInactive: true });
    const idByCode = new Map(existing.map((o) => [o.code, o.id]));
    for (const organization of ORGANIZATIONS) {
      if (!idByCode.has(organization.code))
        idByCode.set(organization.code, (await organizations.create(context, organization)).id);
    }
    for (const person of PEOPLE) {
      if (await directory.userByEmail(person.email)) continue;
      await users.create(context, {
        email: person.email,
        name: person.name,
        password: DEMO_PASSWORD,
        role: person.role,
        organizationId: 'organization' in person ? idByCode.get(person.organization) : undefined,
        language: 'language' in person ? person.language : 'ja',
      });
    }
    await seedTickets(app);
    await seedCalls(app);
    await seedNotices(app, clock, await managerContext(app));
    await publishLastMonth(app);
    console.log(
      `Demo data is in ${config.DATABASE_URL ? 'DATABASE_URL' : `${config.DATA_DIR}/pglite`}. Sign in at ${config.PUBLIC_BASE_URL}/login with:`,
    );
    console.table(PEOPLE.map((p) => ({ email: p.email, password: DEMO_PASSWORD, role: p.role, name: p.name })));
  } finally {
    await app.close();
  }
}

const SUBJECTS = [
  ['ログインできません', '本日朝からログインできません。パスワードは正しいはずです。'],
  ['請求書の宛名変更', '来月分から請求書の宛名を経理部に変更したいです。'],
  ['CSV エクスポートが途中で止まる', '10万件を超えるとエクスポートが途中で止まります。'],
  ['API のレート制限について', 'API の1分あたりの上限を教えてください。'],
  ['ユーザーの追加方法', '新しい担当者のアカウントを追加するには？'],
  ['Invoice in English', 'Could we receive our invoices in English from next month?'],
] as const;

/** A few hundred tickets over the last three months, in every state, with threads. */
async function seedTickets(app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>): Promise<void> {
  const directory = app.get(DirectoryRepository);
  if ((await app.get(TicketQueryService).list(DEMO_READER, {}, 1)).items.length > 0) return;
  const users = await directory.users(DEMO_READER);
  const customers = users.filter((u) => u.role === 'customer');
  const agents = users.filter((u) => u.role === 'agent');
  const inquiries = app.get(InquiryService);
  const commands = app.get(TicketCommandService);
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const now = Date.now();
  for (let n = 0; n < 300; n += 1) {
    const customer = pick(customers);
    const [subject, body] = pick(SUBJECTS);
    const createdAt = now - Math.floor(random() * 90 * 86_400_000);
    const asCustomer = { actor: principalOf(customer), ip: null, userAgent: 'npm run demo', requestId: null };
    const receipt = await inquiries.submit(
      asCustomer,
      { name: customer.name, email: customer.email, subject, body, language: customer.language },
      undefined,
      createdAt,
    );
    const state = random();
    if (state < 0.15) continue; // still new
    const asAgent = { actor: principalOf(pick(agents)), ip: null, userAgent: 'npm run demo', requestId: null };
    const answeredAt = Math.min(now, createdAt + Math.floor((1 + random() * 5) * 3_600_000));
    await commands.addMessage(
      asAgent,
      receipt.id,
      { body: 'お問い合わせありがとうございます。確認のうえご連絡いたします。' },
      answeredAt,
    );
    if (state < 0.3) continue; // open
    if (state < 0.45) {
      await commands.update(asAgent, receipt.id, { status: 'pending' }, Math.min(now, answeredAt + 3_600_000));
      continue;
    }
    await commands.update(asAgent, receipt.id, { status: 'solved' }, Math.min(now, answeredAt + 86_400_000));
    if (state > 0.8)
      await commands.update(asAgent, receipt.id, { status: 'closed' }, Math.min(now, answeredAt + 5 * 86_400_000));
  }
}

/** Three months of PBX log for the desk's open hours, imported as a manager would; agents linked to users. */
async function seedCalls(app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>): Promise<void> {
  if ((await app.get(CallQueryService).list({}, 1)).items.length > 0) return;
  const directory = app.get(DirectoryRepository);
  const staff = await directory.users(DEMO_READER);
  const manager = staff.find((u) => u.role === 'manager')!;
  const agents = staff.filter((u) => u.role === 'agent');
  const asManager = { actor: principalOf(manager), ip: null, userAgent: 'npm run demo', requestId: null };
  const presence = app.get(AgentPresenceService);
  for (const [index, agent] of agents.entries()) await presence.link(asManager, DEMO_AGENTS[index]!, agent.id);
  const calendar = await app.get(CalendarService).calendar('support-hours');
  const now = Date.now();
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const lines = demoQueueLog(calendar.openIntervals(now - 92 * 86_400_000, now), random);
  const upload = (async function* () {
    for (let n = 0; n < lines.length; n += 1000) yield Buffer.from(`${lines.slice(n, n + 1000).join('\n')}\n`);
  })();
  const received = await app
    .get(ImportUploadService)
    .receive(asManager, 'asterisk-queue-log', upload, 'demo-queue_log');
  const report = await app.get(ImportRunnerService).run(received.id);
  console.log(`Imported ${report?.linesRead} PBX log lines: ${report?.callsCreated} calls.`);
}

async function managerContext(app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) {
  const manager = (await app.get(DirectoryRepository).users(DEMO_READER)).find((u) => u.role === 'manager')!;
  return { actor: principalOf(manager), ip: null, userAgent: 'npm run demo', requestId: null };
}

/** Last month's disclosure report, published and shown on the public page. */
async function publishLastMonth(app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>): Promise<void> {
  const zone = await app.get(CalendarService).timeZone('support-hours');
  const today = civilDateOf(Date.now(), zone);
  const index = today.year * 12 + today.month - 2;
  const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  const disclosures = app.get(DisclosureService);
  if (await disclosures.published(month)) return;
  const asManager = await managerContext(app);
  try {
    await disclosures.publish(asManager, month, true);
    console.log(`Published the ${month} disclosure report (public page: /disclosures).`);
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'unavailable')) throw error;
    console.warn(`Did not publish the ${month} disclosure report: ${error.message}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
