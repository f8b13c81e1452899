import { ROLES, roleSatisfies } from './principal';

describe('roleSatisfies', () => {
  it.each([
    ['admin', 'manager', true],
    ['admin', 'agent', true],
    ['manager', 'agent', true],
    ['manager', 'admin', false],
    ['agent', 'manager', false],
    ['customer', 'agent', false],
    ['admin', 'customer', false],
    ['customer', 'customer', true],
  ] as const)('%s may act as %s: %s', (role, required, allowed) => {
    expect(roleSatisfies(role, required)).toBe(allowed);
  });

  it('every role satisfies itself', () => {
    for (const role of ROLES) expect(roleSatisfies(role, role)).toBe(true);
  });
});
