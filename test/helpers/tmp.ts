import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp dir, for a test's database or FAQ files. */
export function tempDir(prefix = 'kefu-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
