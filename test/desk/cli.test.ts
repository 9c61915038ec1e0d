import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { login } from '../helpers/desk';
import { startKefu, tempDir } from '../helpers/kefu';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const kefu = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['-r', 'tsx/cjs', 'src/cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, KEFU_DATA_DIR: dataDir } });

describe('kefu agent add', () => {
  it('prints the initial password as the last line, and it logs in to the console', async () => {
    const dataDir = tempDir();
    const { stdout } = await kefu(dataDir, 'agent', 'add', 'zhuguan', '--role', 'supervisor', '--tier', 'VIP');
    const password = stdout.trim().split('\n').at(-1)!;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const k = await startKefu({ KEFU_DATA_DIR: dataDir });
    try {
      const session = await login(k.url, 'zhuguan', password);
      expect((await session.get('/api/me')).body.agent).toMatchObject({ username: 'zhuguan', role: 'supervisor', tier: 'VIP' });
    } finally {
      await k.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown role with a one-line reason and exit code 1', async () => {
    const dataDir = tempDir();
    await expect(kefu(dataDir, 'agent', 'add', 'someone', '--role', 'boss')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--role must be one of agent, supervisor, admin'),
    });
    rmSync(dataDir, { recursive: true, force: true });
  });
});
