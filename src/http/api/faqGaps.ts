import type { DeskContext } from '../../desk/context';
import { topGaps } from '../../store/faqGaps';
import { MANAGERS, type apiRoutes } from './guard';

/** What players asked that the FAQ could not answer, most asked first: what operators should write next. */
export function faqGapRoutes(api: ReturnType<typeof apiRoutes>, deps: DeskContext): void {
  api.route('get', '/api/faq/gaps', MANAGERS, (ctx) => {
    const limit = Math.min(200, Math.max(1, Number(ctx.query.limit) || 20));
    ctx.body = { gaps: topGaps(deps.db, limit) };
  });
}
