// Actions over one Universal WebSocket (protocols.md §3.3): answers matched by echo, timeouts, a closing link.
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { ActionUnanswered, wrapSocket, type OnebotConnection } from '../../../adapters/onebot/connection';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let wss: WebSocketServer;
let bot: WebSocket; // the OneBot side
let client: WebSocket; // Kefu's side
let connection: OnebotConnection;
const events: Record<string, unknown>[] = [];
let closed = 0;

beforeEach(async () => {
  events.length = 0;
  closed = 0;
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
  client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
  await new Promise((r) => client.once('open', r));
  bot = await accepted;
  connection = wrapSocket(client, { timeoutMs: 200, log: quiet, onEvent: (e) => events.push(e), onClose: () => closed++ });
});
afterEach(async () => {
  const gone = client.readyState === WebSocket.CLOSED ? undefined : new Promise((r) => client.once('close', r));
  client.terminate();
  await gone;
  await new Promise((r) => wss.close(r));
});

/** The next action frame the bot receives. */
const nextAction = () => new Promise<{ action: string; params: unknown; echo: string }>((r) => bot.once('message', (d) => r(JSON.parse(d.toString()))));

describe('OneBot actions', () => {
  it('matches answers to their actions by echo, whatever order they come back in', async () => {
    const a1 = nextAction();
    const first = connection.call('send_private_msg', { user_id: 1, message: 'a' });
    const f1 = await a1;
    const a2 = nextAction();
    const second = connection.call('send_group_msg', { group_id: 2, message: 'b' });
    const f2 = await a2;
    expect([f1.action, f2.action]).toEqual(['send_private_msg', 'send_group_msg']);
    expect(f1.echo).not.toBe(f2.echo);
    bot.send(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: 22 }, echo: f2.echo }));
    bot.send(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: 11 }, echo: f1.echo }));
    expect([(await first).data, (await second).data]).toEqual([{ message_id: 11 }, { message_id: 22 }]);
  });

  it('tells events (post_type) from answers on the same socket', async () => {
    const action = nextAction();
    const call = connection.call('send_private_msg', { user_id: 1, message: 'a' });
    const { echo } = await action;
    bot.send(JSON.stringify({ post_type: 'meta_event', meta_event_type: 'heartbeat', self_id: 1, echo }));
    bot.send(JSON.stringify({ status: 'failed', retcode: 100, data: null, echo }));
    expect(await call).toMatchObject({ status: 'failed', retcode: 100 });
    expect(events).toEqual([{ post_type: 'meta_event', meta_event_type: 'heartbeat', self_id: 1, echo }]);
  });

  it('gives up on an action nobody answers, as worth retrying', async () => {
    await expect(connection.call('send_private_msg', { user_id: 1, message: 'a' })).rejects.toThrow(ActionUnanswered);
  });

  it('fails the actions still waiting when the link closes, and every later one at once', async () => {
    const action = nextAction();
    const call = connection.call('send_private_msg', { user_id: 1, message: 'a' });
    await action;
    bot.terminate();
    await expect(call).rejects.toThrow('OneBot connection closed before the answer');
    expect(closed).toBe(1);
    await expect(connection.call('send_private_msg', { user_id: 1, message: 'b' })).rejects.toThrow(ActionUnanswered);
  });

  it('ignores a late answer and frames that are not JSON objects', async () => {
    await expect(connection.call('send_private_msg', { user_id: 1, message: 'a' })).rejects.toThrow(ActionUnanswered);
    bot.send('{not json');
    bot.send('[1,2]');
    bot.send(JSON.stringify({ status: 'ok', retcode: 0, data: null, echo: 'kefu-unknown' }));
    const action = nextAction();
    const call = connection.call('send_private_msg', { user_id: 1, message: 'b' });
    const { echo } = await action;
    bot.send(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: 3 }, echo }));
    expect((await call).data).toEqual({ message_id: 3 });
    expect(events).toEqual([]);
  });
});
