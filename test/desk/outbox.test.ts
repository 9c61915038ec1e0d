import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KefuEvents } from '../../src/core/events';
import type { Address, Channel, ChannelId, SendResult } from '../../src/core/types';
import { backoffMs, POISON_ATTEMPTS, startOutboxWorker } from '../../src/desk/outbox';
import { createLogger } from '../../src/log';
import { openConversation } from '../../src/store/conversations';
import { openStore, type Db } from '../../src/store/db';
import { retryDelivery } from '../../src/store/deliveries';
import { insertMessage } from '../../src/store/messages';
import { enqueueOutbound, outboxForMessage } from '../../src/store/outbox';
import { upsertPlayer } from '../../src/store/players';
import { tempDir } from '../helpers/tmp';

/** A vendor API on 127.0.0.1 answering each send with the next scripted status (then 200). */
async function loopbackVendor(statuses: number[]) {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) received.push(JSON.parse(body).text);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { id: `m${received.length}` } : { error: 'busy' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The channel under test speaks HTTP to the vendor: 5xx retry, 4xx is a refusal, as grammY does it.
  const channel: Channel = {
    id: 'webchat' as ChannelId,
    async send(_to: Address, msg): Promise<SendResult> {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify({ text: msg.text }) });
      if (res.ok) return { ok: true, externalId: (await res.json()).id };
      return { ok: false, error: `vendor answered ${res.status}`, retry: res.status >= 500 };
    },
  };
  return { channel, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let db: Db;
let clock: number;
const events = new KefuEvents();
beforeEach(() => {
  db = openStore(tempDir());
  clock = 1_700_000_000_000;
});
afterEach(() => db.close());

function storeReply(text: string): number {
  const address: Address = { channel: 'webchat', account: 'web', userId: 'outbox-player' };
  const player = upsertPlayer(db, { ...address, language: 'zh', at: clock });
  const conversation = openConversation(db, player.id, address, clock);
  const messageId = insertMessage(db, { conversationId: conversation.id, direction: 'out', sender: 'agent', channel: 'webchat', account: 'web', kind: 'text', text, createdAt: clock });
  enqueueOutbound(db, { messageId, address, status: 'pending', at: clock });
  return messageId;
}

function worker(channel: Channel) {
  return startOutboxWorker({ db, channels: new Map([[channel.id, channel]]), events, log: createLogger('silent'), now: () => clock, intervalMs: 60_000 });
}

describe('outbox delivery', () => {
  it('retries with backoff while the channel fails, then delivers once, showing the reason meanwhile', async () => {
    const vendor = await loopbackVendor([503, 502]);
    const w = worker(vendor.channel);
    const deliveries: string[] = [];
    events.on('delivery', (e) => deliveries.push(e.status));
    const id = storeReply('您的补偿已发放');

    await w.tick();
    expect(outboxForMessage(db, id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'vendor answered 503' });
    expect(outboxForMessage(db, id)!.nextAttemptAt).toBe(clock + backoffMs(1));
    await w.tick(); // not due yet: nothing sent
    expect(outboxForMessage(db, id)!.attempts).toBe(1);

    clock += backoffMs(1);
    await w.tick();
    expect(outboxForMessage(db, id)).toMatchObject({ status: 'pending', attempts: 2, lastError: 'vendor answered 502' });
    clock += backoffMs(2);
    await w.tick();
    expect(outboxForMessage(db, id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(vendor.received).toEqual(['您的补偿已发放']);
    expect(deliveries).toEqual(['pending', 'pending', 'sent']);
    await w.stop();
    await vendor.close();
  });

  it('keeps a reply waiting through a long outage and delivers it when the channel is back', async () => {
    const vendor = await loopbackVendor(Array(15).fill(503));
    const w = worker(vendor.channel);
    const id = storeReply('稍后为您处理');
    for (let i = 0; i < 16; i++) {
      await w.tick();
      clock = outboxForMessage(db, id)!.nextAttemptAt;
    }
    expect(outboxForMessage(db, id)).toMatchObject({ status: 'sent' });
    expect(vendor.received).toEqual(['稍后为您处理']);
    await w.stop();
    await vendor.close();
  });

  it('marks a refusal failed with the channel reason at once, and sends it again when an agent retries', async () => {
    const vendor = await loopbackVendor([403]);
    const w = worker(vendor.channel);
    const id = storeReply('请查收');
    await w.tick();
    expect(outboxForMessage(db, id)).toMatchObject({ status: 'failed', lastError: 'vendor answered 403' });
    expect(retryDelivery(db, id, clock)).toBe(true);
    await w.tick();
    expect(outboxForMessage(db, id)).toMatchObject({ status: 'sent' });
    expect(vendor.received).toEqual(['请查收']);
    await w.stop();
    await vendor.close();
  });

  it('fails a reply whose send keeps throwing after its tries, while the others are delivered', async () => {
    const vendor = await loopbackVendor([]);
    const thrown: unknown[] = [new TypeError('boom'), undefined, 'a string'];
    const channel: Channel = {
      id: vendor.channel.id,
      send(to, msg) {
        if (msg.text !== '毒') return vendor.channel.send(to, msg);
        const err = thrown.shift();
        if (err instanceof TypeError) throw err; // thrown before any promise: the worker still catches it
        return Promise.reject(err);
      },
    };
    const w = worker(channel);
    const poison = storeReply('毒');
    const fine = storeReply('正常回复');
    for (let i = 0; i < POISON_ATTEMPTS; i++) {
      await w.tick();
      clock = outboxForMessage(db, poison)!.nextAttemptAt;
    }
    expect(outboxForMessage(db, poison)).toMatchObject({ status: 'failed', attempts: POISON_ATTEMPTS, lastError: expect.stringContaining('不再重试') });
    expect(outboxForMessage(db, fine)).toMatchObject({ status: 'sent' });
    expect(vendor.received).toEqual(['正常回复']);
    await w.stop();
    await vendor.close();
  });

  it('fails a reply left sending by processes that died POISON_ATTEMPTS times, and requeues one that died once', async () => {
    const vendor = await loopbackVendor([]);
    const crashy = storeReply('每次都让进程退出');
    const once = storeReply('只中断过一次');
    db.prepare(`UPDATE outbox SET status = 'sending', interruptions = ? WHERE message_id = ?`).run(POISON_ATTEMPTS - 1, crashy);
    db.prepare(`UPDATE outbox SET status = 'sending' WHERE message_id = ?`).run(once);
    const w = worker(vendor.channel);
    await w.tick();
    expect(outboxForMessage(db, crashy)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('中断') });
    expect(outboxForMessage(db, once)).toMatchObject({ status: 'sent' });
    expect(vendor.received).toEqual(['只中断过一次']);
    await w.stop();
    await vendor.close();
  });
});
