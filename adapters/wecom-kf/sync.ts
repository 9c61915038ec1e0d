import type { KefuEvents } from '../../src/core/events';
import type { Db } from '../../src/store/db';
import { openReplyWindow } from '../../src/store/replyWindows';
import { readVendorState, writeVendorState } from '../../src/store/vendorState';
import { maskId, type ChannelLog, type HandleInbound } from '../wechat-common/deps';
import type { KfApi, KfMessage } from './api';
import { parseKfMessage } from './parse';

const HOUR = 3_600_000;

/** Why WeCom did not deliver a send_msg (msg_send_fail, protocols.md §2). */
const FAIL_TYPES: Record<number, string> = { 4: '会话已过期（超过 48 小时）', 6: '超过 5 条消息的限制', 10: '用户拒收' };

export interface KfSyncDeps {
  db: Db;
  api: KfApi;
  handle: HandleInbound;
  events: KefuEvents;
  log: ChannelLog;
  now(): number;
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

  function take(m: KfMessage): void {
    const inbound = parseKfMessage(m);
    if (inbound) {
      const result = deps.handle(inbound, 'outbox');
      const key = { channel: 'wecom-kf' as const, account: inbound.account, userId: inbound.from.userId };
      if (!result.duplicate) openReplyWindow(deps.db, key, inbound.receivedAt, 48 * HOUR, 5);
    } else if (m.event?.event_type === 'msg_send_fail') {
      const reason = FAIL_TYPES[m.event.fail_type ?? 0] ?? `fail_type ${m.event.fail_type}`;
      deps.log.warn({ userId: maskId(m.event.external_userid ?? ''), msgid: m.event.fail_msgid }, `WeCom did not deliver a message: ${reason}`);
    }
  }

  async function drain(openKfId: string, token: string | undefined): Promise<void> {
    const key = `wecom-kf:cursor:${openKfId}`;
    for (;;) {
      const cursor = readVendorState(deps.db, key, deps.now())?.value;
      const page = await deps.api.syncMsg({ cursor, token, open_kfid: openKfId, limit: 1000 });
      for (const m of page.msg_list ?? []) take(m);
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
