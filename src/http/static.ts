import type Router from '@koa/router';
import type { Context } from 'koa';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves a folder of the web UI at `prefix`: index.html at the prefix itself, the other files below it.
 * Files are read once at start-up; the folder is small and ships with the code.
 */
export function serveFolder(router: Router, prefix: string, dir: string): void {
  const files = new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
  const send = (name: string) => (ctx: Context) => {
    ctx.type = TYPES[extname(name)] ?? 'application/octet-stream';
    ctx.set('cache-control', name === 'index.html' ? 'no-cache' : 'public, max-age=300');
    ctx.body = files.get(name);
  };
  router.get(prefix, send('index.html'));
  for (const name of files.keys()) router.get(`${prefix}/${name}`, send(name));
}
