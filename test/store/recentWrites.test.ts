// A player's next message in a conversation rewrites neither the player's last-seen time, nor the
// conversation's updated_at, nor the WeChat reply window, when only that time would move, and by less than
// a minute: those writes were three random pages of three tables at every commit (issue #17 finding 7).
// Anything else that changes is written at once. Against a real SQLite file.
import { openConversation, saveConversation, getConversation } from '../../src/store/conversations';
import { openStore, type Db } from '../../src/store/db';
import { findPlayer, touchPlayer, upsertPlayer } from '../../src/store/players';
import { openReplyWindow, readReplyWindow, useReplyWindow } from '../../src/store/replyWindows';
import { tempDir } from '../helpers/tmp';

const T = 1_800_000_000_000;
const HOUR = 3_600_000;
const who = { channel: 'wechat-mp' as const, account: 'gh_1', userId: 'o_1' };

let db: Db;
beforeEach(() => {
  db = openStore(tempDir());
});
afterEach(() => db.close());

const player = () => findPlayer(db, who.channel, who.account, who.userId)!;

describe('player last seen', () => {
  beforeEach(() => upsertPlayer(db, { ...who, language: 'zh', at: T }));

  it('is not rewritten by a message less than a minute after the last one written', () => {
    touchPlayer(db, player(), { language: 'zh', at: T + 59_000 });
    expect(player().lastSeenAt).toBe(T);
  });

  it('is rewritten by a message a minute or more later', () => {
    touchPlayer(db, player(), { language: 'zh', at: T + 60_000 });
    expect(player().lastSeenAt).toBe(T + 60_000);
  });

  it('is written at once with a new nickname, language or script', () => {
    touchPlayer(db, player(), { nickname: '阿星', language: 'zh', at: T + 1000 });
    touchPlayer(db, player(), { language: 'en', at: T + 2000 });
    touchPlayer(db, player(), { language: 'en', chineseScript: 'traditional', at: T + 3000 });
    expect(player()).toMatchObject({ nickname: '阿星', language: 'en', chineseScript: 'traditional', lastSeenAt: T + 3000 });
  });
});

describe('conversation updated_at', () => {
  const address = { ...who };
  let id: number;
  beforeEach(() => {
    id = openConversation(db, upsertPlayer(db, { ...who, language: 'zh', at: T }).id, address, T).id;
  });
  const conversation = () => getConversation(db, id)!;

  it('is not rewritten by a save that changes nothing, less than a minute later', () => {
    saveConversation(db, conversation(), T + 59_000, { address });
    expect(conversation().updatedAt).toBe(T);
  });

  it('is rewritten by a save that changes nothing, a minute or more later', () => {
    saveConversation(db, conversation(), T + 60_000, { address });
    expect(conversation().updatedAt).toBe(T + 60_000);
  });

  it('is written at once with a new state, context, miss count or address', () => {
    saveConversation(db, { ...conversation(), state: 'clarifying', context: { choices: ['a', 'b'] } }, T + 1000);
    expect(conversation()).toMatchObject({ state: 'clarifying', context: { choices: ['a', 'b'] }, updatedAt: T + 1000 });
    saveConversation(db, { ...conversation(), misses: 1 }, T + 2000);
    expect(conversation()).toMatchObject({ misses: 1, updatedAt: T + 2000 });
    saveConversation(db, conversation(), T + 3000, { address: { ...address, replyContext: { msgId: 'm2' } } });
    expect(conversation()).toMatchObject({ address: { replyContext: { msgId: 'm2' } }, updatedAt: T + 3000 });
  });
});

describe('WeChat reply window', () => {
  const window = () => readReplyWindow(db, who)!;

  it('is not moved by a message less than a minute after it opened, while unused', () => {
    openReplyWindow(db, who, T, 48 * HOUR, 5);
    openReplyWindow(db, who, T + 59_000, 48 * HOUR, 5);
    expect(window()).toEqual({ openedAt: T, until: T + 48 * HOUR, allowance: 5, used: 0 });
  });

  it('is moved by a message a minute or more later', () => {
    openReplyWindow(db, who, T, 48 * HOUR, 5);
    openReplyWindow(db, who, T + 60_000, 48 * HOUR, 5);
    expect(window()).toEqual({ openedAt: T + 60_000, until: T + 60_000 + 48 * HOUR, allowance: 5, used: 0 });
  });

  it('gets its full allowance back at once when some of it was used', () => {
    openReplyWindow(db, who, T, 48 * HOUR, 5);
    useReplyWindow(db, who);
    openReplyWindow(db, who, T + 1000, 48 * HOUR, 5);
    expect(window()).toEqual({ openedAt: T + 1000, until: T + 1000 + 48 * HOUR, allowance: 5, used: 0 });
  });

  it('keeps a menu click\'s one-minute window to within a hundredth of its length', () => {
    openReplyWindow(db, who, T, 60_000, 3);
    openReplyWindow(db, who, T + 599, 60_000, 3);
    expect(window().until).toBe(T + 60_000);
    openReplyWindow(db, who, T + 600, 60_000, 3);
    expect(window().until).toBe(T + 60_600);
  });
});
