import { pinyin } from 'pinyin-pro';
import type { ChineseTerms } from './features';
import { memoize } from './memo';
import { cut, isStopWord } from './tokenize';

/**
 * How a Chinese word or bigram sounds, without tones: 充值 and 冲值 are both "chong zhi". Most Chinese
 * typos are a pinyin keyboard's wrong pick among characters that sound alike (山退, 里包码, 严正码).
 */
export function soundOf(text: string): string {
  let sound = '';
  for (const c of text) sound += (sound ? ' ' : '') + charSound(c);
  return sound;
}

/**
 * One character's usual reading. Character by character rather than the word in context: a FAQ's tens of
 * thousands of bigrams are sounded out in milliseconds, and a typo and the word it stands for are read
 * by the same rule (a polyphone like 行 gets one reading on both sides).
 */
const charSound = memoize((c: string) => pinyin(c, { toneType: 'none' }), 20_000);

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Rewrites a typo into the FAQ's word that sounds the same: 角色怎么该名 → 角色怎么改名, 收不到严正码 →
 * 收不到验证码. Only where a wrong character leaves its mark on segmentation: two single characters (该 名,
 * 山 退) that sound like one of the FAQ's bigrams, or a single character and a word (严正 码) that together
 * sound like one of its words of three or four characters. Bigrams across two real words (有|建议, which
 * sounds like 邮件) stay as written. Done on the text, so the corrected word is then cut and weighed like
 * the FAQ's own.
 */
export class Respeller {
  /** The FAQ's terms by sound; a sound two of them share is left out (which was meant cannot be told). */
  private readonly bySound = new Map<string, string | null>();

  /** `known`: the FAQ's Chinese bigrams and its Chinese words of three or four characters. */
  constructor(private readonly known: ChineseTerms) {
    for (const term of known) {
      const sound = soundOf(term);
      this.bySound.set(sound, this.bySound.has(sound) ? null : term);
    }
  }

  respell(text: string): string {
    return text.replace(HAN_RUN, (run) => {
      const words = [...cut(run)];
      for (let k = 0; k + 1 < words.length; k++) {
        // A wrong character leaves a single character behind: 山|退, 严正|码. Two whole words (2 + 2) and
        // function words (我|的) are not looked at, which also keeps this cheap for the usual question.
        const a = words[k].length;
        const b = words[k + 1].length;
        if ((a !== 1 && b !== 1) || a + b > 4 || isStopWord(words[k]) || isStopWord(words[k + 1])) continue;
        const joined = words[k] + words[k + 1];
        if (this.known.has(joined)) continue;
        const meant = this.bySound.get(soundOf(joined));
        if (meant) words.splice(k, 2, meant);
      }
      return words.join('');
    });
  }
}
