/** Test data with overrides: one line per test says only what matters to it. */
export function mention(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    brand: 'acme',
    platform: 'weibo',
    externalId: 'w1',
    text: 'Lunch from Acme was great, fast delivery',
    publishedAt: '2026-11-20T08:02:00Z',
    engagement: { likes: 1, shares: 0, comments: 0, views: 10 },
    author: { name: 'Li Lei', handle: '@lilei' },
    ...overrides,
  };
}

export const acmeBrand = {
  id: 'acme',
  name: 'Acme Foods',
  names: { en: 'Acme Foods', zh: '阿克米' },
  aliases: ['acme'],
  keywords: ['acme', '阿克米'],
  competitors: ['globex'],
  timezone: 'Asia/Shanghai',
};
