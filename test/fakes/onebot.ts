// A loopback OneBot v11 implementation (protocols.md §3), acting as NapCat would: it connects to Kefu's
// reverse WebSocket (Universal role) or serves a forward WebSocket for Kefu to dial, pushes message and
// meta events in either message format, answers actions by echo, and can drop the link and come back.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export type MessageFormat = 'string' | 'array';
export interface Action {
  action: string;
  params: any;
  echo: unknown;
}

// The bot's own CQ encoding (§3.4), written apart from Kefu's so the two check each other.
const cqText = (s: string) => s.replace(/&/g, '&amp;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
const cqAt = (qq: string) => `[CQ:at,qq=${qq}]`;

export class FakeOnebot {
  /** Every action Kefu sent, in order. */
  readonly actions: Action[] = [];
  /** How actions are answered: ok (default), failed with a retcode, or never. */
  answer: 'ok' | 'failed' | 'silent' = 'ok';
  /** What get_image / get_record answer for a `file` (NapCat gives a url, some builds base64). */
  readonly media = new Map<string, Record<string, unknown>>();
  /** Called for every action as it arrives (the bench times answers with it). */
  onAction?: (a: Action) => void;
  private ws?: WebSocket;
  private wss?: WebSocketServer;
  private server?: Server;
  private nextSentId = 9000;
  /** When each message_id was first sent, so that sending it again replays the same event. */
  private readonly firstSent = new Map<number, number>();

  constructor(readonly selfId: string) {}

  /** Reverse mode: dial Kefu's /onebot/ws with the token as NapCat (`Bearer`) or go-cqhttp (`Token`) sends it. */
  async connect(url: string, token: string, scheme: 'Bearer' | 'Token' = 'Bearer'): Promise<void> {
    const ws = new WebSocket(url, { headers: { authorization: `${scheme} ${token}`, 'x-self-id': this.selfId, 'x-client-role': 'Universal' } });
    await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
    this.use(ws);
    this.push({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect' });
  }

  /** Forward mode: listen on 127.0.0.1:0 and accept Kefu when it presents `token`. Resolves the ws:// URL. */
  async serve(token: string): Promise<string> {
    this.server = createServer();
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (req.headers.authorization !== `Bearer ${token}`) return socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      this.wss!.handleUpgrade(req, socket, head, (ws) => {
        this.use(ws);
        this.push({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect' });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  private use(ws: WebSocket): void {
    this.ws = ws;
    ws.on('message', (data) => {
      const a = JSON.parse(data.toString()) as Action;
      this.actions.push(a);
      this.onAction?.(a);
      if (this.answer === 'silent') return;
      const ok = this.answer === 'ok';
      if (ok && (a.action === 'get_image' || a.action === 'get_record')) {
        const data = this.media.get(a.params?.file);
        return ws.send(JSON.stringify({ status: data ? 'ok' : 'failed', retcode: data ? 0 : 1404, data: data ?? null, message: data ? '' : 'file not found', echo: a.echo }));
      }
      ws.send(JSON.stringify({ status: ok ? 'ok' : 'failed', retcode: ok ? 0 : 100, data: ok ? { message_id: this.nextSentId++ } : null, message: ok ? '' : 'bot muted', echo: a.echo }));
    });
  }

  /** Sends any event (self_id and time filled in). A message_id sent again is a replay: it keeps its first time. */
  push(event: { message_id?: number; time?: number; [field: string]: unknown }): void {
    let time = event.time ?? Math.floor(Date.now() / 1000);
    if (event.message_id !== undefined && event.time === undefined) {
      time = this.firstSent.get(event.message_id) ?? time;
      this.firstSent.set(event.message_id, time);
    }
    this.ws!.send(JSON.stringify({ self_id: Number(this.selfId), ...event, time }));
  }

  sendRaw(frame: string): void {
    this.ws!.send(frame);
  }

  privateMessage(userId: string, text: string, messageId: number, format: MessageFormat = 'string'): void {
    const message = format === 'string' ? cqText(text) : [{ type: 'text', data: { text } }];
    this.push({
      post_type: 'message', message_type: 'private', sub_type: 'friend', message_id: messageId, user_id: Number(userId),
      message, raw_message: cqText(text), font: 0, sender: { user_id: Number(userId), nickname: `玩家${userId}` },
    });
  }

  /** A group message; `mention` puts an @ of the bot in front, as QQ does. */
  groupMessage(groupId: string, userId: string, text: string, messageId: number, format: MessageFormat = 'string', mention = true): void {
    const raw = (mention ? cqAt(this.selfId) + ' ' : '') + cqText(text);
    const message = format === 'string' ? raw : [...(mention ? [{ type: 'at', data: { qq: this.selfId } }, { type: 'text', data: { text: ' ' } }] : []), { type: 'text', data: { text } }];
    this.push({
      post_type: 'message', message_type: 'group', sub_type: 'normal', message_id: messageId, group_id: Number(groupId), user_id: Number(userId),
      anonymous: null, message, raw_message: raw, font: 0, sender: { user_id: Number(userId), nickname: `玩家${userId}`, card: '', role: 'member' },
    });
  }

  /** A private message of segments (a picture, a voice message…), in array format. */
  privateSegments(userId: string, message: { type: string; data: Record<string, string> }[], messageId: number): void {
    this.push({
      post_type: 'message', message_type: 'private', sub_type: 'friend', message_id: messageId, user_id: Number(userId),
      message, raw_message: '', font: 0, sender: { user_id: Number(userId), nickname: `玩家${userId}` },
    });
  }

  heartbeat(intervalMs: number, online = true): void {
    this.push({ post_type: 'meta_event', meta_event_type: 'heartbeat', status: { online, good: online }, interval: intervalMs });
  }

  /** The link breaks without a close handshake, as in the field (§3.5). */
  drop(): void {
    this.ws?.terminate();
  }

  async close(): Promise<void> {
    this.ws?.terminate();
    this.wss?.close();
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
