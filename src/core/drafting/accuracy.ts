import { checkDraft, DRAFT_RULES, type DraftLang, type DraftRule } from './draft-check.js';

/** One labelled draft: the findings a reviewer expects (rule names; none for a good reply). */
export interface LabelledDraft {
  id: string;
  lang: DraftLang;
  text: string;
  expect: DraftRule[];
}

export interface RuleScore {
  rule: DraftRule;
  /** Drafts where the check and the label agree on this rule, over all drafts. */
  accuracy: number;
  /** Drafts labelled with the rule. */
  positives: number;
  falsePositives: string[];
  falseNegatives: string[];
}

/** Per-rule agreement between checkDraft and the labels: accuracy, and the ids it got wrong each way. */
export function scoreDrafts(drafts: readonly LabelledDraft[]): RuleScore[] {
  const got = drafts.map((d) => new Set(checkDraft(d.text, d.lang).findings.map((f) => f.rule)));
  return DRAFT_RULES.map((rule) => {
    const falsePositives: string[] = [];
    const falseNegatives: string[] = [];
    drafts.forEach((d, i) => {
      const expected = d.expect.includes(rule);
      const found = got[i]!.has(rule);
      if (found && !expected) falsePositives.push(d.id);
      if (expected && !found) falseNegatives.push(d.id);
    });
    const wrong = falsePositives.length + falseNegatives.length;
    return { rule, accuracy: drafts.length ? (drafts.length - wrong) / drafts.length : 1, positives: drafts.filter((d) => d.expect.includes(rule)).length, falsePositives, falseNegatives };
  });
}
