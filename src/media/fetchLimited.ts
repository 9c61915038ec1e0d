import type { MediaFetch } from './types';

const TIMEOUT_MS = 15_000;

/** Content types passed on to the console as they are; anything else is sent as a download. */
const SHOWN = /^(image\/(jpeg|png|gif|webp|bmp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/** The vendor's type, kept only when a browser may show it inline (never text/html from a third party). */
export function safeContentType(header: string | null, fallback = 'application/octet-stream'): string {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return SHOWN.test(type) ? type : fallback;
}

/**
 * GETs a media file from a vendor with a time limit and a size limit (Content-Length checked first, then
 * the bytes counted as they come, so a lying or absent length cannot fill the memory). The content type is
 * the vendor's, unfiltered: WeChat answers errors as JSON on the same URL.
 */
export async function fetchLimited(url: string, maxBytes: number): Promise<MediaFetch> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    return { ok: false, status: 502, error: `${hostOf(url)} 无法连接：${(err as Error).message}` };
  }
  if (res.status === 404 || res.status === 410) return { ok: false, status: 404, error: `${hostOf(url)} 上已没有这个文件（HTTP ${res.status}）` };
  if (!res.ok) return { ok: false, status: 502, error: `${hostOf(url)} 返回 HTTP ${res.status}` };
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel();
    return tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += (chunk as Uint8Array).byteLength;
      if (size > maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        return tooLarge(maxBytes);
      }
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
  } catch (err) {
    return { ok: false, status: 502, error: `${hostOf(url)} 传输中断：${(err as Error).message}` };
  }
  return { ok: true, body: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? '' };
}

export function tooLarge(maxBytes: number): MediaFetch & { ok: false } {
  return { ok: false, status: 413, error: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限（KEFU_MEDIA_MAX_MB）` };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the vendor';
  }
}

/** The picture formats a browser shows, by their first bytes (for a vendor that says octet-stream). */
export function sniffImageType(body: Buffer): string | undefined {
  if (body.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (body.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (body.subarray(0, 4).toString('latin1') === 'RIFF' && body.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}
