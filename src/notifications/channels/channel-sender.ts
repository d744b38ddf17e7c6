/** One interface per delivery channel; the dispatcher picks the sender by the row's channel. */
import type { ChannelKind } from '../../core/rules/alert.js';
import type { OutboxItem } from '../outbox.js';

export interface ChannelSender {
  readonly kinds: readonly ChannelKind[];
  /** Delivers the row or throws with a message saying why (the dispatcher retries). */
  send(item: OutboxItem): Promise<void>;
}

/** Per-minute limits when the team's channel configuration sets none (the receivers' documented bot limits). */
export const DEFAULT_RATE_PER_MINUTE: Record<ChannelKind, number> = {
  email: 120,
  slack: 60,
  feishu: 100,
  dingtalk: 20,
  wecom: 20,
  webhook: 120,
};
