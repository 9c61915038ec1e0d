import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';

/** A 回访话术 from `followup-scripts.yaml`; `{nickname}`, `{complaintId}`, `{category}`, `{agent}` are filled in. */
export interface FollowupScript {
  id: string;
  title: string;
  text: string;
  kinds: string[];
}

export const SCRIPTS_FILE = 'followup-scripts.yaml';
export const PLACEHOLDERS = ['nickname', 'complaintId', 'category', 'agent', 'ticketId', 'reportId'];

const schema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9._-]+$/, 'id must be [a-z0-9._-]+'),
    title: z.string().trim().min(1),
    text: z.string().trim().min(1).max(2000),
    kinds: z.array(z.enum(['complaint', 'vip', 'bug'])).default(['complaint', 'vip', 'bug']),
  }),
);

/** The scripts in the FAQ folder; `file:line: problem` for a broken file or an unknown placeholder. */
export function loadFollowupScripts(faqDir: string): FollowupScript[] {
  const file = join(faqDir, SCRIPTS_FILE);
  if (!existsSync(file)) return [BUILT_IN];
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: false });
  if (doc.errors.length) throw new Error(`${file}:${doc.errors[0].linePos?.[0].line ?? 1}: ${doc.errors[0].message.split('\n')[0]}`);
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}:1: ${issue.path.join('.')}: ${issue.message}`);
  }
  for (const s of parsed.data) {
    const unknown = [...s.text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).find((p) => !PLACEHOLDERS.includes(p));
    if (unknown) throw new Error(`${file}:1: script "${s.id}": unknown placeholder {${unknown}} (known: ${PLACEHOLDERS.join(', ')})`);
  }
  return parsed.data;
}

export function renderScript(script: Pick<FollowupScript, 'text'>, values: Record<string, string | number | null | undefined>): string {
  return script.text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined || values[name] === null ? '' : String(values[name])));
}

const BUILT_IN: FollowupScript = {
  id: 'complaint.default',
  title: '投诉回访',
  text: '{nickname}您好，我是客服{agent}。关于您之前反馈的问题（投诉编号 #{complaintId}），我们已经处理，想了解一下您对处理结果是否满意？如有其他问题，直接回复即可。',
  kinds: ['complaint', 'vip', 'bug'],
};
