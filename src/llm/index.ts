import type { Config } from '../config';
import type { Consult } from '../core/opinion';
import type { CannedReply } from '../desk/canned';
import type { Logger } from '../log';
import type { Matcher } from '../matcher/types';
import type { Db } from '../store/db';
import { recordLlmCall, tokensOnDay } from '../store/llmCalls';
import { createAssist, type Assist } from './assist';
import { createLlmClient } from './client';
import { createMasker } from './mask';
import { createSecondOpinion } from './secondOpinion';

export interface LlmDeps {
  db: Db;
  log: Logger;
  now(): number;
  matcher(): Matcher;
  canned(): CannedReply[];
}

/** The LLM's two jobs in the service, or undefined when it is not configured: then nothing is ever sent. */
export interface Llm {
  consult: Consult;
  assist: Assist;
  model: string;
}

export function createLlm(config: Config, deps: LlmDeps): Llm | undefined {
  if (!config.llm) return undefined;
  const ledger = { record: (c: Parameters<typeof recordLlmCall>[1]) => void recordLlmCall(deps.db, c), tokensOn: (day: string) => tokensOnDay(deps.db, day) };
  const client = createLlmClient(config.llm, { ledger, log: deps.log, now: deps.now });
  const mask = createMasker(config.llm.orderPattern);
  deps.log.info({ model: config.llm.model, baseUrl: config.llm.baseUrl }, 'LLM assist on');
  return {
    consult: createSecondOpinion({ db: deps.db, matcher: deps.matcher, client, mask }),
    assist: createAssist({ db: deps.db, matcher: deps.matcher, canned: deps.canned, client, mask }),
    model: config.llm.model,
  };
}
