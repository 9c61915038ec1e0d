import { addAgent, login } from '../helpers/desk';
import { postJson, startKefu, type RunningKefu } from '../helpers/kefu';
import { writeFaq } from '../helpers/faqFiles';

describe('FAQ gaps', () => {
  let k: RunningKefu;
  beforeAll(async () => {
    k = await startKefu({ KEFU_FAQ_DIR: writeFaq() });
  });
  afterAll(() => k.stop());

  it('counts each unanswered question under its normalised form, most asked first, for supervisors', async () => {
    const ask = (sessionId: string, text: string) => postJson(`${k.url}/webchat/api/messages`, { sessionId, text });
    await ask('gap-session-1', '公会战几点开始？');
    await ask('gap-session-2', '公會戰幾點開始');
    await ask('gap-session-3', '公会战几点开始!!!');
    await ask('gap-session-4', '坐骑怎么进阶');
    await ask('gap-session-5', '忘记密码怎么办'); // answered: not a gap

    const supervisor = await login(k.url, 'zhang', await addAgent(k.kefu.db, 'zhang', 'supervisor'));
    const { status, body } = await supervisor.get('/api/faq/gaps');
    expect(status).toBe(200);
    expect(body.gaps.map((g: { normalized: string; count: number }) => [g.normalized, g.count])).toEqual([
      ['公会战几点开始', 3],
      ['坐骑怎么进阶', 1],
    ]);

    const agent = await login(k.url, 'li', await addAgent(k.kefu.db, 'li', 'agent'));
    expect((await agent.get('/api/faq/gaps')).status).toBe(403);
  });
});
