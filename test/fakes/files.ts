// A loopback file host, as QQ's multimedia CDN or a OneBot implementation's image server: serves the given
// bytes at their paths, counts the requests, and can say the file is gone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFileHost {
  url: string;
  files: Map<string, { body: Buffer; type: string }>;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFileHost(): Promise<FakeFileHost> {
  const host: FakeFileHost = { url: '', files: new Map(), requests: [], close: () => new Promise((r) => server.close(() => r())) };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://host').pathname;
    host.requests.push(path);
    const file = host.files.get(path);
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return host;
}
