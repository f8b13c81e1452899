import { mergeRefusal } from './ticket-merge';

describe('mergeRefusal', () => {
  const ticket = (id: string, changes: Partial<Parameters<typeof mergeRefusal>[0]> = {}) => ({
    id,
    status: 'open' as const,
    organizationId: 'org-1',
    mergedIntoId: null,
    ...changes,
  });

  it('lets a duplicate of the same organization into an open or solved ticket, closed or not itself', () => {
    expect(mergeRefusal(ticket('a'), ticket('b'))).toBeNull();
    expect(mergeRefusal(ticket('a', { status: 'closed' }), ticket('b', { status: 'solved' }))).toBeNull();
    expect(mergeRefusal(ticket('a', { organizationId: null }), ticket('b', { organizationId: null }))).toBeNull();
  });

  it('refuses itself, an already merged ticket on either side, a closed target, another organization', () => {
    expect(mergeRefusal(ticket('a'), ticket('a'))).toBe('same');
    expect(mergeRefusal(ticket('a', { mergedIntoId: 'c' }), ticket('b'))).toBe('merged');
    expect(mergeRefusal(ticket('a'), ticket('b', { mergedIntoId: 'c' }))).toBe('merged');
    expect(mergeRefusal(ticket('a'), ticket('b', { status: 'closed' }))).toBe('closed');
    expect(mergeRefusal(ticket('a'), ticket('b', { organizationId: 'org-2' }))).toBe('other-organization');
    expect(mergeRefusal(ticket('a', { organizationId: null }), ticket('b'))).toBe('other-organization');
  });
});
