import { availableActions, type Role } from '../core/incidents/state-machine.js';
import { breaches } from '../core/sla/clock.js';
import type { Incident } from './incident.js';

/** An incident as the API shows it: `id` instead of `_id`, the SLA deadlines' status now, and what the caller may do. */
export function incidentView(incident: Incident, now: Date, role: Role) {
  const { _id, ...rest } = incident;
  return {
    id: _id,
    ...rest,
    slaStatus: breaches(incident.sla, incident.milestones, now).map((b) => ({ ...b, kind: b.kind === 'response-breach' ? 'response' : 'solution' })),
    actions: availableActions(incident.state, role),
  };
}
export type IncidentView = ReturnType<typeof incidentView>;
