/** Group keys: which signals of a rule become one alert. */
import type { Signal } from '../detection/signal.js';
import { storyAbout } from '../stories/story-about.js';
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

/** The story a signal is about, for grouping: the one definition incidents use too (core/stories/story-about.ts). */
export function storyOfSignal(signal: Pick<Signal, 'kind' | 'evidence'>): string | undefined {
  return storyAbout({ kinds: [signal.kind], stories: signal.evidence.stories })?.id;
}

/** `ruleId|brand=acme|platform=weibo`: stable across restarts and replicas for the same rule and labels. */
export function groupKeyOf(ruleId: string, labels: GroupLabels): string {
  const parts = Object.entries(labels)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return [ruleId, ...parts].join('|');
}
