import pino from 'pino';

export type Logger = pino.Logger;

// Player data must never reach the logs (DESIGN §6): mainland mobile numbers, resident ID numbers,
// e-mail addresses and long tokens are masked wherever they appear in logged text.
const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const TOKEN = /\b(access_token|token|secret|password|signature)=([^&\s]+)/gi;

/** Masks personal data in free text: 13812345678 → 138****5678, ID numbers keep region and check digit. */
export function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, '$1********$2')
    .replace(PHONE, '$1****$2')
    .replace(EMAIL, '$1***@$2')
    .replace(TOKEN, '$1=***');
}

/** Shortens a platform user id (openid…) so a log line can be followed without exposing the id. */
export function shortId(id: string): string {
  return id.length <= 8 ? id : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'token', '*.token', 'secret', '*.secret'],
        censor: '***',
      },
      formatters: {
        log(object) {
          for (const key of ['text', 'url', 'msg', 'query'] as const) {
            if (typeof object[key] === 'string') object[key] = redactText(object[key] as string);
          }
          if (typeof object.userId === 'string') object.userId = shortId(object.userId);
          return object;
        },
      },
    },
    destination,
  );
}
