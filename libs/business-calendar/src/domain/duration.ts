const ISO_DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/**
 * Parses an ISO 8601 duration of business time (`PT4H`, `-PT3H`, `PT1H30M`, `P1DT2H`) into ms.
 * A day here is 24 hours of business time; years, months and weeks are refused as ambiguous.
 */
export function parseDuration(text: string): number | null {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text === '-P' || text.endsWith('T')) return null;
  const [, negative, days, hours, minutes, seconds] = match;
  const ms =
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Math.round(Number(seconds ?? 0) * 1000);
  return negative ? -ms : ms;
}

/** Formats ms as an ISO 8601 duration in hours, minutes and seconds: `PT13H30M`, `-PT3H`, `PT0S`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = rest / 1000;
  const body = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `${sign}PT${body || '0S'}`;
}
