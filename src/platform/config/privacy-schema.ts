import { z } from 'zod';

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

const orderPattern = z.string().min(1).refine(isRegExp, { error: 'not a valid regular expression (e.g. "JD\\\\d{10,14}" for JD order numbers)' });

/** What is masked in stored mention text; a brand's `masking` overrides the keys it names. */
export const maskingSchema = z
  .object({
    phones: z.boolean().default(true).describe('Chinese mobile numbers and international numbers written with +country code'),
    emails: z.boolean().default(true),
    idNumbers: z.boolean().default(true).describe('Chinese resident ID numbers (18 characters with a valid check character)'),
    bankCards: z.boolean().default(true).describe('13-19 digit numbers that pass the Luhn check'),
    orderPatterns: z.array(orderPattern).default([]).describe('regular expressions of order numbers, e.g. "JD\\\\d{10,14}"'),
  })
  .strict();

export const brandMaskingSchema = z
  .object({ phones: z.boolean(), emails: z.boolean(), idNumbers: z.boolean(), bankCards: z.boolean(), orderPatterns: z.array(orderPattern) })
  .partial()
  .strict();

const days = (fallback: number, what: string) => z.number().int().min(1).max(36_500).default(fallback).describe(what);

/** How long each kind of personal data is kept (days); counts in the ledger are kept. */
export const retentionSchema = z
  .object({
    mentionDays: days(90, 'mention documents (text, author fields), their revision records, negative highlights and the author index, by day of publication'),
    engagementDays: days(30, 'the journal: engagement observations and the short copies evidence lists read, by hour of observation'),
    evidenceDays: days(90, 'copies of mention text in signal, alert and incident evidence, by the time the evidence was taken'),
    outboxSentDays: days(14, 'bodies of notifications once sent (the row stays, without its subject, text and payload)'),
    labelDays: days(365, 'sentiment labels (imported and corrections): the texts the learned sentiment model is taught with; the model keeps what it learnt (word weights, no text)'),
    auditDays: days(365, 'the audit log of who exported, erased or read personal data'),
    purgeEveryMinutes: z.number().int().min(1).max(1440).default(60).describe('how often the purge job looks for what is due'),
    batch: z.number().int().min(10).max(10_000).default(500).describe('documents removed per step; the job yields between steps so ingest keeps going'),
  })
  .strict();

export const privacySchema = z
  .object({ masking: maskingSchema.prefault({}), retention: retentionSchema.prefault({}) })
  .strict()
  .describe('minimisation at ingest and retention of personal data (see README "Personal data")');
export type PrivacyConfig = z.infer<typeof privacySchema>;
