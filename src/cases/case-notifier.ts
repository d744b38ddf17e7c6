import { Injectable } from '@nestjs/common';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- exception until notifications are their own module (issue 18 step 3)
import { formatTime, type Notice } from '../alerts/channels/notice.js';
import { NotificationsService } from '../alerts/notifications.service.js';
import type { CaseStep } from '../core/cases/case-clock.js';
import type { Case } from '../core/cases/case.js';
import { CHANNEL_KINDS } from '../core/rules/alert.js';
import { teamContacts, type Destination } from '../core/rules/routing.js';
import { AppConfig } from '../platform/config/app-config.js';

const DEADLINE_WORDS = { 'first-reply': 'first public reply', resolve: 'resolution' } as const;

/**
 * Case reminders, escalations and breaches as notices through the outbox. The idempotency key is case +
 * step + how often the case was reopened, so a repeated pass (or a restart) enqueues nothing twice.
 */
@Injectable()
export class CaseNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async notifyStep(c: Case, step: CaseStep): Promise<Destination[]> {
    const to = this.recipients(c, step.notify);
    const reopened = c.history.filter((e) => e.action === 'reopen').length;
    await this.notifications.send(this.notice(c, step), to, { idempotencyKey: `case-step|${c._id}|${step.id}|${reopened}` });
    return to;
  }

  caseUrl(c: Pick<Case, '_id'>): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}/#/cases?case=${encodeURIComponent(c._id)}`;
  }

  /** The owner (by name in the team configuration) or the case team's leads; else the team's channels. */
  private recipients(c: Case, target: CaseStep['notify']): Destination[] {
    const teams = this.config.teams;
    const email = (team: string, p: { email?: string }): Destination[] => (p.email ? [{ team, channel: 'email', to: p.email }] : []);
    const found =
      target === 'owner' && c.owner
        ? teams.flatMap((t) => t.members.filter((m) => m.name === c.owner).flatMap((m) => email(t.id, m)))
        : teams.filter((t) => t.id === c.team).flatMap((t) => teamContacts(t, 'lead').flatMap((m) => email(t.id, m)));
    return found.length ? found : this.notifications.destinations([c.team], CHANNEL_KINDS);
  }

  private notice(c: Case, step: CaseStep): Notice {
    const what = DEADLINE_WORDS[step.deadline];
    const due = step.deadline === 'first-reply' ? c.clock.firstReplyDueAt : c.clock.resolveDueAt;
    const summary =
      step.kind === 'breach'
        ? `The ${what} deadline (${formatTime(due)}) was missed.`
        : `The ${what} is due at ${formatTime(due)}; the case is ${c.state}${c.owner ? `, owner ${c.owner}` : ', without an owner'}.`;
    return {
      kind: step.kind === 'breach' ? 'case_breach' : step.kind === 'escalate' ? 'case_escalation' : 'case_reminder',
      severity: 'P4',
      brand: c.brand,
      title: `${step.kind === 'breach' ? 'Case SLA breached' : step.kind === 'escalate' ? 'Case escalated' : 'Case reply due'}: ${c.platform} — ${c.text.slice(0, 60)}`,
      summary: `${summary}\n${c.text}`,
      facts: [
        { label: 'Case', value: c._id },
        { label: 'Team', value: c.team },
        { label: 'State', value: c.state },
        { label: 'First public reply due', value: formatTime(c.clock.firstReplyDueAt) },
        { label: 'Resolution due', value: formatTime(c.clock.resolveDueAt) },
      ],
      evidence: c.mentions.slice(0, 3).map((m) => ({ text: m.text, platform: c.platform, engagement: c.reach, url: m.url })),
      actions: [{ label: 'Open case', url: this.caseUrl(c) }],
      data: { caseId: c._id, step: step.id, notify: step.notify, dueAt: step.dueAt.toISOString() },
    };
  }
}
