import { config as loadDotenv } from 'dotenv';
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config';
import { createKefu } from './kefu';
import { createLogger } from './log';
import { installLastResort } from './safety/lastResort';
import { explainStartupError } from './startupError';

/** `npm start`: the service from the environment (and an optional .env), until SIGTERM or SIGINT. */
export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  installLastResort(log);
  const kefu = createKefu(config, log);
  const server = await kefu.listen(config.port);
  const { port } = server.address() as AddressInfo; // PORT=0 picks a free one
  log.info({ port }, `Kefu is listening: web chat at http://localhost:${port}/chat, console at http://localhost:${port}/console`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    kefu.stop().then(
      () => {
        // The last line, written just before exit: the log's buffer is flushed on exit (src/log.ts).
        log.info('stopped');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(explainStartupError(err));
    process.exit(1);
  });
}
