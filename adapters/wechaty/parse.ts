import type { InboundMessage } from '../../src/core/types';

/** Older messages arriving at login are history the puppet replays, not questions (protocols.md §5 pitfall 7). */
export const MAX_AGE_S = 120;

/** What Kefu reads from a wechaty Message, gathered first (some of it is async) so parsing stays pure. */
export interface WechatySnapshot {
  id: string;
  botId: string;
  self: boolean;
  text: string;
  /** types.Message: Text is 7 (§5). */
  type: number;
  ageS: number;
  talker: { id: string; name?: string };
  room?: { id: string; mentionSelf: boolean; mentionText: string };
}

export const MESSAGE_TEXT = 7;

/**
 * A wechaty message as an InboundMessage, or null when Kefu must not answer it: our own (an echo would loop,
 * §5 pitfall 2), replayed history, non-text, and room messages that do not @-mention the bot.
 */
export function parseWechatyMessage(s: WechatySnapshot, receivedAt: number): InboundMessage | null {
  if (s.self || s.ageS > MAX_AGE_S || s.type !== MESSAGE_TEXT) return null;
  if (s.room && !s.room.mentionSelf) return null;
  const text = (s.room ? s.room.mentionText : s.text).trim();
  return {
    channel: 'wechaty',
    account: s.botId,
    externalId: s.id,
    from: { userId: s.talker.id, nickname: s.talker.name || undefined, groupId: s.room?.id },
    kind: 'text',
    text,
    receivedAt,
    raw: s,
  };
}
