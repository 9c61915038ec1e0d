import type { BugSeverity } from '../store/reports';

// Severity by what the player lost: money and accounts first, then being unable to play, then the rest.
const CRITICAL = /充值|扣款|扣费|到账|数据丢失|丢档|回档|盗号|被盗|全服|所有人|无法登录|登录不了|登不上|charged|payment|lost (my )?(account|progress)|can'?t log ?in/i;
const MAJOR = /闪退|崩溃|卡死|黑屏|白屏|掉线|进不去|无法进入|卡住|crash|freez|black screen|disconnect|stuck/i;

export function classifyBugSeverity(description: string): BugSeverity {
  if (CRITICAL.test(description)) return 'critical';
  if (MAJOR.test(description)) return 'major';
  return 'minor';
}

const COMPLAINT_CATEGORIES: [string, RegExp][] = [
  ['客服态度', /客服|态度|回复慢|不理|敷衍|staff|agent|rude/i],
  ['充值消费', /充值|退款|扣费|扣款|付费|价格|氪|refund|charge|payment|price/i],
  ['封号处罚', /封号|封禁|禁言|处罚|误封|ban|mute/i],
  ['外挂作弊', /外挂|开挂|作弊|脚本|cheat|hack/i],
  ['游戏体验', /bug|卡顿|平衡|活动|匹配|掉线|lag|event|balance/i],
];

/** A complaint's category for reports and routing; 其他 when nothing fits. */
export function classifyComplaint(text: string): string {
  return COMPLAINT_CATEGORIES.find(([, re]) => re.test(text))?.[0] ?? '其他';
}
