import { defaultSlaTargets } from './sla';
import { selectSlaTargets, SlaPolicy } from './sla-policy';

const HOUR = 3_600_000;
const policy = (position: number, conditions: SlaPolicy['conditions'], hours: [number, number]): SlaPolicy => ({
  id: String(position),
  name: String(position),
  position,
  conditions,
  calendarId: 'support-hours',
  firstResponseMs: hours[0] * HOUR,
  resolutionMs: hours[1] * HOUR,
});

describe('selectSlaTargets', () => {
  const policies = [
    policy(1000, {}, [4, 21]),
    policy(10, { priority: 'urgent' }, [1, 7]),
    policy(20, { organizationId: 'vip', channel: 'phone' }, [2, 14]),
  ];
  const ticket = { channel: 'web', priority: 'normal', category: null, organizationId: null };

  it('takes the first matching policy by position', () => {
    expect(
      selectSlaTargets(
        policies,
        { ...ticket, priority: 'urgent', organizationId: 'vip', channel: 'phone' },
        defaultSlaTargets('normal'),
      ).firstResponseMs,
    ).toBe(1 * HOUR);
    expect(
      selectSlaTargets(policies, { ...ticket, organizationId: 'vip', channel: 'phone' }, defaultSlaTargets('normal'))
        .firstResponseMs,
    ).toBe(2 * HOUR);
    expect(
      selectSlaTargets(policies, { ...ticket, organizationId: 'vip' }, defaultSlaTargets('normal')).firstResponseMs,
    ).toBe(4 * HOUR);
  });

  it('falls back to the built-in defaults when no policy matches', () => {
    expect(selectSlaTargets([policy(10, { priority: 'urgent' }, [1, 7])], ticket, defaultSlaTargets('normal'))).toEqual(
      defaultSlaTargets('normal'),
    );
  });
});
