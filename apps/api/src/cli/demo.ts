import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { SYSTEM_CONTEXT } from '@madoguchi/common';
import { validateConfig } from '@madoguchi/config';
import { DirectoryRepository, OrganizationUseCases, UserUseCases } from '@madoguchi/identity';
import { PlatformModule } from '@madoguchi/platform';

/** The demo desk: Japanese customer companies, their contacts, and the support staff. */
const ORGANIZATIONS = [
  { code: 'SAKURA', name: '株式会社さくら商事' },
  { code: 'MOMIJI', name: '有限会社もみじ工業' },
  { code: 'TSUBAKI', name: '合同会社つばきソフト' },
];

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
  const app = await NestFactory.createApplicationContext(PlatformModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const directory = app.get(DirectoryRepository);
    const organizations = app.get(OrganizationUseCases);
    const users = app.get(UserUseCases);
    const context = { ...SYSTEM_CONTEXT, userAgent: 'npm run demo' };
    const system = {
      userId: 'demo',
      email: 'demo',
      name: 'demo',
      role: 'admin' as const,
      organizationId: null,
      language: 'ja' as const,
    };

    const existing = await directory.organizations(system, { includeInactive: true });
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
    console.log(
      `Demo data is in ${config.DATABASE_URL ? 'DATABASE_URL' : `${config.DATA_DIR}/pglite`}. Sign in at ${config.PUBLIC_BASE_URL}/login with:`,
    );
    console.table(PEOPLE.map((p) => ({ email: p.email, password: DEMO_PASSWORD, role: p.role, name: p.name })));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
