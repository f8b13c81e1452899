#!/usr/bin/env node
// Runs the benchmarks in test/bench/: `npm run bench` runs all, `npm run bench -- calendar` one.
// Each benchmark prints a table and, as its last line, one JSON object with its headline figures.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const benchDir = join(__dirname, '..', 'test', 'bench');
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ') || 'none'}`);
  process.exit(2);
}
// Some benchmarks run the compiled app (Nest needs the decorator metadata tsc emits).
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = false;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n## bench: ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, `${name}.bench.ts`)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
