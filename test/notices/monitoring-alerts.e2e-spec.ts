import { SettableClock } from '@madoguchi/common';
import { IncidentAlertService } from '@madoguchi/notices';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

const MONITORING_TOKEN = 'monitoring-secret-0123456789abcdef';

/** An Alertmanager webhook message (version 4) as Alertmanager sends it, one alert per entry. */
function alertmanager(
  alerts: Array<{ fingerprint: string; service: string; startsAt: string; endsAt?: string; summary?: string }>,
) {
  return {
    version: '4',
    groupKey: '{}:{alertname="ConsoleDown"}',
    truncatedAlerts: 0,
    status: alerts.every((alert) => alert.endsAt) ? 'resolved' : 'firing',
    receiver: 'madoguchi',
    groupLabels: { alertname: 'ConsoleDown' },
    commonLabels: { alertname: 'ConsoleDown' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts: alerts.map((alert) => ({
      status: alert.endsAt ? 'resolved' : 'firing',
      labels: { alertname: 'ConsoleDown', service: alert.service, severity: 'critical' },
      annotations: { summary: alert.summary ?? '管理コンソールが応答しません' },
      startsAt: alert.startsAt,
      // Go's zero time while firing, as Alertmanager writes it.
      endsAt: alert.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example:9090/graph',
      fingerprint: alert.fingerprint,
    })),
  };
}

describe('monitoring alerts start the 1-hour clock', () => {
  // Tuesday 1 December, 10:00 in Tokyo.
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let t: TestApp;
  let monitor: ApiClient;
  let manager: ApiClient;
  let admin: ApiClient;
  let console: string;
  let billing: string;

  beforeAll(async () => {
    t = await startTestApp({ MONITORING_TOKEN }, { clock });
    const factories = await Factories.for(t);
    manager = (await factories.staff('manager')).api;
    admin = factories.admin;
    monitor = t.api.as(MONITORING_TOKEN);
    console = (await manager.post('/api/v1/services', { name: '管理コンソール', nameEn: 'Admin console' })).json.id;
    billing = (await manager.post('/api/v1/services', { name: '請求' })).json.id;
  });

  afterAll(() => t?.close());

  it('opens a draft detected at the alert’s start, raises the 30-minute alarm from it, and takes a repeat once', async () => {
    expect((await t.api.post('/api/v1/monitoring/alerts', alertmanager([]))).status).toBe(401);

    const firing = alertmanager([
      { fingerprint: 'f1a2', service: '管理コンソール', startsAt: '2026-12-01T00:58:00.123456789Z' },
    ]);
    const first = await monitor.post('/api/v1/monitoring/alerts', firing);
    expect(first.status).toBe(202);
    const [opened] = first.json.incidents;
    expect(first.json.incidents).toEqual([
      { id: expect.any(String), detectedAt: '2026-12-01T09:58:00+09:00', created: true },
    ]);
    const incident = (await manager.get(`/api/v1/incidents/${opened.id}`)).json;
    expect(incident).toMatchObject({
      title: '管理コンソールが応答しません',
      serviceIds: [console],
      draft: true,
      impact: 'major-outage',
      status: 'investigating',
      detectedAt: '2026-12-01T09:58:00+09:00',
      noticeDeadlineAt: '2026-12-01T10:58:00+09:00',
      monitoring: {
        alerts: [{ fingerprint: 'f1a2', serviceId: console, startsAt: '2026-12-01T09:58:00+09:00', endsAt: null }],
        recoveredAt: null,
      },
    });
    // The desk banner lists it: nothing published yet.
    expect((await manager.get('/api/v1/incidents/unnotified')).json.items).toMatchObject([{ id: opened.id }]);

    // Alertmanager repeats a firing alert every repeat_interval: nothing changes.
    const again = await monitor.post('/api/v1/monitoring/alerts', firing);
    expect(again.json.incidents).toEqual([{ id: opened.id, detectedAt: '2026-12-01T09:58:00+09:00', created: false }]);
    expect((await manager.get(`/api/v1/incidents/${opened.id}`)).json.monitoring.alerts).toHaveLength(1);
    expect((await manager.get('/api/v1/incidents')).json.items).toHaveLength(1);

    // Another alert on the same service joins the open incident; one that started earlier moves detection back.
    const earlier = await monitor.post(
      '/api/v1/monitoring/alerts',
      alertmanager([{ fingerprint: 'b7c8', service: console, startsAt: '2026-12-01T00:55:00Z', summary: 'HTTP 503' }]),
    );
    expect(earlier.json.incidents).toEqual([
      { id: opened.id, detectedAt: '2026-12-01T09:55:00+09:00', created: false },
    ]);

    const alarms = t.app.get(IncidentAlertService);
    clock.set(Date.parse('2026-12-01T10:24:00+09:00'));
    expect(await alarms.scan()).toEqual([]);
    clock.set(Date.parse('2026-12-01T10:25:00+09:00'));
    expect(await alarms.scan()).toEqual([{ incidentId: opened.id, minutes: 30 }]);
  });

  it('shows the monitor’s recovery for a manager to confirm, once every alert has resolved', async () => {
    const [incident] = (await manager.get('/api/v1/incidents')).json.items;
    clock.set(Date.parse('2026-12-01T10:50:00+09:00'));
    await monitor.post(
      '/api/v1/monitoring/alerts',
      alertmanager([
        { fingerprint: 'f1a2', service: console, startsAt: '2026-12-01T00:58:00Z', endsAt: '2026-12-01T01:40:00Z' },
      ]),
    );
    const half = (await manager.get(`/api/v1/incidents/${incident.id}`)).json;
    expect(half.monitoring.recoveredAt).toBeNull();
    const resolved = await monitor.post(
      '/api/v1/monitoring/alerts',
      alertmanager([
        { fingerprint: 'b7c8', service: console, startsAt: '2026-12-01T00:55:00Z', endsAt: '2026-12-01T01:45:00Z' },
      ]),
    );
    expect(resolved.json.incidents).toEqual([
      { id: incident.id, detectedAt: '2026-12-01T09:55:00+09:00', created: false },
    ]);
    const after = (await manager.get(`/api/v1/incidents/${incident.id}`)).json;
    expect(after).toMatchObject({
      status: 'investigating',
      resolvedAt: null,
      draft: true,
      monitoring: { recoveredAt: '2026-12-01T10:45:00+09:00' },
    });
    // Oldest first: the alert that started at 09:55 ended at 10:45, the 09:58 one at 10:40.
    expect(
      after.monitoring.alerts.map((alert: { fingerprint: string; endsAt: string }) => [
        alert.fingerprint,
        alert.endsAt,
      ]),
    ).toEqual([
      ['b7c8', '2026-12-01T10:45:00+09:00'],
      ['f1a2', '2026-12-01T10:40:00+09:00'],
    ]);
    // Every delivery is on record against the incident.
    const audit = (await admin.get(`/api/v1/audit-events?action=incident.monitoring-alert&targetId=${incident.id}`))
      .json.items;
    expect(audit).toHaveLength(5);
  });

  it('answers what it cannot read field by field, refuses an unknown service, and takes nothing of a refused delivery', async () => {
    const before = (await manager.get('/api/v1/incidents')).json.items.length;
    const unreadable = await monitor.post('/api/v1/monitoring/alerts', {
      ...alertmanager([{ fingerprint: 'x1', service: '請求', startsAt: 'yesterday' }]),
      version: '3',
    });
    expect(unreadable.status).toBe(400);
    expect(unreadable.json.errors.map((error: { field: string }) => error.field)).toEqual([
      'version',
      'alerts[0].startsAt',
    ]);
    const unknown = await monitor.post(
      '/api/v1/monitoring/alerts',
      alertmanager([
        { fingerprint: 'x2', service: '請求', startsAt: '2026-12-01T01:00:00Z' },
        { fingerprint: 'x3', service: 'メール配信', startsAt: '2026-12-01T01:00:00Z' },
      ]),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([{ field: 'alerts[1].labels.service', messages: [expect.any(String)] }]);
    expect((await manager.get('/api/v1/incidents')).json.items).toHaveLength(before);
  });

  it('takes the generic form from other monitors, by service id or English name, and a manager’s own post', async () => {
    const generic = { service: 'Admin console', startsAt: '2026-12-01T11:00:00+09:00', summary: 'ping timeout' };
    clock.set(Date.parse('2026-12-01T11:01:00+09:00'));
    // The console's incident is still open (a manager has not resolved it): the alert joins it.
    const joined = await monitor.post('/api/v1/monitoring/alerts', generic);
    expect(joined.json.incidents).toMatchObject([{ created: false }]);
    const opened = await manager.post('/api/v1/monitoring/alerts', { ...generic, service: billing });
    expect(opened.status).toBe(202);
    expect(opened.json.incidents).toEqual([
      { id: expect.any(String), detectedAt: '2026-12-01T11:00:00+09:00', created: true },
    ]);
    const repeat = await manager.post('/api/v1/monitoring/alerts', { ...generic, service: billing });
    expect(repeat.json.incidents).toEqual([{ ...opened.json.incidents[0], created: false }]);
    const missing = await monitor.post('/api/v1/monitoring/alerts', { summary: 'no service' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((error: { field: string }) => error.field)).toEqual(['service', 'startsAt']);
  });
});
