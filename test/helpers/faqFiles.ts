// Writes a small FAQ folder for tests that need one they can edit or break.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFaq } from '../../src/faq/load';
import { tempDir } from './tmp';

export const SMALL_FAQ = `- id: account.password-reset
  questions: [忘记密码怎么办, 怎么找回密码, 密码忘了, forgot my password]
  answer: 在登录界面点“忘记密码”，用绑定的手机号验证后重设。
  keywords: [找回密码]
- id: payment.not-received
  questions: [充值没到账, 充了钱没收到钻石, 付款成功但是没到账, recharge not received]
  answer: 请提供订单号，我们会在24小时内核实补发。
  keywords: [没到账]
- id: payment.refund
  questions: [怎么申请退款, 充错了能退钱吗, 我要退款, how to get a refund]
  answer: 未消费的充值可在7天内申请退款。
- id: game.gift-code
  questions: [礼包码在哪兑换, 兑换码怎么用, 激活码输入在哪里]
  answer: 在设置-兑换码中输入即可领取。
- id: intent.handoff
  action: handoff
  questions: [转人工, 人工客服, 我要找真人, talk to a human]
  keywords: [转人工, 人工客服, 人工]
- id: intent.greeting
  action: greeting
  questions: [你好, 在吗, hello]
`;

export const SMALL_SYNONYMS = `- [充值, 氪金, 储值, top up]
- [密码, 口令]
`;

/** A temp FAQ folder with the small FAQ above (and synonyms), plus any extra files. */
export function writeFaq(files: Record<string, string> = {}): string {
  const dir = tempDir('kefu-faq-');
  writeFileSync(join(dir, 'entries.yaml'), SMALL_FAQ);
  writeFileSync(join(dir, 'synonyms.yaml'), SMALL_SYNONYMS);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** An FAQ of [id, question, question, answer] rows, written to a temp folder and loaded. */
export function faqOf(rows: string[][]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'faq.yaml'), rows.map(([id, q1, q2, a]) => `- id: ${id}\n  questions: [${q1}, ${q2}]\n  answer: ${a}\n`).join(''));
  return loadFaq(dir);
}
