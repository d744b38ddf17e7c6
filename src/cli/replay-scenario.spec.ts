import { describe, it, expect } from '@jest/globals';
import { parseScenario, ScenarioError } from './replay-scenario.js';

const brand = '{"type":"brand","name":"Acme Foods","aliases":["Acme"],"keywords":["acme"]}';
const mention = (at: string, extra = '') => `{"type":"mention","brand":"acme","platform":"weibo","externalId":"w1","publishedAt":"${at}","author":"u","text":"hi"${extra}}`;

describe(parseScenario.name, () => {
  it('times mentions by observedAt (else publishedAt) and actions by at; brand lines have no time', () => {
    const lines = parseScenario([brand, mention('2026-03-02T09:00:00Z'), mention('2026-03-02T09:00:00Z', ',"observedAt":"2026-03-02T09:05:00Z"'), '{"type":"action","at":"2026-03-02T09:10:00Z","incident":"first","do":"acknowledge","by":"Wang"}'].join('\n'), 's.jsonl');
    expect(lines.map((l) => [l.lineNo, l.line.type, l.at?.toISOString()])).toEqual([
      [1, 'brand', undefined],
      [2, 'mention', '2026-03-02T09:00:00.000Z'],
      [3, 'mention', '2026-03-02T09:05:00.000Z'],
      [4, 'action', '2026-03-02T09:10:00.000Z'],
    ]);
  });

  it('names file, line and field of a bad line, and refuses lines out of time order', () => {
    const text = [mention('2026-03-02T09:00:00Z'), '{"type":"action","at":"2026-03-02T08:00:00Z","incident":"first","do":"apologise","by":"Wang"}', mention('2026-03-02T08:30:00Z')].join('\n');
    expect(() => parseScenario(text, 's.jsonl')).toThrow(ScenarioError);
    expect(() => parseScenario(text, 's.jsonl')).toThrow(/s\.jsonl:2: do: [\s\S]*s\.jsonl:3: 2026-03-02T08:30:00\.000Z comes before the previous line/);
  });

  it("reads a brand's official accounts and names a bad one with its line", () => {
    const ok = parseScenario(['{"type":"brand","id":"acme","name":"Acme","officialAccounts":{"weibo":["@阿克米官方"]}}', mention('2026-03-02T09:00:00Z')].join('\n'), 's.jsonl');
    expect(ok[0]!.line).toMatchObject({ officialAccounts: { weibo: ['@阿克米官方'] } });
    expect(() => parseScenario(['{"type":"brand","id":"acme","name":"Acme","officialAccounts":{"weibo":[]}}', mention('2026-03-02T09:00:00Z')].join('\n'), 's.jsonl')).toThrow(/s\.jsonl:1: officialAccounts\.weibo: list at least one account/);
  });
});
