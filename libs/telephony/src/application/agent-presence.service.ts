import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, type Principal, type RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';
import { UserService } from '@madoguchi/identity';

import type { PresenceState } from '../domain/call';
import { mergeIntervals } from '../domain/presence-intervals';
import { AgentLinkRepository } from '../infrastructure/agent-link.repository';
import { CallImportRepository } from '../infrastructure/call-import.repository';
import { LiveQueueRepository } from '../infrastructure/live-queue.repository';
import { PresenceRepository } from '../infrastructure/presence.repository';

/** The presence key of a user with no PBX agent linked yet. */
export const deskAgentKey = (userId: string) => `user:${userId}`;

/**
 * Agents' availability, as changes from the desk toggle and the PBX log. A user's toggle changes
 * every PBX agent name linked to them, so the desk and the PBX speak of the same agent.
 */
@Injectable()
export class AgentPresenceService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly agentLinks: AgentLinkRepository,
    private readonly changes: CallImportRepository,
    private readonly presence: PresenceRepository,
    private readonly liveQueue: LiveQueueRepository,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly users: UserService,
  ) {}

  async agentKeys(userId: string): Promise<string[]> {
    const agents = await this.agentLinks.agentsOf(userId);
    return agents.length > 0 ? agents.sort() : [deskAgentKey(userId)];
  }

  async set(context: RequestContext, state: PresenceState, reason: string | null, now = this.clock.now()) {
    const keys = await this.agentKeys(context.actor!.userId);
    await this.unitOfWork.run(async (transaction) => {
      await this.changes.addPresence(
        transaction,
        keys.map((agent) => ({ agent, at: now, state, reason: state === 'paused' ? reason : null, ordinal: 0 })),
        'desk',
      );
      await this.audit.record(transaction, context, {
        action: 'presence.set',
        targetType: 'user',
        targetId: context.actor!.userId,
        summary: { state, reason },
      });
    });
    return this.current(context.actor!);
  }

  /** The viewer's own state now (offline when nothing was ever recorded). */
  async current(viewer: Principal) {
    const keys = await this.agentKeys(viewer.userId);
    const now = this.clock.now();
    const intervals = await this.presence.intervals(new Date(now - 1), new Date(now + 1), keys);
    const latest = intervals.sort((a, b) => b.from - a.from)[0];
    return { agents: keys, state: latest?.state ?? 'offline', reason: latest?.reason ?? null };
  }

  /**
   * Every agent's state at this instant, with the user linked to them and whether they are on a
   * call (connected, not ended): what the wallboard shows.
   */
  async everyoneNow() {
    const now = this.clock.now();
    const [states, onCall] = await Promise.all([
      this.intervals(new Date(now - 1), new Date(now + 1)),
      this.liveQueue.agentsOnCall(new Date(now)),
    ]);
    const talking = new Set(onCall);
    // Intervals come per agent, oldest first: the last one of each agent is their state now.
    const latest = new Map(states.map((interval) => [interval.agent, interval]));
    return [...latest.values()].flatMap((interval) =>
      interval.state === 'offline'
        ? []
        : [
            {
              agent: interval.agent,
              userId: interval.userId,
              state:
                interval.state === 'available' && talking.has(interval.agent) ? ('on-call' as const) : interval.state,
            },
          ],
    );
  }

  /** Calls waiting in the queue now, and how long the first of them has waited. */
  waitingNow() {
    return this.liveQueue.waiting(new Date(this.clock.now()));
  }

  /** The last event instant the PBX has delivered (its presence holds up to here), in the desk's zone. */
  async pbxHorizon(): Promise<string | null> {
    const horizon = await this.presence.pbxHorizon();
    return horizon === null ? null : formatInZone(horizon, await this.calendars.timeZone('support-hours'));
  }

  async intervals(from: Date, to: Date, agent?: string) {
    const rows = await this.presence.intervals(from, to, agent ? [agent] : undefined);
    const zone = await this.calendars.timeZone('support-hours');
    const links = await this.agentLinks.all();
    const userOf = new Map(links.map((link) => [link.pbxAgent, link.userId]));
    return mergeIntervals(rows, from.getTime(), to.getTime()).map((interval) => ({
      agent: interval.agent,
      userId: userOf.get(interval.agent) ?? (interval.agent.startsWith('user:') ? interval.agent.slice(5) : null),
      state: interval.state,
      reason: interval.reason,
      from: formatInZone(interval.from, zone),
      to: interval.to === null ? null : formatInZone(interval.to, zone),
    }));
  }

  links() {
    return this.agentLinks.all();
  }

  async link(context: RequestContext, pbxAgent: string, userId: string) {
    await this.unitOfWork.run(async (transaction) => {
      // The extension's calls and presence are then this person's: staff only.
      await this.users.requireActiveStaff('userId', [userId], transaction);
      await this.agentLinks.link(transaction, pbxAgent, userId);
      await this.audit.record(transaction, context, {
        action: 'telephony.agent-link',
        targetType: 'user',
        targetId: userId,
        summary: { pbxAgent },
      });
    });
    return { pbxAgent, userId };
  }
}
