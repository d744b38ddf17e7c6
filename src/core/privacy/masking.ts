/**
 * Minimisation of stored text: personal identifiers people post about themselves (a phone number to call
 * back, an order number, an ID or card number pasted in anger) are masked before a mention is stored.
 * Each kind keeps a few edge characters so a reader still sees what was there ("138****5678"), never enough
 * to contact or identify the person. Analysis runs on the unmasked text before this, so masking never
 * changes a score or a crisis term.
 */

export type MaskKind = 'email' | 'idNumber' | 'bankCard' | 'phone' | 'order';

export interface MaskingPolicy {
  phones: boolean;
  emails: boolean;
  idNumbers: boolean;
  bankCards: boolean;
  /** Regular expressions (source text) of this brand's order numbers, e.g. "JD\\d{10,14}". */
  orderPatterns: readonly string[];
}

export interface Masked {
  text: string;
  /** How many identifiers of each kind were masked (never what they were). */
  found: Partial<Record<MaskKind, number>>;
}

export const DEFAULT_MASKING: MaskingPolicy = { phones: true, emails: true, idNumbers: true, bankCards: true, orderPatterns: [] };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 18 characters: 6 region digits, 8 birth-date digits, 3 sequence digits, a check character (digit or X).
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// 13 to 19 digits, optionally in groups split by single spaces or hyphens.
const CARD = /(?<![\d+-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
// A mainland mobile number: 1[3-9] then 9 digits, optionally +86 and 3-4-4 groups.
const CN_MOBILE = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g;
// International: a leading + and country code, then 6 to 13 more digits in groups.
const INTL_PHONE = /\+\d{1,3}(?:[ -]?\(?\d{1,4}\)?){2,5}(?!\d)/g;

/** Compiles a policy once (order patterns are user regular expressions, validated with the config). */
export function maskerFor(policy: MaskingPolicy): (text: string) => Masked {
  const orders = policy.orderPatterns.map((p) => new RegExp(p, 'gu'));
  return (text) => {
    const found: Masked['found'] = {};
    let out = text;
    const apply = (kind: MaskKind, re: RegExp, mask: (m: string) => string | null) => {
      out = out.replace(re, (m) => {
        const masked = mask(m);
        if (masked === null) return m;
        found[kind] = (found[kind] ?? 0) + 1;
        return masked;
      });
    };
    // Explicit order patterns first: an order number may also pass a card checksum.
    for (const re of orders) apply('order', re, (m) => keepEdges(m, 0, 4));
    if (policy.emails) apply('email', EMAIL, maskEmail);
    if (policy.idNumbers) apply('idNumber', ID_NUMBER, (m) => (isResidentId(m) ? keepEdges(m, 1, 1) : null));
    if (policy.bankCards) apply('bankCard', CARD, (m) => (luhnValid(digitsOf(m)) ? maskDigits(m, 0, 4) : null));
    if (policy.phones) {
      apply('phone', CN_MOBILE, (m) => maskDigits(m, digitsOf(m).length === 13 ? 5 : 3, 4));
      apply('phone', INTL_PHONE, (m) => (digitsOf(m).length >= 8 && digitsOf(m).length <= 15 ? maskDigits(m, countryCodeDigits(m), 2) : null));
    }
    return { text: out, found };
  };
}

/** Whether an 18-character string is a valid Chinese resident ID number (GB 11643: ISO 7064 MOD 11-2 check character). */
export function isResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

/** Luhn check of a card number's digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Replaces every digit or letter with '*' except the first `head` and last `tail` characters; separators stay. */
function keepEdges(s: string, head: number, tail: number): string {
  return [...s].map((c, i) => (i < head || i >= s.length - tail || !/[0-9A-Za-z]/.test(c) ? c : '*')).join('');
}

/** Replaces digits with '*' except the first `head` and last `tail` digits; separators stay. */
function maskDigits(s: string, head: number, tail: number): string {
  const total = digitsOf(s).length;
  let seen = 0;
  return s.replace(/\d/g, (d) => (seen++ < head || seen > total - tail ? d : '*'));
}

/** Digits of the country code: those before the first separator after "+", at most 3. */
function countryCodeDigits(m: string): number {
  return Math.min(3, /^\+(\d+)/.exec(m)![1]!.length);
}

function maskEmail(m: string): string {
  const at = m.indexOf('@');
  return `${m[0]}***${m.slice(at)}`;
}

/**
 * Every string inside a value (a recipe's `extra` fields: nested objects and arrays) masked; the same
 * value (not a copy) when nothing needed masking, so unmasked input is stored as it came.
 */
export function maskDeep<T>(value: T, mask: (text: string) => Masked): T {
  if (typeof value === 'string') return mask(value).text as T;
  if (Array.isArray(value)) {
    const out = value.map((v) => maskDeep(v, mask));
    return (out.some((v, i) => v !== value[i]) ? out : value) as T;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value).map(([k, v]) => [k, maskDeep(v, mask)] as const);
    return (entries.some(([k, v]) => v !== (value as Record<string, unknown>)[k]) ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}
