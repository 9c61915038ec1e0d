import type Router from '@koa/router';
import { z } from 'zod';
import { endAnnouncementNow, publishAnnouncement } from '../../cases/announcements';
import type { CasesContext } from '../../cases/context';
import { activeAnnouncements, currentAnnouncements } from '../../store/announcements';
import { q } from './caseQuery';
import { ALL_ROLES, currentAgent, MANAGERS, type apiRoutes } from './guard';
import { idParam, readBody } from './schemas';

const body = z
  .object({
    title: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(2000),
    keywords: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
    entries: z.array(z.string().min(1)).max(50).default([]),
    channels: z.array(z.string().min(1)).max(10).default([]),
    startsAt: z.number().int().nonnegative().optional(),
    endsAt: z.number().int().positive().optional(),
    pushHours: z.number().positive().max(72).optional(),
  })
  .refine((b) => b.keywords.length || b.entries.length, 'give keywords or entries: the questions this announcement answers')
  .refine((b) => b.endsAt === undefined || b.endsAt > (b.startsAt ?? 0), 'endsAt must be after startsAt');

/** Incident mode: supervisors publish and end announcements; every agent sees the active ones. */
export function announcementRoutes(api: ReturnType<typeof apiRoutes>, router: Router, deps: CasesContext): void {
  api.route('post', '/api/announcements', MANAGERS, async (ctx) => {
    const b = await readBody(ctx, body);
    const r = publishAnnouncement(deps, { ...b, startsAt: b.startsAt ?? deps.now(), endsAt: b.endsAt ?? null }, currentAgent(ctx));
    ctx.status = 201;
    ctx.body = { ...r.announcement, push: r.push };
  });

  api.route('get', '/api/announcements', ALL_ROLES, (ctx) => {
    const now = deps.now();
    ctx.body = { announcements: q(ctx, 'all') ? currentAnnouncements(deps.db, now) : activeAnnouncements(deps.db, now) };
  });

  api.route('delete', '/api/announcements/:id', MANAGERS, (ctx) => {
    ctx.body = endAnnouncementNow(deps, idParam(ctx));
  });

  // The web chat's banner: public, only what players may read.
  router.get('/webchat/api/announcements', (ctx) => {
    const list = activeAnnouncements(deps.db, deps.now()).filter((a) => !a.channels.length || a.channels.includes('webchat'));
    ctx.set('cache-control', 'no-store');
    ctx.body = { announcements: list.map((a) => ({ id: a.id, title: a.title, text: a.text, endsAt: a.endsAt })) };
  });
}
