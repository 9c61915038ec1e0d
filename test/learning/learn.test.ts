import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadFaq } from '../../src/faq/load';
import { buildMatcher } from '../../src/matcher';
import { SMALL_FAQ, writeFaq } from '../helpers/faqFiles';
import { playerSays, queuedTicket, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const kefu = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['-r', 'tsx/cjs', 'src/cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, KEFU_DATA_DIR: dataDir } });

// The operator's file, with a comment and a layout that the learning loop must keep.
const COMMENTED = `# 充值与付款 — edited by hand\n${SMALL_FAQ}`;

let k: RunningKefu;
let faqDir: string;
let lead: AgentSession;
beforeAll(async () => {
  faqDir = writeFaq();
  writeFileSync(join(faqDir, 'entries.yaml'), COMMENTED);
  k = await startKefu({ KEFU_FAQ_DIR: faqDir });
  lead = await signedInAgent(k.url, k.kefu.db, 'lead', 'supervisor');
}, 90_000);
afterAll(() => k.stop());

/** A player asks something the bot cannot answer, asks for a person; the agent claims and answers. */
async function handedOff(session: string, question: string, answer: string): Promise<number> {
  expect(await playerSays(k.url, session, question)).toEqual([expect.stringMatching(/^抱歉/)]);
  const ticketId = await queuedTicket(k.url, session);
  await lead.post(`/api/tickets/${ticketId}/claim`);
  expect((await lead.post(`/api/tickets/${ticketId}/reply`, { text: answer })).status).toBe(200);
  return ticketId;
}

// The semantic layer answers most rewordings of a listed question: this one it leaves to a person.
it('offers the matcher\'s guesses; the pick is listed by `faq learn --json`; accepting it makes the FAQ answer the question', async () => {
  const question = '付完款页面一直转圈';
  const ticketId = await handedOff('learn-1', question, '请提供订单号，我帮您查。');
  const guesses = (await lead.get(`/api/tickets/${ticketId}/faq-guesses`)).body;
  expect(guesses.question.text).toBe(question);
  expect(guesses.guesses[0]).toMatchObject({ id: 'payment.not-received' });
  expect((await lead.post(`/api/tickets/${ticketId}/faq-suggestion`, { entryId: 'payment.not-received' })).status).toBe(200);

  const listed = JSON.parse((await kefu(k.dataDir, 'faq', 'learn', '--json', '--faq', faqDir)).stdout);
  expect(listed.suggestions).toEqual([expect.objectContaining({ question, entryId: 'payment.not-received', ticketId, agentName: 'lead', status: 'pending' })]);
  expect(buildMatcher(loadFaq(faqDir)).decide(question)).not.toMatchObject({ kind: 'answer' });

  const accepted = await kefu(k.dataDir, 'faq', 'learn', '--accept', String(listed.suggestions[0].id), '--faq', faqDir);
  expect(accepted.stdout).toMatch(/accepted #\d+: "付完款页面一直转圈" → payment.not-received \(.*entries\.yaml:6\)/);
  const text = readFileSync(join(faqDir, 'entries.yaml'), 'utf8');
  // Only that list changed: the comment, the other entries and their layout are as the operator wrote them.
  expect(text).toBe(COMMENTED.replace('付款成功但是没到账, recharge not received]', '付款成功但是没到账, recharge not received, 付完款页面一直转圈]'));
  expect(buildMatcher(loadFaq(faqDir)).decide(question)).toMatchObject({ kind: 'answer', entry: { id: 'payment.not-received' } });
  expect(JSON.parse((await kefu(k.dataDir, 'faq', 'learn', '--json', '--faq', faqDir)).stdout).suggestions).toEqual([]);
}, 90_000);

it('writes a "new entry" pick, accepted in the console API, into learned.yaml with the agent\'s answer, and the running bot answers it', async () => {
  const question = '登录一直转圈怎么办';
  const ticketId = await handedOff('learn-2', question, '请清除缓存后重启游戏，还不行就换个网络试试。');
  const picked = (await lead.post(`/api/tickets/${ticketId}/faq-suggestion`, { entryId: null })).body.suggestion;
  expect(picked).toMatchObject({ entryId: null, answer: '请清除缓存后重启游戏，还不行就换个网络试试。' });
  expect((await lead.get('/api/faq/suggestions')).body.suggestions.map((s: { id: number }) => s.id)).toContain(picked.id);

  const res = await lead.post(`/api/faq/suggestions/${picked.id}/accept`, { newId: 'account.login-spinning' });
  expect(res).toMatchObject({ status: 200, body: { suggestion: { status: 'accepted', entryId: 'account.login-spinning', writtenTo: expect.stringMatching(/learned\.yaml:\d+$/) } } });
  expect(readFileSync(join(faqDir, 'learned.yaml'), 'utf8')).toMatch(/- id: account.login-spinning\n {2}questions: \[登录一直转圈怎么办\]\n {2}answer: 请清除缓存后重启游戏/);
  expect(await playerSays(k.url, 'learn-3', question)).toEqual(['请清除缓存后重启游戏，还不行就换个网络试试。']);
  expect((await lead.post(`/api/faq/suggestions/${picked.id}/accept`, {})).status).toBe(409); // reviewed once
}, 90_000);

it('groups near-identical unanswered questions with their counts', async () => {
  for (const [i, q] of ['坐骑突然消失了', '坐骑突然消失了啊', '我的坐骑突然消失了', '公会仓库打不开'].entries()) await playerSays(k.url, `gap-${i}`, q);
  await playerSays(k.url, 'gap-9', '坐骑突然消失了');
  const { gaps } = (await lead.get('/api/faq/gaps')).body;
  const mount = gaps.find((g: { sample: string }) => g.sample === '坐骑突然消失了');
  expect(mount).toMatchObject({ count: 4, variants: expect.arrayContaining([{ sample: '我的坐骑突然消失了', count: 1 }]) });
  expect(gaps.find((g: { sample: string }) => g.sample === '公会仓库打不开')).toMatchObject({ count: 1, variants: [] });
}, 90_000);
