import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';

/** A complaint category from `complaint-categories.yaml`, with the words that put a complaint in it. */
export interface ComplaintCategory {
  name: string;
  keywords: string[];
}

export const CATEGORIES_FILE = 'complaint-categories.yaml';
export const DEFAULT_CATEGORY = '其他';

const schema = z.array(z.object({ name: z.string().trim().min(1).max(40), keywords: z.array(z.string().trim().min(1)).default([]) }));

/**
 * The categories the operators keep in the FAQ folder, in order (the first whose keyword appears wins).
 * Throws `file:line: problem` for a broken file; an absent file means the built-in list.
 */
export function loadComplaintCategories(faqDir: string): ComplaintCategory[] {
  const file = join(faqDir, CATEGORIES_FILE);
  if (!existsSync(file)) return BUILT_IN;
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new Error(`${file}:${e.linePos?.[0].line ?? 1}: ${e.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}:1: ${issue.path.join('.')}: ${issue.message} (a list of {name, keywords})`);
  }
  const names = parsed.data.map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`${file}:1: category "${dup}" is listed twice`);
  return parsed.data;
}

export function classifyByCategories(categories: ComplaintCategory[], text: string): string {
  const lower = text.toLowerCase();
  return categories.find((c) => c.keywords.some((k) => lower.includes(k.toLowerCase())))?.name ?? DEFAULT_CATEGORY;
}

/** Used when the FAQ folder has no categories file (the same as the sample file). */
const BUILT_IN: ComplaintCategory[] = [
  { name: '客服态度', keywords: ['客服', '态度', '回复慢', '不理', '敷衍', 'rude'] },
  { name: '充值消费', keywords: ['充值', '退款', '扣费', '扣款', '付费', '价格', 'refund', 'payment'] },
  { name: '封号处罚', keywords: ['封号', '封禁', '禁言', '处罚', '误封', 'ban'] },
  { name: '外挂作弊', keywords: ['外挂', '开挂', '作弊', '脚本', 'cheat', 'hack'] },
  { name: '游戏体验', keywords: ['bug', '卡顿', '平衡', '活动', '匹配', '掉线', 'lag'] },
];
