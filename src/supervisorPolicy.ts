import type { Shift } from './shifts/schedule';

/** How the supervisor's side runs, from configuration (README "The supervisor's day"). */
export interface SupervisorPolicy {
  /** The service time zone: what a day and a shift mean. */
  timeZone: string;
  /** The rota (KEFU_SHIFTS). */
  shifts: Shift[];
  /** When the daily job stores yesterday's report, draws its spot checks and pushes the summary. */
  reportAt: { hour: number; minute: number };
  /** A WeCom group robot (企业微信群机器人) webhook for the daily summary. */
  reportWebhook?: string;
  /** Conversations drawn per agent per day. */
  spotCheckSize: number;
  /** A fixed seed makes draws repeatable; without one each install draws differently. */
  spotCheckSeed?: string;
  /** A console silent this long no longer counts its agent as online. */
  presenceTimeoutMs: number;
}
