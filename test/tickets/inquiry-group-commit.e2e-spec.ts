import { DataSource } from 'typeorm';

import { SYSTEM_CONTEXT } from '@madoguchi/common';
import { InquiryService, InquiryWriterService } from '@madoguchi/tickets';

import {
  createMigratedTestDatabase,
  describeWithServices,
  TEST_REDIS_URL,
  type TestDatabase,
  uniqueQueuePrefix,
} from '../support/services';
import { startTestApp, type TestApp } from '../support/test-app';

const inquiry = (subject: string) => ({
  name: '山田 花子',
  email: 'yamada@sakura.example.jp',
  subject,
  body: '本日朝からログインできません。',
});

/** Inquiries arriving together are written together (group commit), each still with all its rows. */
describeWithServices('inquiries written in batches (Postgres + Redis)', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    t = await startTestApp({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      INQUIRY_RATE_LIMIT_PER_MINUTE: '100000',
    });
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  async function count(sql: string): Promise<number> {
    const [row] = (await t.app.get(DataSource).query(sql)) as Array<{ count: number }>;
    return Number(row!.count);
  }

  it('40 concurrent requests: 40 tickets, each with its message, event, audit entry and acknowledgement', async () => {
    const before = await count(`SELECT count(*) FROM ticket`);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        t.api.request('POST', '/api/v1/inquiries', { ...inquiry(`同時 ${index}`), consent: true }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(201));
    const ids = answers.map((answer) => answer.json.id as string);
    const numbers = answers.map((answer) => answer.json.number as string);
    expect(new Set(ids).size).toBe(40);
    expect(new Set(numbers).size).toBe(40);
    expect(await count(`SELECT count(*) FROM ticket`)).toBe(before + 40);
    const idList = `'${ids.join("','")}'`;
    expect(await count(`SELECT count(*) FROM ticket_message WHERE ticket_id IN (${idList})`)).toBe(40);
    expect(await count(`SELECT count(*) FROM ticket_event WHERE kind = 'create' AND ticket_id IN (${idList})`)).toBe(
      40,
    );
    expect(
      await count(`SELECT count(*) FROM audit_event WHERE action = 'ticket.create' AND target_id IN (${idList})`),
    ).toBe(40);
    expect(
      await count(
        `SELECT count(*) FROM mail_outbox WHERE dedup_key IN (${ids.map((id) => `'ticket-ack.${id}'`).join(',')})`,
      ),
    ).toBe(40);
    // Each answer is what was stored.
    for (const answer of answers) {
      const [row] = (await t.app
        .get(DataSource)
        .query(`SELECT number, subject FROM ticket WHERE id = $1`, [answer.json.id])) as Array<{
        number: string;
        subject: string;
      }>;
      expect(row!.number).toBe(answer.json.number);
    }
  });

  it('a batch holding a repeated Idempotency-Key is written inquiry by inquiry: the others are kept, the repeat gets the first answer', async () => {
    const writer = t.app.get(InquiryWriterService);
    const batches: number[][] = [];
    // Instrumented, not replaced: the first batch is held until all five inquiries have reached the
    // writer, so the other four are certain to go together in the second.
    type Batch = Array<{ prepared: { opened: { number: string } } }>;
    const hooks = writer as unknown as {
      writeBatch: (batch: Batch) => Promise<unknown>;
      write: InquiryWriterService['write'];
    };
    const writeBatch = hooks.writeBatch.bind(writer);
    const write = hooks.write.bind(writer);
    let arrived = 0;
    let allArrived!: () => void;
    const allHere = new Promise<void>((resolve) => (allArrived = resolve));
    hooks.write = (pending) => {
      arrived += 1;
      if (arrived === 5) allArrived();
      return write(pending);
    };
    hooks.writeBatch = async (batch) => {
      batches.push(batch.map((item) => Number(item.prepared.opened.number.slice(-6))));
      if (batches.length === 1) await allHere;
      return writeBatch(batch);
    };
    const inquiries = t.app.get(InquiryService);
    // The first goes alone; the others arrive while it is written and go as one batch.
    const results = await Promise.allSettled([
      inquiries.submit(SYSTEM_CONTEXT, inquiry('一件目')),
      inquiries.submit(SYSTEM_CONTEXT, inquiry('キー付き'), 'same-key'),
      inquiries.submit(SYSTEM_CONTEXT, inquiry('キー付き'), 'same-key'),
      inquiries.submit(SYSTEM_CONTEXT, inquiry('三件目')),
      inquiries.submit(SYSTEM_CONTEXT, inquiry('四件目')),
    ]);
    expect(results.map((result) => result.status)).toEqual(Array(5).fill('fulfilled'));
    const receipts = results.map((result) => (result as PromiseFulfilledResult<{ id: string }>).value);
    expect(receipts[2]!.id).toBe(receipts[1]!.id);
    expect(new Set(receipts.map((receipt) => receipt.id)).size).toBe(4);
    // The batch with both keyed inquiries failed as a whole and was written one by one.
    expect(batches.map((batch) => batch.length)).toEqual([1, 4]);
    const ids = `'${receipts.map((receipt) => receipt.id).join("','")}'`;
    expect(await count(`SELECT count(*) FROM ticket WHERE id IN (${ids})`)).toBe(4);
    expect(await count(`SELECT count(*) FROM idempotency_key WHERE key = 'same-key'`)).toBe(1);
    expect(
      await count(
        `SELECT count(*) FROM mail_outbox WHERE dedup_key LIKE 'ticket-ack.%' AND dedup_key IN (${receipts
          .map((receipt) => `'ticket-ack.${receipt.id}'`)
          .join(',')})`,
      ),
    ).toBe(4);
  });
});
