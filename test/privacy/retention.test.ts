// KEFU_RETENTION_DAYS: old conversation text is erased by the nightly job; newer text and all counts stay.
import { listAudit } from '../../src/store/audit';
import { playerSays } from '../helpers/desk';
import { startKefu } from '../helpers/kefu';
import { counts, foundInFiles } from './helpers';

const DAY = 24 * 3600_000;

it('erases conversation text older than KEFU_RETENTION_DAYS, with a fake clock, and keeps newer text and the counts', async () => {
  let clock = Date.UTC(2026, 0, 1);
  const k = await startKefu({ KEFU_RETENTION_DAYS: '30' }, { now: () => clock });
  try {
    const old = ['旧消息甲乙丙丁一号', '旧消息甲乙丙丁二号'];
    await playerSays(k.url, 'web-old-player', old[0]);
    await playerSays(k.url, 'web-old-player', '提交bug');
    for (const field of ['一区', '旧角色名戊己', '旧手机', old[1]]) await playerSays(k.url, 'web-old-player', field);
    clock += 29 * DAY;
    const recent = '最近的消息庚辛壬癸';
    await playerSays(k.url, 'web-new-player', recent);

    expect(k.kefu.applyRetention()).toMatchObject({ messages: 0 }); // nothing is 30 days old yet
    clock += 2 * DAY;
    const before = counts(k.kefu);
    const erased = k.kefu.applyRetention()!;

    expect(erased.messages).toBeGreaterThanOrEqual(10); // the old player's 6 and the bot's answers
    expect(erased.bugReports).toBe(1);
    // The text is gone from every file; the profile (game uid = role name) stays until the player is erased.
    expect(foundInFiles(k.dataDir, old)).toEqual([]);
    expect(k.kefu.db.prepare('SELECT role_name, description FROM bug_reports').get()).toEqual({ role_name: null, description: '' });
    expect(foundInFiles(k.dataDir, [recent])).toEqual([recent]);
    expect(counts(k.kefu)).toEqual(before);
    const [audit] = listAudit(k.kefu.db);
    expect(audit).toMatchObject({ kind: 'retention.erase', actor: 'job:retention', detail: { days: 30, before: clock - 30 * DAY } });
    expect(k.kefu.applyRetention()).toEqual({ messages: 0, faqGaps: 0, conversations: 0, tickets: 0, bugReports: 0, complaints: 0 });
  } finally {
    await k.stop();
  }
});
