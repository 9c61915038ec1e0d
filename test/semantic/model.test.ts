// The semantic model on its own: training pulls an intent's messages together, and the file keeps them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel, writeModel } from '../../src/semantic/file';
import { SemanticModel } from '../../src/semantic/model';
import { trainSemantic } from '../../src/semantic/train';
import { createNormalizer } from '../../src/matcher/normalize';
import { tempDir } from '../helpers/tmp';

const normalize = createNormalizer([]);
// Twelve small intents whose messages share meaning more than words (so only training can join them).
const INTENTS: string[][] = [
  ['忘记密码了', '密码想不起来', '登录密码丢了怎么找回', 'forgot my password', '重置一下密码', '密码记不住了'],
  ['充值没到账', '钱扣了钻石没到', '付款成功没收到东西', 'paid but nothing arrived', '买了月卡没生效', '扣款了道具没来'],
  ['游戏闪退', '一进副本就崩溃', '打开就闪退', 'game keeps crashing', '老是自动退出', '玩着玩着就崩了'],
  ['服务器什么时候开', '维护到几点', '停服维护多久', 'when does maintenance end', '几点开服', '还在维护吗'],
  ['怎么改名字', '角色名能换吗', '改名卡在哪买', 'how to rename my character', '名字想换一个', '修改昵称'],
  ['账号被盗了', '号被人偷了', '别人登了我的号', 'my account got hacked', '装备被盗号的人卖了', '账号被人改了密码'],
  ['退款', '能退钱吗', '误充了想退', 'refund please', '充错了申请退款', '钱能退回来吗'],
  ['游戏很卡', '延迟好高', '卡成ppt', 'lag is terrible', '网络延迟460', '画面一顿一顿的'],
  ['举报外挂', '有人开挂', '遇到挂了怎么举报', 'report a cheater', '对面透视', '有人用脚本'],
  ['怎么加好友', '好友申请发不出去', '加不了好友', 'how to add friends', '搜不到好友', '找不到加好友按钮'],
  ['礼包码怎么用', '兑换码在哪输', 'cdk兑换', 'where do i redeem a code', '激活码无效', '礼包码兑换失败'],
  ['转人工', '我要找客服', '人工客服在吗', 'talk to a human', '找真人', '叫你们客服出来'],
];

function model(): SemanticModel {
  const groups = INTENTS.map((g) => normalize.many(g.slice(0, 5)));
  return new SemanticModel(trainSemantic(groups, { dim: 32, epochs: 60, minCount: 1, maxBatch: 16, seed: 3 }));
}

describe('semantic model', () => {
  const trained = model();
  const cos = (a: string, b: string) => {
    const x = trained.embed(normalize(a))!;
    const y = trained.embed(normalize(b))!;
    return x.reduce((s, v, i) => s + v * y[i], 0);
  };

  it('puts messages of one intent closer together than messages of different intents', () => {
    let closer = 0;
    let pairs = 0;
    INTENTS.forEach((g, i) => {
      const other = INTENTS[(i + 1) % INTENTS.length];
      for (let a = 0; a < 5; a++) {
        for (let b = a + 1; b < 5; b++) {
          pairs++;
          if (cos(g[a], g[b]) > cos(g[a], other[b])) closer++;
        }
      }
    });
    expect(closer / pairs).toBeGreaterThan(0.9);
  });

  it('learns words from translation pairs trained beside the intents', () => {
    const chinese = INTENTS.map((g) => normalize.many(g.filter((t) => !/[a-z]/.test(t)).slice(0, 5)));
    const pairs = [
      ['forgot password', '忘记密码'],
      ['my password', '我的密码'],
      ['the game crashed', '游戏崩溃了'],
      ['crashed again', '又崩溃了'],
      ['a refund', '退款'],
      ['refund my money', '把钱退给我'],
    ].map((p) => normalize.many(p));
    const withPairs = new SemanticModel(trainSemantic(chinese, { dim: 32, epochs: 60, minCount: 1, maxBatch: 16, seed: 3, side: { groups: pairs, share: 1 } }));
    const alone = new SemanticModel(trainSemantic(chinese, { dim: 32, epochs: 60, minCount: 1, maxBatch: 16, seed: 3 }));
    expect(alone.embed(normalize('password'))).toBeUndefined();
    const near = (text: string, of: string[]) => {
      const v = withPairs.embed(normalize(text))!;
      const u = withPairs.embed(normalize(of[0]))!;
      return v.reduce((s, x, i) => s + x * u[i], 0);
    };
    expect(near('password', INTENTS[0])).toBeGreaterThan(near('password', INTENTS[2]));
    expect(near('crashed', INTENTS[2])).toBeGreaterThan(near('crashed', INTENTS[0]));
  });

  it('writes int8 rows and reads them back within rounding', () => {
    const dir = tempDir();
    const path = join(dir, 'm.bin');
    const topics = Float32Array.from([...trained.embed(normalize('充值没到账'))!, ...trained.embed(normalize('账号被盗'))!]);
    const data = { ...trained.data, vectors: trained.rows(), anchors: trained.embed(normalize('游戏很卡'))!, topics };
    writeModel(path, data, { trainedAt: 'now', corpus: { lines: 60, intents: 12 } });
    const back = readModel(path);
    expect(back.header.corpus).toEqual({ lines: 60, intents: 12 });
    expect(back.data.tokens).toEqual(trained.data.tokens);
    expect(Array.from(back.data.anchors!)).toEqual(Array.from(data.anchors));
    expect(back.header.topics).toBe(2);
    expect(Array.from(back.data.topics!)).toEqual(Array.from(topics));
    const again = new SemanticModel(back.data);
    for (const text of ['充值没到账', 'refund please', '游戏很卡']) {
      const a = trained.embed(normalize(text))!;
      const b = again.embed(normalize(text))!;
      expect(a.reduce((s, v, i) => s + v * b[i], 0)).toBeGreaterThan(0.999);
    }
  });

  it('refuses a file that is not a model, or is cut short, naming the file', () => {
    const dir = tempDir();
    const path = join(dir, 'm.bin');
    writeModel(path, { ...trained.data, vectors: trained.rows() }, { trainedAt: 'now', corpus: { lines: 1, intents: 1 } });
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expect(() => readModel(path)).toThrow(`${path}: truncated or corrupt`);
    writeFileSync(path, 'hello');
    expect(() => readModel(path)).toThrow(`${path}: not a Kefu semantic model`);
  });

  it('has no vector for a text with no known token', () => {
    expect(trained.embed(normalize('zzqx'))).toBeUndefined();
  });
});
