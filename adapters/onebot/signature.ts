import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Signature: sha1=<hex HMAC-SHA1(raw body, secret)>` (protocols.md §3.2), over the exact bytes received. */
export function onebotSignature(body: Buffer, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

export function signatureMatches(header: string | undefined, body: Buffer, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(onebotSignature(body, secret));
  const got = Buffer.from(header.trim().toLowerCase());
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/**
 * The token in `Authorization: Bearer <t>` (NapCat, Lagrange) or `Token <t>` (go-cqhttp), else `?access_token=`
 * (§3.2). NapCat sends `Bearer ` even without a token, so an empty header token falls through to the query.
 */
export function presentedToken(authorization: string | undefined, query: URLSearchParams): string | undefined {
  const fromHeader = /^(?:Bearer|Token)\s*(.*)$/i.exec(authorization ?? '')?.[1].trim();
  return fromHeader || (query.get('access_token') ?? undefined);
}

/** Compares tokens in constant time (by their digests, so lengths leak nothing). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const digest = (s: string) => createHmac('sha256', 'kefu-onebot').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
