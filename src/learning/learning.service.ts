import { Injectable, Logger } from '@nestjs/common';
import { applyLearned, learnBatch, learnNew, learnOne, MIN_LABELS, modelFromJson, modelToJson, newModel, type Example, type LearnedModel } from '../core/sentiment/learned/index.js';
import type { Analysis } from '../core/sentiment/types.js';
import { Clock } from '../platform/clock.js';
import { LearningRepository, type SentimentLabelRecord } from './learning.repository.js';

/** The model of all brands: learns every brand's labels, and scores a brand whose own model is not past MIN_LABELS yet. */
export const ALL_BRANDS = '*';

/**
 * How often a process asks whether a cached model is still the newest (one read by `_id` of a few bytes):
 * a correction made through one replica reaches the others' scoring within this time.
 */
export const MODEL_CHECK_MS = 15_000;

interface Cached {
  model: LearnedModel;
  version: string | null;
  checkedAt: number;
}

/**
 * The learned layers: one model per brand and one of all brands, kept in the database (in chunks:
 * LearningRepository.saveModel) and cached here. Every label teaches the brand's model and the all-brands one. Each save writes a new
 * version; every MODEL_CHECK_MS a process compares its cached model's version with the stored one and reads
 * the model again when another process has learnt since.
 */
@Injectable()
export class LearningService {
  private readonly logger = new Logger(LearningService.name);
  private readonly cache = new Map<string, Cached>();
  /** Checks and reads under way for scoring: the batches scoring at the same moment share one, not one each. */
  private readonly loading = new Map<string, Promise<LearnedModel>>();

  constructor(
    private readonly repo: LearningRepository,
    private readonly clock: Clock,
  ) {}

  /** The model that scores a brand's mentions: its own once past MIN_LABELS, else the all-brands one, else none. */
  async modelFor(brand: string): Promise<LearnedModel | null> {
    const own = await this.load(brand);
    if (own.labels >= MIN_LABELS) return own;
    const all = await this.load(ALL_BRANDS);
    return all.labels >= MIN_LABELS ? all : null;
  }

  /** Whether a learned layer scores the brand's mentions: their analyses then keep the rules' cues for it (AnalyzeOptions.cues). */
  async inForce(brand: string): Promise<boolean> {
    return (await this.modelFor(brand)) !== null;
  }

  /** The rules' analysis of a brand's text, adjusted by its learned layer when it has one. */
  async score(brand: string, text: string, analysis: Analysis, explain = false): Promise<Analysis> {
    return applyLearned(await this.modelFor(brand), text, analysis, explain);
  }

  /**
   * Learns a batch of labels (an import) into the brand's model and the all-brands one; returns the brand model's
   * label count. A model that has learnt nothing yet takes the layout these labels choose (learnNew).
   */
  async learnBatch(brand: string, examples: readonly Example[], at: Date): Promise<number> {
    let labels = 0;
    for (const key of brand === ALL_BRANDS ? [ALL_BRANDS] : [brand, ALL_BRANDS]) {
      let model = await this.load(key, true);
      if (model.labels === 0) model = learnNew(examples);
      else learnBatch(model, examples);
      await this.save(key, model, at);
      if (key === brand) labels = model.labels;
    }
    return labels;
  }

  /** Learns one correction as it arrives. */
  async learnOne(brand: string, example: Example, at: Date): Promise<void> {
    for (const key of [brand, ALL_BRANDS]) {
      const model = await this.load(key, true);
      learnOne(model, example);
      await this.save(key, model, at);
    }
  }

  /**
   * Learns a model again from scratch from the labels still in force (after an undo: an online model cannot
   * forget one label, so it is rebuilt without it). `examples` are those labels with the rules' analyses.
   */
  async relearn(key: string, examples: readonly Example[], at: Date): Promise<void> {
    await this.save(key, learnNew(examples), at);
  }

  /** Stores imported labels (who and when with each). */
  async storeLabels(records: SentimentLabelRecord[]): Promise<void> {
    await this.repo.insertLabels(records);
  }

  correction(id: string): Promise<SentimentLabelRecord | null> {
    return this.repo.label(id);
  }

  saveCorrection(record: SentimentLabelRecord): Promise<void> {
    return this.repo.saveCorrection(record);
  }

  /** The labels in force for a model (a brand's, or all of them for `*`). */
  labelsOf(key: string): Promise<SentimentLabelRecord[]> {
    return this.repo.activeLabels(key);
  }

  private async save(key: string, model: LearnedModel, at: Date): Promise<void> {
    const version = await this.repo.saveModel(key, modelToJson(model), at);
    this.cache.set(key, { model, version, checkedAt: this.clock.cacheAgeMs() });
  }

  /**
   * The cached model while it is fresh; past MODEL_CHECK_MS its stored version is checked and, if newer, it
   * is read again. Before learning (`learning`) the version is always checked, so that a label learnt here
   * never overwrites one another process learnt a moment ago.
   */
  private async load(key: string, learning = false): Promise<LearnedModel> {
    if (learning) return this.check(key);
    const cached = this.cache.get(key);
    if (cached && this.clock.cacheAgeMs() - cached.checkedAt < MODEL_CHECK_MS) return cached.model;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.check(key).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** The cached model if its stored version is unchanged, else the stored one read again. */
  private async check(key: string): Promise<LearnedModel> {
    const now = this.clock.cacheAgeMs();
    const cached = this.cache.get(key);
    if (cached && (await this.repo.modelVersion(key)) === cached.version) {
      cached.checkedAt = now;
      return cached.model;
    }
    const { model: json, version } = await this.repo.model(key);
    let model = newModel();
    if (json) {
      const read = modelFromJson(json);
      if (read.ok) model = read.model;
      else this.logger.error({ event: 'sentiment_model_unreadable', model: key, error: read.error });
    }
    this.cache.set(key, { model, version, checkedAt: now });
    return model;
  }
}
