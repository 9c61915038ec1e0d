import { erasePlayer } from '../../src/privacy/erase';
import { changeShift } from '../../src/shifts/handover';
import { getTicket } from '../../src/store/tickets';
import { kefuCli } from '../helpers/cli';
import { playerSays, queuedTicket, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

// A fake clock: 2026-11-20 15:50 in Asia/Shanghai, ten minutes before 早 (08:00-16:00) hands over to 中.
let clock = Date.UTC(2026, 10, 20, 7, 50);
let k: RunningKefu;
let zao: AgentSession; // works 早
let zhong: AgentSession; // works 中
let boss: AgentSession;
let held: number;
let waiting: number;

beforeAll(async () => {
  k = await startKefu({}, { now: () => clock });
  boss = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
  zao = await signedInAgent(k.url, k.kefu.db, 'xiaozao');
  zhong = await signedInAgent(k.url, k.kefu.db, 'xiaozhong');
  expect((await boss.post(`/api/shifts/agents/${zao.id}`, { shift: '早' })).status).toBe(200);
  expect((await boss.post(`/api/shifts/agents/${zhong.id}`, { shift: '中' })).status).toBe(200);
  expect((await boss.post(`/api/shifts/agents/${zhong.id}`, { shift: '夜' })).status).toBe(400);

  held = await queuedTicket(k.url, 'p1');
  expect((await zao.post(`/api/tickets/${held}/claim`)).status).toBe(200);
  expect((await zao.post(`/api/tickets/${held}/reply`, { text: '您好，请提供订单号' })).status).toBe(200);
  await playerSays(k.url, 'p1', '订单号 20261120001，还没到账');
  expect((await zao.post(`/api/tickets/${held}/note`, { text: '已向财务查询' })).status).toBe(200);
  expect((await zao.post('/api/handover/notes', { ticketId: held, text: '财务回复后补发钻石' })).status).toBe(200);
  waiting = await queuedTicket(k.url, 'p2');
  expect((await zhong.post('/api/handover/notes', { ticketId: held, text: 'not mine' })).status).toBe(409);
});
afterAll(() => k?.stop());

it('at the end of a shift the sheet lists every unresolved ticket, and tickets of agents gone off shift return to the queue', async () => {
  clock = Date.UTC(2026, 10, 20, 8, 0, 30); // 16:00:30, 中 is on duty
  const { sheetId, returned } = changeShift(k.kefu.desk, k.config.supervisor);
  expect(sheetId).toBeDefined();
  expect(returned).toEqual([held]);
  expect(getTicket(k.kefu.db, held)).toMatchObject({ status: 'queued', agentId: null });

  const h = await zhong.get('/api/handover');
  expect(h.body.latest).toMatchObject({ shift: '早', next_shift: '中', ended_at: Date.UTC(2026, 10, 20, 8, 0) });
  expect(h.body.latest.tickets).toEqual([
    expect.objectContaining({
      id: held,
      status: 'assigned',
      agent: 'xiaozao',
      last_message: '订单号 20261120001，还没到账',
      notes: ['已向财务查询'],
      handover_notes: [expect.objectContaining({ agent: 'xiaozao', text: '财务回复后补发钻石' })],
      pending: 'agent_reply',
    }),
    expect.objectContaining({ id: waiting, status: 'queued', agent: null, pending: 'claim' }),
  ]);
  // The sheet is written once per shift change, however often the job runs.
  expect(changeShift(k.kefu.desk, k.config.supervisor)).toEqual({ sheetId: undefined, returned: [] });
});

it('the incoming shift sees the sheet on login and acknowledges it; the outgoing shift is not asked', async () => {
  expect((await zhong.get('/api/handover')).body.mustAcknowledge).toBe(true);
  expect((await zao.get('/api/handover')).body.mustAcknowledge).toBe(false);
  const sheetId = (await zhong.get('/api/handover')).body.latest.id;
  expect((await zhong.post(`/api/handover/${sheetId}/ack`)).body.acks).toEqual([expect.objectContaining({ username: 'xiaozhong' })]);
  expect((await zhong.get('/api/handover')).body.mustAcknowledge).toBe(false);
  expect((await zhong.post('/api/handover/99999/ack')).status).toBe(404);
});

it('a ticket handed to an agent who is off shift goes back to the queue on the next run', async () => {
  expect((await boss.post(`/api/tickets/${held}/transfer`, { agentId: zao.id })).status).toBe(200);
  expect(getTicket(k.kefu.db, held)!.agentId).toBe(zao.id);
  clock += 60_000;
  expect(changeShift(k.kefu.desk, k.config.supervisor).returned).toEqual([held]);
  expect(getTicket(k.kefu.db, held)).toMatchObject({ status: 'queued', agentId: null });
  // Someone on shift keeps theirs.
  expect((await zhong.post(`/api/tickets/${held}/claim`)).status).toBe(200);
  clock += 60_000;
  expect(changeShift(k.kefu.desk, k.config.supervisor).returned).toEqual([]);
});

it('`kefu handover --json` prints every unresolved ticket with its owner and last message', async () => {
  const run = await kefuCli(['handover', '--json'], { KEFU_DATA_DIR: k.dataDir });
  expect(run.stderr).toBe('');
  const sheet = JSON.parse(run.stdout);
  expect(typeof sheet.shift).toBe('string');
  expect(sheet.tickets).toEqual([
    expect.objectContaining({ id: held, status: 'assigned', agent: 'xiaozhong', last_message: '订单号 20261120001，还没到账' }),
    expect.objectContaining({ id: waiting, status: 'queued', agent: null }),
  ]);
});

it('erasing a player empties their tickets on stored sheets and their handover notes', async () => {
  const result = erasePlayer(k.kefu.db, { channel: 'webchat', userId: 'p1' }, 'test', clock)!;
  expect(result.erased).toMatchObject({ handoverNotes: 1, handoverSheets: 1 });
  const sheet = (await zhong.get('/api/handover')).body.latest;
  expect(sheet.tickets.find((t: { id: number }) => t.id === held)).toMatchObject({ last_message: null, notes: [], handover_notes: [] });
  expect(JSON.stringify(sheet)).not.toContain('20261120001');
  expect(sheet.tickets.find((t: { id: number }) => t.id === waiting).pending).toBe('claim'); // the other player's stays
});
