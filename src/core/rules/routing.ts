/** Routing: from an alert's teams and channel kinds to concrete destinations. */
import type { Alert, ChannelKind } from './alert.js';

/** The part of a configured team routing needs (teams live in goldenhour.yaml). */
export interface RoutingTeam {
  id: string;
  members: { name: string; email?: string; role: 'member' | 'lead' | 'executive' }[];
  channels: { type: ChannelKind; to: string; secret?: string; ratePerMinute?: number }[];
}

export interface Destination {
  team: string;
  channel: ChannelKind;
  /** An e-mail address or a webhook URL. */
  to: string;
  secret?: string;
  ratePerMinute?: number;
}

/**
 * Destinations for an alert: each routed team's channels of the rule's kinds. A team without an email
 * channel is mailed at its members' addresses. A rule without teams goes to every team.
 * Returns the destinations and the team ids the configuration does not know.
 */
export function destinationsFor(alert: Pick<Alert, 'teams' | 'channels'>, teams: readonly RoutingTeam[]): { destinations: Destination[]; unknownTeams: string[] } {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const routed = alert.teams.length === 0 ? [...teams] : alert.teams.flatMap((id) => byId.get(id) ?? []);
  const unknownTeams = alert.teams.filter((id) => !byId.has(id));
  const seen = new Set<string>();
  const destinations: Destination[] = [];
  const add = (d: Destination) => {
    const id = `${d.channel} ${d.to}`;
    if (seen.has(id)) return;
    seen.add(id);
    destinations.push(d);
  };
  for (const team of routed) {
    for (const kind of alert.channels) {
      const configured = team.channels.filter((c) => c.type === kind);
      for (const c of configured) add({ team: team.id, channel: kind, to: c.to, secret: c.secret, ratePerMinute: c.ratePerMinute });
      if (kind === 'email' && configured.length === 0)
        for (const m of team.members) if (m.email) add({ team: team.id, channel: 'email', to: m.email });
    }
  }
  return { destinations, unknownTeams };
}

/** People of a role in a team (lead, executive), for escalation notices. */
export function teamContacts(team: RoutingTeam, role: RoutingTeam['members'][number]['role']): { name: string; email?: string }[] {
  return team.members.filter((m) => m.role === role).map(({ name, email }) => ({ name, email }));
}
