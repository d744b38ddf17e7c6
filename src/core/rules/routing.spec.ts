import { describe, expect, it } from '@jest/globals';
import { destinationsFor, type RoutingTeam } from './routing.js';

const teams: RoutingTeam[] = [
  {
    id: 'pr',
    members: [{ name: 'Lin', email: 'lin@example.com', role: 'member' }, { name: 'Ana', email: 'ana@example.com', role: 'lead' }],
    channels: [{ type: 'slack', to: 'http://127.0.0.1:9/slack' }],
  },
  { id: 'cs', members: [], channels: [{ type: 'email', to: 'cs@example.com' }, { type: 'dingtalk', to: 'http://127.0.0.1:9/ding' }] },
];

describe('destinationsFor', () => {
  it('sends each rule channel to each routed team, mailing members when a team has no email channel', () => {
    const { destinations } = destinationsFor({ teams: ['pr'], channels: ['email', 'slack'] }, teams);
    expect(destinations.map((d) => `${d.channel} ${d.to}`)).toEqual(['email lin@example.com', 'email ana@example.com', 'slack http://127.0.0.1:9/slack']);
  });

  it('routes a rule without teams to every team and reports unknown team ids', () => {
    expect(destinationsFor({ teams: [], channels: ['email'] }, teams).destinations.map((d) => d.to)).toEqual(['lin@example.com', 'ana@example.com', 'cs@example.com']);
    expect(destinationsFor({ teams: ['legal'], channels: ['email'] }, teams)).toEqual({ destinations: [], unknownTeams: ['legal'] });
  });
});
