// The last line of defence: an error nobody handled is logged and the process is not ended.
import { EventEmitter } from 'node:events';
import { installLastResort } from '../../src/safety/lastResort';

it('logs an unhandled rejection and an uncaught exception at fatal level, and can be removed', () => {
  const target = new EventEmitter();
  const logged: unknown[] = [];
  const remove = installLastResort({ fatal: (obj: object, msg: string) => logged.push([msg, (obj as { err: string }).err]) } as never, target as never);
  target.emit('unhandledRejection', new URIError('URI malformed'));
  target.emit('uncaughtException', undefined);
  expect(logged).toEqual([
    ['unhandled promise rejection (kept running)', 'URI malformed'],
    ['uncaught exception (kept running)', 'undefined'],
  ]);
  remove();
  expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
});
