import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { slangLabels } from '../support/sentiment-examples.js';
import { LearningService, MODEL_CHECK_MS } from '../../src/learning/learning.service.js';
import { AnalysisService } from '../../src/mentions/analysis.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

describe('learned models across replicas', () => {
  const dbName = `t_model_freshness_${randomBytes(3).toString('hex')}`;
  let learner: TestApp;
  let replica: TestApp;
  const replicaClock = new ManualClock('2026-11-20T08:00:00Z');
  const slang = '阿克米的新品又塌房了';
  const replicaScore = async () => {
    const analysis = replica.app.get(AnalysisService).analyze({ text: slang });
    return (await replica.app.get(LearningService).score('acme', slang, analysis)).label;
  };

  beforeAll(async () => {
    learner = await startTestApp({ label: 'freshness-learner', config: { brands: [acmeBrand], dbName }, dropOnClose: false });
    replica = await startTestApp({ label: 'freshness-replica', config: { brands: [acmeBrand], dbName }, clock: replicaClock });
  });
  afterAll(async () => {
    await learner.close();
    await replica.close();
  });

  it('a replica scores with a model another process learnt, from its next check on', async () => {
    expect(await replicaScore()).toBe('neutral');

    const analysis = learner.app.get(AnalysisService);
    await learner.app.get(LearningService).learnBatch('acme', slangLabels('zh').map(({ text, label }) => ({ text, label, analysis: analysis.analyze({ text }) })), learner.clock.now());

    // Within one check interval the replica keeps its cached model (no read of the model per mention)...
    replicaClock.advance(MODEL_CHECK_MS - 1);
    expect(await replicaScore()).toBe('neutral');
    // ...and past it, reads the stored version, sees it changed and scores with the new model.
    replicaClock.advance(1);
    expect(await replicaScore()).toBe('negative');
  });

  it('learning on a replica starts from the newest stored model, never from its stale copy', async () => {
    const analysis = replica.app.get(AnalysisService);
    const texts = ['阿克米的客服yyds', '阿克米的包装真拉胯'];
    await replica.app.get(LearningService).learnOne('acme', { text: texts[0]!, label: 'positive', analysis: analysis.analyze({ text: texts[0]! }) }, replicaClock.now());
    // The learner's cache is stale (its clock stands still), but learning checks the version first.
    await learner.app.get(LearningService).learnOne('acme', { text: texts[1]!, label: 'negative', analysis: analysis.analyze({ text: texts[1]! }) }, learner.clock.now());
    const stored = (await learner.connection.db!.collection('sentiment_models').findOne({ _id: 'acme' as never }))!;
    expect(stored.labels).toBe(202);
  });
});
