import type { KefuEvents } from '../../src/core/events';
import type { Db } from '../../src/store/db';
import { openReplyWindow } from '../../src/store/replyWindows';
import { readVendorState, writeVendorState } from '../../src/store/vendorState';
import { maskId, type ChannelLog, type ConsultInbound, type HandleInbound } from '../wechat-common/deps';
import type { KfApi, KfMessage } from './api';
import { parseKfMessage } from './parse';

const HOUR = 3_600_000;
/** An event's code (welcome_code) can be used once, within 20 s of the event (protocols.md §2). */
const EVENT_CODE_MS = 20_000;
/** origin of a system event in sync_msg (§2). */
const ORIGIN_EVENT = 4;

/** Why WeCom did not deliver a send_msg (msg_send_fail, protocols.md §2). */
const FAIL_TYPES: Record<number, string> = { 4: '会话已过期（超过 48 小时）', 6: '超过 5 条消息的限制', 10: '用户拒收' };

export interface KfSyncDeps {
  db: Db;
  api: KfApi;
  handle: HandleInbound;
  consult?: ConsultInbound;
  events: KefuEvents;
  log: ChannelLog;
  now(): number;
  /** The operator's welcome text (faq/welcome.yaml), or undefined for none; throws when the file is broken. */
  welcome(): string | undefined;
}

/**
 * Pulls a kf account's messages after each kf_msg_or_event callback (§2): sync_msg from the stored cursor
 * while has_more is 1, each page's cursor saved once its messages are stored, so a restart resumes where it
 * stopped and a replay is caught by the pipeline's msgid dedupe. One pull per account at a time; a callback
 * during a pull makes it go round once more.
 */
export function createKfSync(deps: KfSyncDeps) {
  const running = new Map<string, Promise<void>>();
  const again = new Map<string, string | undefined>();

  async function take(m: KfMessage): Promise<void> {
    const inbound = parseKfMessage(m);
    if (inbound) {
      const result = deps.handle(inbound, 'outbox', await deps.consult?.(inbound));
      const key = { channel: 'wecom-kf' as const, account: inbound.account, userId: inbound.from.userId };
      if (!result.duplicate) openReplyWindow(deps.db, key, inbound.receivedAt, 48 * HOUR, 5);
    } else if (m.origin === ORIGIN_EVENT && m.event?.event_type === 'enter_session' && m.event.welcome_code) {
      welcome(m, m.event.welcome_code);
    } else if (m.event?.event_type === 'msg_send_fail') {
      const reason = FAIL_TYPES[m.event.fail_type ?? 0] ?? `fail_type ${m.event.fail_type}`;
      deps.log.warn({ userId: maskId(m.event.external_userid ?? ''), msgid: m.event.fail_msgid }, `WeCom did not deliver a message: ${reason}`);
    }
  }

  /**
   * A player opened the kf session: greet them with the welcome file through the event's code. A replayed
   * event (after a restart) is past its 20 s and skipped, so nobody is welcomed twice.
   */
  function welcome(m: KfMessage, code: string): void {
    const userId = maskId(m.event?.external_userid ?? m.external_userid ?? '');
    if (deps.now() - m.send_time * 1000 > EVENT_CODE_MS) return;
    let text: string | undefined;
    try {
      text = deps.welcome();
    } catch (err) {
      deps.log.error({ err: (err as Error).message }, 'WeCom welcome file rejected');
    }
    if (!text) return;
    deps.api.sendOnEvent(code, text).catch((err) => deps.log.warn({ userId, err: (err as Error).message }, 'WeCom welcome not sent'));
  }

  async function drain(openKfId: string, token: string | undefined): Promise<void> {
    const key = `wecom-kf:cursor:${openKfId}`;
    for (;;) {
      const cursor = readVendorState(deps.db, key, deps.now())?.value;
      const page = await deps.api.syncMsg({ cursor, token, open_kfid: openKfId, limit: 1000 });
      for (const m of page.msg_list ?? []) await take(m);
      if (page.next_cursor) writeVendorState(deps.db, key, page.next_cursor, deps.now());
      if (page.msg_list?.length) deps.events.emit('queued');
      if (page.has_more !== 1) return;
    }
  }

  return {
    /** Resolves when no pull is running (before the database closes). */
    async idle(): Promise<void> {
      await Promise.allSettled([...running.values()]);
    },
    /** Pulls everything new for this kf account; resolves when the account is drained. */
    pull(openKfId: string, token?: string): Promise<void> {
      const current = running.get(openKfId);
      if (current) {
        again.set(openKfId, token);
        return current;
      }
      const run = (async () => {
        let next: string | undefined = token;
        for (;;) {
          await drain(openKfId, next);
          if (!again.has(openKfId)) return;
          next = again.get(openKfId);
          again.delete(openKfId);
        }
      })().finally(() => running.delete(openKfId));
      running.set(openKfId, run);
      return run;
    },
  };
}
