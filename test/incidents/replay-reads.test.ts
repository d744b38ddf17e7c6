import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { runReplay } from '../../src/cli/replay.js';

/** The replay's printed lines, with or without keeping reads of collections it has not written since. */
async function replay(scenario: string, keepReads: boolean): Promise<string[]> {
  const lines: string[] = [];
  await runReplay({ file: resolve(`test/scenarios/${scenario}.jsonl`), mongoUri: process.env.GOLDENHOUR_TEST_MONGODB_URI!, keepReads, write: (l) => lines.push(l) });
  return lines;
}

// Two replays of a scenario each: minutes on a busy machine. The scenarios are the short ones that still cover
// stories on several platforms within a day, and a Weibo escalation with the team's actions (three-day scenarios
// take 5-15 minutes twice over: the slow burn took 15 of CI's 34 minutes).
const TIMEOUT = 600_000;

describe('goldenhour replay keeping its reads', () => {
  it.each(['multi-platform-two-stories', 'weibo-food-safety'])('prints exactly what it prints reading everything every time: %s', async (scenario) => {
    const kept = await replay(scenario, true);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(await replay(scenario, false));
  }, TIMEOUT);
});
