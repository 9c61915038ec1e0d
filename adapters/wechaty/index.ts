import qrcodeTerminal from 'qrcode-terminal';
import { WechatyBuilder, type Message, type Wechaty } from 'wechaty';
import type { Address, Channel, OutboundMessage, SendResult } from '../../src/core/types';
import { maskId, type ChannelLog, type ConsultInbound, type HandleInbound } from '../wechat-common/deps';
import { loggedOut, loginHealth, type LoginState } from './login';
import { parseWechatyMessage, type WechatySnapshot } from './parse';

/** Backoff between restarts after a logout or a puppet error: 5 s doubling to 5 min. */
const RESTART_MS = { first: 5_000, max: 300_000 };

export interface WechatyDeps {
  /** A puppet npm name (KEFU_WECHATY_PUPPET) or, in tests, a puppet instance (protocols.md §5 pitfall 4). */
  puppet: string | NonNullable<Parameters<typeof WechatyBuilder.build>[0]>['puppet'];
  puppetToken?: string;
  handle: HandleInbound;
  consult?: ConsultInbound;
  confirmInline(messageIds: number[]): void;
  log: ChannelLog;
  now(): number;
  /** Print the login QR code in the terminal (on in production). */
  printQr?: boolean;
}

export type WechatyChannel = Channel & { readonly bot: Wechaty };

/**
 * Personal WeChat / WeCom through wechaty (§5): private chats always, rooms when the bot is @-mentioned;
 * replies said inline, agents' replies later through send(). Login, logout and bans show in health().
 */
export function createWechatyChannel(deps: WechatyDeps): WechatyChannel {
  const { log } = deps;
  const options = typeof deps.puppet === 'string' ? { puppet: deps.puppet as never, puppetOptions: { token: deps.puppetToken } } : { puppet: deps.puppet };
  const bot = WechatyBuilder.build(options);
  let state: LoginState = { status: 'starting' };
  let restartMs = RESTART_MS.first;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function snapshot(msg: Message): Promise<WechatySnapshot> {
    const room = msg.room();
    const talker = msg.talker();
    return {
      id: msg.id,
      botId: bot.isLoggedIn ? bot.currentUser.id : '',
      self: msg.self(),
      text: msg.text(),
      type: msg.type(),
      ageS: msg.age(),
      talker: { id: talker.id, name: talker.name() },
      room: room && { id: room.id, mentionSelf: await msg.mentionSelf(), mentionText: await msg.mentionText() },
    };
  }

  async function onMessage(msg: Message): Promise<void> {
    const inbound = parseWechatyMessage(await snapshot(msg), deps.now());
    if (!inbound || !inbound.account) return;
    const result = deps.handle(inbound, 'inline', await deps.consult?.(inbound));
    if (result.duplicate) return; // a replay after reconnect: answered the first time
    for (const reply of result.replies) {
      await msg.say(reply.text);
      deps.confirmInline([reply.messageId!]);
    }
  }

  /** After a logout or a puppet failure: restart with backoff, which brings a new QR code when needed. */
  function scheduleRestart(): void {
    if (stopped || restartTimer) return;
    restartTimer = setTimeout(async () => {
      restartTimer = undefined;
      if (stopped || state.status === 'online') return;
      restartMs = Math.min(restartMs * 2, RESTART_MS.max);
      try {
        await bot.stop();
        await bot.start();
      } catch (err) {
        log.error({ err: (err as Error).message }, 'wechaty restart failed');
        scheduleRestart();
      }
    }, restartMs);
    restartTimer.unref();
  }

  bot.on('scan', (qrcode) => {
    state = { status: 'scan', qrcode };
    log.warn({}, `wechaty: ${loginHealth(state).detail}`);
    if (deps.printQr) qrcodeTerminal.generate(qrcode, { small: true });
  });
  bot.on('login', (user) => {
    state = { status: 'online', userId: user.id };
    restartMs = RESTART_MS.first;
    log.info({ userId: maskId(user.id) }, 'wechaty: logged in');
  });
  bot.on('logout', (_user, reason) => {
    if (stopped) return;
    state = loggedOut(String(reason ?? ''));
    log.error({}, loginHealth(state).detail!);
    scheduleRestart();
  });
  bot.on('error', (err) => log.error({ err: err.message }, 'wechaty error'));
  bot.on('message', (msg) => void onMessage(msg).catch((err) => log.error({ err: (err as Error).message }, 'wechaty message failed')));

  return {
    id: 'wechaty',
    bot,
    async start() {
      await bot.start();
    },
    async stop() {
      stopped = true;
      clearTimeout(restartTimer);
      await bot.stop();
    },
    async send(to: Address, msg: OutboundMessage): Promise<SendResult> {
      if (state.status !== 'online') return { ok: false, retry: true, error: `wechaty 未登录：${loginHealth(state).detail}` };
      const target = to.groupId ? await bot.Room.find({ id: to.groupId }) : await bot.Contact.find({ id: to.userId });
      if (!target) return { ok: false, retry: false, error: to.groupId ? '找不到这个群（机器人可能已被移出群聊）' : '找不到这个联系人（可能已删除好友）' };
      await target.say(msg.text);
      return { ok: true };
    },
    health: () => loginHealth(state),
  };
}
