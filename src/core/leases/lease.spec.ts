import { describe, expect, it } from '@jest/globals';
import { decide, epochAfterLoss, isCurrent, mayAct, renewalHeld, renewDue, validUntil, type Hold, type LeaseHead } from './lease.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, s));
const head = (over: Partial<LeaseHead> = {}): LeaseHead => ({ scope: 'source:weibo', owner: 'a', epoch: 4, since: at(0), expiresAt: at(30), ...over });
const hold = (over: Partial<Hold> = {}): Hold => ({ scope: 'source:weibo', owner: 'a', epoch: 4, since: at(0), validUntil: at(30), ...over });

describe(decide.name, () => {
  it('takes epoch 1 of a scope nobody ever held', () => {
    expect(decide(undefined, 'a', at(0))).toEqual({ kind: 'take', epoch: 1 });
  });

  it('renews its own live lease in the same epoch', () => {
    expect(decide(head(), 'a', at(10))).toEqual({ kind: 'renew', epoch: 4 });
  });

  it('leaves a live lease of another daemon alone', () => {
    expect(decide(head(), 'b', at(29))).toEqual({ kind: 'busy', owner: 'a', until: at(30) });
  });

  it('takes an expired lease over in the next epoch, naming the daemon it took it from', () => {
    expect(decide(head(), 'b', at(30))).toEqual({ kind: 'take', epoch: 5, from: 'a' });
  });

  it('starts a new epoch even for its own expired lease (a paused holder must not carry on its old token)', () => {
    expect(decide(head(), 'a', at(31))).toEqual({ kind: 'take', epoch: 5 });
  });
});

describe(epochAfterLoss.name, () => {
  it('waits while the winner of the epoch may still hold it', () => {
    expect(epochAfterLoss({ epoch: 5, expiresAt: at(40) }, at(39))).toBeUndefined();
  });

  it('moves past a winner that died before writing the head, once its time is up', () => {
    expect(epochAfterLoss({ epoch: 5, expiresAt: at(40) }, at(40))).toBe(6);
  });
});

describe('fencing', () => {
  it('lets a holder act only before its own view of the expiry', () => {
    expect(mayAct(hold(), at(29))).toBe(true);
    expect(mayAct(hold(), at(30))).toBe(false);
  });

  it('counts validity from when the holder asked, not when the answer came', () => {
    expect(validUntil(at(0), 30_000)).toEqual(at(30));
  });

  it('holds the token current only while the head names this epoch and owner, unexpired', () => {
    expect(isCurrent(head(), hold(), at(10))).toBe(true);
    expect(isCurrent(head({ epoch: 5, owner: 'b' }), hold(), at(10))).toBe(false);
    expect(isCurrent(head(), hold(), at(30))).toBe(false);
    expect(isCurrent(undefined, hold(), at(10))).toBe(false);
  });

  it('renews once a third of the time is gone', () => {
    expect(renewDue(hold(), 30_000, at(9))).toBe(false);
    expect(renewDue(hold(), 30_000, at(10))).toBe(true);
  });
});

describe(renewalHeld.name, () => {
  it('holds when the head still names this epoch and the round trip ended in time', () => {
    expect(renewalHeld(hold(), head(), at(20))).toBe(true);
  });

  it('fails when another daemon took the next epoch meanwhile, or the answer came too late', () => {
    expect(renewalHeld(hold(), head({ epoch: 5, owner: 'b' }), at(20))).toBe(false);
    expect(renewalHeld(hold(), head(), at(30))).toBe(false);
  });
});
