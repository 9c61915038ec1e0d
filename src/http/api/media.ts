import type { Channel, ChannelId } from '../../core/types';
import { loadTicket, type DeskContext } from '../../desk/context';
import { safeContentType, sniffImageType } from '../../media/fetchLimited';
import { mediaOf } from '../../store/messageMedia';
import { httpError } from '../body';
import { ALL_ROLES, type apiRoutes } from './guard';
import { idParam } from './schemas';

export const DEFAULT_MEDIA_MAX_BYTES = 10 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'audio/amr': 'amr', 'audio/mpeg': 'mp3', 'audio/wav': 'wav' };

/**
 * A player's picture or voice message for the console (README "Pictures and voice from players"): the
 * server fetches it through the channel's API with the channel's credentials, at most `mediaMaxBytes`, and
 * passes on the bytes with a type a browser can show and nothing of the vendor's (no token, no URL).
 */
export function mediaRoutes(api: ReturnType<typeof apiRoutes>, deps: DeskContext & { channels: Map<ChannelId, Channel>; mediaMaxBytes?: number }): void {
  api.route('get', '/api/tickets/:id/media/:messageId', ALL_ROLES, async (ctx) => {
    const ticket = loadTicket(deps.db, idParam(ctx));
    const media = mediaOf(deps.db, idParam(ctx, 'messageId'));
    if (!media || media.conversationId !== ticket.conversationId) throw httpError(404, `ticket ${ticket.id} has no media message ${ctx.params.messageId}`);
    const channel = deps.channels.get(media.channel as ChannelId);
    if (!channel?.fetchMedia) throw httpError(503, `${media.channel} 渠道未启用或不能取回文件`);
    const got = await channel.fetchMedia(media.account, media, deps.mediaMaxBytes ?? DEFAULT_MEDIA_MAX_BYTES);
    if (!got.ok) throw httpError(got.status, got.error);
    const type = sniffImageType(got.body) ?? safeContentType(got.contentType, media.format === 'amr' ? 'audio/amr' : 'application/octet-stream');
    const ext = EXTENSIONS[type] ?? (/^[a-z0-9]{1,8}$/i.test(media.format ?? '') ? media.format : 'bin');
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    ctx.set('Content-Disposition', `inline; filename="ticket-${ticket.id}-${ctx.params.messageId}.${ext}"`);
    ctx.type = type;
    ctx.body = got.body;
  });
}
