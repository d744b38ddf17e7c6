import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { Severity } from '../core/rules/alert.js';
import { Clock } from '../platform/clock.js';

/** The first five are what replay prints; `incident_updated` (notes, owner, evidence) is for the live board. */
export type IncidentEventType = 'alert' | 'notification' | 'escalation' | 'sla_breach' | 'incident_state' | 'incident_updated';

/**
 * Something that happened on the way from alert to response, as the board's live stream and
 * `goldenhour replay` print it: `{"type", "at", "brand", "severity", "incident", ...}`.
 */
export interface IncidentEvent {
  type: IncidentEventType;
  /** ISO time on the app clock (simulated in replay). */
  at: string;
  brand: string;
  severity: Severity;
  incident?: string;
  [detail: string]: unknown;
}

/**
 * The in-process stream of incident events. The stored incident stays the truth (a board that
 * reconnects re-reads it); the stream only tells listeners when to look.
 */
@Injectable()
export class IncidentEventsService {
  private readonly subject = new Subject<IncidentEvent>();

  constructor(private readonly clock: Clock) {}

  /** Publishes an event, stamped with the app clock's time unless it says when it happened. */
  emit(event: Omit<IncidentEvent, 'at'> & { at?: string }): void {
    this.subject.next({ ...event, at: event.at ?? this.clock.now().toISOString() } as IncidentEvent);
  }

  get events(): Observable<IncidentEvent> {
    return this.subject.asObservable();
  }
}
