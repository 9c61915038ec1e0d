import { createWebchatChannel } from '../adapters/webchat';
import type { Config } from './config';
import type { KefuEvents } from './core/events';
import type { Mailbox } from './core/mailbox';
import type { Pipeline } from './core/pipeline';
import type { Channel } from './core/types';
import type { Logger } from './log';
import type { Db } from './store/db';

/** What an adapter may be given: its settings and the pipeline's entry points, never our tables. */
export interface ChannelDeps {
  config: Config;
  db: Db; // for the adapter's own durable state (tokens, cursors) through its own store module
  pipeline: Pipeline;
  mailbox: Mailbox;
  events: KefuEvents;
  log: Logger;
  now(): number;
  confirmInline(messageIds: number[]): void;
}

/** Web chat is always on; every other channel is on when its variables are set (DESIGN §5 "Environment"). */
export function createChannels(deps: ChannelDeps): Channel[] {
  const channels: Channel[] = [
    createWebchatChannel({
      handle: (msg) => deps.pipeline.handle(msg),
      confirmInline: deps.confirmInline,
      mailbox: deps.mailbox,
      now: deps.now,
    }),
    // `kefu chat` reads its replies from the database: once stored, a message is delivered.
    { id: 'terminal', send: async () => ({ ok: true }) },
  ];
  return channels;
}
