import type { OpenInterval } from '@madoguchi/business-calendar';

export const DEMO_AGENTS = ['Agent/1001', 'Agent/1002', 'Agent/1003'] as const;

/**
 * A plausible Asterisk queue_log for the given open intervals of the desk: agents join the queue at
 * opening, take a break mid-morning, leave at closing; about one call every eight minutes, of which
 * roughly 80% are answered, 12% abandoned (some within seconds), 5% time out, 3% leave by key.
 */
export function demoQueueLog(openIntervals: OpenInterval[], random: () => number): string[] {
  const lines: string[] = [];
  const epoch = (ms: number) => Math.floor(ms / 1000);
  let call = 0;
  for (const { start, end } of openIntervals) {
    for (const agent of DEMO_AGENTS) lines.push(`${epoch(start)}|NONE|support|${agent}|ADDMEMBER|`);
    const breakAgent = DEMO_AGENTS[Math.floor(random() * DEMO_AGENTS.length)]!;
    const breakAt = start + Math.floor((end - start) * (0.3 + random() * 0.3));
    lines.push(`${epoch(breakAt)}|NONE|support|${breakAgent}|PAUSE|break`);
    lines.push(`${epoch(breakAt + 15 * 60_000)}|NONE|support|${breakAgent}|UNPAUSE|`);
    for (let at = start + random() * 16 * 60_000; at < end - 60_000; at += random() * 16 * 60_000) {
      const id = `${epoch(at)}.${(call += 1)}`;
      const agent = DEMO_AGENTS[call % DEMO_AGENTS.length]!;
      const kind = random();
      const wait = Math.floor(kind < 0.05 ? 2 + random() * 3 : 5 + random() * 60);
      const entered = epoch(at);
      lines.push(`${entered}|${id}|support|NONE|ENTERQUEUE||03${String(10_000_000 + call).slice(-8)}|1`);
      if (kind < 0.12) lines.push(`${entered + wait}|${id}|support|NONE|ABANDON|1|1|${wait}`);
      else if (kind < 0.17) lines.push(`${entered + 300}|${id}|support|NONE|EXITWITHTIMEOUT|1|1|300`);
      else if (kind < 0.2) lines.push(`${entered + wait}|${id}|support|NONE|EXITWITHKEY|0|1|1|${wait}`);
      else {
        const talk = Math.floor(60 + random() * 600);
        if (wait > 20) lines.push(`${entered + 15}|${id}|support|${DEMO_AGENTS[(call + 1) % 3]}|RINGNOANSWER|15000`);
        lines.push(`${entered + wait}|${id}|support|${agent}|CONNECT|${wait}|${entered + wait}.9|3`);
        lines.push(`${entered + wait + talk}|${id}|support|${agent}|COMPLETECALLER|${wait}|${talk}|1`);
      }
    }
    for (const agent of DEMO_AGENTS) lines.push(`${epoch(end)}|NONE|support|${agent}|REMOVEMEMBER|`);
  }
  // Lines leave the PBX in time order.
  return lines.sort((a, b) => Number(a.slice(0, a.indexOf('|'))) - Number(b.slice(0, b.indexOf('|'))));
}
