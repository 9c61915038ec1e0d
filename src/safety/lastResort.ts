import type { Logger } from '../log';
import { errorText } from './errorText';

/**
 * The last line of defence (DESIGN §6 "no input ends the process"): an error nobody handled — one message's
 * reply, one adapter's socket, one job — is logged and the service keeps serving the others. Every known
 * path handles its own errors; this catches the one that was missed, so it logs at fatal level to be found.
 */
export function installLastResort(log: Pick<Logger, 'fatal'>, target: NodeJS.Process = process): () => void {
  const onRejection = (reason: unknown) => log.fatal({ err: errorText(reason), stack: stackOf(reason) }, 'unhandled promise rejection (kept running)');
  const onException = (err: unknown) => log.fatal({ err: errorText(err), stack: stackOf(err) }, 'uncaught exception (kept running)');
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}

const stackOf = (err: unknown) => (err instanceof Error ? err.stack : undefined);
