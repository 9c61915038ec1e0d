// The bot accounts' heartbeat watch: an offline account is an alert in the logs, once, and in health().
import { createBotRegistry } from '../../../adapters/onebot/bots';
import { sleep } from '../../helpers/wait';

function capture() {
  const lines: string[] = [];
  const at = (level: string) => (_obj: object, msg: string) => void lines.push(`${level}: ${msg}`);
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}
const heartbeat = (selfId: number, interval: number, online = true) => ({
  post_type: 'meta_event', meta_event_type: 'heartbeat', self_id: selfId, interval, status: { online, good: online },
});

describe('OneBot bot accounts', () => {
  it('alerts once when heartbeats stop for three intervals, and says when the bot is back', async () => {
    const { lines, log } = capture();
    const bots = createBotRegistry(log);
    bots.meta(heartbeat(10001000, 30));
    await sleep(200);
    expect(lines).toEqual(['error: QQ bot 10001000 offline: 连续 3 次没有心跳（间隔 0.03 秒）']);
    bots.meta(heartbeat(10001000, 15000));
    expect(lines.at(-1)).toBe('info: QQ bot 10001000 back online');
    expect(bots.health()).toEqual({ ok: true, detail: '10001000 未连接' });
    bots.stop();
  });

  it('counts a heartbeat reporting online:false and a lifecycle disable as offline', () => {
    const { lines, log } = capture();
    const bots = createBotRegistry(log);
    bots.meta(heartbeat(10001000, 15000, false));
    bots.meta({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'disable', self_id: 20002000 });
    expect(bots.health()).toEqual({
      ok: false,
      detail: '10001000 离线：QQ 账号已掉线（心跳 status.online=false）; 20002000 离线：OneBot 已停用（lifecycle disable）',
    });
    expect(lines.filter((l) => l.startsWith('error'))).toHaveLength(2);
    bots.stop();
  });

  it('alerts when a bot without heartbeats loses its socket and does not come back', async () => {
    const { lines, log } = capture();
    const bots = createBotRegistry(log, 30);
    const socket = { call: () => Promise.reject(new Error('unused')) };
    bots.connected('10001000', socket);
    expect(bots.reachability('10001000')).toEqual({ reachable: true });
    bots.disconnected(socket);
    expect(bots.reachability('10001000')).toEqual({ reachable: false, reason: 'QQ 机器人 10001000 没有 WebSocket 连接：回复会在它连上后发出' });
    await sleep(200);
    expect(bots.health()).toEqual({ ok: false, detail: '10001000 离线：连接已断开，0.09 秒内没有重连' });
    expect(lines).toContain('error: QQ bot 10001000 offline: 连接已断开，0.09 秒内没有重连');
    bots.connected('10001000', { ...socket });
    expect(bots.health()).toEqual({ ok: true, detail: '10001000 在线' });
    bots.stop();
  });

  it('does not alert when a dropped bot reconnects in time', async () => {
    const { lines, log } = capture();
    const bots = createBotRegistry(log, 30);
    const socket = { call: () => Promise.reject(new Error('unused')) };
    bots.connected('10001000', socket);
    bots.disconnected(socket);
    bots.connected('10001000', { ...socket });
    await sleep(200);
    expect(bots.health()).toEqual({ ok: true, detail: '10001000 在线' });
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([]);
    bots.stop();
  });
});
