import type { Channel, ChannelId } from '../core/types';
import type { DeskContext } from '../desk/context';

/** The studio tracker's webhook (KEFU_BUG_WEBHOOK, KEFU_BUG_WEBHOOK_SECRET). */
export interface BugWebhook {
  url: string;
  secret?: string;
}

/** Which follow-ups (回访) besides complaints get a task (KEFU_FOLLOWUP_VIP, KEFU_FOLLOWUP_CRITICAL_BUGS). */
export interface FollowupPolicy {
  vip: boolean;
  criticalBugs: boolean;
}

/** What case work needs from the running service: the desk's context, the channels, the FAQ folder. */
export interface CasesContext extends DeskContext {
  channels: Map<ChannelId, Channel>;
  faqDir: string;
  webhook?: BugWebhook;
  followups?: FollowupPolicy;
}

/** Follow-ups are due within three days (the support rulebook's 回访 rule). */
export const FOLLOW_UP_MS = 3 * 24 * 3600_000;
