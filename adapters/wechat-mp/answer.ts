import type { HandleResult, InboundMessage } from '../../src/core/types';
import type { CommitGroup } from '../../src/store/commitGroup';
import type { Db } from '../../src/store/db';
import { openReplyWindow } from '../../src/store/replyWindows';
import type { ChannelLog, ConsultInbound, HandleInboundTogether } from '../wechat-common/deps';
import { maskId } from '../wechat-common/deps';
import { loadWelcome } from '../wechat-common/welcome';
import { menuQuestion } from './menu';
import { mpEvent, parseMpMessage, type MpFields } from './parse';
import { untrusted } from '../../src/log';

const HOUR = 3_600_000;

export interface AnswerDeps {
  db: Db;
  /** The pipeline's commit group: a push's replay-check write (readPush's `remember`) goes in it. */
  commits?: CommitGroup;
  faqDir: string;
  handleTogether: HandleInboundTogether;
  consult?: ConsultInbound;
  log: ChannelLog;
  now(): number;
}

/** What to answer a verified push with: text for a passive reply, the pipeline's result if it ran, or nothing. */
export interface PushAnswer {
  text?: string;
  result?: HandleResult;
}

/**
 * Decides the answer to one push. Messages and mapped menu clicks go through the pipeline (stored once,
 * deduped on account + openid + MsgId/CreateTime, §1.3); a follow gets the welcome file; other events
 * need no answer. Each player action opens its customer-service window (§1.7). `remember` (readPush's
 * replay-check write) commits with the message, or before anything else for an event.
 */
export async function answerPush(deps: AnswerDeps, f: MpFields, remember?: () => unknown): Promise<PushAnswer | null> {
  const inbound = parseMpMessage(f, deps.now());
  if (!inbound) return null;
  const event = mpEvent(f);
  if (remember && event) await (deps.commits ? deps.commits.run(remember) : remember());
  const window = { channel: 'wechat-mp' as const, account: inbound.account, userId: inbound.from.userId };
  const openedAt = inbound.receivedAt; // our clock, not CreateTime: the window is checked against our clock
  if (!event) {
    // The second opinion first, within its budget (well inside WeChat's 5 s, §1.3), outside the transaction.
    const opinion = await deps.consult?.(inbound);
    // The message and its reply window commit together, in the transaction shared with the pushes arriving
    // meanwhile (group commit); the push is answered after that commit.
    const result = await deps.handleTogether(
      inbound,
      'inline',
      opinion,
      (handled) => {
        if (!handled.duplicate) openReplyWindow(deps.db, window, openedAt, 48 * HOUR, 5);
      },
      remember && (() => void remember()),
    );
    return { result };
  }
  if (['subscribe', 'SCAN', 'CLICK', 'scancode_push', 'scancode_waitmsg'].includes(event.event)) {
    openReplyWindow(deps.db, window, openedAt, 60_000, 3);
  }
  if (event.event === 'subscribe') return { text: welcome(deps) };
  if (event.event !== 'CLICK') return {};
  const question = menuFile(deps, () => menuQuestion(deps.faqDir, event.key));
  if (!question) {
    deps.log.warn({ key: untrusted(event.key), userId: maskId(inbound.from.userId) }, 'WeChat menu key not in faq/menu.yaml');
    return {};
  }
  const asked: InboundMessage = { ...inbound, kind: 'text', text: question };
  return { result: await deps.handleTogether(asked, 'inline', await deps.consult?.(asked)) };
}

function welcome(deps: AnswerDeps): string | undefined {
  return menuFile(deps, () => loadWelcome(deps.faqDir));
}

/** A broken welcome or menu file is logged and the player simply gets no answer to that event. */
function menuFile<T>(deps: AnswerDeps, read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    deps.log.error({ err: (err as Error).message }, 'WeChat official account file rejected');
    return undefined;
  }
}
