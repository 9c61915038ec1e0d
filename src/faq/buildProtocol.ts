// What the service thread and the FAQ build thread (buildWorker.ts) say to each other.
import type { MatcherModel } from '../matcher';
import type { MatcherSettings } from '../matcher/settings';
import type { Faq, FaqProblem } from './types';

export interface BuildRequest {
  id: number;
  dir: string;
}

export type BuildReply =
  | { id: number; ok: true; faq: Faq; settings: MatcherSettings; model: MatcherModel }
  | { id: number; ok: false; problems: FaqProblem[] };

/** What the thread says once it has loaded everything a build needs. */
export const READY = { ready: true } as const;
