import { Injectable } from '@nestjs/common';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { LearningRepository, type SentimentLabelRecord } from './learning.repository.js';

/**
 * Sentiment labels hold a copy of the text they label: a correction copies its mention's text, an import
 * may hold a person's post. A person's labels are the corrections of their mentions and any label whose
 * text quotes one of their posts; erasure removes them. Under retention (`labelDays`) labels older than
 * the limit go. The brand's model keeps what it learnt from them (word weights, no text).
 */
@Injectable()
export class LabelsPersonalData implements PersonalDataHolder {
  readonly name = 'labels';

  constructor(private readonly repo: LearningRepository) {}

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    return (await this.of(s)).map((l) => ({ kind: 'sentimentLabel', where: `sentiment_labels/${l._id}`, data: l }));
  }

  async erase(s: SubjectMentions): Promise<void> {
    await this.repo.removeLabels((await this.of(s)).map((l) => l._id));
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    let sentimentLabel = 0;
    for (;;) {
      const ids = await this.repo.labelsBefore(c.labelsBefore, batch);
      sentimentLabel += await this.repo.removeLabels(ids);
      if (ids.length < batch) return { sentimentLabel };
      await pause();
    }
  }

  private async of(s: SubjectMentions): Promise<SentimentLabelRecord[]> {
    if (!s.mentions.length) return [];
    const keys = new Set(s.mentions.map((m) => m.key));
    // Texts are stored masked and quoted whole or clipped: the same needles notification bodies are searched with.
    return (await this.repo.allLabels()).filter((l) => (l.mentionId && keys.has(l.mentionId)) || s.needles.some((n) => l.text.includes(n)));
  }
}
