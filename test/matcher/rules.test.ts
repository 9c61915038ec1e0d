import { buildMatcher } from '../../src/matcher';
import { DEFAULT_SETTINGS } from '../../src/matcher/settings';
import type { Faq, FaqEntry } from '../../src/faq/types';

function entry(id: string, questions: string[], action: FaqEntry['action'] = 'answer', keywords: string[] = []): FaqEntry {
  return { id, questions, answer: id, action, keywords, tags: [], source: { file: 'entries.yaml', line: 1 } };
}

/** A studio's FAQ whose handoff entry lists phrasings but no keywords, as the blind sets' FAQs do. */
const FAQ: Faq = {
  dir: 'faq',
  synonyms: [],
  entries: [
    entry('account.stolen', ['账号被盗了怎么办', '号被盗了', '账号被别人登录了']),
    entry('pay.missing', ['充值没到账', '付了钱没收到钻石', '充值不到账怎么办']),
    entry('complaint', ['我要投诉', '对服务不满意'], 'complaint', ['投诉']),
    entry('human', ['转人工', '找真人客服', '人工客服在哪'], 'handoff'),
  ],
};

describe('action rules', () => {
  const matcher = buildMatcher(FAQ);

  it.each(['叫个客服小姐姐来', '帮我找客服', '人工呢', '轉人工', 'human agent please', 'I want to talk to a real person', 'agent please'])(
    'hand %s to the FAQ\'s handoff entry though it lists no keywords',
    (text) => {
      expect(matcher.explain(text)).toMatchObject({ rule: 'human', decision: { kind: 'action', action: 'handoff', entry: { id: 'human' } } });
    },
  );

  it('let the FAQ\'s own keywords win: a complaint about the staff is a complaint', () => {
    expect(matcher.decide('我要投诉，找客服也没用')).toMatchObject({ kind: 'action', action: 'complaint' });
  });

  it('leave greetings, questions about real players and about the bot to the matcher', () => {
    expect(matcher.decide('客服小姐姐你好，我的账号被盗了')).toMatchObject({ kind: 'answer', entry: { id: 'account.stolen' } });
    for (const text of ['匹配到的是真人吗', 'are you a real person']) expect(matcher.explain(text).rule).toBeUndefined();
  });

  it('are off with the built-in synonyms (baseSynonyms: false)', () => {
    const plain = buildMatcher(FAQ, { ...DEFAULT_SETTINGS, baseSynonyms: false, semantic: false });
    expect(plain.explain('叫个客服小姐姐来').rule).toBeUndefined();
    expect(plain.explain('我要投诉').rule).toBe('complaint');
  });
});
