import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CHOICE_LABELS } from '../../src/core/sentiment/learned/choose.js';
import { learnBatch, modelToJson, newModel, type Example } from '../../src/core/sentiment/learned/index.js';
import type { Polarity } from '../../src/core/sentiment/types.js';
import { ALL_BRANDS, LearningService } from '../../src/learning/learning.service.js';
import { MODEL_CHUNK_CHARS } from '../../src/learning/learning.repository.js';
import { AnalysisService } from '../../src/mentions/analysis.service.js';
import { slangLabels } from '../support/sentiment-examples.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

/**
 * Labelled texts of varied characters (a fixed sequence): enough distinct n-grams for a model larger than one stored
 * piece, in fewer than CHOICE_LABELS labels (no cross-validation to wait for).
 */
function manyLabels(analysis: AnalysisService, n: number): Example[] {
  let s = 99;
  const char = (): string => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return String.fromCharCode(0x4e00 + (s % 3000));
  };
  return Array.from({ length: n }, (_, i) => {
    const text = `${Array.from({ length: 160 }, char).join('')}${i % 2 ? '真拉胯' : 'yyds'}`;
    const label: Polarity = i % 2 ? 'negative' : 'positive';
    return { text, label, analysis: analysis.analyze({ text }, { cues: true }) };
  });
}

describe('stored learned models', () => {
  const dbName = `t_model_storage_${randomBytes(3).toString('hex')}`;
  let learner: TestApp;
  let reader: TestApp;
  const probes = ['客服又塌房了', '这家店绝绝子', '包装真拉胯，无语'];
  const scores = async (app: TestApp, key: string) => {
    const analysis = app.app.get(AnalysisService);
    return Promise.all(probes.map(async (text) => (await app.app.get(LearningService).score(key, text, analysis.analyze({ text }, { cues: true }))).score));
  };
  const db = () => learner.connection.db!;
  const LABELS = CHOICE_LABELS - 100;
  const pieceIds = (header: { _id: unknown; version?: unknown; chunks?: unknown }) => Array.from({ length: Number(header.chunks) }, (_, i) => `${String(header._id)}|${String(header.version)}|${i}`).sort();

  beforeAll(async () => {
    learner = await startTestApp({ label: 'storage-learner', config: { brands: [acmeBrand], dbName }, dropOnClose: false });
    reader = await startTestApp({ label: 'storage-reader', config: { brands: [acmeBrand], dbName } });
  });
  afterAll(async () => {
    await learner.close();
    await reader.close();
  });

  // The model of all brands alone learns here (a brand's import also teaches it: twice the time).
  it('stores a model larger than one document piece by piece, and another process reads it back whole', async () => {
    const analysis = learner.app.get(AnalysisService);
    await learner.app.get(LearningService).learnBatch(ALL_BRANDS, manyLabels(analysis, LABELS), learner.clock.now());
    const header = (await db().collection('sentiment_models').findOne({ _id: ALL_BRANDS as never }))!;
    expect(header).toMatchObject({ labels: LABELS, chunks: expect.any(Number) });
    expect(header.model).toBeUndefined();
    expect(header.chunks).toBeGreaterThan(1);
    const pieces = await db().collection<{ _id: string; data: string }>('sentiment_model_chunks').find({}).toArray();
    expect(pieces.map((p) => p._id).sort()).toEqual(pieceIds(header));
    expect(Math.max(...pieces.map((p) => p.data.length))).toBeLessThanOrEqual(MODEL_CHUNK_CHARS);

    expect(await scores(reader, ALL_BRANDS)).toEqual(await scores(learner, ALL_BRANDS));
  }, 300_000);

  it('a new save replaces the pieces: only the newest save\'s remain', async () => {
    const analysis = learner.app.get(AnalysisService);
    await learner.app.get(LearningService).learnBatch(ALL_BRANDS, [{ text: '新品真拉胯', label: 'negative', analysis: analysis.analyze({ text: '新品真拉胯' }, { cues: true }) }], learner.clock.now());
    const header = (await db().collection('sentiment_models').findOne({ _id: ALL_BRANDS as never }))!;
    expect(header.labels).toBe(LABELS + 1);
    const ids = (await db().collection<{ _id: string }>('sentiment_model_chunks').find({}).toArray()).map((p) => p._id);
    expect(ids.sort()).toEqual(pieceIds(header));
  }, 300_000);

  it('reads a model stored whole in one document before the pieces, and stores it in pieces when it learns on', async () => {
    const analysis = learner.app.get(AnalysisService);
    const old = newModel();
    learnBatch(old, slangLabels('zh').map(({ text, label }) => ({ text, label, analysis: analysis.analyze({ text }, { cues: true }) })));
    const json = modelToJson(old);
    expect(json.version).toBe(4);
    await db().collection('sentiment_models').insertOne({ _id: 'globex' as never, model: json, labels: json.labels, updatedAt: new Date() });
    await db().collection('sentiment_model_versions').insertOne({ _id: 'globex' as never, version: 'before-pieces', updatedAt: new Date() });

    const before = await scores(reader, 'globex');
    expect(before[0]).toBeLessThan(0);
    expect(before[1]).toBeGreaterThan(0);

    await learner.app.get(LearningService).learnOne('globex', { text: '新品yyds', label: 'positive', analysis: analysis.analyze({ text: '新品yyds' }, { cues: true }) }, learner.clock.now());
    const header = (await db().collection('sentiment_models').findOne({ _id: 'globex' as never }))!;
    expect(header).toMatchObject({ labels: json.labels + 1, chunks: 1 });
    expect(header.model).toBeUndefined();
    expect(await db().collection('sentiment_model_chunks').findOne({ _id: `globex|${header.version}|0` as never })).not.toBeNull();
    const after = await scores(learner, 'globex');
    expect(after[0]).toBeLessThan(0);
    expect(after[1]).toBeGreaterThan(0);
  }, 300_000);
});
