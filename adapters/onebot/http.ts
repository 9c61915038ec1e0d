import type Router from '@koa/router';
import type { HandleResult, InboundMessage } from '../../src/core/types';
import { httpError, readRawBody } from '../../src/http/body';
import { toCq } from './cq';
import { replySegments } from './reply';
import { signatureMatches } from './signature';

export interface HttpPostOptions {
  path: string;
  maxBytes: number;
  /** The HMAC key: KEFU_ONEBOT_SECRET, else the access token (NapCat signs with its token, protocols.md §3.2). */
  secret?: string;
  receive(event: Record<string, unknown>): Promise<{ msg: InboundMessage; result: HandleResult }> | undefined;
  confirmInline(messageIds: number[]): void;
}

/**
 * HTTP POST reporting (§3.2): the signature is checked over the raw bytes before anything is parsed or
 * stored; a message is answered in the response as a quick operation. Nothing to say (including a
 * duplicate, already answered) is 204.
 */
export function mountHttpPost(router: Router, opts: HttpPostOptions): void {
  router.post(opts.path, async (ctx) => {
    if (!opts.secret) throw httpError(401, 'set KEFU_ONEBOT_SECRET (or KEFU_ONEBOT_ACCESS_TOKEN) to receive HTTP POST reports');
    const raw = await readRawBody(ctx, opts.maxBytes);
    if (!signatureMatches(ctx.get('x-signature') || undefined, raw, opts.secret)) throw httpError(401, 'bad or missing X-Signature');
    let event: unknown;
    try {
      event = JSON.parse(raw.toString('utf8'));
    } catch {
      throw httpError(400, 'body is not valid JSON');
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) throw httpError(400, 'body must be a OneBot event object');
    const handled = await opts.receive(event as Record<string, unknown>);
    if (!handled || handled.result.duplicate || !handled.result.replies.length) {
      ctx.status = 204;
      return;
    }
    const { msg, result } = handled;
    const text = result.replies.map((r) => r.text).join('\n\n');
    // at_sender defaults to true in groups (§3.2): we @ the player ourselves, after the quote.
    ctx.body = { reply: toCq(replySegments({ ...msg.from, replyContext: msg.replyContext }, text)), auto_escape: false, at_sender: false };
    opts.confirmInline(result.replies.map((r) => r.messageId!));
  });
}
