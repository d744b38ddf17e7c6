import { it } from '@jest/globals';
import { runReplay } from '../../src/cli/replay.js';
it('probe', async () => {
  for (const f of ['weibo-food-safety']) {
    const t0 = performance.now();
    await runReplay({ file: `test/scenarios/${f}.jsonl`, mongoUri: process.env.GOLDENHOUR_TEST_MONGODB_URI!, tailMinutes: 20, write: (l) => process.stderr.write('EV ' + l) });
    process.stderr.write(`${f} ${Math.round(performance.now() - t0)} ms\n`);
  }
}, 300_000);
