import { createOnebotChannel } from '../adapters/onebot';
import { createQqOfficialChannel } from '../adapters/qq-official';
import { createWebchatChannel } from '../adapters/webchat';
import { createWechatMpChannel } from '../adapters/wechat-mp';
import { createWecomKfChannel } from '../adapters/wecom-kf';
import { createWechatyChannel } from '../adapters/wechaty';
import type { Config } from './config';
import type { ChannelSignal, KefuEvents } from './core/events';
import type { Mailbox } from './core/mailbox';
import type { Opinion } from './core/opinion';
import type { Pipeline } from './core/pipeline';
import type { Channel, ChannelId, HandleResult, InboundMessage } from './core/types';
import type { Logger } from './log';
import { getConversation } from './store/conversations';
import type { Db } from './store/db';
import { getTicket } from './store/tickets';

/** What an adapter may be given: its settings and the pipeline's entry points, never our tables. */
export interface ChannelDeps {
  config: Config;
  /** The signed web-chat entry (src/players), checked with the game's secret. */
  signedEntry?(params: Record<string, unknown>): { ok: true; sessionId: string } | { ok: false; reason: string };
  db: Db; // for the adapter's own durable state (tokens, cursors) through its own store module
  pipeline: Pipeline;
  mailbox: Mailbox;
  events: KefuEvents;
  log: Logger;
  now(): number;
  confirmInline(messageIds: number[]): void;
}

/** Web chat is always on; every other channel is on when its variables are set (DESIGN §5 "Environment"). */
export function createChannels(deps: ChannelDeps): Channel[] {
  const channels: Channel[] = [
    createWebchatChannel({
      handle: (msg) => deps.pipeline.consultAndHandle(msg),
      signedEntry: deps.signedEntry,
      confirmInline: deps.confirmInline,
      mailbox: deps.mailbox,
      now: deps.now,
    }),
    // `kefu chat` reads its replies from the database: once stored, a message is delivered.
    { id: 'terminal', send: async () => ({ ok: true }) },
  ];
  const ticketAddress = (id: number) => {
    const ticket = getTicket(deps.db, id);
    return ticket && getConversation(deps.db, ticket.conversationId)?.address;
  };
  const handle = (msg: InboundMessage, delivery: 'inline' | 'outbox', opinion?: Opinion) => deps.pipeline.handle(msg, { delivery, opinion });
  const handleTogether = (msg: InboundMessage, delivery: 'inline' | 'outbox', opinion?: Opinion, alongside?: (r: HandleResult) => void, first?: () => void) =>
    deps.pipeline.handleTogether(msg, { delivery, opinion, alongside, first });
  // The LLM's second opinion for channels that can wait for it (within its budget) before handling; none
  // when no LLM is configured, so that a channel knows no work is spent on a message before it is stored.
  const consult = deps.pipeline.consults ? (msg: InboundMessage) => deps.pipeline.consult(msg) : undefined;
  const wechat = { db: deps.db, handle, handleTogether, commits: deps.pipeline.commits, consult, confirmInline: deps.confirmInline, log: deps.log, now: deps.now };
  const signal = (channel: ChannelId) => (kind: ChannelSignal) => deps.events.emit('channel', { channel, kind });
  if (deps.config.wechatMp) channels.push(createWechatMpChannel({ ...wechat, config: deps.config.wechatMp, faqDir: deps.config.faqDir, signal: signal('wechat-mp') }));
  if (deps.config.wecom) channels.push(createWecomKfChannel({ ...wechat, config: deps.config.wecom, events: deps.events, ticketAddress, faqDir: deps.config.faqDir }));
  if (deps.config.wechaty) channels.push(createWechatyChannel({ ...wechat, ...deps.config.wechaty, printQr: true }));
  if (deps.config.onebot) channels.push(createOnebotChannel({ ...wechat, config: deps.config.onebot, signal: signal('onebot') }));
  if (deps.config.qqOfficial) channels.push(createQqOfficialChannel({ ...wechat, config: deps.config.qqOfficial, events: deps.events }));
  return channels;
}
