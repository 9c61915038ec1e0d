import { qrcodeValueToImageUrl } from 'wechaty';

/** The bot account's login as admins see it in /healthz (protocols.md §5: bans are a real risk). */
export type LoginState =
  | { status: 'starting' }
  | { status: 'scan'; qrcode: string }
  | { status: 'online'; userId: string }
  | { status: 'offline'; reason: string; banned: boolean };

// Puppets word a risk-control logout differently; these are the words seen in their reasons.
const BAN_WORDS = /ban|block|risk|limit|封|限制|冻结|风控|异常/i;

export function loggedOut(reason: string): LoginState {
  return { status: 'offline', reason: reason || 'logged out', banned: BAN_WORDS.test(reason) };
}

export function loginHealth(state: LoginState): { ok: boolean; detail?: string } {
  switch (state.status) {
    case 'online':
      return { ok: true };
    case 'starting':
      return { ok: false, detail: 'wechaty: starting the puppet' };
    case 'scan':
      return { ok: false, detail: `wechaty: waiting for login, scan this QR code with the bot's WeChat: ${qrcodeValueToImageUrl(state.qrcode)}` };
    case 'offline':
      return {
        ok: false,
        detail: state.banned
          ? `wechaty: the bot account looks banned or restricted by WeChat (${state.reason}); log in with another account`
          : `wechaty: logged out (${state.reason}); reconnecting, a new QR code will appear here`,
      };
  }
}
