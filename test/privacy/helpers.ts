// A player with something of every kind on file, and a scan of the database files' raw bytes.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { playerSays, signedInAgent } from '../helpers/desk';
import type { RunningKefu } from '../helpers/kefu';

/** Words only this player wrote or had written about them: none may survive an erasure, in any file. */
export const SECRET = {
  sessionId: 'web-4f7c1e9a-privacy-player',
  missed: '我的暗号是蓝鲸跳舞七七八一',
  server: '紫禁之巅九十九区',
  role: '剑圣无名氏甲乙丙',
  device: '玫瑰金翻盖手机型号XZ',
  bug: '背包里的屠龙宝刀凭空不见了',
  complaint: '客服小王对我的态度极其恶劣丙丁',
  reply: '剑圣无名氏甲乙丙您好已为您查询',
  note: '此玩家常用小号蓝鲸跳舞',
};

/** Another player's words, which an erasure must leave alone. */
export const OTHER = { sessionId: 'web-other-player-0001', text: '另一位玩家的留言戊己庚辛' };

/** The player talks to the bot (an answer, a miss, a bug report, a complaint); an admin answers and notes. */
export async function playerWithHistory(k: RunningKefu) {
  const say = (text: string) => playerSays(k.url, SECRET.sessionId, text);
  await say('忘记密码怎么办');
  await say(SECRET.missed + '，'.repeat(520)); // longer than a gap's 500-character sample
  for (const text of ['提交bug', SECRET.server, SECRET.role, SECRET.device, SECRET.bug]) await say(text);
  await say('我要投诉');
  await say(SECRET.complaint);
  // Other players write in between, so the erased rows share pages with rows that stay.
  for (let i = 0; i < 20; i++) await playerSays(k.url, `web-filler-${i}`, `${OTHER.text}${i}`);
  await playerSays(k.url, OTHER.sessionId, OTHER.text);
  const admin = await signedInAgent(k.url, k.kefu.db, 'guanliyuan', 'admin', 'L2');
  const ticketId = (k.kefu.db.prepare("SELECT id FROM tickets WHERE reason = 'complaint'").get() as { id: number }).id;
  expect((await admin.post(`/api/tickets/${ticketId}/claim`)).status).toBe(200);
  expect((await admin.post(`/api/tickets/${ticketId}/reply`, { text: SECRET.reply })).status).toBe(200);
  expect((await admin.post(`/api/tickets/${ticketId}/note`, { text: SECRET.note })).status).toBe(200);
  return { admin, ticketId };
}

/** Which of the strings appear anywhere in kefu.db, kefu.db-wal or kefu.db-shm, byte for byte. */
export function foundInFiles(dataDir: string, strings: string[]): string[] {
  const files = ['kefu.db', 'kefu.db-wal', 'kefu.db-shm'].map((f) => join(dataDir, f)).filter((f) => existsSync(f));
  const bytes = files.map((f) => readFileSync(f));
  return strings.filter((s) => bytes.some((b) => b.includes(Buffer.from(s, 'utf8'))));
}

/** Rows that keep reports' anonymous counts. */
export function counts(k: { db: RunningKefu['kefu']['db'] }) {
  const n = (sql: string) => (k.db.prepare(sql).get() as { n: number }).n;
  return {
    players: n('SELECT COUNT(*) AS n FROM players'),
    messages: n('SELECT COUNT(*) AS n FROM messages'),
    tickets: n('SELECT COUNT(*) AS n FROM tickets'),
    complaints: n("SELECT COUNT(*) AS n FROM complaints WHERE category <> ''"),
    bugReports: n("SELECT COUNT(*) AS n FROM bug_reports WHERE severity <> ''"),
  };
}

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

/** `npx kefu …` against a data folder, as an operator would run it. */
export const kefuCli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['-r', 'tsx/cjs', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, KEFU_DATA_DIR: dataDir },
    maxBuffer: 16 * 1024 * 1024,
  });
