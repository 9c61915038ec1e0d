import type { Reachability } from '../../src/core/types';
import type { OnebotConnection } from './connection';
import type { OnebotLog } from './log';
import { idOf } from './parse';

/** Heartbeats missed before a bot account counts as offline (protocols.md §3.1: dead after 2–3 intervals). */
export const MISSED_HEARTBEATS = 3;
/** The spec's heartbeat interval, assumed for a bot that has not sent one (§3.1). */
export const DEFAULT_HEARTBEAT_MS = 15_000;

interface Bot {
  connection?: OnebotConnection;
  offline?: string; // why, in words for the console
  linkLost?: boolean; // offline only because its socket closed: a new socket brings it back
  intervalMs?: number; // from its heartbeats, once it has sent one
  watch?: NodeJS.Timeout;
}

/**
 * The bot accounts (self_id) Kefu has heard from, each with its latest connection and its watch.
 * An account goes offline when its heartbeats stop or report `online:false`, on `lifecycle disable`, or
 * when its socket closes and it does not come back; that is logged as an alert once and shown in
 * health() until the account is heard from again.
 */
export function createBotRegistry(log: OnebotLog, defaultIntervalMs = DEFAULT_HEARTBEAT_MS, onHeartbeat?: () => void) {
  const bots = new Map<string, Bot>();
  const bot = (selfId: string) => bots.get(selfId) ?? bots.set(selfId, {}).get(selfId)!;
  let stopped = false; // sockets closing during shutdown must not arm new watches
  const seconds = (ms: number) => `${ms / 1000} 秒`;

  function offline(selfId: string, reason: string, linkLost = false): void {
    const b = bot(selfId);
    if (!b.offline) log.error({ selfId }, `QQ bot ${selfId} offline: ${reason}`);
    b.offline = reason;
    b.linkLost = linkLost;
  }

  function online(selfId: string): void {
    const b = bot(selfId);
    if (b.offline) log.info({ selfId }, `QQ bot ${selfId} back online`);
    b.offline = undefined;
  }

  /** Marks the account offline with `reason` unless it is heard from within MISSED_HEARTBEATS intervals. */
  function watch(selfId: string, b: Bot, reason: string, linkLost = false): void {
    clearTimeout(b.watch);
    if (stopped) return;
    b.watch = setTimeout(() => offline(selfId, reason, linkLost), (b.intervalMs ?? defaultIntervalMs) * MISSED_HEARTBEATS);
    b.watch.unref();
  }

  const silence = (b: Bot) => `连续 ${MISSED_HEARTBEATS} 次没有心跳（间隔 ${seconds(b.intervalMs!)}）`;

  function heartbeat(selfId: string, e: Record<string, unknown>): void {
    const b = bot(selfId);
    const status = (e.status ?? {}) as Record<string, unknown>;
    onHeartbeat?.();
    b.intervalMs = Number(e.interval) > 0 ? Number(e.interval) : DEFAULT_HEARTBEAT_MS; // spec default (§3.1)
    if (status.online === false) offline(selfId, 'QQ 账号已掉线（心跳 status.online=false）');
    else online(selfId);
    watch(selfId, b, silence(b));
  }

  return {
    /** Remembers that events for `selfId` come over `connection`; its replies go back the same way. */
    connected(selfId: string, connection: OnebotConnection): void {
      const b = bot(selfId);
      if (b.connection === connection) return;
      b.connection = connection;
      log.info({ selfId }, `QQ bot ${selfId} connected`);
      if (b.linkLost) online(selfId);
      // Back before its disconnect watch ran out: from now on only its heartbeats are watched, if it sends any.
      if (b.intervalMs) watch(selfId, b, silence(b));
      else clearTimeout(b.watch);
    },
    /** A socket closed: its accounts must come back within MISSED_HEARTBEATS intervals (§3.5: links drop, most return). */
    disconnected(connection: OnebotConnection): void {
      for (const [selfId, b] of bots) {
        if (b.connection !== connection) continue;
        b.connection = undefined;
        log.warn({ selfId }, `QQ bot ${selfId} disconnected`);
        const wait = (b.intervalMs ?? defaultIntervalMs) * MISSED_HEARTBEATS;
        watch(selfId, b, `连接已断开，${seconds(wait)}内没有重连`, true);
      }
    },
    connection: (selfId: string) => bots.get(selfId)?.connection,
    /** meta_event: heartbeat and lifecycle (§3.1). */
    meta(e: Record<string, unknown>): void {
      const selfId = idOf(e.self_id);
      if (!selfId) return;
      if (e.meta_event_type === 'heartbeat') heartbeat(selfId, e);
      else if (e.meta_event_type === 'lifecycle' && e.sub_type === 'disable') offline(selfId, 'OneBot 已停用（lifecycle disable）');
      else if (e.meta_event_type === 'lifecycle') online(selfId);
    },
    /** Whether an agent's reply can go out now through the account `selfId`, and if not, why. */
    reachability(selfId: string): Reachability {
      const b = bots.get(selfId);
      if (b?.offline) return { reachable: false, reason: `QQ 机器人 ${selfId} 离线（${b.offline}）：回复会在它恢复后发出` };
      if (!b?.connection) return { reachable: false, reason: `QQ 机器人 ${selfId} 没有 WebSocket 连接：回复会在它连上后发出` };
      return { reachable: true };
    },
    health(): { ok: boolean; detail?: string } {
      if (!bots.size) return { ok: true, detail: 'no QQ bot connected yet' };
      const lines = [...bots].map(([id, b]) => `${id} ${b.offline ? `离线：${b.offline}` : b.connection ? '在线' : '未连接'}`);
      return { ok: [...bots.values()].every((b) => !b.offline), detail: lines.join('; ') };
    },
    stop(): void {
      stopped = true;
      for (const b of bots.values()) clearTimeout(b.watch);
    },
  };
}
