import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { checkPhrases, throwIfProblems } from '../faq/serviceFiles';
import type { Language } from './language';

/**
 * What the bot says on its own behalf, in Chinese and English. Operators override any of them in
 * `faq/phrases.yaml` (same keys; `{name}` placeholders are filled in).
 */
export const DEFAULT_PHRASES = {
  dontKnow: {
    zh: '抱歉，这个问题我暂时回答不了。您可以换个说法再问一次，或回复“转人工”联系人工客服。',
    en: "Sorry, I don't know the answer to that yet. Try asking another way, or reply \"human\" to reach a person.",
  },
  smallTalk: {
    zh: '我是游戏客服小助手，闲聊就不太擅长啦～ 账号、充值、bug、活动等游戏里的问题可以直接问我，需要人工请回复“转人工”。',
    en: "I'm the game's support assistant, so small talk isn't my strong suit. Ask me about your account, payments, bugs or events, or reply \"human\" for a person.",
  },
  courtesyGreeting: { zh: '您好！请直接描述您遇到的问题，我来帮您查。', en: 'Hi! Tell me what happened and I will look it up for you.' },
  courtesyThanks: { zh: '不客气～还有其他问题随时问我。', en: "You're welcome! Ask me anytime." },
  courtesyOk: { zh: '好的～还有其他问题随时问我。', en: 'OK! Ask me anytime if anything else comes up.' },
  courtesyBye: { zh: '再见，祝您游戏愉快！', en: 'Bye, have fun in the game!' },
  dontKnowHandoff: {
    zh: '抱歉，我还是没能帮到您，已为您转接人工客服。',
    en: "Sorry I couldn't help. I'm passing you to a person.",
  },
  clarify: { zh: '您想问的是下面哪一个？回复数字即可：', en: 'Which of these do you mean? Reply with the number:' },
  clarifyOther: { zh: '都不是？请换个说法描述，或回复“转人工”。', en: 'None of these? Describe it another way, or reply "human".' },
  queued: {
    zh: '已为您转接人工客服（工单 #{ticketId}）。您前面还有 {ahead} 位，预计等待约 {wait} 分钟，客服会在这里回复您，请不要离开。',
    en: "You're in the queue for a person (ticket #{ticketId}). {ahead} ahead of you, about {wait} min. An agent will answer here.",
  },
  stillQueued: {
    zh: '您的工单 #{ticketId} 正在排队，前面还有 {ahead} 位，请稍候。您补充的内容客服都能看到。',
    en: 'Your ticket #{ticketId} is in the queue, {ahead} ahead of you. The agent will see everything you add.',
  },
  answeredWhileQueued: {
    zh: '（以上为自动回复。您仍在人工排队中，工单 #{ticketId}；问题已解决可以直接离开，没解决请稍候。）',
    en: '(That was the automatic answer. You are still in the queue for a person, ticket #{ticketId}; if it is solved you can leave, otherwise please wait.)',
  },
  mediaReceived: {
    zh: '收到，我暂时只能看懂文字。请用文字描述您的问题，截图会一并保存给客服。',
    en: 'Got it. I can only read text for now: please describe the problem in words; the file is kept for the agent.',
  },
  answerNotInYourLanguage: {
    zh: '（这条回答暂时只有英文版）',
    en: '(This answer is only available in Chinese for now.)',
  },
  empty: { zh: '请用文字描述您遇到的问题～', en: 'Please describe your problem in words.' },
  cancelled: { zh: '好的，已取消。还有其他问题可以直接问我。', en: 'Cancelled. Ask me anything else.' },
  bugAskServer: {
    zh: '好的，我来帮您记录问题。请问您在哪个服务器？（随时回复“取消”可退出）',
    en: 'I will log the bug. Which server are you on? (reply "cancel" to stop)',
  },
  bugAskRole: { zh: '您的角色名或角色ID是？', en: 'Your character name or ID?' },
  bugAskDevice: { zh: '您使用的设备和系统是？（例如 iPhone 15 / iOS 18）', en: 'Your device and system? (e.g. iPhone 15 / iOS 18)' },
  bugAskDescription: { zh: '请描述一下发生了什么，以及出现问题的时间。', en: 'What happened, and when?' },
  bugLogged: {
    zh: '已记录您的问题反馈（编号 #{reportId}，等级：{severity}）。技术团队会尽快处理，感谢您的反馈！',
    en: 'Bug #{reportId} is logged (severity: {severity}). Thank you, the team will look into it.',
  },
  bugLoggedForPerson: {
    zh: '已记录您的问题反馈（等级：{severity}），补偿等事宜需要人工处理，正在为您转接。',
    en: 'Your bug report is logged (severity: {severity}). Compensation needs a person: passing you to an agent.',
  },
  complaintAsk: {
    zh: '很抱歉给您带来不好的体验。请详细说明您要投诉的内容（随时回复“取消”可退出）。',
    en: "Sorry about that. Please tell us what you'd like to complain about (reply \"cancel\" to stop).",
  },
  complaintLogged: {
    zh: '已登记您的投诉，编号 #{ticketId}，已转交投诉专员：专员会在这里回复您，并在 3 天内回访。再次咨询这件事时请提供这个编号。',
    en: 'Your complaint is registered as case #{ticketId} and passed to a complaints officer, who will answer here and follow up within 3 days. Quote #{ticketId} about this matter.',
  },
  askRating: {
    zh: '本次服务已结束。请为本次服务打分：回复 1-5（5 分最满意）。',
    en: 'This ticket is resolved. Please rate us: reply 1-5 (5 is best).',
  },
  thanksForRating: { zh: '感谢您的评价！祝您游戏愉快～', en: 'Thanks for your rating! Have fun.' },
  queuedAfterHours: {
    zh: '现在是非服务时间（人工客服服务时间 {hours}）。您的工单 #{ticketId} 已保留，客服将于 {backAt} 上线后按顺序回复您，请留意这里的消息。',
    en: 'Our agents are away (service hours {hours}). Ticket #{ticketId} is kept; they are back at {backAt} and will answer here in turn.',
  },
  ticketReopened: {
    zh: '已为您重新打开工单 #{ticketId}，客服会继续跟进，请稍候。',
    en: 'Ticket #{ticketId} is reopened; an agent will follow up here.',
  },
};

export type PhraseKey = keyof typeof DEFAULT_PHRASES;
export type Phrases = Record<PhraseKey, Record<Language, string>>;

const fileSchema = z.record(z.string(), z.object({ zh: z.string().min(1).optional(), en: z.string().min(1).optional() }));

/** The default phrases with the operator's `phrases.yaml` laid over them. Every problem is thrown as file:line. */
export function loadPhrases(faqDir: string): Phrases {
  const file = join(faqDir, 'phrases.yaml');
  const phrases = structuredClone(DEFAULT_PHRASES) as Phrases;
  if (!existsSync(file)) return phrases;
  throwIfProblems(checkPhrases(faqDir, PHRASE_KEYS, join(basename(faqDir), 'phrases.yaml')));
  const parsed = fileSchema.parse(parse(readFileSync(file, 'utf8')) ?? {});
  for (const [key, texts] of Object.entries(parsed)) Object.assign(phrases[key as PhraseKey], texts);
  return phrases;
}

export const PHRASE_KEYS = new Set(Object.keys(DEFAULT_PHRASES));

/** Fills `{name}` placeholders; unknown ones are left as written so a typo is visible. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : all));
}
