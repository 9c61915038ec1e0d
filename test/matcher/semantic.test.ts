// The semantic layer with the model shipped in models/: new wording, English to a Chinese FAQ, chit-chat,
// and learning on site — through the real matcher, pipeline and SQLite.
import { join } from 'node:path';
import { generatedFaq, generatedQuestions } from '../../bench/lib/generatedFaq';
import { DEFAULT_PHRASES } from '../../src/core/phrases';
import { loadFaq } from '../../src/faq/load';
import { buildMatcher } from '../../src/matcher';
import { buildTunedMatcher } from '../../src/matcher/onSite';
import { DEFAULT_SETTINGS, loadMatcherSettings } from '../../src/matcher/settings';
import { openStore } from '../../src/store/db';
import { listTickets } from '../../src/store/tickets';
import { faqOf } from '../helpers/faqFiles';
import { SAMPLE_FAQ, startKefu } from '../helpers/kefu';
import { testPipeline } from '../helpers/pipeline';
import { tempDir } from '../helpers/tmp';

const ARENA = join(__dirname, '../fixtures/arena-faq');
const answered = (d: ReturnType<ReturnType<typeof buildMatcher>['decide']>) => (d.kind === 'answer' || d.kind === 'action' ? d.entry.id : d.kind);

describe('semantic layer', () => {
  const sample = buildTunedMatcher(loadFaq(SAMPLE_FAQ), loadMatcherSettings(SAMPLE_FAQ));

  it.each([
    ['氪了钱没东西', 'payment.not-received'],
    ['能不能退648', 'payment.refund'],
    ['卡成ppt了', 'game.lag'],
  ])('answers %s, which shares few words with the FAQ, with %s', (text, id) => {
    expect(answered(sample.decide(text))).toBe(id);
  });

  it('finds the Chinese entry for an English question when the FAQ has no English at all', () => {
    // A Chinese-only FAQ written here: no English word anywhere, no synonyms file.
    const faq = faqOf([
        ['account.stolen', '账号被盗了怎么办', '号被别人盗了', '请提供注册手机号和最近充值记录，客服核实后帮您冻结并找回账号。'],
        ['payment.refund', '充值可以退款吗', '误充了能退吗', '未消耗的充值可在7天内申请退款，请提供订单号。'],
        ['account.password', '忘记密码怎么办', '密码找回', '在登录界面点“忘记密码”，用绑定手机验证后重设。'],
        ['game.lag', '游戏很卡怎么办', '延迟很高', '请切换网络或在设置里降低画质。'],
    ]);
    const words = buildMatcher(faq, { ...DEFAULT_SETTINGS, semantic: false });
    const both = buildTunedMatcher(faq, DEFAULT_SETTINGS);
    expect(answered(words.decide('my account got hacked'))).not.toBe('account.stolen');
    expect(answered(both.decide('my account got hacked'))).toBe('account.stolen');
    expect(both.candidates('refund please', 1)[0].entry.id).toBe('payment.refund');
    expect(words.candidates('refund please', 1)[0]?.entry.id).not.toBe('payment.refund');
  });

  it("holds back an answer when the question is about another topic than the entry it resembles", () => {
    const starsea = join(__dirname, '../fixtures/blind/starsea');
    const matcher = buildTunedMatcher(loadFaq(starsea), loadMatcherSettings(starsea));
    // World bosses, asked of a FAQ with a daily-reset entry and none on world bosses: close enough, and far
    // enough ahead of the runner-up, to be answered on resemblance alone…
    const [top, second] = matcher.rank('世界boss刷新时间').scored;
    expect(top.entry.id).toBe('daily.reset');
    expect(top.confidence).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.answerThreshold);
    expect(top.confidence - second.confidence).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.margin);
    // …but nearer to another topic of the corpus than to any of the entry's own: offered at most (the other
    // candidates, off its topic too, now fall below the choices' floor: "I don't know"), never answered.
    expect(top.offTopic).toBeGreaterThan(0.3);
    expect(['clarify', 'none']).toContain(matcher.decide('世界boss刷新时间').kind);
    expect(answered(matcher.decide('星灵突破材料哪里刷'))).not.toBe('gacha.rates');
    // Rewordings on the entries' own topics are answered.
    expect(answered(matcher.decide('这期卡池出金概率多少'))).toBe('gacha.rates');
    expect(answered(matcher.decide('日常任务几点重置'))).toBe('daily.reset');
  });

  it('tells chit-chat from a question it cannot answer', () => {
    const weather = sample.decide('今天天气怎么样');
    expect(weather).toMatchObject({ kind: 'none', smallTalk: true });
    const unknown = sample.decide('公会战的奖励什么时候发');
    expect(unknown.kind === 'none' && unknown.smallTalk).toBeFalsy();
  });

  it('gives chit-chat the small-talk reply even when its words match an entry', () => {
    // A farming game's weather forecast: 天气 is the entry's own word, but 今天天气怎么样 is small talk.
    const faq = faqOf([
        ['weather.radio', '天气预报在哪看', '明天会不会下雨', '农场小屋里的收音机每天早上播报明天的天气：雨天不用浇水，暴风雨前记得加固大棚。'],
        ['crop.wilt', '庄稼枯萎了怎么办', '菜死了', '连续两天没浇水的作物会枯萎，用肥料可以救回来。'],
        ['fish.bait', '鱼饵在哪买', '钓鱼用什么饵', '杂货店每天上午出售鱼饵，蚯蚓也可以当饵。'],
    ]);
    const matcher = buildTunedMatcher(faq, DEFAULT_SETTINGS);
    expect(matcher.decide('今天天气怎么样')).toMatchObject({ kind: 'none', smallTalk: true });
    expect(answered(matcher.decide('今天会不会下雨'))).toBe('weather.radio');
  });

  it('does not open a ticket for two chit-chat lines in a row, and does not log them as FAQ gaps', () => {
    const db = openStore(tempDir());
    let clock = 1_700_000_000_000;
    const pipeline = testPipeline(db, sample, () => clock);
    const replies = ['今天天气怎么样', '你讲个笑话吧', '今天天气怎么样'].map((text, i) => {
      clock += 1000;
      return pipeline.handle({ channel: 'webchat', account: 'web', externalId: `m${i}`, from: { userId: 'p1' }, kind: 'text', text, receivedAt: clock })
        .replies.map((r) => r.text);
    });
    expect(listTickets(db)).toHaveLength(0);
    expect(replies[0]).toEqual([DEFAULT_PHRASES.smallTalk.zh]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM faq_gaps').get()).toEqual({ n: 0 });
    db.close();
  });

  it('learns on site: fine-tuning on the FAQ changes the model the matcher answers with', () => {
    const faq = loadFaq(ARENA);
    const matcher = buildMatcher(faq, DEFAULT_SETTINGS);
    const base = matcher.semanticModel()!;
    const tuned = buildTunedMatcher(faq, DEFAULT_SETTINGS).semanticModel()!;
    expect(tuned).not.toBe(base);
    expect(tuned.size).toBeGreaterThanOrEqual(base.size);
    const id = base.id('c:充')!;
    const row = (m: typeof base) => Array.from(m.rows().subarray(id * m.dim, id * m.dim + m.dim));
    expect(row(tuned)).not.toEqual(row(base));
  });

  it('answers a large FAQ of names the model never learned by their words, through the grouped search', () => {
    // 2,100 entries of made-up two-character names: past the size where entries are searched in groups, and
    // words the semantic model cannot place, so only the lexical evidence can find the entry.
    const faq = generatedFaq(2100);
    const m = buildMatcher(faq, DEFAULT_SETTINGS);
    const asked = generatedQuestions(faq, 200);
    const right = asked.filter((q) => m.rank(q.text).scored[0]?.entry.id === q.expect).length;
    expect(right / asked.length).toBeGreaterThanOrEqual(0.95);
  });

  it('works on words alone when the semantic layer is turned off', () => {
    const off = buildMatcher(loadFaq(SAMPLE_FAQ), { ...DEFAULT_SETTINGS, semantic: false });
    expect(off.semanticModel()).toBeUndefined();
    expect(answered(off.decide('忘记密码怎么办'))).toBe('account.password-reset');
  });
});

describe('learning on site in the service', () => {
  // Fine-tuning takes seconds on an idle machine; the timeout leaves room for a busy one.
  it('starts with the base model, keeps answering, and switches to the FAQ-tuned model when done', async () => {
    const running = await startKefu({}, { fineTune: true });
    const { kefu } = running;
    try {
      const matcher = kefu.matcher() as ReturnType<typeof buildMatcher>;
      const base = matcher.semanticModel();
      expect(answered(matcher.decide('忘记密码怎么办'))).toBe('account.password-reset'); // answering meanwhile
      await kefu.fineTuned();
      expect(matcher.semanticModel()).not.toBe(base);
      expect(answered(matcher.decide('忘记密码怎么办'))).toBe('account.password-reset');
    } finally {
      await running.stop();
    }
  }, 180_000);
});
