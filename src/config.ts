import { z } from 'zod';
import type { DeskPolicy } from './core/deskPolicy';
import { parseServiceHours } from './core/serviceHours';
import { DEFAULT_SHIFTS, parseShifts } from './shifts/schedule';
import type { SupervisorPolicy } from './supervisorPolicy';

/** Thrown when the environment is wrong; the message names the variable and what is expected. */
export class ConfigError extends Error {}

const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
// WeChat's EncodingAESKey: 43 characters of base64 without the trailing '=' (protocols.md §1.4).
const aesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey');
const minutes = z.coerce.number().positive();
const serviceHours = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM-HH:MM, e.g. 09:00-22:00');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. Asia/Shanghai');
// Tokens and secrets are compared byte for byte: a stray space or quote from copying would never match.
const secretText = z.string().regex(/^[^\s'"]+$/, 'must not contain spaces or quotes');
const urlOf = (protocols: string[], message: string) =>
  z.string().refine((s) => {
    try {
      return protocols.includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, message);
const httpUrl = urlOf(['http:', 'https:'], 'must be an http:// or https:// URL');
const shiftsSpec = z.string().refine((spec) => {
  try {
    parseShifts(spec);
    return true;
  } catch {
    return false;
  }
}, 'must be NAME=HH:MM-HH:MM,… e.g. 早=08:00-16:00,中=16:00-24:00,晚=00:00-08:00');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 00:05');
const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

/** Every variable Kefu reads, with its rule. `.env.example` documents the same list. */
const schema = {
  PORT: port.default(3000),
  KEFU_DATA_DIR: z.string().min(1).default('./data'),
  KEFU_FAQ_DIR: z.string().min(1).default('./faq'),
  KEFU_LOG_LEVEL: logLevel.default('info'),
  KEFU_PUBLIC_URL: url.optional(),
  KEFU_FIRST_RESPONSE_MINUTES: minutes.default(5),
  KEFU_FIRST_RESPONSE_MINUTES_L1: minutes.optional(),
  KEFU_FIRST_RESPONSE_MINUTES_L2: minutes.optional(),
  KEFU_FIRST_RESPONSE_MINUTES_VIP: minutes.optional(),
  KEFU_REOPEN_MINUTES: z.coerce.number().min(0).default(60),
  KEFU_SERVICE_HOURS: serviceHours.optional(),
  KEFU_TIMEZONE: timeZone.default('Asia/Shanghai'),
  KEFU_AUTO_ASSIGN: onOff.default(false),
  KEFU_SESSION_HOURS: minutes.default(12),
  KEFU_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').positive().optional(),
  KEFU_MEDIA_MAX_MB: z.coerce.number().positive('must be a number of megabytes above 0').max(100, 'must be at most 100 (MB)').default(10),
  KEFU_TRUST_PROXY: z.coerce.number().int('must be the number of proxies in front of Kefu (0, 1, 2…)').min(0).max(10).default(0),
  KEFU_SHIFTS: shiftsSpec.default(DEFAULT_SHIFTS),
  KEFU_REPORT_TIME: clock.default('00:05'),
  KEFU_REPORT_WEBHOOK: httpUrl.optional(),
  KEFU_SPOT_CHECK_SIZE: z.coerce.number().int().min(0).max(100).default(2),
  KEFU_SPOT_CHECK_SEED: z.string().min(1).optional(),
  KEFU_PRESENCE_TIMEOUT_SECONDS: z.coerce.number().int().min(10).default(90),
  KEFU_WECHAT_MP_TOKEN: z.string().min(3).max(32).optional(),
  KEFU_WECHAT_MP_APPID: z.string().min(1).optional(),
  KEFU_WECHAT_MP_SECRET: z.string().min(1).optional(),
  KEFU_WECHAT_MP_AES_KEY: aesKey.optional(),
  KEFU_WECHAT_API_BASE: url.default('https://api.weixin.qq.com'),
  KEFU_WECOM_CORPID: z.string().min(1).optional(),
  KEFU_WECOM_SECRET: z.string().min(1).optional(),
  KEFU_WECOM_TOKEN: z.string().min(1).optional(),
  KEFU_WECOM_AES_KEY: aesKey.optional(),
  KEFU_WECOM_API_BASE: url.default('https://qyapi.weixin.qq.com'),
  KEFU_WECHATY_PUPPET: z.string().min(1).optional(),
  KEFU_WECHATY_PUPPET_TOKEN: z.string().min(1).optional(),
  KEFU_ONEBOT_ACCESS_TOKEN: secretText.optional(),
  KEFU_ONEBOT_SECRET: secretText.optional(),
  KEFU_ONEBOT_WS_URL: urlOf(['ws:', 'wss:'], 'must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:3001/').optional(),
  KEFU_QQ_APPID: z.string().regex(/^\d+$/, 'must be the numeric AppID from q.qq.com (开发设置)').optional(),
  KEFU_QQ_SECRET: secretText.optional(),
  KEFU_QQ_API_BASE: httpUrl.default('https://api.sgroup.qq.com'),
  KEFU_QQ_AUTH_BASE: httpUrl.default('https://bots.qq.com'),
  KEFU_BUG_WEBHOOK: httpUrl.optional(),
  KEFU_BUG_WEBHOOK_SECRET: secretText.optional(),
  KEFU_FOLLOWUP_VIP: onOff.default(false),
  KEFU_FOLLOWUP_CRITICAL_BUGS: onOff.default(false),
  KEFU_WEBCHAT_SECRET: z.string().min(16, 'must be at least 16 characters').regex(/^\S+$/, 'must not contain spaces').optional(),
  KEFU_WEBCHAT_ORIGINS: z
    .string()
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'must be comma-separated origins such as https://game.example.com (scheme and host, no path)')
    .optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: url.optional(),
  KEFU_LLM_MODEL: z.string().min(1).optional(),
  KEFU_LLM_REPLY_BUDGET_MS: z.coerce.number().int().min(100).max(4000).default(2500),
  KEFU_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  KEFU_LLM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  KEFU_LLM_DAILY_TOKENS: z.coerce.number().int().min(0).default(200_000),
  KEFU_LLM_REPHRASE: onOff.default(false),
  KEFU_LLM_ORDER_PATTERN: z
    .string()
    .refine((s) => {
      try {
        new RegExp(s, 'g');
        return true;
      } catch {
        return false;
      }
    }, 'must be a JavaScript regular expression, e.g. DD\\d{12}')
    .optional(),
};

type Env = { [K in keyof typeof schema]: z.infer<(typeof schema)[K]> };

export interface Config {
  port: number;
  dataDir: string;
  faqDir: string;
  logLevel: z.infer<typeof logLevel>;
  publicUrl?: string;
  /** Proxies in front of Kefu whose X-Forwarded-For / -Proto are believed (0: none, headers ignored). */
  trustProxy: number;
  desk: DeskPolicy;
  /** Conversation text older than this many days is erased (unset: kept). */
  retentionDays?: number;
  /** The largest player picture or voice message the console fetches through a channel, in bytes. */
  mediaMaxBytes: number;
  supervisor: SupervisorPolicy;
  wechatMp?: { token: string; appId: string; secret?: string; aesKey?: string; apiBase: string };
  wecom?: { corpId: string; secret: string; token: string; aesKey: string; apiBase: string };
  wechaty?: { puppet: string; puppetToken?: string };
  onebot?: { accessToken?: string; secret?: string; wsUrl?: string };
  qqOfficial?: { appId: string; secret: string; apiBase: string; authBase: string };
  /** The game's key for signed web-chat links and the profile API, and the pages allowed to embed the chat. */
  webchat: { secret?: string; origins: string[] };
  llm?: LlmConfig;
  /** Case work (README "Cases"): the studio tracker's webhook, which follow-ups besides complaints, the report's time zone. */
  cases: { webhook?: { url: string; secret?: string }; followups: { vip: boolean; criticalBugs: boolean }; timeZone: string };
}

/** The OpenAI-compatible service (README "LLM assist"); absent means the LLM is off and nothing is sent. */
export interface LlmConfig {
  apiKey: string;
  baseUrl: string;
  model: string;
  /** How long a player's message may wait for the second opinion (WeChat's passive reply allows 5 s in all). */
  replyBudgetMs: number;
  /** How long an agent's draft or summary may take. */
  timeoutMs: number;
  concurrency: number;
  /** Tokens a day (in timeZone); 0 means no limit. */
  dailyTokens: number;
  /** The operator's switch: the LLM may reword the chosen FAQ answer to fit the question. */
  rephrase: boolean;
  /** Extra pattern for the game's order numbers, masked before anything is sent. */
  orderPattern?: string;
  timeZone: string;
}

/** A channel is on when any of its variables is set; then all of its required ones must be. */
function section<T>(env: Env, names: (keyof Env)[], required: (keyof Env)[], build: () => T): T | undefined {
  if (!names.some((n) => env[n] !== undefined && env[n] !== '')) return undefined;
  const missing = required.filter((n) => env[n] === undefined || env[n] === '');
  if (missing.length) {
    throw new ConfigError(`${missing.join(', ')}: required when ${names.filter((n) => env[n]).join(', ')} is set`);
  }
  return build();
}

/** Reads and validates the environment once; every module gets its settings from the result. */
export function loadConfig(raw: NodeJS.ProcessEnv = process.env): Config {
  const parsed = z.object(schema).safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    // A secret's value is not echoed: start-up errors end up in terminals and CI logs.
    const shown = (name: string) => (/TOKEN|SECRET|KEY/.test(name) ? 'a value that is not shown' : JSON.stringify(raw[name]));
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]))})`);
    throw new ConfigError(lines.join('\n'));
  }
  const env = parsed.data as Env;
  return {
    port: env.PORT,
    dataDir: env.KEFU_DATA_DIR,
    faqDir: env.KEFU_FAQ_DIR,
    logLevel: env.KEFU_LOG_LEVEL,
    publicUrl: env.KEFU_PUBLIC_URL,
    retentionDays: env.KEFU_RETENTION_DAYS,
    mediaMaxBytes: Math.round(env.KEFU_MEDIA_MAX_MB * 1024 * 1024),
    trustProxy: env.KEFU_TRUST_PROXY,
    desk: {
      firstResponseMs: env.KEFU_FIRST_RESPONSE_MINUTES * 60_000,
      firstResponseMsByTier: {
        L1: (env.KEFU_FIRST_RESPONSE_MINUTES_L1 ?? env.KEFU_FIRST_RESPONSE_MINUTES) * 60_000,
        L2: (env.KEFU_FIRST_RESPONSE_MINUTES_L2 ?? env.KEFU_FIRST_RESPONSE_MINUTES) * 60_000,
        VIP: (env.KEFU_FIRST_RESPONSE_MINUTES_VIP ?? env.KEFU_FIRST_RESPONSE_MINUTES) * 60_000,
      },
      reopenMs: env.KEFU_REOPEN_MINUTES * 60_000,
      serviceHours: env.KEFU_SERVICE_HOURS ? parseServiceHours(env.KEFU_SERVICE_HOURS, env.KEFU_TIMEZONE) : undefined,
      autoAssign: env.KEFU_AUTO_ASSIGN,
      sessionMs: env.KEFU_SESSION_HOURS * 3600_000,
    },
    supervisor: {
      timeZone: env.KEFU_TIMEZONE,
      shifts: parseShifts(env.KEFU_SHIFTS),
      reportAt: { hour: Number(env.KEFU_REPORT_TIME.slice(0, 2)), minute: Number(env.KEFU_REPORT_TIME.slice(3)) },
      reportWebhook: env.KEFU_REPORT_WEBHOOK,
      spotCheckSize: env.KEFU_SPOT_CHECK_SIZE,
      spotCheckSeed: env.KEFU_SPOT_CHECK_SEED,
      presenceTimeoutMs: env.KEFU_PRESENCE_TIMEOUT_SECONDS * 1000,
    },
    webchat: { secret: env.KEFU_WEBCHAT_SECRET, origins: env.KEFU_WEBCHAT_ORIGINS ?? [] },
    wechatMp: section(env, ['KEFU_WECHAT_MP_TOKEN', 'KEFU_WECHAT_MP_APPID', 'KEFU_WECHAT_MP_AES_KEY'], ['KEFU_WECHAT_MP_TOKEN', 'KEFU_WECHAT_MP_APPID'], () => ({
      token: env.KEFU_WECHAT_MP_TOKEN!,
      appId: env.KEFU_WECHAT_MP_APPID!,
      secret: env.KEFU_WECHAT_MP_SECRET,
      aesKey: env.KEFU_WECHAT_MP_AES_KEY,
      apiBase: env.KEFU_WECHAT_API_BASE,
    })),
    wecom: section(
      env,
      ['KEFU_WECOM_CORPID', 'KEFU_WECOM_SECRET', 'KEFU_WECOM_TOKEN', 'KEFU_WECOM_AES_KEY'],
      ['KEFU_WECOM_CORPID', 'KEFU_WECOM_SECRET', 'KEFU_WECOM_TOKEN', 'KEFU_WECOM_AES_KEY'],
      () => ({
        corpId: env.KEFU_WECOM_CORPID!,
        secret: env.KEFU_WECOM_SECRET!,
        token: env.KEFU_WECOM_TOKEN!,
        aesKey: env.KEFU_WECOM_AES_KEY!,
        apiBase: env.KEFU_WECOM_API_BASE,
      }),
    ),
    wechaty: section(env, ['KEFU_WECHATY_PUPPET'], ['KEFU_WECHATY_PUPPET'], () => ({
      puppet: env.KEFU_WECHATY_PUPPET!,
      puppetToken: env.KEFU_WECHATY_PUPPET_TOKEN,
    })),
    onebot: section(env, ['KEFU_ONEBOT_ACCESS_TOKEN', 'KEFU_ONEBOT_SECRET', 'KEFU_ONEBOT_WS_URL'], [], () => ({
      accessToken: env.KEFU_ONEBOT_ACCESS_TOKEN,
      secret: env.KEFU_ONEBOT_SECRET,
      wsUrl: env.KEFU_ONEBOT_WS_URL,
    })),
    qqOfficial: section(env, ['KEFU_QQ_APPID', 'KEFU_QQ_SECRET'], ['KEFU_QQ_APPID', 'KEFU_QQ_SECRET'], () => ({
      appId: env.KEFU_QQ_APPID!,
      secret: env.KEFU_QQ_SECRET!,
      apiBase: env.KEFU_QQ_API_BASE,
      authBase: env.KEFU_QQ_AUTH_BASE,
    })),
    cases: {
      webhook: section(env, ['KEFU_BUG_WEBHOOK', 'KEFU_BUG_WEBHOOK_SECRET'], ['KEFU_BUG_WEBHOOK'], () => ({
        url: env.KEFU_BUG_WEBHOOK!,
        secret: env.KEFU_BUG_WEBHOOK_SECRET,
      })),
      followups: { vip: env.KEFU_FOLLOWUP_VIP, criticalBugs: env.KEFU_FOLLOWUP_CRITICAL_BUGS },
      timeZone: env.KEFU_TIMEZONE,
    },
    llm: llmSection(env),
  };
}

/**
 * On when any of the three is set; then the model is required, and a key or a base URL (a service on the
 * studio's own network may take no key).
 */
function llmSection(env: Env): LlmConfig | undefined {
  return section(env, ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'KEFU_LLM_MODEL'], ['KEFU_LLM_MODEL'], () => {
    if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) throw new ConfigError('OPENAI_API_KEY or OPENAI_BASE_URL: one is required when KEFU_LLM_MODEL is set');
    return {
      apiKey: env.OPENAI_API_KEY ?? 'none',
      baseUrl: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      model: env.KEFU_LLM_MODEL!,
      replyBudgetMs: env.KEFU_LLM_REPLY_BUDGET_MS,
      timeoutMs: env.KEFU_LLM_TIMEOUT_MS,
      concurrency: env.KEFU_LLM_CONCURRENCY,
      dailyTokens: env.KEFU_LLM_DAILY_TOKENS,
      rephrase: env.KEFU_LLM_REPHRASE,
      orderPattern: env.KEFU_LLM_ORDER_PATTERN,
      timeZone: env.KEFU_TIMEZONE,
    };
  });
}
