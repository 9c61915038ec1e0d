import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { DeskContext } from '../desk/context';
import { ensurePlayer } from '../store/playerProfiles';
import { announceProfile, updatePlayerProfile } from './profile';
import { checkSignature } from './signature';

/** The parameters a game puts on its signed /chat link (README "Embedding the chat in a game page"). */
const entryParams = z.object({
  uid: z.string().min(1).max(128),
  server: z.string().max(64).optional(),
  role: z.string().max(128).optional(),
  nickname: z.string().max(64).optional(),
  vip: z.coerce.number().int().min(0).max(99).optional(),
  ts: z.string().min(1),
  sig: z.string().min(1),
});

export type WebchatEntry = { ok: true; sessionId: string } | { ok: false; reason: string };

/**
 * A signed web-chat entry: checks the game's signature and gives the player a session id of their own
 * (the same on every device, unguessable without the secret), with the profile the game sent. An unsigned,
 * forged or expired link gets the reason; the page then chats as an anonymous visitor.
 */
export function openSignedEntry(ctx: Pick<DeskContext, 'db' | 'events' | 'now'>, secret: string | undefined, query: Record<string, unknown>): WebchatEntry {
  if (!secret) return { ok: false, reason: 'signed links are off (KEFU_WEBCHAT_SECRET is not set)' };
  const strings = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const check = checkSignature(strings, secret, ctx.now());
  if (!check.ok) return check;
  const parsed = entryParams.safeParse(strings);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const p = parsed.data;
  const sessionId = `g${createHmac('sha256', secret).update(`webchat-session:${p.uid}`).digest('hex').slice(0, 40)}`;
  const player = ensurePlayer(ctx.db, { channel: 'webchat', account: 'web', userId: sessionId }, ctx.now());
  const changes = updatePlayerProfile(ctx, player.id, { gameUid: p.uid, server: p.server, roleId: p.role, nickname: p.nickname, vipLevel: p.vip }, { source: 'webchat' });
  if (Object.keys(changes).length) announceProfile(ctx, player.id);
  return { ok: true, sessionId };
}
