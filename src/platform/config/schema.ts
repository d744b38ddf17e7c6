import { z } from 'zod';
import { webUrlSchema } from '../../core/mention/mention-input.js';
import { isKnownTimeZone } from '../../core/time/zoned.js';
import { brandMaskingSchema, privacySchema } from './privacy-schema.js';

/** The brand's own accounts per platform: their posts in an incident's story or thread are its first public response. */
export const officialAccountsSchema = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a platform id as mentions name it (e.g. "weibo", "douyin")'), z.array(z.string().trim().min(1, 'an account handle or name, e.g. "@阿克米官方"')).min(1, 'list at least one account, or leave the platform out'))
  .describe('the brand\'s official accounts per platform, e.g. { weibo: ["@阿克米官方"], douyin: ["acme_official"] }: a post by one of them in an incident\'s story stops its response clock');

/** A brand watched by goldenhour, with names and keywords in several languages. */
export const brandConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-" (e.g. "acme-foods")'),
    name: z.string().min(1),
    names: z.record(z.string(), z.string()).default({}).describe('display names per language, e.g. { en: "Acme", zh: "阿克米" }'),
    aliases: z.array(z.string().min(1)).default([]),
    keywords: z.array(z.string().min(1)).default([]),
    competitors: z.array(z.string()).default([]).describe('ids of competitor brands for share of voice'),
    kind: z.enum(['own', 'competitor']).optional().describe('"competitor": tracked for share of voice only; dashboards open on an own brand'),
    timezone: z.string().refine(isKnownTimeZone, { error: 'not an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin, UTC)' }).default('UTC'),
    masking: brandMaskingSchema.optional().describe('this brand\'s overrides of privacy.masking (e.g. its order-number patterns)'),
    officialAccounts: officialAccountsSchema.optional(),
  })
  .strict();
export type BrandConfig = z.infer<typeof brandConfigSchema>;

const memberSchema = z
  .object({
    name: z.string().min(1),
    email: z.string().email().optional(),
    role: z.enum(['member', 'lead', 'executive']).default('member'),
  })
  .strict();

const channelSchema = z
  .object({
    type: z.enum(['email', 'slack', 'feishu', 'dingtalk', 'wecom', 'webhook']),
    to: z.string().min(1).describe('an e-mail address or a webhook URL'),
    secret: z.string().optional().describe('HMAC secret for signed webhooks'),
    ratePerMinute: z.number().int().positive().optional(),
  })
  .strict();

export const teamConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"'),
    name: z.string().min(1),
    members: z.array(memberSchema).default([]),
    channels: z.array(channelSchema).default([]),
  })
  .strict();
export type TeamConfig = z.infer<typeof teamConfigSchema>;

/** Everything goldenhour can be told, from goldenhour.yaml and the environment. */
export const configSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(3000),
    publicUrl: webUrlSchema.optional().describe('the URL people open; links in mail point here'),
    mongodbUri: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI').optional(),
    dbName: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, "_" or "-"').default('goldenhour'),
    dataDir: z.string().default('data'),
    cacheDir: z.string().optional().describe('FerretDB build cache; default <install dir>/.cache/ferretdb (a downloaded MongoDB goes beside it, in ../mongodb)'),
    rulesDir: z.string().optional().describe('alert rules, SLA policies, crisis terms; default <install dir>/rules'),
    scrapersDir: z.string().optional().describe('source recipes; default <install dir>/scrapers'),
    logLevel: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    logFormat: z.enum(['json', 'pretty']).default('json'),
    demo: z.boolean().optional().describe('run the demo brand and demo sources; on by default only when no config file exists'),
    storeAuthorHandles: z.boolean().default(false).describe('keep raw author handles (otherwise only a hash)'),
    privacy: privacySchema.prefault({}),
    api: z
      .object({
        bodyLimit: z.string().regex(/^\d+(kb|mb)$/, 'a size like "2mb" or "512kb"').default('5mb'),
        rateLimitPerMinute: z.number().int().positive().default(600),
        maxBatch: z.number().int().positive().max(10_000).default(1000),
      })
      .strict()
      .default({ bodyLimit: '5mb', rateLimitPerMinute: 600, maxBatch: 1000 }),
    smtp: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(1).max(65535).default(25),
        secure: z.boolean().default(false),
        user: z.string().optional(),
        pass: z.string().optional(),
        from: z.string().default('goldenhour <goldenhour@localhost>'),
      })
      .strict()
      .optional(),
    brands: z.array(brandConfigSchema).default([]),
    teams: z.array(teamConfigSchema).default([]),
    alerts: z
      .object({
        evaluateSeconds: z.number().int().min(1).max(3600).default(15).describe('how often alert groups are flushed'),
        userRulesDir: z.string().optional().describe('your own alerts*.yaml rules (default <dataDir>/rules)'),
        outbox: z
          .object({
            maxAttempts: z.number().int().min(1).max(50).default(8),
            backoffMs: z.number().int().min(10).default(30_000).describe('first retry delay; doubles each failure'),
            maxBackoffMs: z.number().int().min(10).default(3_600_000),
            leaseMs: z.number().int().min(100).default(60_000).describe('how long a claimed send may take before another worker takes it over'),
            pollMs: z.number().int().min(50).default(5_000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    crm: z
      .object({
        url: webUrlSchema.describe('where every case is POSTed as a signed JSON webhook (see README "CRM sync")'),
        secret: z.string().min(16, 'at least 16 characters').describe('HMAC-SHA256 key: signs outgoing cases and verifies POST /api/v1/cases/sync'),
        mapping: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('goldenhour').describe('field mapping from rules/crm.yaml ("goldenhour" sends the documented payload as is)'),
      })
      .strict()
      .optional()
      .describe('CRM or ticketing system that receives cases and reports assignment, replies and closure back'),
    incidents: z.object({ slaJobSeconds: z.number().int().min(1).max(3600).default(30).describe('how often SLA clocks are checked and escalation steps fired') }).strict().prefault({}),
    digest: z.object({ brands: z.array(z.object({ brand: z.string().min(1).describe('brand id'), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day "HH:MM" (24 h) in the brand\'s time zone').default('08:00'), to: z.array(z.string().email()).min(1).describe('recipients of the daily digest'), lang: z.enum(['en', 'zh']).default('en') }).strict()).default([]) }).strict().prefault({}).describe('daily digest email per brand: yesterday\'s volume, sentiment, topics, incidents'),
    dashboard: z
      .object({
        cacheSeconds: z.number().int().min(0).max(3600).default(30).describe('a preset dashboard (24h/7d/30d) is computed at most this often per brand and time zone; older ones are served while a fresh one is computed (0: compute on every request)'),
      })
      .strict()
      .prefault({}),
    detection: z
      .object({ intervalSeconds: z.number().int().min(5).max(3600).default(60) })
      .strict()
      .default({ intervalSeconds: 60 }),
    cluster: z
      .object({
        leaseSeconds: z.number().min(1).max(300).default(30).describe('how long a daemon holds a scheduled unit without renewing it: after a crash, another daemon takes the unit over within this time plus one tick'),
        tickMs: z.number().int().min(50).max(10_000).default(1000).describe('how often the scheduler looks for due units and renews its leases'),
      })
      .strict()
      .prefault({})
      .describe('several daemons on one database (see README "Running several daemons")'),
  })
  .strict();

export type GoldenhourConfig = z.infer<typeof configSchema>;
