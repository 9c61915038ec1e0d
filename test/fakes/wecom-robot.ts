// A loopback WeCom group robot (企业微信群机器人): POST /cgi-bin/webhook/send?key=… with a markdown message,
// answered {"errcode":0,"errmsg":"ok"}; a wrong key gets errcode 93000 ("invalid webhook url") as the real one does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRobot {
  /** The webhook URL to configure (KEFU_REPORT_WEBHOOK). */
  url: string;
  received: { msgtype: string; markdown?: { content: string } }[];
  /** Answer the next requests with this errcode instead of 0. */
  failWith: number | null;
  close(): Promise<void>;
}

export async function startFakeRobot(key = 'test-key'): Promise<FakeRobot> {
  const robot: FakeRobot = { url: '', received: [], failWith: null, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== key) {
        res.end(JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url' }));
        return;
      }
      if (robot.failWith !== null) {
        res.end(JSON.stringify({ errcode: robot.failWith, errmsg: 'refused by the test' }));
        return;
      }
      robot.received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  robot.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=${key}`;
  robot.close = () => new Promise((resolve) => server.close(() => resolve()));
  return robot;
}
