// The crash test of issue 17: the real service in its own process under load, `kill -9` in the middle,
// a restart on the same database, WeChat's retries of everything it sent; then every push that was
// acknowledged is stored exactly once (none lost, none twice).
import { openStore } from '../../src/store/db';
import { startChild, type ChildKefu } from '../helpers/child';
import { tempDir } from '../helpers/tmp';
import { MP, postPush, textPush } from '../adapters/wechat-mp/mpClient';

jest.setTimeout(400_000); // real processes on a machine shared by many builds

const children: ChildKefu[] = [];
afterAll(() => children.forEach((c) => c.alive() && c.child.kill('SIGKILL'))); // even when an expectation failed

const QUESTIONS = ['忘记密码怎么办', '怎么充值', '我要人工', '游戏卡顿', '账号被盗了'];

it('kill -9 under load: every acknowledged message is stored exactly once after a restart', async () => {
  const dataDir = tempDir();
  const env = { KEFU_WECHAT_MP_TOKEN: MP.token, KEFU_WECHAT_MP_APPID: MP.appId, KEFU_DATA_DIR: dataDir };
  const first = await startChild(env);
  children.push(first);
  const attempted: { msgId: string; from: string; text: string }[] = [];
  const acknowledged = new Set<string>();
  let killed = false;

  // 8 WeChat connections, each posting a new message as soon as the last is answered.
  const load = Array.from({ length: 8 }, async (_, worker) => {
    for (let i = 0; !killed; i++) {
      const push = { msgId: `7${worker}${String(i).padStart(8, '0')}`, from: `oCrashPlayer${worker}_${i % 3}`, text: QUESTIONS[i % QUESTIONS.length] };
      attempted.push(push);
      try {
        const res = await postPush(first.url, textPush(push.text, push.msgId, push.from), 'plain');
        if (res.status === 200 && res.reply) acknowledged.add(push.msgId);
      } catch {
        // the connection died with the process: not acknowledged
      }
    }
  });
  try {
    for (let i = 0; i < 12_000 && acknowledged.size < 100 && first.alive(); i++) await new Promise((r) => setTimeout(r, 10));
  } finally {
    first.child.kill('SIGKILL'); // in the middle of the load
    killed = true;
  }
  expect(await first.exited).toBe('SIGKILL');
  await Promise.all(load);

  // WeChat retries what it did not see answered; here it sends everything again, acknowledged or not.
  const second = await startChild(env);
  children.push(second);
  for (const push of attempted) {
    const res = await postPush(second.url, textPush(push.text, push.msgId, push.from), 'plain');
    expect(res.status).toBe(200);
  }
  expect(await second.stop()).toBe(0);

  const db = openStore(dataDir);
  const stored = new Map(
    (db.prepare(`SELECT external_id AS id, COUNT(*) AS n FROM messages WHERE direction = 'in' GROUP BY external_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
  );
  db.close();
  const key = (p: { msgId: string; from: string }) => `${p.from}:${p.msgId}`;
  const ackedPushes = attempted.filter((p) => acknowledged.has(p.msgId));
  expect(ackedPushes.length).toBeGreaterThanOrEqual(100);
  expect(ackedPushes.filter((p) => stored.get(key(p)) !== 1)).toEqual([]); // none lost, none twice
  expect(attempted.filter((p) => stored.get(key(p)) !== 1)).toEqual([]); // and the retried ones stored once too
});
