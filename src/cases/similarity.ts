// Whether two bug reports describe one problem: the same symptom named, or enough of the same wording.

/** Symptoms players name in many ways; two reports naming the same one are about the same thing. */
const SYMPTOMS: RegExp[] = [
  /闪退|崩溃|闪崩|crash/i,
  /卡死|卡住|无响应|freez|stuck/i,
  /黑屏|白屏|花屏|black screen/i,
  /掉线|断线|断开|disconnect/i,
  /登录不了|登不上|无法登录|进不去|无法进入|登陆不了|can'?t log ?in/i,
  /充值|到账|扣款|扣费|payment|charged/i,
  /盗号|被盗|hacked/i,
  /回档|丢档|数据丢失|rollback/i,
  /卡顿|延迟|lag/i,
];

/** Above this share of common character pairs (Dice), two texts say the same. */
export const SIMILAR_DICE = 0.35;

function bigrams(text: string): Set<string> {
  const chars = [...text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return grams;
}

export function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

const symptoms = (text: string) => SYMPTOMS.map((re, i) => (re.test(text) ? i : -1)).filter((i) => i >= 0);

export function similarReports(a: string, b: string): boolean {
  const sa = symptoms(a);
  if (sa.length && symptoms(b).some((s) => sa.includes(s))) return true;
  return dice(a, b) >= SIMILAR_DICE;
}

/** "S1", "s1 ", "1服" and "一服" are one server to a player; compared in this form. */
export function serverKey(server: string | null): string {
  if (!server) return '';
  const digits: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10' };
  return server
    .toLowerCase()
    .replace(/[一二三四五六七八九十]/g, (c) => digits[c])
    .replace(/\s+/g, '')
    .replace(/^(server|s)(?=\d)/, '')
    .replace(/(服务器|服|区)$/, '');
}
