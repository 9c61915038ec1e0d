// 个人信息保护法 and issue #13's additions: the game profile (role, notes…) and the learning loop's
// suggestions hold a player's words too; an export lists them, an erasure leaves none in the files.
import { playerSays, queuedTicket, signedInAgent } from '../helpers/desk';
import { startKefu } from '../helpers/kefu';
import { foundInFiles } from './helpers';

const SESSION = 'web-privacy-learning-player';
const WORDS = {
  question: '我的坐骑紫电青霜突然飞走了壬癸',
  answer: '紫电青霜已为您找回请查收邮件子丑',
  server: '昆仑之巅七十七区',
  roleId: 'role-88231-寅卯',
  roleName: '青霜剑客辰巳',
  notes: '这位玩家常在深夜充值午未',
};
const words = Object.values(WORDS);

it('exports the profile and the suggestions made from a player\'s question, and erases both with the player', async () => {
  const k = await startKefu();
  try {
    const admin = await signedInAgent(k.url, k.kefu.db, 'guanliyuan', 'admin', 'L2');
    await playerSays(k.url, SESSION, WORDS.question);
    const ticketId = await queuedTicket(k.url, SESSION);
    expect((await admin.post(`/api/tickets/${ticketId}/claim`)).status).toBe(200);
    expect((await admin.post(`/api/tickets/${ticketId}/reply`, { text: WORDS.answer })).status).toBe(200);
    const picked = await admin.post(`/api/tickets/${ticketId}/faq-suggestion`, { entryId: null });
    expect(picked.body.suggestion).toMatchObject({ question: WORDS.question, answer: WORDS.answer });
    const playerId = (k.kefu.db.prepare('SELECT player_id AS id FROM tickets WHERE id = ?').get(ticketId) as { id: number }).id;
    const profile = { server: WORDS.server, roleId: WORDS.roleId, roleName: WORDS.roleName, notes: WORDS.notes, vipLevel: 5 };
    expect((await admin.post(`/api/players/${playerId}/profile`, { ticketId, ...profile })).status).toBe(200);
    expect(foundInFiles(k.dataDir, words)).toEqual(words); // the scan can see them

    const copy = (await admin.post('/api/players/export', { playerId })).body.players[0];
    expect(copy.player).toMatchObject({ server: WORDS.server, role_id: WORDS.roleId, role_name: WORDS.roleName, notes: WORDS.notes, vip_level: 5 });
    expect(copy.faqSuggestions).toEqual([expect.objectContaining({ question: WORDS.question, answer: WORDS.answer, status: 'pending' })]);

    const erased = await admin.post('/api/players/erase', { playerId });
    expect(erased.body).toMatchObject({ walCleared: true, erased: { faqSuggestions: 1, players: 1 } });
    expect(foundInFiles(k.dataDir, words)).toEqual([]);
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM faq_suggestions').get()).toEqual({ n: 0 });
    expect((await admin.get('/api/faq/suggestions')).body.suggestions).toEqual([]);
    expect(k.kefu.db.prepare('SELECT vip_level, role_id, notes FROM players WHERE id = ?').get(playerId)).toEqual({ vip_level: 0, role_id: null, notes: null });
  } finally {
    await k.stop();
  }
}, 90_000);
