import { startCaseClock } from './case-clock.js';
import type { PlatformRules } from './case-rules.js';
import type { Case } from './case.js';
import { caseThreadKey } from './thread.js';
import type { CaseReason } from './triage.js';

/** The mention a case is opened from, as ingest stored it. */
export interface CaseSource {
  id: string;
  brand: string;
  platform: string;
  externalId: string;
  url?: string;
  title?: string;
  text: string;
  lang?: string;
  publishedAt: Date;
  author?: { name?: string; hash?: string; followers?: number };
  engagement?: { views?: number };
  rating?: number;
  sentiment: { score: number; label: string };
  crisisTerms: string[];
  keywords: string[];
  extra?: Record<string, unknown>;
}

/** The case id of the case a mention opens: derived from the mention, so opening it again finds the same case. */
export const caseIdOf = (mentionId: string) => `case:${mentionId}`;

/** A new case for a mention that needs a reply; the clock starts when goldenhour saw it (`at`). */
export function openCase(m: CaseSource, reasons: CaseReason[], rules: PlatformRules, at: Date): Case {
  const author = { ...(m.author?.name ? { name: m.author.name } : {}), ...(m.author?.hash ? { hash: m.author.hash } : {}), ...(m.author?.followers !== undefined ? { followers: m.author.followers } : {}) };
  return {
    _id: caseIdOf(m.id),
    brand: m.brand,
    platform: m.platform,
    team: rules.team,
    state: 'open',
    threadKey: threadKeyOf(m),
    author,
    reach: m.author?.followers ?? m.engagement?.views ?? 0,
    reasons,
    ...(m.title ? { title: m.title } : {}),
    text: m.text,
    ...(m.url ? { url: m.url } : {}),
    ...(m.lang ? { lang: m.lang } : {}),
    sentiment: m.sentiment,
    ...(m.rating !== undefined ? { rating: m.rating } : {}),
    crisisTerms: m.crisisTerms,
    keywords: m.keywords,
    mentions: [{ id: m.id, ...(m.url ? { url: m.url } : {}), text: m.text, at: m.publishedAt }],
    clock: startCaseClock(rules.policy, rules.hours, at),
    fired: [],
    openedAt: at,
    version: 1,
    history: [{ at, by: 'ingest', action: 'opened', detail: reasons.join(', ') }],
  };
}

export function threadKeyOf(m: CaseSource): string {
  return caseThreadKey({ brand: m.brand, platform: m.platform, externalId: m.externalId, authorHash: m.author?.hash, extra: m.extra });
}
