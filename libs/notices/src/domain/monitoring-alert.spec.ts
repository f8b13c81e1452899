import { MAX_ALERTS_PER_PAYLOAD, readAlertmanagerPayload, readGenericAlert } from './monitoring-alert';

/** As Alertmanager 0.27 sends it (nanosecond times, the Go zero time for "no end yet"). */
const firing = {
  status: 'firing',
  labels: { alertname: 'ProbeFailure', service: 'Madoguchi Cloud', severity: 'critical' },
  annotations: { summary: 'ログイン画面が応答しません', description: 'probe_success == 0 for 2m' },
  startsAt: '2026-12-03T01:00:00.123456789Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus:9090/graph',
  fingerprint: '1a30ba71cca2921f',
};
const payload = (alerts: unknown[], version: unknown = '4') => ({
  receiver: 'madoguchi',
  status: 'firing',
  alerts,
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  version,
  groupKey: '{}:{alertname="ProbeFailure"}',
  truncatedAlerts: 0,
});

describe('monitoring alerts', () => {
  it('reads a firing Alertmanager alert: its service label, start (to the second), summary and fingerprint', () => {
    expect(readAlertmanagerPayload(payload([firing]))).toEqual({
      ok: true,
      alerts: [
        {
          fingerprint: '1a30ba71cca2921f',
          firing: true,
          service: 'Madoguchi Cloud',
          startsAt: Date.parse('2026-12-03T01:00:00Z'),
          endsAt: null,
          summary: 'ログイン画面が応答しません',
        },
      ],
    });
  });

  it('reads a resolved alert with its end, and takes the service from a configured label', () => {
    const resolved = {
      ...firing,
      status: 'resolved',
      labels: { alertname: 'ProbeFailure', app: 'Madoguchi Cloud' },
      endsAt: '2026-12-03T10:40:00+09:00',
    };
    const reading = readAlertmanagerPayload(payload([resolved]), 'app');
    expect(reading).toMatchObject({
      ok: true,
      alerts: [{ firing: false, endsAt: Date.parse('2026-12-03T01:40:00Z') }],
    });
  });

  it('gives an alert without a fingerprint one from its labels, the same for every delivery', () => {
    const { fingerprint: _, ...bare } = firing;
    const first = readAlertmanagerPayload(payload([bare]));
    const again = readAlertmanagerPayload(payload([{ ...bare, labels: { ...bare.labels } }]));
    expect(first.ok && again.ok && first.alerts[0]!.fingerprint).toBe(again.ok && again.alerts[0]!.fingerprint);
    expect(first.ok && first.alerts[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names every unreadable field and takes none of the alerts', () => {
    const reading = readAlertmanagerPayload(
      payload([firing, { ...firing, labels: {}, startsAt: 'yesterday' }, { ...firing, status: 'silenced' }], '3'),
    );
    expect(reading).toEqual({
      ok: false,
      problems: [
        { field: 'version', problem: 'version' },
        { field: 'alerts[1].labels.service', problem: 'required' },
        { field: 'alerts[1].startsAt', problem: 'timestamp' },
        { field: 'alerts[2].status', problem: 'status' },
      ],
    });
    expect(readAlertmanagerPayload('not json')).toEqual({ ok: false, problems: [{ field: '', problem: 'required' }] });
    expect(readAlertmanagerPayload(payload([]))).toMatchObject({ ok: false, problems: [{ field: 'alerts' }] });
    expect(readAlertmanagerPayload(payload(Array(MAX_ALERTS_PER_PAYLOAD + 1).fill(firing)))).toMatchObject({
      ok: false,
      problems: [{ field: 'alerts', problem: 'too-many' }],
    });
  });

  it('reads the generic form, the service and start standing for a missing fingerprint', () => {
    expect(
      readGenericAlert({
        service: '請求システム',
        startsAt: '2026-12-03T10:00:00+09:00',
        summary: '請求書 PDF が作成できない',
      }),
    ).toEqual({
      ok: true,
      alerts: [
        {
          fingerprint: '請求システム@2026-12-03T01:00:00.000Z',
          firing: true,
          service: '請求システム',
          startsAt: Date.parse('2026-12-03T01:00:00Z'),
          endsAt: null,
          summary: '請求書 PDF が作成できない',
        },
      ],
    });
    expect(readGenericAlert({ startsAt: 'soon', status: 'resolved' })).toEqual({
      ok: false,
      problems: [
        { field: 'service', problem: 'required' },
        { field: 'startsAt', problem: 'timestamp' },
        { field: 'endsAt', problem: 'timestamp' },
      ],
    });
  });
});
