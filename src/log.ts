import pino from 'pino';
import { createHmac, randomBytes } from 'node:crypto';

export type Logger = pino.Logger;

// Player data must never reach the logs (DESIGN §6, 个人信息保护法). Three classes, each handled for every
// field of every line rather than at each call site:
// - player identifiers (openids, QQ numbers of any length, nicknames) under an identifying key become a
//   pseudonym: the same player reads the same within one run, and nobody can work back to the id;
// - free text (messages, errors, the line's message) has phone numbers, ID numbers, e-mails, tokens and
//   QQ-number-like digit runs masked;
// - values copied from a request (a OneBot post_type, a QQ event type) are logged by shape unless they
//   are a short plain word (`untrusted`);
// - credentials (password, token, secret, authorization, cookie keys) become ***.
const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const TOKEN = /\b(access_token|token|secret|password|signature)=([^&\s]+)/gi;
// QQ numbers run from 5 to 12 digits; vendors' error codes ("errcode 45015", "code: 304003") are kept.
const QQ_LIKE = /(?<![\d.*])(?<!(?:code|码|errno|status)["'\s:=：]{0,3})\d{5,12}(?![\d.*])/gi;
const IDENTIFYING_KEY =
  /^(user_?id|userid|openid|open_?id|unionid|external_?userid|group_?id|groupid|group_openid|member_openid|user_openid|nickname|qq|uin|player)$/i;
const PSEUDONYM = /^p_[0-9a-f]{10}$/;
// Credentials under these keys, at any depth, are never written (once pino's `redact` paths, which cost a
// second walk of every line: scrub walks each field anyway).
const SECRET_KEY = /^(password|token|secret|authorization|cookie)$/i;
const MAX_TEXT = 500;
const NEEDS_MASKING = /[0-9@=]/;

// A fresh key each run: a pseudonym of a 6-digit QQ number cannot be reversed by trying every number.
const runKey = randomBytes(32);

// The players seen lately and their pseudonyms: a busy webhook logs the same players again and again, and an
// HMAC per log line was a visible share of its time. Bounded: cleared when full.
const recentPseudonyms = new Map<string, string>();
const RECENT_MAX = 10_000;

/** A log-safe stand-in for a player id: stable within one run, irreversible, e.g. `p_3fa2c19b0d`. */
export function pseudonym(id: string | number): string {
  const text = String(id);
  const known = recentPseudonyms.get(text);
  if (known) return known;
  if (PSEUDONYM.test(text)) return text;
  const made = `p_${createHmac('sha256', runKey).update(text).digest('hex').slice(0, 10)}`;
  if (recentPseudonyms.size >= RECENT_MAX) recentPseudonyms.clear();
  recentPseudonyms.set(text, made);
  return made;
}

/** Masks personal data in free text: 13812345678 → 138****5678, ID numbers keep region and check digit. */
export function redactText(text: string): string {
  // Every pattern below needs an ASCII digit, an @ or an =: text without them (channel names, decision kinds,
  // most log messages) is left as it is without running five expressions over it.
  const masked = !NEEDS_MASKING.test(text)
    ? text
    : text
        .replace(ID_NUMBER, '$1********$2')
        .replace(PHONE, '$1****$2')
        .replace(EMAIL, '$1***@$2')
        .replace(TOKEN, '$1=***')
        .replace(QQ_LIKE, (digits) => pseudonym(digits));
  return masked.length > MAX_TEXT ? `${masked.slice(0, MAX_TEXT)}…(${masked.length} chars)` : masked;
}

/** A value taken from a request, for a log line: a short plain word as it is, anything else by its shape. */
export function untrusted(value: unknown): string {
  if (typeof value === 'string') return /^[A-Za-z0-9_.-]{1,32}$/.test(value) ? value : `<string, ${value.length} chars>`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `<array of ${value.length}>`;
  return `<${typeof value}>`;
}

/** Every field of a log line, made safe: identifiers pseudonymised, text redacted, nested objects walked. */
function scrub(value: unknown, key: string, depth: number): unknown {
  if (SECRET_KEY.test(key) && value !== undefined) return '***';
  if (IDENTIFYING_KEY.test(key) && (typeof value === 'string' || typeof value === 'number')) return pseudonym(value);
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 4) return '<nested>';
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  }
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => scrub(v, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, k, depth + 1);
  return out;
}

/**
 * Stdout through a buffer, written asynchronously once 8 KiB have gathered or every 250 ms (a write per line,
 * synchronous or not, was a tenth of the webhook path's time); pino flushes what is left synchronously on
 * exit and after a fatal line.
 */
const bufferedStdout = () => pino.destination({ dest: 1, sync: false, minLength: 8192, periodicFlush: 250 });

/** A logger writing to `destination`, by default stdout through a buffer. */
export function createLogger(level: string, destination: pino.DestinationStream = bufferedStdout()): Logger {
  return pino(
    {
      level,
      base: undefined,
      hooks: {
        // The line's message and printf arguments are free text too.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          return scrub(object, '', 0) as Record<string, unknown>;
        },
      },
    },
    destination,
  );
}
