/**
 * Business-time arithmetic: our BusinessCalendar against moment-business-time configured with the
 * same hours (weekdays 9–12, 13–17 Asia/Tokyo) and the same Japanese holidays, on identical random
 * inputs, for spans of 1 day, 30 days and 1 year. Also counts how many results of each agree with
 * the day-walking reference used by the property tests.
 */
process.env.TZ = 'Asia/Tokyo';

/* eslint-disable @typescript-eslint/no-require-imports */
import { BusinessCalendar, holidaySource, SUPPORT_HOURS } from '@madoguchi/business-calendar';

import { DayWalkingReference } from '../support/day-walking-reference';

const moment = require('moment');
require('moment-business-time');

const DAY = 86_400_000;
const SPANS = [
  { name: '1 day', ms: DAY, baselineOps: 3000 },
  { name: '30 days', ms: 30 * DAY, baselineOps: 400 },
  { name: '1 year', ms: 365 * DAY, baselineOps: 60 },
];
const OPS = Number(process.env.BENCH_OPS ?? 300_000);

function configureBaseline(): void {
  const lunchBreakDay = ['09:00:00', '12:00:00', '13:00:00', '17:00:00'];
  const holidays: string[] = [];
  const source = holidaySource('jp');
  for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2029, 0, 1); day += DAY) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (source.holidayName(date)) holidays.push(date);
  }
  moment.updateLocale('en', {
    workinghours: {
      0: null,
      1: lunchBreakDay,
      2: lunchBreakDay,
      3: lunchBreakDay,
      4: lunchBreakDay,
      5: lunchBreakDay,
      6: null,
    },
    holidays,
  });
}

/** Deterministic pseudo-random instants in 2026 on a one-minute grid. */
function randomInstants(count: number, seed: number): number[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const start = Date.UTC(2025, 11, 31, 15);
  return Array.from({ length: count }, () => start + Math.floor(next() * 365 * 24 * 60) * 60_000);
}

function opsPerSecond(count: number, run: (index: number) => void): number {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) run(index);
  return count / ((performance.now() - started) / 1000);
}

function main(): void {
  configureBaseline();
  const calendar = new BusinessCalendar(SUPPORT_HOURS);
  const reference = new DayWalkingReference(SUPPORT_HOURS);
  calendar.businessTimeBetween(Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1)); // build the years once, outside timing
  const rows = [];
  const summary: Record<string, number> = {};
  let sink = 0;

  for (const span of SPANS) {
    const starts = randomInstants(OPS, 7 + span.ms / DAY);
    const durations = starts.map((start) => calendar.businessTimeBetween(start, start + span.ms));
    const between = opsPerSecond(OPS, (i) => (sink += calendar.businessTimeBetween(starts[i]!, starts[i]! + span.ms)));
    const add = opsPerSecond(OPS, (i) => (sink += calendar.addBusinessTime(starts[i]!, durations[i]!)));

    const sample = starts.slice(0, span.baselineOps);
    const baselineDiffs: number[] = [];
    const baselineBetween = opsPerSecond(sample.length, (i) =>
      baselineDiffs.push(moment(sample[i]! + span.ms).workingDiff(moment(sample[i]!), 'milliseconds')),
    );
    const baselineAdds: number[] = [];
    const baselineAdd = opsPerSecond(sample.length, (i) =>
      baselineAdds.push(moment(sample[i]!).addWorkingTime(durations[i]!, 'milliseconds').valueOf()),
    );

    const expected = sample.map((start) => reference.between(start, start + span.ms));
    const expectedAdds = sample.map((start, i) => reference.add(start, durations[i]!));
    const oursAgree = sample.filter(
      (start, i) => calendar.businessTimeBetween(start, start + span.ms) === expected[i],
    ).length;
    const oursAddAgree = sample.filter(
      (start, i) => calendar.addBusinessTime(start, durations[i]!) === expectedAdds[i],
    ).length;
    const baselineAgree = baselineDiffs.filter((diff, i) => diff === expected[i]).length;
    const baselineAddAgree = baselineAdds.filter((at, i) => at === expectedAdds[i]).length;

    rows.push(
      {
        function: 'businessTimeBetween',
        span: span.name,
        'ours ops/s': Math.round(between),
        'baseline ops/s': Math.round(baselineBetween),
        ratio: Math.round(between / baselineBetween),
        'ours agree': `${oursAgree}/${sample.length}`,
        'baseline agree': `${baselineAgree}/${sample.length}`,
      },
      {
        function: 'addBusinessTime',
        span: span.name,
        'ours ops/s': Math.round(add),
        'baseline ops/s': Math.round(baselineAdd),
        ratio: Math.round(add / baselineAdd),
        'ours agree': `${oursAddAgree}/${sample.length}`,
        'baseline agree': `${baselineAddAgree}/${sample.length}`,
      },
    );
    const key = span.name.replace(' ', '');
    summary[`between_${key}`] = Math.round(between);
    summary[`add_${key}`] = Math.round(add);
    summary[`baselineBetween_${key}`] = Math.round(baselineBetween);
    summary[`baselineAdd_${key}`] = Math.round(baselineAdd);
    summary[`baselineBetweenAgreePct_${key}`] = Math.round((100 * baselineAgree) / sample.length);
    summary[`oursAgreePct_${key}`] = Math.round((100 * (oursAgree + oursAddAgree)) / (2 * sample.length));
  }
  console.table(rows);
  const betweenOps = Math.min(summary.between_1day!, summary.between_30days!, summary.between_1year!);
  const addOps = Math.min(summary.add_1day!, summary.add_30days!, summary.add_1year!);
  const ratio = Math.min(
    ...SPANS.map((s) => s.name.replace(' ', '')).flatMap((k) => [
      summary[`between_${k}`]! / summary[`baselineBetween_${k}`]!,
      summary[`add_${k}`]! / summary[`baselineAdd_${k}`]!,
    ]),
  );
  console.log(`(checksum ${sink % 997})`);
  console.log(
    JSON.stringify({
      bench: 'calendar',
      opsPerSec: betweenOps,
      addOpsPerSec: addOps,
      baselineOpsPerSec: Math.min(
        summary.baselineBetween_1day!,
        summary.baselineBetween_30days!,
        summary.baselineBetween_1year!,
      ),
      ratio: Math.round(ratio),
      yearOverDayCost: Number((summary.between_1day! / summary.between_1year!).toFixed(2)),
      ...summary,
    }),
  );
}

main();
