// An entry's answer is evidence for the lexical layer too: the answer names the things players ask about
// (the NPC, the item, the place), and its clauses join their entry's centroid beside its questions.
import { buildMatcher } from '../../src/matcher';
import { DEFAULT_SETTINGS } from '../../src/matcher/settings';
import { faqOf } from '../helpers/faqFiles';

describe('answers in the lexical layer', () => {
  const faq = faqOf([
    ['crop.dew', '清晨的露水有什么用', '收集露水的时间段', '每天游戏时间 5:00–7:00 可以用晨露瓶在作物叶片上收集露珠。晨露瓶在杂货铺向莫婆婆购买。'],
    ['fish.legend', '传说中的大鱼怎么钓', '稀有鱼在哪出现', '传说鱼“银鳞老祖”只在下雨天的傍晚出现在鹭鸶滩，需要挂萤火虫饵。'],
    ['animal.sick', '动物生病了怎么治', '兽医在哪里', '动物头上冒绿泡泡就是生病了，去苇塘诊所找芦大夫买草药丸。'],
    ['account.rename', '怎么改名字', '昵称能改吗', '在设置里点头像旁的笔形图标，每 30 天可改一次。'],
  ]);
  // Words alone: the semantic layer has the answers' clauses already, and would find these anyway.
  const words = buildMatcher(faq, { ...DEFAULT_SETTINGS, semantic: false });
  const answered = (text: string) => {
    const d = words.decide(text);
    return d.kind === 'answer' || d.kind === 'action' ? d.entry.id : d.kind;
  };

  it.each([
    ['银鳞老祖在哪钓', 'fish.legend'],
    ['芦大夫的草药丸', 'animal.sick'],
    ['晨露瓶哪里买', 'crop.dew'],
  ])('finds %s, which only the answer names, with %s', (text, id) => {
    expect(words.candidates(text, 1)[0]?.entry.id).toBe(id);
    expect(answered(text)).toBe(id);
  });

  it('says which of the answer’s words matched', () => {
    expect(words.candidates('银鳞老祖在哪钓', 1)[0].matched).toEqual(expect.arrayContaining(['银鳞', '老祖']));
  });

  it('still answers a question in the entry’s own words, and nothing for words no entry holds', () => {
    expect(answered('动物生病了怎么治')).toBe('animal.sick');
    expect(answered('怎么改名字')).toBe('account.rename');
    expect(answered('明天会下雪吗')).toBe('none');
  });
});
