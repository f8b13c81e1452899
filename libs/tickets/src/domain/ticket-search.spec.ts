import { phoneDigits, ticketSearchTerms } from './ticket-search';

describe('reading a desk search', () => {
  it('reads a ticket number in full, by its sequence, with or without zeros and prefixes', () => {
    expect(ticketSearchTerms(' MD-2026-000301 ')).toEqual({
      text: 'MD-2026-000301',
      number: 'MD-2026-000301',
      sequence: 301,
    });
    expect(ticketSearchTerms('md-2026-301')).toMatchObject({ number: 'MD-2026-000301', sequence: 301 });
    expect(ticketSearchTerms('000301')).toEqual({ text: '000301', sequence: 301 });
    expect(ticketSearchTerms('301')).toEqual({ text: '301', sequence: 301 });
    expect(ticketSearchTerms('#301')).toMatchObject({ sequence: 301 });
    expect(ticketSearchTerms('３０１')).toMatchObject({ text: '３０１', sequence: 301 });
  });

  it('reads a phone number whatever its separators, +81 as the domestic 0', () => {
    expect(ticketSearchTerms('03-1234-5678')).toMatchObject({ phone: '0312345678' });
    expect(ticketSearchTerms('+81 3 (1234) 5678')).toMatchObject({ phone: '0312345678' });
    expect(ticketSearchTerms('０３－１２３４－５６７８')).toMatchObject({ phone: '0312345678' });
    expect(phoneDigits('+81-90-1234-5678')).toBe('09012345678');
    // Too short to be a phone number: a sequence, or text.
    expect(ticketSearchTerms('1234-5678').phone).toBeUndefined();
  });

  it('leaves everything else to the text search', () => {
    expect(ticketSearchTerms('ログインできない')).toEqual({ text: 'ログインできない' });
    expect(ticketSearchTerms('taro@example.jp')).toEqual({ text: 'taro@example.jp' });
  });
});
