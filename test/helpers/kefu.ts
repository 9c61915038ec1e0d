// A real Kefu for tests: a temp data folder, the given FAQ folder, the whole service on 127.0.0.1 port 0.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { createKefu, type Kefu, type KefuOptions } from '../../src/kefu';
import { createLogger } from '../../src/log';
import { tempDir } from './tmp';

export const SAMPLE_FAQ = resolve(__dirname, '../../faq');

export { tempDir };

export interface RunningKefu {
  kefu: Kefu;
  config: Config;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts Kefu with a fresh database; `env` adds or overrides variables (channels, FAQ folder…). */
export async function startKefu(env: Record<string, string> = {}, options: KefuOptions = {}): Promise<RunningKefu> {
  const dataDir = env.KEFU_DATA_DIR ?? tempDir();
  const config = loadConfig({ KEFU_FAQ_DIR: SAMPLE_FAQ, KEFU_LOG_LEVEL: 'silent', ...env, KEFU_DATA_DIR: dataDir });
  const kefu = createKefu(config, createLogger(config.logLevel), { watch: false, fineTune: false, ...options });
  const server = await kefu.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    kefu,
    config,
    dataDir,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await kefu.stop();
      if (!env.KEFU_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST JSON and return status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}
