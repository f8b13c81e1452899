// Internal to the library (not in its index): the spec reaches it directly.
import { TicketNumberService } from '../../../libs/tickets/src/application/ticket-number.service';
import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('TicketNumberService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  it('hands out unique rising values, concurrent callers included, past its reserved block', async () => {
    const numbers = app.get(TicketNumberService);
    const values = await Promise.all(Array.from({ length: 25 }, () => numbers.next()));
    expect(new Set(values).size).toBe(25);
    const later = await numbers.next();
    expect(later).toBeGreaterThan(Math.max(...values));
  });
});
