// KEFU_BENCH_PROFILE=DIR: a CPU profile of the Kefu process from the moment it is ready (start-up, module
// loading and the semantic model's fine-tuning left out) until it stops, written to DIR/kefu-<time>.cpuprofile
// for Chrome DevTools or `npx tsx bench/lib/profileSummary.ts FILE`.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

export function startProfile(dir: string | undefined): () => Promise<void> {
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  return () =>
    new Promise<void>((resolve, reject) =>
      session.post('Profiler.stop', (err, result) => {
        if (err) return reject(err);
        writeFileSync(join(dir, `kefu-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
        session.disconnect();
        resolve();
      }),
    );
}
