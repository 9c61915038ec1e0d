import { ConfigError } from './config';
import { FaqLoadError } from './faq/load';
import { SchemaTooNewError } from './store/db';

/** What a person starting Kefu should read when it cannot start: the cause, without a stack for known ones. */
export function explainStartupError(err: unknown): string {
  if (err instanceof ConfigError) return `Kefu cannot start: configuration error\n${err.message}`;
  if (err instanceof FaqLoadError) return `Kefu cannot start: the FAQ has problems\n${err.message}`;
  if (err instanceof SchemaTooNewError) return `Kefu cannot start: ${err.message}`;
  return `Kefu cannot start: ${(err as Error)?.stack ?? String(err)}`;
}
