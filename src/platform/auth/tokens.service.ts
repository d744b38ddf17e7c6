import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../clock.js';
import type { CurrentUserInfo, Role } from './roles.decorator.js';
import { TokensRepository } from './tokens.repository.js';

const CACHE_MS = 30_000;

/** API tokens: `gh_<id>_<secret>`; created by `goldenhour token create`, stored as a hash. */
@Injectable()
export class TokensService {
  private readonly cache = new Map<string, { user: CurrentUserInfo | null; until: number }>();

  constructor(
    private readonly repo: TokensRepository,
    private readonly clock: Clock,
  ) {}

  async create(name: string, role: Role): Promise<{ token: string; id: string }> {
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    await this.repo.insert({ _id: id, name, role, hash: sha256(secret), createdAt: this.clock.now() });
    return { id, token: `gh_${id}_${secret}` };
  }

  /** The caller a bearer token stands for, or null when it is unknown, malformed or revoked. */
  async verify(token: string): Promise<CurrentUserInfo | null> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(token);
    if (hit && hit.until > now) return hit.user;
    const user = await this.lookup(token);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, { user, until: now + CACHE_MS });
    return user;
  }

  async list() {
    return (await this.repo.list()).map(({ hash: _hash, ...rest }) => rest);
  }

  async revoke(id: string): Promise<boolean> {
    this.cache.clear();
    return this.repo.revoke(id, this.clock.now());
  }

  private async lookup(token: string): Promise<CurrentUserInfo | null> {
    const m = /^gh_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(token);
    if (!m) return null;
    const rec = await this.repo.get(m[1]);
    if (!rec || rec.revokedAt) return null;
    const a = Buffer.from(rec.hash, 'hex');
    const b = Buffer.from(sha256(m[2]), 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    return { tokenId: rec._id, name: rec.name, role: rec.role };
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
