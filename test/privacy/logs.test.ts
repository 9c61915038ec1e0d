// Logs never carry player identifiers in clear: a short QQ number, a group, a nickname, an unknown event.
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createKefu } from '../../src/kefu';
import { createLogger } from '../../src/log';
import { SAMPLE_FAQ, tempDir } from '../helpers/kefu';

const SECRET = 'log-test-secret';
const QQ = 7654321; // 7 digits: logged whole before issue #17
const GROUP = 13579246;

it('logs OneBot traffic, known or not, without the player’s QQ number, group or nickname', async () => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const dataDir = tempDir();
  const config = loadConfig({ KEFU_FAQ_DIR: SAMPLE_FAQ, KEFU_DATA_DIR: dataDir, KEFU_ONEBOT_SECRET: SECRET });
  const kefu = createKefu(config, createLogger('debug', sink as never), { watch: false });
  const server = await kefu.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/onebot`;
  const post = (o: object) => {
    const body = JSON.stringify({ time: 1700000000, self_id: 10001000, font: 0, ...o });
    const signature = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature }, body });
  };
  try {
    const sender = { user_id: QQ, nickname: '隐私昵称小明' };
    expect((await post({ post_type: 'message', message_type: 'private', sub_type: 'friend', message_id: 1, user_id: QQ, message: '忘记密码怎么办', sender })).status).toBe(200);
    await post({ post_type: 'message', message_type: 'group', message_id: 2, group_id: GROUP, user_id: QQ, message: '[CQ:at,qq=10001000] 转人工', sender });
    // Unknown post_types, as an attacker or a newer NapCat would send them: a number, a string holding ids, an object.
    for (const postType of [QQ, `user ${QQ} in ${GROUP}`, { user_id: QQ, nickname: '隐私昵称小明' }]) {
      await post({ post_type: postType, user_id: QQ, group_id: GROUP });
    }
  } finally {
    await kefu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const log = lines.join('');
  expect(log).toContain('message handled'); // the lines were written, at debug level
  expect(log).toContain('unknown post_type');
  for (const secret of [String(QQ), String(GROUP), '隐私昵称小明']) expect(log).not.toContain(secret);
});
