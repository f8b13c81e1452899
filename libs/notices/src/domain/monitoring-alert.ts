import { createHash } from 'node:crypto';

/**
 * What a monitor tells: one alert about one service, firing (an outage detected at `startsAt`, which
 * starts the 1-hour notice clock) or resolved (the monitor sees recovery at `endsAt`). Repeated
 * deliveries of one alert share its `fingerprint`.
 */
export interface MonitoringAlert {
  fingerprint: string;
  firing: boolean;
  /** The service's id or exact name, as the monitor labels it. */
  service: string;
  startsAt: number;
  /** When a resolved alert ended; null while firing. */
  endsAt: number | null;
  summary: string;
}

/** A field of the payload that cannot be read, named by its JSON path (`alerts[1].startsAt`). */
export interface AlertPayloadProblem {
  field: string;
  problem: 'required' | 'version' | 'status' | 'timestamp' | 'too-many';
}

export type AlertPayloadReading =
  { ok: true; alerts: MonitoringAlert[] } | { ok: false; problems: AlertPayloadProblem[] };

/** Alertmanager sends at most `max_alerts` per message (0: all); past this the payload is refused, not truncated. */
export const MAX_ALERTS_PER_PAYLOAD = 1000;

/** Alertmanager's "no end time yet": the Go zero time. */
const ZERO_TIME = /^0001-01-01T00:00:00/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

function instant(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return null;
  // Go writes nanoseconds; Date reads milliseconds. Alerts are told to the second (monitors check every
  // minute or so), so one episode is one instant whichever way a sender writes its fractions.
  const parsed = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(parsed) ? null : Math.floor(parsed / 1000) * 1000;
}

/** Alertmanager's own fingerprint is a hash of the labels; for senders that leave it out, the same idea. */
function labelFingerprint(labels: Record<string, unknown>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((key) => [key, String(labels[key])]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

/**
 * The alerts of a Prometheus Alertmanager webhook message (version 4; Grafana's is the same shape),
 * each matched to a service by `serviceLabel`. Every unreadable field is reported, and then none of
 * the alerts is taken: a half-read payload would open some incidents and silently drop others.
 */
export function readAlertmanagerPayload(payload: unknown, serviceLabel = 'service'): AlertPayloadReading {
  const problems: AlertPayloadProblem[] = [];
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', problem: 'required' }] };
  if (payload.version !== '4') problems.push({ field: 'version', problem: 'version' });
  if (!Array.isArray(payload.alerts) || payload.alerts.length === 0)
    return { ok: false, problems: [...problems, { field: 'alerts', problem: 'required' }] };
  if (payload.alerts.length > MAX_ALERTS_PER_PAYLOAD)
    return { ok: false, problems: [...problems, { field: 'alerts', problem: 'too-many' }] };
  const alerts: MonitoringAlert[] = [];
  payload.alerts.forEach((raw: unknown, index) => {
    const at = (name: string) => `alerts[${index}]${name ? `.${name}` : ''}`;
    if (!isRecord(raw)) return problems.push({ field: at(''), problem: 'required' });
    const labels = isRecord(raw.labels) ? raw.labels : {};
    const annotations = isRecord(raw.annotations) ? raw.annotations : {};
    const service = text(labels[serviceLabel]);
    const startsAt = instant(raw.startsAt);
    const firing = raw.status === 'firing';
    const endsAt = firing || typeof raw.endsAt !== 'string' || ZERO_TIME.test(raw.endsAt) ? null : instant(raw.endsAt);
    if (raw.status !== 'firing' && raw.status !== 'resolved') problems.push({ field: at('status'), problem: 'status' });
    if (!service) problems.push({ field: at(`labels.${serviceLabel}`), problem: 'required' });
    if (startsAt === null) problems.push({ field: at('startsAt'), problem: 'timestamp' });
    if (raw.status === 'resolved' && endsAt === null) problems.push({ field: at('endsAt'), problem: 'timestamp' });
    if (!service || startsAt === null) return;
    alerts.push({
      fingerprint: text(raw.fingerprint) ?? labelFingerprint(labels),
      firing,
      service,
      startsAt,
      endsAt,
      summary: text(annotations.summary) ?? text(annotations.description) ?? text(labels.alertname) ?? service,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, alerts };
}

/**
 * The generic form for other monitors: `{service, startsAt, summary, status?, endsAt?, fingerprint?}`.
 * Without a fingerprint, the service and start time stand for it (the same outage told twice).
 */
export function readGenericAlert(payload: unknown): AlertPayloadReading {
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', problem: 'required' }] };
  const problems: AlertPayloadProblem[] = [];
  const service = text(payload.service);
  const startsAt = instant(payload.startsAt);
  const status = payload.status ?? 'firing';
  const endsAt = status === 'resolved' ? instant(payload.endsAt) : null;
  if (!service) problems.push({ field: 'service', problem: 'required' });
  if (startsAt === null) problems.push({ field: 'startsAt', problem: 'timestamp' });
  if (status !== 'firing' && status !== 'resolved') problems.push({ field: 'status', problem: 'status' });
  if (status === 'resolved' && endsAt === null) problems.push({ field: 'endsAt', problem: 'timestamp' });
  if (problems.length > 0 || !service || startsAt === null) return { ok: false, problems };
  return {
    ok: true,
    alerts: [
      {
        fingerprint: text(payload.fingerprint) ?? `${service}@${new Date(startsAt).toISOString()}`,
        firing: status === 'firing',
        service,
        startsAt,
        endsAt,
        summary: text(payload.summary) ?? service,
      },
    ],
  };
}
