import type { CannedReply } from '../desk/canned';
import type { FaqEntry } from '../faq/types';
import type { Matcher } from '../matcher/types';
import type { Db } from '../store/db';
import { conversationMessages, type StoredMessage } from '../store/messages';
import type { Ticket } from '../store/tickets';
import type { LlmClient } from './client';
import type { Masker } from './mask';
import { DRAFT, SUMMARY, TRIAGE } from './prompts';

const DRAFT_LINES = 20;
const SUMMARY_LINES = 60;
const FAQ_FOR_DRAFT = 3;
const CANNED_FOR_DRAFT = 8;

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export const COMPLAINT_CATEGORIES = ['客服态度', '充值消费', '封号处罚', '外挂作弊', '游戏体验', '其他'];

export interface AssistDeps {
  db: Db;
  matcher(): Matcher;
  canned(): CannedReply[];
  client: LlmClient;
  mask: Masker;
}

export interface Triage {
  category: string;
  severity: (typeof SEVERITIES)[number];
  reason: string;
}

/**
 * What an agent can ask the LLM for about one ticket: a reply draft (never sent by itself), a summary for a
 * transfer or the handover sheet, a suggested category and severity. Internal notes, nicknames, player ids
 * and the profile are never part of what is sent; the conversation is masked.
 */
export function createAssist(deps: AssistDeps) {
  const ask = deps.client.timeoutMs;

  function lines(ticket: Ticket, n: number) {
    return conversationMessages(deps.db, ticket.conversationId)
      .filter((m) => m.kind === 'text' && m.text.trim())
      .slice(-n)
      .map((m) => ({ from: speaker(m), text: deps.mask(m.text.slice(0, 1000)) }));
  }

  return {
    async draft(ticket: Ticket): Promise<string> {
      const conversation = lines(ticket, DRAFT_LINES);
      const asked = conversation.filter((l) => l.from === 'player').slice(-3).map((l) => l.text).join(' ');
      const faq = asked ? relevantEntries(deps.matcher(), asked) : [];
      const canned = deps.canned().slice(0, CANNED_FOR_DRAFT).map((c) => ({ title: c.title, text: c.text }));
      const payload = { conversation, faq: faq.map((e) => ({ id: e.id, questions: e.questions.slice(0, 3), answer: e.answer })), canned };
      const reply = await deps.client.call('draft', [system(DRAFT), user(payload)], { timeoutMs: ask, maxTokens: 400, waitForSlot: true });
      return reply.text;
    },

    async summary(ticket: Ticket): Promise<string> {
      const payload = { conversation: lines(ticket, SUMMARY_LINES) };
      const reply = await deps.client.call('summary', [system(SUMMARY), user(payload)], { timeoutMs: ask, maxTokens: 300, waitForSlot: true });
      return reply.text;
    },

    /** A suggestion only: the agent confirms or changes it. Values outside the lists are refused. */
    async triage(ticket: Ticket): Promise<Triage> {
      const payload = { conversation: lines(ticket, DRAFT_LINES), categories: COMPLAINT_CATEGORIES, severities: SEVERITIES };
      const reply = await deps.client.call('triage', [system(TRIAGE), user(payload)], { json: true, timeoutMs: ask, maxTokens: 200, waitForSlot: true });
      const { category, severity, reason } = reply.json!;
      return {
        category: COMPLAINT_CATEGORIES.includes(String(category)) ? String(category) : '其他',
        severity: (SEVERITIES as readonly string[]).includes(String(severity)) ? (severity as Triage['severity']) : 'minor',
        reason: typeof reason === 'string' ? reason.slice(0, 200) : '',
      };
    },
  };
}

export type Assist = ReturnType<typeof createAssist>;

/** The answerable entries the matcher ranks highest for what the player asked (its public candidates API). */
function relevantEntries(matcher: Matcher, text: string): FaqEntry[] {
  return matcher
    .candidates(text, FAQ_FOR_DRAFT * 2)
    .map((c) => c.entry)
    .filter((e) => e.action === 'answer' && e.answer)
    .slice(0, FAQ_FOR_DRAFT);
}

function speaker(m: StoredMessage): string {
  return m.sender === 'player' ? 'player' : m.sender === 'agent' ? 'agent' : 'bot';
}

const system = (content: string) => ({ role: 'system' as const, content });
const user = (payload: object) => ({ role: 'user' as const, content: JSON.stringify(payload) });
