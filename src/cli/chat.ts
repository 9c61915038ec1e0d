import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../config';
import { createMailbox } from '../core/mailbox';
import { createLogger } from '../log';

export const TERMINAL_ACCOUNT = 'cli';

/**
 * `kefu chat`: talk to the bot in the terminal, against the same FAQ and database as the service,
 * so operators can try questions end to end. Agents' replies to this player are shown as they arrive.
 */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('talk to the bot in the terminal')
    .option('--user <id>', 'the player id to chat as', `terminal-${userInfo().username}`)
    .action(async (opts: { user: string }) => {
      const config = loadConfig();
      // The whole service, loaded only for this command: every other command starts faster without it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createKefu } = require('../kefu') as typeof import('../kefu');
      const kefu = createKefu(config, createLogger('warn', process.stderr as never));
      const mailbox = createMailbox(kefu.db, kefu.events);
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
      let cursor = mailbox.history('terminal', TERMINAL_ACCOUNT, opts.user).at(-1)?.id ?? 0;
      const show = (from: string, text: string) => console.log(`\n[${from}] ${text.replace(/\n/g, '\n  ')}\n`);

      // Agents answer from the console (another process): look for their messages every second.
      const timer = setInterval(() => {
        for (const m of mailbox.history('terminal', TERMINAL_ACCOUNT, opts.user).filter((m) => m.id > cursor)) {
          cursor = m.id;
          if (m.from === 'agent' || m.from === 'system') show(m.from === 'agent' ? '人工客服' : '系统', m.text);
        }
      }, 1000);

      console.log('Kefu 客服 — 输入问题后回车，Ctrl+D 退出。Type a question and press Enter; Ctrl+D to quit.');
      for await (const line of rl) {
        const text = line.trim();
        if (!text) continue;
        const result = await kefu.pipeline.consultAndHandle({
          channel: 'terminal',
          account: TERMINAL_ACCOUNT,
          externalId: randomUUID(),
          from: { userId: opts.user },
          kind: 'text',
          text,
          receivedAt: Date.now(),
        });
        kefu.confirmInline(result.replies.map((r) => r.messageId!));
        for (const r of result.replies) {
          show('客服助手', r.text);
          cursor = Math.max(cursor, r.messageId ?? 0);
        }
      }
      clearInterval(timer);
      await kefu.stop();
    });
}
