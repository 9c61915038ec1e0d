// A studio bug tracker's webhook receiver on 127.0.0.1: records each request, answers with the scripted statuses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TrackerRequest {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function startTracker(statuses: number[] = []) {
  const requests: TrackerRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses.shift() ?? 200;
      res.end(res.statusCode < 300 ? '{"ok":true}' : '{"error":"busy"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kefu`,
    requests,
    /** Statuses for the next requests, in order (200 once they run out). */
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
