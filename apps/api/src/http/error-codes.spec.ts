import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { ERROR_CODES, errorCodeTable } from './error-codes';
import { STATUS_BY_KIND } from './problem-details.filter';

const ROOT = join(__dirname, '../../../..');

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/spec\.ts$/.test(entry.name) && !path.endsWith('error-codes.ts') ? [path] : [];
  });
}

const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))].map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

/** The codes the source raises, with the kind (hence status) where the constructor names it. */
function raisedCodes(): Map<string, number | undefined> {
  const raised = new Map<string, number | undefined>();
  const kinds = Object.keys(STATUS_BY_KIND).join('|');
  for (const { path, text } of files) {
    const constructed = new RegExp(
      `(?:new DomainError|super)\\(\\s*'([a-z-]+\\.[a-z.-]+)',[\\s\\S]*?'(${kinds})'`,
      'g',
    );
    for (const [, code, kind] of text.matchAll(constructed))
      raised.set(code!, STATUS_BY_KIND[kind as keyof typeof STATUS_BY_KIND]);
    // A broken notice rule answers with the rule as its code (see `ruleBroken`).
    if (path.endsWith('notice-rules.ts'))
      for (const [, rule] of text.matchAll(/rule: '([a-z-]+\.[a-z.-]+)'/g)) raised.set(rule!, 422);
    if (path.endsWith('problem-details.filter.ts'))
      for (const [, code] of text.matchAll(/'([a-z]+\.[a-z-]+)'/g))
        if (!raised.has(code!)) raised.set(code!, undefined);
  }
  raised.set('validation.failed', 400);
  return raised;
}

describe('the error code catalogue', () => {
  const raised = raisedCodes();

  it('lists every code the source raises, with the status its kind answers', () => {
    const listed = new Map(ERROR_CODES.map(({ code, status }) => [code, status]));
    expect([...raised.keys()].filter((code) => !listed.has(code))).toEqual([]);
    const wrongStatus = [...raised].filter(([code, status]) => status !== undefined && listed.get(code) !== status);
    expect(wrongStatus).toEqual([]);
  });

  it('lists no code the source no longer raises, and each once', () => {
    const quoted = files.map(({ text }) => text).join('\n');
    expect(ERROR_CODES.filter(({ code }) => !quoted.includes(`'${code}'`)).map(({ code }) => code)).toEqual([]);
    expect(new Set(ERROR_CODES.map(({ code }) => code)).size).toBe(ERROR_CODES.length);
  });

  it('renders as a table for the API document', () => {
    expect(errorCodeTable().split('\n')).toHaveLength(ERROR_CODES.length + 2);
    expect(errorCodeTable()).toContain('| `ticket.invalid-transition` | 422 |');
  });
});
