import { config as loadDotenv } from 'dotenv';
import { loadConfig } from './config';
import { createKefu } from './kefu';
import { createLogger } from './log';
import { explainStartupError } from './startupError';

/** `npm start`: the service from the environment (and an optional .env), until SIGTERM or SIGINT. */
export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const kefu = createKefu(config, log);
  await kefu.listen(config.port);
  log.info(`Kefu is listening: web chat at http://localhost:${config.port}/chat, console at http://localhost:${config.port}/console`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    kefu.stop().then(
      () => process.exit(0),
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
