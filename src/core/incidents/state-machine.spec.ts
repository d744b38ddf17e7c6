import { describe, it, expect } from '@jest/globals';
import { availableActions, milestonesReached, transition } from './state-machine.js';

describe('incident state machine', () => {
  it('walks open → acknowledged → responded → mitigated → resolved', () => {
    expect(transition('open', 'acknowledge', 'responder')).toEqual({ ok: true, to: 'acknowledged' });
    expect(transition('acknowledged', 'respond', 'responder')).toEqual({ ok: true, to: 'responded' });
    expect(transition('responded', 'mitigate', 'responder')).toEqual({ ok: true, to: 'mitigated' });
    expect(transition('mitigated', 'resolve', 'admin')).toEqual({ ok: true, to: 'resolved' });
  });

  it('lets a responder record a response straight from open, stamping the acknowledgement on the way', () => {
    expect(transition('open', 'respond', 'responder')).toEqual({ ok: true, to: 'responded' });
    expect(milestonesReached('open', 'responded')).toEqual(['acknowledged', 'responded']);
  });

  it('refuses to go backwards or to act on a resolved incident until it is reopened', () => {
    expect(transition('responded', 'acknowledge', 'responder')).toMatchObject({ ok: false, reason: 'invalid_transition' });
    expect(transition('resolved', 'respond', 'responder')).toMatchObject({ ok: false, message: /reopen it first/ });
    expect(transition('resolved', 'reopen', 'responder')).toEqual({ ok: true, to: 'reopened' });
    expect(transition('reopened', 'acknowledge', 'responder')).toEqual({ ok: true, to: 'acknowledged' });
    expect(transition('open', 'reopen', 'responder')).toMatchObject({ ok: false, reason: 'invalid_transition' });
  });

  it('forbids viewers every action, including notes', () => {
    expect(availableActions('open', 'viewer')).toEqual([]);
    expect(transition('open', 'note', 'viewer')).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('keeps notes and assignment possible without changing state', () => {
    expect(transition('mitigated', 'assign', 'responder')).toEqual({ ok: true, to: 'mitigated' });
    expect(transition('resolved', 'note', 'responder')).toEqual({ ok: true, to: 'resolved' });
    expect(availableActions('resolved', 'responder')).toEqual(['reopen', 'note']);
  });
});
