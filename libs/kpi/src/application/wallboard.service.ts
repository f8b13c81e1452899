import { Injectable } from '@nestjs/common';

import { addDays, CalendarService, civilDateOf, formatInZone, zonedToEpoch } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import { AgentPresenceService } from '@madoguchi/telephony';

import { KpiRepository } from '../infrastructure/kpi.repository';
import { KpiReportService } from './kpi-report.service';

/**
 * The call centre's live view: calls waiting now and the longest wait, agents available, on a call
 * or paused, and today's queue figures against their targets. Read from the database on every
 * request, so every API process serves the same board.
 */
@Injectable()
export class WallboardService {
  constructor(
    private readonly reports: KpiReportService,
    private readonly repository: KpiRepository,
    private readonly presence: AgentPresenceService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  async now() {
    const now = this.clock.now();
    const zone = await this.calendars.timeZone('support-hours');
    const today = civilDateOf(now, zone);
    const tomorrow = addDays(today, 1);
    const [report, waiting, agents, horizon] = await Promise.all([
      this.reports.report({
        from: new Date(zonedToEpoch(today.year, today.month, today.day, 0, zone)),
        to: new Date(zonedToEpoch(tomorrow.year, tomorrow.month, tomorrow.day, 0, zone)),
      }),
      this.presence.waitingNow(),
      this.presence.everyoneNow(),
      this.presence.pbxHorizon(),
    ]);
    const names = await this.repository.groupLabels(
      'agent',
      agents.flatMap((agent) => (agent.userId ? [agent.userId] : [])),
    );
    const count = (state: string) => agents.filter((agent) => agent.state === state).length;
    return {
      at: formatInZone(now, zone),
      waiting,
      agents: {
        available: count('available'),
        onCall: count('on-call'),
        paused: count('paused'),
        list: agents
          .map((agent) => ({ ...agent, name: (agent.userId && names.get(agent.userId)) || agent.agent }))
          .sort((a, b) => a.name.localeCompare(b.name, 'ja')),
      },
      today: {
        calls: report.calls,
        abandonmentRate: report.kpis.abandonmentRate,
        serviceLevel: report.kpis.serviceLevel,
        averageSpeedOfAnswerSeconds: report.kpis.averageSpeedOfAnswerSeconds,
        targets: {
          abandonmentRate: report.definition.targets.abandonmentRate,
          serviceLevel: report.definition.targets.serviceLevel,
        },
        answerTargetSeconds: report.definition.answerTargetSeconds,
      },
      pbxHorizon: horizon,
    };
  }
}
