import type { Db } from '../store/db';
import { playerMessages, type StoredMessage } from '../store/messages';
import { findPlayer } from '../store/players';
import type { KefuEvents } from './events';
import type { ChannelId } from './types';

/** A message as a polling channel (web chat) shows it to the player. */
export interface MailboxMessage {
  id: number;
  from: 'player' | 'bot' | 'agent' | 'system';
  text: string;
  at: number;
}

const toMailbox = (m: StoredMessage): MailboxMessage => ({ id: m.id, from: m.sender, text: m.text, at: m.createdAt });

/**
 * The player's side of their conversations for channels that poll: history, and a wait for the next
 * message to them. Knows players and messages, nothing of HTTP.
 */
export function createMailbox(db: Db, events: KefuEvents) {
  const waiting = new Set<() => void>();
  let closed = false;

  function read(channel: ChannelId, account: string, userId: string, after: number, onlyToPlayer: boolean): MailboxMessage[] {
    const player = findPlayer(db, channel, account, userId);
    if (!player) return [];
    return playerMessages(db, player.id, { after })
      .filter((m) => !onlyToPlayer || m.direction === 'out')
      .map(toMailbox);
  }

  /** Messages to the player after `after`; waits up to `waitMs` for one when there are none yet. */
  async function poll(channel: ChannelId, account: string, userId: string, after: number, waitMs: number, signal?: AbortSignal): Promise<MailboxMessage[]> {
    const now = read(channel, account, userId, after, true);
    if (now.length || waitMs <= 0 || closed) return now;
    const player = findPlayer(db, channel, account, userId);
    await new Promise<void>((resolve) => {
      const done = () => {
        waiting.delete(done);
        clearTimeout(timer);
        events.off('message', onMessage);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const onMessage = (e: { playerId: number; direction: string }) => {
        if (e.direction === 'out' && (!player || e.playerId === player.id)) done();
      };
      const timer = setTimeout(done, waitMs);
      events.on('message', onMessage);
      signal?.addEventListener('abort', done);
      waiting.add(done);
    });
    return read(channel, account, userId, after, true);
  }

  return {
    history: (channel: ChannelId, account: string, userId: string) => read(channel, account, userId, 0, false),
    poll,
    /** At shutdown: every waiting poll answers now with what there is (usually nothing), and new ones do not wait. */
    close(): void {
      closed = true;
      for (const done of [...waiting]) done();
    },
  };
}

export type Mailbox = ReturnType<typeof createMailbox>;
