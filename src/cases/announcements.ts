import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { DeskError } from '../desk/errors';
import type { Agent } from '../store/agents';
import {
  endAnnouncement,
  getAnnouncement,
  insertAnnouncement,
  markPushed,
  recentPlayers,
  syncFileAnnouncements,
  type Announcement,
  type NewAnnouncement,
} from '../store/announcements';
import type { CasesContext } from './context';
import { sendToPlayer } from './reach';

export const ANNOUNCEMENTS_FILE = 'announcements.yaml';

/** What the player reads: the announcement's title and text. */
export const announcementText = (a: Pick<Announcement, 'title' | 'text'>) => `【公告】${a.title}\n${a.text}`;

/**
 * Publishes an announcement. With `pushHours`, it is also sent to every player who wrote in the last N
 * hours, each within their channel's rules (those out of their reply window are counted, not forced).
 */
export function publishAnnouncement(ctx: CasesContext, a: NewAnnouncement & { pushHours?: number }, agent: Agent) {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const id = insertAnnouncement(ctx.db, { ...a, createdBy: agent.id, at });
    let push: { sent: number; unreachable: number } | undefined;
    if (a.pushHours) {
      push = { sent: 0, unreachable: 0 };
      for (const p of recentPlayers(ctx.db, at - a.pushHours * 3600_000)) {
        const channel = ctx.db.prepare('SELECT channel FROM players WHERE id = ?').get(p.playerId) as { channel: string };
        if (a.channels.length && !a.channels.includes(channel.channel)) continue;
        if (sendToPlayer(ctx, p.playerId, announcementText(a)).sent) push.sent++;
        else push.unreachable++;
      }
      markPushed(ctx.db, id, push.sent);
    }
    ctx.log.info({ announcement: id, by: agent.username, push }, 'announcement published');
    return { announcement: getAnnouncement(ctx.db, id)!, push };
  }).immediate();
}

export function endAnnouncementNow(ctx: CasesContext, id: number): Announcement {
  const a = getAnnouncement(ctx.db, id);
  if (!a) throw new DeskError(404, 'not_found', `no announcement ${id}`);
  if (!endAnnouncement(ctx.db, id, ctx.now())) throw new DeskError(409, 'already_ended', `announcement ${id} has already ended`);
  return getAnnouncement(ctx.db, id)!;
}

const time = z.union([z.number().int().nonnegative(), z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date, e.g. 2026-12-02T10:00:00+08:00')]);
const fileSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9._-]+$/, 'id must be [a-z0-9._-]+'),
    title: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(2000),
    keywords: z.array(z.string().trim().min(1)).default([]),
    entries: z.array(z.string()).default([]),
    channels: z.array(z.string()).default([]),
    starts: time.optional(),
    ends: time.optional(),
  }),
);
const ms = (t: number | string | undefined) => (t === undefined ? undefined : typeof t === 'number' ? t : Date.parse(t));

/**
 * `announcements.yaml` in the FAQ folder, for operators who publish through git; `file:line: problem` when broken.
 * Returns [] when there is no such file.
 */
export function loadFileAnnouncements(faqDir: string): (NewAnnouncement & { fileId: string })[] {
  const file = join(faqDir, ANNOUNCEMENTS_FILE);
  if (!existsSync(file)) return [];
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: false });
  if (doc.errors.length) throw new Error(`${file}:${doc.errors[0].linePos?.[0].line ?? 1}: ${doc.errors[0].message.split('\n')[0]}`);
  const parsed = fileSchema.safeParse(doc.toJS() ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}:1: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.map((a) => {
    if (!a.keywords.length && !a.entries.length) throw new Error(`${file}:1: announcement "${a.id}" needs keywords or entries`);
    return { fileId: a.id, title: a.title, text: a.text, keywords: a.keywords, entries: a.entries, channels: a.channels, startsAt: ms(a.starts) ?? 0, endsAt: ms(a.ends) ?? null };
  });
}

/** Brings the file's announcements into the store (at start and on every FAQ reload); a broken file is reported and changes nothing. */
export function syncAnnouncementFile(ctx: CasesContext): void {
  try {
    syncFileAnnouncements(ctx.db, loadFileAnnouncements(ctx.faqDir), ctx.now());
  } catch (err) {
    ctx.log.error(`${(err as Error).message} (announcements from the file unchanged)`);
  }
}
