/** The story a signal or an alert is about, for rule grouping (an incident claims its largest: core/incidents/incident-identity.ts). */
import type { SignalKind } from '../detection/signal.js';
import type { StoryRef } from './story.js';

/** A story needs this many mentions in the signal's window to carry it. */
export const STORY_MIN_MENTIONS = 3;

/**
 * The story the evidence is about: a viral post's own story, however small; else the largest story when it
 * stands out ({@link STORY_MIN_MENTIONS} mentions and at least twice the next one). A brand surge and its
 * platform and topic signals about one post share it, and so the rule groups; a wave of unrelated posts has
 * none, so its signals stay one group per brand instead of one per whichever small story happened to be largest.
 */
export function storyAbout(evidence: { kinds: readonly SignalKind[]; stories?: readonly StoryRef[] }): StoryRef | undefined {
  const [first, second] = evidence.stories ?? [];
  if (!first) return undefined;
  if (evidence.kinds.includes('viral_post')) return first;
  return first.mentions >= STORY_MIN_MENTIONS && first.mentions >= 2 * (second?.mentions ?? 0) ? first : undefined;
}
