import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { ApiClient } from '../support/api-client';
import { type AppProcess, spawnAppProcess } from '../support/app-process';
import { type FaultServices, startFaultServices } from '../support/fault-services';
import { publishIncident, settledDelivery } from '../support/notice-delivery';
import { seedSubscribers } from '../support/seed-subscribers';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const SUBSCRIBERS = 1_000;
const TICK_SECONDS = 2;
const LEASE_SECONDS = 4;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One row of the table as this run measured it. */
type FaultRow = { fault: string } & Record<string, number | string>;
const table: FaultRow[] = [];

/**
 * Service mode as it runs in production: API and worker processes of their own (started from the
 * sources, killed with kill -9), on a PostgreSQL server and a redis-server of the suite's own, and a
 * real SMTP server that goes away or goes silent. Retry schedules and timers are shortened through
 * settings (ticks of 2 s, retries from 1 s doubling to 5 s, leases of 4 s), so minutes become seconds:
 * a 40-s outage is eight tries of the schedule, as an 8-minute one is with the defaults.
 */
describe('fault injection: processes killed with kill -9, started together, and the mail server away or silent', () => {
  let services: FaultServices;
  let dataDir: string;
  let settings: Record<string, string>;
  let database: DataSource;
  let sink: SmtpSink;
  let smtpPort: number;
  let subscribers: string[];
  let sequence = 0;
  const running: AppProcess[] = [];
  /** Transactions the SMTP server stays silent on before it replies, and for how long. */
  let silence: { transactions: Set<number>; ms: number } = { transactions: new Set(), ms: 0 };

  const newSink = () =>
    new SmtpSink({
      beforeReply: (transaction) => (silence.transactions.has(transaction) ? sleep(silence.ms) : undefined),
    });
  const alive = (kind: AppProcess['kind']) =>
    running.filter((process) => process.kind === kind && process.child.exitCode === null && !process.child.killed);
  const start = async (kind: AppProcess['kind']) => {
    const process = await spawnAppProcess(kind, settings);
    running.push(process);
    return process;
  };
  const signedIn = async (api: AppProcess) => {
    const client = new ApiClient(api.url);
    return client.as(await client.login(ADMIN.email, ADMIN.password));
  };

  /** Posts `count` inquiries with an Idempotency-Key each, as a careful client does; their addresses. */
  async function inquire(client: ApiClient, count: number): Promise<string[]> {
    const emails: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const email = `inquiry${(sequence += 1)}@sakura.example.jp`;
      const response = await client.request(
        'POST',
        '/api/v1/inquiries',
        { name: '山田 花子', email, subject: `障害試験 ${sequence}`, body: 'ログインできません。', consent: true },
        { 'idempotency-key': `inquiry-${sequence}` },
      );
      expect(response.status).toBe(201);
      emails.push(email);
    }
    return emails;
  }

  /** How many accepted copies each address got (0: lost). */
  function copiesOf(addresses: string[]): { lost: number; duplicated: number } {
    const copies = sink.copiesByRecipient();
    const counts = addresses.map((address) => copies.get(address)?.copies ?? 0);
    return { lost: counts.filter((n) => n === 0).length, duplicated: counts.filter((n) => n > 1).length };
  }

  beforeAll(async () => {
    services = await startFaultServices();
    dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-faults-'));
    sink = newSink();
    const smtpUrl = await sink.start();
    smtpPort = Number(new URL(smtpUrl).port);
    settings = {
      REDIS_URL: services.redis.url,
      SMTP_URL: smtpUrl,
      DATA_DIR: dataDir,
      INITIAL_ADMIN_EMAIL: ADMIN.email,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      // Signed in with the password alone: the second factor is tested on its own.
      SECOND_FACTOR_REQUIRED: 'none',
      INQUIRY_RATE_LIMIT_PER_MINUTE: '100000',
      NOTICE_TICK_SECONDS: String(TICK_SECONDS),
      NOTICE_LEASE_SECONDS: String(LEASE_SECONDS),
      SMTP_TIMEOUT_SECONDS: '20',
      MAIL_RETRY_BASE_SECONDS: '1',
      MAIL_RETRY_MAX_DELAY_SECONDS: '5',
      MAIL_GIVE_UP_HOURS: '1',
      LOG_LEVEL: 'error',
    };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(running.map((process) => process.kill()));
    await database?.destroy();
    await sink?.stop();
    await services?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (table.length > 0) console.log(`fault-injection results (processes):\n${JSON.stringify(table, null, 2)}`);
  }, 60_000);

  it('two APIs and two workers started at once on an empty database, three times: every process serves, one initial admin', async () => {
    const rounds = 3;
    let exited = 0;
    for (let round = 1; round <= rounds; round += 1) {
      const url = await services.migratedDatabase(`first_start_${round}`);
      // A queue prefix per round: a job left by a killed round never reaches the next round's database.
      settings = { ...settings, DATABASE_URL: url, QUEUE_PREFIX: `round${round}` };
      const started = await Promise.allSettled(
        (['api', 'api', 'worker', 'worker'] as const).map((kind) => spawnAppProcess(kind, settings)),
      );
      const processes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      exited += started.length - processes.length;
      const check = await new DataSource({ type: 'postgres', url }).initialize();
      const users = (await check.query(`SELECT email FROM app_user`)) as Array<{ email: string }>;
      if (round < rounds) {
        await check.destroy();
        await Promise.all(processes.map((process) => process.kill()));
      } else {
        database = check;
        running.push(...processes);
      }
      expect(started.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(users).toEqual([{ email: ADMIN.email }]);
    }
    table.push({ fault: 'two APIs and two workers started at once on an empty database', rounds, exited });
    // Every process of the last round answers as the initial admin.
    for (const api of alive('api')) expect(await signedIn(api)).toBeInstanceOf(ApiClient);
    expect(alive('worker')).toHaveLength(2);
  }, 300_000);

  it('the mail server away for 40 s under a notice to 1,000 and 20 inquiries: nothing given up, each delivered once when it is back', async () => {
    subscribers = await seedSubscribers(settings.DATABASE_URL!, SUBSCRIBERS);
    const [first, second] = alive('api');
    const manager = await signedIn(first!);
    await sink.stop();
    const awayAt = Date.now();
    const id = await publishIncident(manager, '管理コンソール停止');
    const inquiries = await inquire(new ApiClient(second!.url), 20);
    await sleep(Math.max(0, awayAt + 40_000 - Date.now()));

    // Tried over and over while the server was away, and still owned by their rows.
    const [away] = (await database.query(
      `SELECT (SELECT max(attempts) FROM notice_batch WHERE notice_id IN
                (SELECT id FROM notice WHERE subject_id = $1))::int AS "batchTries",
              (SELECT max(attempts) FROM mail_outbox)::int AS "messageTries",
              (SELECT count(*) FROM mail_outbox WHERE status <> 'pending')::int AS "messagesSettled"`,
      [id],
    )) as Array<{ batchTries: number; messageTries: number; messagesSettled: number }>;
    expect((await manager.get(`/api/v1/incidents/${id}`)).json.delivery).toMatchObject({ sent: 0, gaveUp: 0 });
    expect(away).toMatchObject({ batchTries: expect.any(Number), messagesSettled: 0 });
    expect(away!.batchTries).toBeGreaterThan(2);
    expect(away!.messageTries).toBeGreaterThan(2);

    sink = newSink();
    await sink.start(smtpPort);
    const backAt = Date.now();
    const delivery = await settledDelivery(manager, `/api/v1/incidents/${id}`);
    await waitFor(() => copiesOf(inquiries).lost === 0, 'every acknowledgement at the SMTP server', 120_000);
    const secondsAfterReturn = (Date.now() - backAt) / 1000;
    await sleep(2 * TICK_SECONDS * 1000); // a late second copy would arrive by now

    const notice = copiesOf(subscribers);
    const acknowledgements = copiesOf(inquiries);
    table.push({
      fault: 'SMTP server away for 40 s (retries 1 s doubling to 5 s)',
      recipients: SUBSCRIBERS,
      inquiries: inquiries.length,
      ...away!,
      noticeLost: notice.lost,
      noticeDuplicated: notice.duplicated,
      acknowledgementsLost: acknowledgements.lost,
      acknowledgementsDuplicated: acknowledgements.duplicated,
      gaveUp: delivery.gaveUp,
      secondsAfterReturn,
    });
    expect(delivery).toEqual({ total: SUBSCRIBERS, sent: SUBSCRIBERS, pending: 0, failed: 0, gaveUp: 0 });
    expect({ notice, acknowledgements }).toEqual({
      notice: { lost: 0, duplicated: 0 },
      acknowledgements: { lost: 0, duplicated: 0 },
    });
  }, 300_000);

  it('a mail server silent for three leases on five transactions of a notice: nobody gets it twice', async () => {
    const manager = await signedIn(alive('api')[0]!);
    const before = sink.transactions;
    silence = { transactions: new Set([1, 3, 5, 7, 9].map((n) => before + n)), ms: 3 * LEASE_SECONDS * 1000 };
    sink.received.length = 0;
    try {
      const id = await publishIncident(manager, '請求画面の表示遅延');
      const delivery = await settledDelivery(manager, `/api/v1/incidents/${id}`);
      await sleep(LEASE_SECONDS * 1000 + 2 * TICK_SECONDS * 1000); // past a lease: a second sender would have sent by now
      const notice = copiesOf(subscribers);
      table.push({
        fault: `SMTP server silent ${silence.ms / 1000} s (lease ${LEASE_SECONDS} s) on 5 transactions`,
        recipients: SUBSCRIBERS,
        transactions: sink.transactions - before,
        noticeLost: notice.lost,
        noticeDuplicated: notice.duplicated,
      });
      // The silent transactions were among them, and each outlived three leases.
      expect(sink.transactions - before).toBeGreaterThanOrEqual(9);
      expect(delivery).toMatchObject({ sent: SUBSCRIBERS, pending: 0, gaveUp: 0 });
      expect(notice).toEqual({ lost: 0, duplicated: 0 });
    } finally {
      silence = { transactions: new Set(), ms: 0 };
    }
  }, 300_000);

  it('an API killed with kill -9 in a burst of inquiries: every inquiry stored once and acknowledged once', async () => {
    const [doomed, survivor] = alive('api');
    const [toDoomed, toSurvivor] = [new ApiClient(doomed!.url), new ApiClient(survivor!.url)];
    sink.received.length = 0;
    const emails = Array.from({ length: 40 }, () => `burst${(sequence += 1)}@sakura.example.jp`);
    let accepted = 0;
    let retried = 0;
    let inFlightAtDoomed = 0;
    let gone = false;
    let kill: Promise<void> | undefined;
    /**
     * Halfway, inserts into ticket are held (a lock the test takes) until requests are waiting
     * inside the doomed process, which is then killed: they die mid-transaction, unanswered.
     */
    const killWithRequestsInside = async () => {
      const lock = database.createQueryRunner();
      await lock.startTransaction();
      await lock.query('LOCK TABLE ticket IN EXCLUSIVE MODE');
      await waitFor(() => inFlightAtDoomed > 0, 'a request inside the doomed API', 10_000);
      await sleep(200);
      await doomed!.kill();
      gone = true;
      await lock.commitTransaction();
      await lock.release();
    };
    const send = async (email: string, n: number) => {
      const body = { name: '山田 花子', email, subject: '障害試験', body: 'ログインできません。', consent: true };
      // A load balancer's way: alternate, and after a failure send it to the survivor, same key.
      let client = !gone && n % 2 === 0 ? toDoomed : toSurvivor;
      for (;;) {
        if (client === toDoomed) inFlightAtDoomed += 1;
        const response = await client
          .request('POST', '/api/v1/inquiries', body, { 'idempotency-key': `key-${email.split('@')[0]}` })
          .catch(() => undefined) // the connection died with the process
          .finally(() => client === toDoomed && (inFlightAtDoomed -= 1));
        if (response) {
          expect({ email, status: response.status, problem: response.json }).toMatchObject({ status: 201 });
          break;
        }
        retried += 1;
        client = toSurvivor;
      }
      if ((accepted += 1) === emails.length / 2) kill = killWithRequestsInside();
    };
    // Four clients at once, ten inquiries each.
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let n = lane; n < emails.length; n += 4) await send(emails[n]!, n);
      }),
    );
    await kill;
    await waitFor(() => copiesOf(emails).lost === 0, 'every acknowledgement at the SMTP server', 120_000);
    await sleep(2 * TICK_SECONDS * 1000);
    const stored = (await database.query(
      `SELECT requester_email AS email, count(*)::int AS tickets FROM ticket
        WHERE requester_email = ANY($1) GROUP BY 1`,
      [emails],
    )) as Array<{ email: string; tickets: number }>;
    const acknowledgements = copiesOf(emails);
    table.push({
      fault: 'API kill -9 in a burst of 40 inquiries',
      inquiries: emails.length,
      failedAtKill: retried,
      stored: stored.length,
      storedTwice: stored.filter((row) => row.tickets > 1).length,
      acknowledgementsLost: acknowledgements.lost,
      acknowledgementsDuplicated: acknowledgements.duplicated,
    });
    expect(retried).toBeGreaterThan(0);
    expect(stored.sort((a, b) => a.email.localeCompare(b.email))).toEqual(
      [...emails].sort((a, b) => a.localeCompare(b)).map((email) => ({ email, tickets: 1 })),
    );
    expect(acknowledgements).toEqual({ lost: 0, duplicated: 0 });
    await start('api'); // back to two, as a supervisor would restart it
  }, 300_000);

  it('every worker killed with kill -9 across a maintenance start notice’s due time: it goes out within a tick of a worker being back', async () => {
    const manager = await signedIn(alive('api')[0]!);
    const serviceId = ((await manager.get('/api/v1/services')).json.items as Array<{ id: string }>)[0]!.id;
    // A Sunday night eight months ahead: planned work, announced in time, outside support hours.
    const day = new Date(Date.now() + 240 * 86_400_000);
    day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
    const at = (hour: number) => `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+09:00`;
    const announced = await manager.post('/api/v1/maintenances', {
      title: 'データベース更新',
      serviceIds: [serviceId],
      startsAt: at(1),
      endsAt: at(5),
      kind: 'planned',
      message: { ja: 'データベース更新のため停止します。', en: 'Stopping for a database upgrade.' },
    });
    expect(announced.status).toBe(201);
    const maintenanceId = announced.json.id as string;
    await settledDelivery(manager, `/api/v1/maintenances/${maintenanceId}`);

    // The start is months away; the test brings its due time to a few seconds from now.
    const dueAt = Date.now() + 6_000;
    await database.query(`UPDATE maintenance_schedule SET due_at = $3 WHERE maintenance_id = $1 AND kind = $2`, [
      maintenanceId,
      'start',
      new Date(dueAt),
    ]);
    await sleep(dueAt - 1_500 - Date.now());
    await Promise.all(alive('worker').map((worker) => worker.kill()));
    await sleep(dueAt + 3_000 - Date.now()); // no worker at the due time
    await start('worker');
    const backAt = Date.now();

    let noticeId: string | null = null;
    await waitFor(
      async () => {
        const [row] = (await database.query(
          `SELECT notice_id AS "noticeId" FROM maintenance_schedule WHERE maintenance_id = $1 AND kind = 'start'`,
          [maintenanceId],
        )) as Array<{ noticeId: string | null }>;
        noticeId = row!.noticeId;
        return noticeId !== null;
      },
      'the start notice written',
      60_000,
    );
    const startNotices = () =>
      sink.received.filter((mail) => mail.parsed.headers.get('x-madoguchi-notice') === noticeId);
    await waitFor(
      () => new Set(startNotices().flatMap((mail) => mail.envelopeTo)).size === SUBSCRIBERS,
      'the start notice at every subscriber',
      120_000,
    );
    await start('worker');
    const firstAt = Math.min(...startNotices().map((mail) => mail.receivedAt));
    const lastAt = Math.max(...startNotices().map((mail) => mail.receivedAt));
    const copies = startNotices().flatMap((mail) => mail.envelopeTo).length;
    table.push({
      fault: 'every worker kill -9 across a maintenance start notice’s due time (back 3 s after it)',
      recipients: SUBSCRIBERS,
      tickSeconds: TICK_SECONDS,
      secondsFromWorkerBackToFirstMail: (firstAt - backAt) / 1000,
      secondsFromDueToLastMail: (lastAt - dueAt) / 1000,
      duplicated: copies - SUBSCRIBERS,
    });
    expect(copies).toBe(SUBSCRIBERS);
    // Within a tick of the worker's return (and the time its first batch takes), not minutes.
    expect(firstAt - backAt).toBeLessThan((TICK_SECONDS + 5) * 1000);
  }, 300_000);
});
