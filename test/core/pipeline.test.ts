import type { Db } from '../../src/store/db';
import { openStore } from '../../src/store/db';
import { KefuEvents } from '../../src/core/events';
import type { InboundMessage } from '../../src/core/types';
import { getConversation } from '../../src/store/conversations';
import { topGaps } from '../../src/store/faqGaps';
import { getTicket, listTickets, rateTicket, ticketEvents } from '../../src/store/tickets';
import { entry, scriptedMatcher } from '../helpers/scriptedMatcher';
import { testPipeline } from '../helpers/pipeline';
import { tempDir } from '../helpers/tmp';

const entries = [
  entry('account.password-reset', '在登录界面点“忘记密码”。'),
  entry('payment.missing', '充值未到账请提供订单号。'),
  entry('intent.handoff', '', 'handoff'),
  entry('intent.bug', '', 'bug_report'),
  entry('intent.complaint', '', 'complaint'),
];
const matcher = scriptedMatcher(entries, {
  忘记密码怎么办: (e) => ({ kind: 'answer', entry: e('account.password-reset'), score: 0.9 }),
  充值: (e) => ({ kind: 'clarify', choices: [e('payment.missing'), e('account.password-reset')] }),
  转人工: (e) => ({ kind: 'action', action: 'handoff', entry: e('intent.handoff') }),
  报bug: (e) => ({ kind: 'action', action: 'bug_report', entry: e('intent.bug') }),
  我要投诉: (e) => ({ kind: 'action', action: 'complaint', entry: e('intent.complaint') }),
});

let db: Db;
let dir: string;
let clock: number;
let seq: number;

function setup() {
  const events = new KefuEvents();
  return testPipeline(db, matcher, () => clock, events);
}

function msg(text: string, overrides: Partial<InboundMessage> = {}): InboundMessage {
  seq += 1;
  return { channel: 'webchat', account: 'web', externalId: `m${seq}`, from: { userId: 'player-1' }, kind: 'text', text, receivedAt: clock, ...overrides };
}

beforeEach(() => {
  dir = tempDir();
  db = openStore(dir);
  clock = 1_700_000_000_000;
  seq = 0;
});
afterEach(() => db.close());

describe('pipeline', () => {
  it('answers an FAQ question and stores both messages', () => {
    const result = setup().handle(msg('忘记密码怎么办'));
    expect(result.replies.map((r) => r.text)).toEqual(['在登录界面点“忘记密码”。']);
    const rows = db.prepare('SELECT direction, sender FROM messages ORDER BY id').all();
    expect(rows).toEqual([{ direction: 'in', sender: 'player' }, { direction: 'out', sender: 'bot' }]);
  });

  it('answers a channel retry with the first answer, stored once', () => {
    const pipeline = setup();
    const first = pipeline.handle(msg('忘记密码怎么办', { externalId: 'wx-1' }));
    const again = pipeline.handle(msg('忘记密码怎么办', { externalId: 'wx-1' }));
    expect(again.duplicate).toBe(true);
    expect(again.replies).toEqual(first.replies);
    expect(db.prepare("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('still recognises a retry after a restart', () => {
    const first = setup().handle(msg('转人工', { externalId: 'wx-2' }));
    db.close();
    db = openStore(dir);
    const again = setup().handle(msg('转人工', { externalId: 'wx-2' }));
    expect(again.duplicate).toBe(true);
    expect(again.replies.map((r) => r.text)).toEqual(first.replies.map((r) => r.text));
    expect(listTickets(db)).toHaveLength(1);
  });

  it('keeps the same external id from two accounts apart', () => {
    const pipeline = setup();
    pipeline.handle(msg('忘记密码怎么办', { externalId: 'same', account: 'gh_a' }));
    const other = pipeline.handle(msg('忘记密码怎么办', { externalId: 'same', account: 'gh_b' }));
    expect(other.duplicate).toBe(false);
  });

  it('offers numbered choices and answers the number the player picks', () => {
    const pipeline = setup();
    const offer = pipeline.handle(msg('充值'));
    expect(offer.replies[0].text).toMatch(/1\. payment\.missing\?\n2\. account\.password-reset\?/);
    expect(getConversation(db, offer.conversationId)?.state).toBe('clarifying');
    const picked = pipeline.handle(msg('1'));
    expect(picked.replies[0].text).toBe('充值未到账请提供订单号。');
    expect(getConversation(db, offer.conversationId)?.state).toBe('bot');
  });

  it('takes a new question while clarifying as a new question', () => {
    const pipeline = setup();
    pipeline.handle(msg('充值'));
    expect(pipeline.handle(msg('忘记密码怎么办')).replies[0].text).toBe('在登录界面点“忘记密码”。');
  });

  it('queues a ticket when the player asks for a person, and the next message joins it', () => {
    const pipeline = setup();
    const handoff = pipeline.handle(msg('转人工'));
    const [ticket] = listTickets(db, { status: 'queued' });
    expect(ticket).toMatchObject({ status: 'queued', tier: 'L1', reason: 'requested', firstResponseDueAt: clock + 300_000 });
    expect(handoff.replies[0].text).toContain(`#${ticket.id}`);
    const later = pipeline.handle(msg('我的账号是 12345'));
    expect(later.replies[0].text).toContain('正在排队');
    expect(ticketEvents(db, ticket.id).map((e) => e.kind)).toEqual(['created', 'player_wrote']);
  });

  it('hands off after two unanswered questions in a row, and counts them as FAQ gaps', () => {
    const pipeline = setup();
    expect(pipeline.handle(msg('新职业什么时候出')).replies[0].text).toContain('暂时回答不了');
    expect(listTickets(db)).toHaveLength(0);
    const second = pipeline.handle(msg('新职业到底什么时候出'));
    expect(second.replies.map((r) => r.text).join('\n')).toContain('转接人工');
    expect(listTickets(db)[0]).toMatchObject({ reason: 'unanswered', status: 'queued' });
    expect(topGaps(db).map((g) => g.normalized).sort()).toEqual(['新职业什么时候出', '新职业到底什么时候出'].sort());
  });

  it('forgets a miss once a question is answered', () => {
    const pipeline = setup();
    pipeline.handle(msg('新职业什么时候出'));
    pipeline.handle(msg('忘记密码怎么办'));
    pipeline.handle(msg('还有别的问题'));
    expect(listTickets(db)).toHaveLength(0);
  });

  it('stays quiet while an agent holds the conversation', () => {
    const pipeline = setup();
    const { conversationId } = pipeline.handle(msg('转人工'));
    const ticketId = getConversation(db, conversationId)!.ticketId!;
    db.prepare("UPDATE tickets SET status = 'assigned' WHERE id = ?").run(ticketId);
    db.prepare("UPDATE conversations SET state = 'with_agent' WHERE id = ?").run(conversationId);
    expect(pipeline.handle(msg('你好，在吗')).replies).toEqual([]);
  });

  it('collects a bug report field by field and logs it with a severity', () => {
    const pipeline = setup();
    expect(pipeline.handle(msg('报bug')).replies[0].text).toContain('哪个服务器');
    pipeline.handle(msg('华东一区'));
    pipeline.handle(msg('剑影流光'));
    pipeline.handle(msg('iPhone 15 / iOS 18'));
    const done = pipeline.handle(msg('进副本就闪退，今天下午开始'));
    expect(done.replies[0].text).toMatch(/编号 #\d+，等级：严重/);
    expect(db.prepare('SELECT server, role_name AS roleName, device, severity FROM bug_reports').get()).toEqual({
      server: '华东一区',
      roleName: '剑影流光',
      device: 'iPhone 15 / iOS 18',
      severity: 'major',
    });
  });

  it('lets the player cancel a form at any step', () => {
    const pipeline = setup();
    pipeline.handle(msg('报bug'));
    expect(pipeline.handle(msg('取消')).replies[0].text).toContain('已取消');
    expect(db.prepare('SELECT COUNT(*) AS n FROM bug_reports').get()).toEqual({ n: 0 });
    expect(pipeline.handle(msg('忘记密码怎么办')).replies[0].text).toBe('在登录界面点“忘记密码”。');
  });

  it('registers a complaint with a category, a 3-day follow-up and a second-line ticket', () => {
    const pipeline = setup();
    pipeline.handle(msg('我要投诉'));
    const done = pipeline.handle(msg('客服态度太差了，回复慢还敷衍'));
    expect(done.replies[0].text).toContain('3 天内回访');
    const complaint = db.prepare('SELECT category, follow_up_due_at AS due, ticket_id AS ticketId FROM complaints').get() as {
      category: string;
      due: number;
      ticketId: number;
    };
    expect(complaint.category).toBe('客服态度');
    expect(complaint.due).toBe(clock + 3 * 24 * 3600_000);
    expect(getTicket(db, complaint.ticketId)).toMatchObject({ tier: 'L2', reason: 'complaint', status: 'queued' });
  });

  it('takes a 1-5 rating after a resolved ticket', () => {
    const pipeline = setup();
    const { conversationId } = pipeline.handle(msg('转人工'));
    const ticketId = getConversation(db, conversationId)!.ticketId!;
    db.prepare("UPDATE tickets SET status = 'resolved' WHERE id = ?").run(ticketId);
    db.prepare("UPDATE conversations SET state = 'bot', ticket_id = NULL, context = ? WHERE id = ?").run(
      JSON.stringify({ ratingFor: ticketId }),
      conversationId,
    );
    expect(pipeline.handle(msg('5')).replies[0].text).toContain('感谢您的评价');
    expect(getTicket(db, ticketId)?.rating).toBe(5);
    expect(rateTicket(db, 999, 3, clock)).toBe(false);
  });

  it('answers in English when the player writes English', () => {
    const reply = setup().handle(msg('what is the meaning of life')).replies[0].text;
    expect(reply).toContain("Sorry, I don't know");
  });

  it("keeps the player's language for a number, and a lone game term does not switch to English", () => {
    const pipeline = setup();
    const say = (userId: string, text: string) => pipeline.handle(msg(text, { from: { userId } })).replies[0].text;
    say('en-player', 'how about the weather today');
    expect(say('en-player', '42')).toContain("I'm passing you to a person"); // second miss hands off, still in English
    expect(say('zh-player', 'vip')).toContain('抱歉');
    expect(say('new-player', 'how do i pay')).toContain("Sorry, I don't know");
    expect(say('new-player', '充值')).toContain('回复数字');
  });
});
