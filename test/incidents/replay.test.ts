import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Runs the built `goldenhour replay` on the test run's database server; returns its JSON lines. */
async function replay(scenario: string): Promise<Record<string, unknown>[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'goldenhour-replay-'));
  try {
    // Run from an empty folder, so no goldenhour.yaml of this machine takes part.
    const child = spawn(process.execPath, [resolve('bin/goldenhour.js'), 'replay', resolve(`test/scenarios/${scenario}.jsonl`)], {
      cwd: dataDir,
      env: { ...process.env, MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    if (code !== 0) throw new Error(`replay exited ${code}: ${err}`);
    return out.trim() ? out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One event as a short line: simulated time (HH:MM UTC), type, severity and what it is about. */
function summary(e: Record<string, unknown>): string {
  const time = String(e.at).slice(11, 16);
  const what =
    e.type === 'alert' ? `${String(e.alert).split('@')[0]} ${e.reason}`
    : e.type === 'notification' ? `${e.kind} → ${e.to}`
    : e.type === 'escalation' ? `${e.step} → ${e.notify}`
    : e.type === 'sla_breach' ? String(e.breach)
    : `${e.from ?? '-'} → ${e.to}${e.by ? ` by ${e.by}` : ''}`;
  return `${time} ${e.type} ${e.severity} ${what}`;
}

// Each replay runs detection over 15 days of buckets per pass: minutes, not seconds, on a busy machine.
const REPLAY_TIMEOUT = 600_000;

describe('goldenhour replay', () => {
  it('escalates a food-safety post spreading on Weibo (a thousand reposts in an hour) within minutes, and follows the response', async () => {
    const events = await replay('weibo-food-safety');
    expect(events.map(summary)).toEqual(WEIBO);
    expect(new Set(events.map((e) => e.incident))).toEqual(new Set([events[0]!.incident]));
  }, REPLAY_TIMEOUT);

  it("stops the response clock at the minute the brand's official account reposts the complaint with its statement", async () => {
    const events = (await replay('weibo-official-reply')).map(summary);
    // Published at 09:52, collected at 09:55: the response counts from the post, not from when it was seen.
    expect(events).toContain('09:52 incident_state P2 acknowledged → responded by @阿克米官方');
    expect(events.filter((e) => e.includes('→ responded'))).toHaveLength(1);
    expect(events.some((e) => e.includes('sla_breach'))).toBe(false);
  }, REPLAY_TIMEOUT);

  it('escalates a slow build-up of one-star delivery reviews on JD, and breaches when nobody answers', async () => {
    expect((await replay('jd-delivery-buildup')).map(summary)).toEqual(JD);
  }, REPLAY_TIMEOUT);

  it('opens one incident per story: a food-safety post copied on three platforms, and an unrelated complaint wave the same afternoon', async () => {
    const events = await replay('multi-platform-two-stories');
    const opened = events.filter((e) => e.type === 'incident_state' && e.to === 'open').map((e) => e.incident);
    expect(opened).toHaveLength(2);
    const storiesOf = (incident: unknown) => new Set(events.filter((e) => e.type === 'alert' && e.incident === incident).map((e) => e.story));
    // The viral post alert and the P1 crisis surge of the morning are about the same story: one incident.
    expect(storiesOf(opened[0])).toEqual(new Set(['20260302:weibo:food-weibo']));
    expect([...storiesOf(opened[1])].every((s) => String(s).startsWith('20260302:') && String(s).includes(':complaint-'))).toBe(true);
  }, REPLAY_TIMEOUT);

  it('alerts at P2 within 10 hours when one-star delivery reviews creep from 1 to 8 an hour with volume flat', async () => {
    const events = await replay('marketplace-slow-burn');
    // Nothing on the two ordinary days before the burn starts at 08:00 on 4 March.
    expect(events.filter((e) => String(e.at) < '2026-03-04T08:00')).toEqual([]);
    const first = events.map(summary).find((e) => e.includes(' alert '));
    // The negatives of the last hours stand out from the usual share about four and a half hours in (core: 12:25).
    expect(first).toMatch(/^1[2-7]:\d\d alert P2 negative-surge\|brand=acme new$/);
    // Two and a half days of reviews, with a detection pass every quarter hour of the burn: the longest replay here.
  }, 2 * REPLAY_TIMEOUT);

  it('raises nothing on a normal busy day', async () => {
    expect(await replay('normal-busy-day')).toEqual([]);
  }, REPLAY_TIMEOUT);
});

/** The post appears at 09:00; detection sees it spreading at 09:10; the P2 rule waits one minute for more. */
const WEIBO = [
  '09:11 alert P2 viral-negative-post|brand=acme|story=20260302:weibo:w-food-1 new',
  '09:11 incident_state P2 - → open by goldenhour',
  '09:11 notification P2 alert → executive@replay.invalid',
  '09:11 notification P2 alert → lead@replay.invalid',
  '09:11 notification P2 alert → oncall@replay.invalid',
  // Nobody owns it yet at 30 minutes: the whole team is reminded; the acknowledgement the same minute spares the team lead.
  '09:41 escalation P2 remind-owner → owner',
  '09:41 notification P2 escalation:remind-owner → executive@replay.invalid',
  '09:41 notification P2 escalation:remind-owner → lead@replay.invalid',
  '09:41 notification P2 escalation:remind-owner → oncall@replay.invalid',
  '09:41 incident_state P2 open → acknowledged by Wang Fang',
  '09:56 incident_state P2 acknowledged → responded by Wang Fang',
  // The alert is still open two hours on (repeat_interval 2h), so it is sent again.
  '11:11 alert P2 viral-negative-post|brand=acme|story=20260302:weibo:w-food-1 repeat',
  '11:11 notification P2 alert → executive@replay.invalid',
  '11:11 notification P2 alert → lead@replay.invalid',
  '11:11 notification P2 alert → oncall@replay.invalid',
  '11:30 incident_state P2 responded → mitigated by Wang Fang',
  '13:00 incident_state P2 mitigated → resolved by Li Lead',
  '13:00 notification P2 resolved → executive@replay.invalid',
  '13:00 notification P2 resolved → lead@replay.invalid',
  '13:00 notification P2 resolved → oncall@replay.invalid',
];

/** One-star delivery reviews build up from 10:00; by 13:15 negatives are well above their usual share. Nobody answers. */
const JD = [
  '13:16 alert P2 negative-surge|brand=acme new',
  '13:16 incident_state P2 - → open by goldenhour',
  '13:16 notification P2 alert → executive@replay.invalid',
  '13:16 notification P2 alert → lead@replay.invalid',
  '13:16 notification P2 alert → oncall@replay.invalid',
  '13:46 escalation P2 remind-owner → owner',
  '13:46 notification P2 escalation:remind-owner → executive@replay.invalid',
  '13:46 notification P2 escalation:remind-owner → lead@replay.invalid',
  '13:46 notification P2 escalation:remind-owner → oncall@replay.invalid',
  // The burst also lifts plain volume, overall and on JD: P3 alerts, no incident.
  '14:00 alert P3 volume-surge|brand=acme new',
  '14:00 alert P3 volume-surge|brand=acme|platform=jd new',
  '14:00 notification P3 alert → executive@replay.invalid',
  '14:00 notification P3 alert → lead@replay.invalid',
  '14:00 notification P3 alert → oncall@replay.invalid',
  '14:00 notification P3 alert → executive@replay.invalid',
  '14:00 notification P3 alert → lead@replay.invalid',
  '14:00 notification P3 alert → oncall@replay.invalid',
  '14:01 escalation P2 escalate-team-lead → team-lead',
  '14:01 notification P2 escalation:escalate-team-lead → lead@replay.invalid',
  '14:16 sla_breach P2 response-breach',
  '14:16 escalation P2 executive-on-response-breach → executive',
  '14:16 notification P2 escalation:executive-on-response-breach → executive@replay.invalid',
  '15:16 alert P2 negative-surge|brand=acme repeat',
  '15:16 notification P2 alert → executive@replay.invalid',
  '15:16 notification P2 alert → lead@replay.invalid',
  '15:16 notification P2 alert → oncall@replay.invalid',
  // By 17:16 the surge has died down and its alert closed; the incident's clock still runs out.
  '17:16 sla_breach P2 solution-breach',
  '17:16 escalation P2 executive-on-solution-breach → executive',
  '17:16 notification P2 escalation:executive-on-solution-breach → executive@replay.invalid',
];
