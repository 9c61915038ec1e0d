import type { Tier } from '../store/tickets';
import type { ServiceHours } from './serviceHours';

/**
 * How the desk works, from configuration (KEFU_FIRST_RESPONSE_MINUTES…, README "Agent desk"). Only the first
 * response deadline is required, so a pipeline can run with a bare `{ firstResponseMs }`.
 */
export interface DeskPolicy {
  /** First response due this long after queueing, unless the tier has its own. */
  firstResponseMs: number;
  firstResponseMsByTier?: Partial<Record<Tier, number>>;
  /** Minutes an agent spends per ticket, for the player's estimated wait. */
  minutesPerTicket?: number;
  /** A player writing again this soon after resolution reopens their ticket (0: never). */
  reopenMs?: number;
  /** When people answer; outside them tickets wait and players are told when people are back. Absent: always. */
  serviceHours?: ServiceHours;
  /** Hand queued tickets to online agents round robin, up to each agent's capacity. */
  autoAssign?: boolean;
  /** How long a console login lasts. */
  sessionMs?: number;
}

export function firstResponseMsFor(policy: DeskPolicy, tier: Tier): number {
  return policy.firstResponseMsByTier?.[tier] ?? policy.firstResponseMs;
}
