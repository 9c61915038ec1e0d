// msg_seq numbering per player message, durable in SQLite (protocols.md §4: 1, 2, 3…, at most 5).
import { openStore } from '../../../src/store/db';
import { countPassiveReplies, takePassiveReplySeq } from '../../../src/store/qqPassiveReplies';
import { tempDir } from '../../helpers/tmp';

describe('QQ passive reply numbering', () => {
  it('numbers replies 1, 2, 3…, gives a retry its own number again and stops at the limit', () => {
    const dir = tempDir();
    let db = openStore(dir);
    const take = (messageId: number) => takePassiveReplySeq(db, { appId: 'app', msgId: 'm1', messageId, at: 1000 }, 3);
    expect([take(11), take(12), take(11)]).toEqual([1, 2, 1]);
    db.close();
    db = openStore(dir); // survives a restart
    expect([take(13), take(14), take(12)]).toEqual([3, undefined, 2]);
    expect(countPassiveReplies(db, { appId: 'app', msgId: 'm1' })).toBe(3);
    expect(takePassiveReplySeq(db, { appId: 'app', msgId: 'm2', messageId: 15, at: 1000 }, 3)).toBe(1);
    db.close();
  });
});
