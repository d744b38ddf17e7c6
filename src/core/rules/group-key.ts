/** Group keys: which signals of a rule become one alert. */
import type { Signal } from '../detection/signal.js';
import type { Rule } from './rule.js';

export type GroupLabels = Partial<Record<'brand' | 'kind' | 'platform' | 'topic' | 'story', string>>;

/** The labels a signal contributes to its group: brand always, plus the rule's group_by fields. */
export function groupLabels(rule: Rule, signal: Signal): GroupLabels {
  const labels: GroupLabels = { brand: signal.brand };
  for (const field of rule.group_by) {
    if (field === 'kind') labels.kind = signal.kind;
    if (field === 'platform' && signal.scope.platform) labels.platform = signal.scope.platform;
    if (field === 'topic' && signal.scope.topic) labels.topic = signal.scope.topic;
    if (field === 'story') {
      const story = storyOfSignal(signal);
      if (story) labels.story = story;
    }
  }
  return labels;
}

/** A story needs this many mentions in the signal's window to carry it. */
const STORY_MIN_MENTIONS = 3;

/**
 * The story a signal is about, for grouping: a viral post's own story, else the signal's largest story when
 * it stands out (at least {@link STORY_MIN_MENTIONS} mentions and twice the next one). A brand surge and its
 * platform and topic signals about one post share it; a wave of unrelated posts has none, so its signals stay
 * one group per brand instead of one per whichever small story happened to be largest.
 */
export function storyOfSignal(signal: Pick<Signal, 'kind' | 'evidence'>): string | undefined {
  const [first, second] = signal.evidence.stories ?? [];
  if (!first) return undefined;
  if (signal.kind === 'viral_post') return first.id;
  return first.mentions >= STORY_MIN_MENTIONS && first.mentions >= 2 * (second?.mentions ?? 0) ? first.id : undefined;
}

/** `ruleId|brand=acme|platform=weibo`: stable across restarts and replicas for the same rule and labels. */
export function groupKeyOf(ruleId: string, labels: GroupLabels): string {
  const parts = Object.entries(labels)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return [ruleId, ...parts].join('|');
}
