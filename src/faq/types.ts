/** What an FAQ entry asks the pipeline to do when it matches. */
export type FaqAction = 'answer' | 'handoff' | 'bug_report' | 'complaint' | 'greeting' | 'thanks';

export const FAQ_ACTIONS: readonly FaqAction[] = ['answer', 'handoff', 'bug_report', 'complaint', 'greeting', 'thanks'];

/** Where a thing was written, for `file:line: problem` messages. */
export interface SourceRef {
  file: string; // relative to the FAQ folder's parent, e.g. faq/account.yaml
  line: number; // 1-based
}

/** One operator-written entry (DESIGN §5 "FAQ files"). */
export interface FaqEntry {
  id: string;
  questions: string[];
  answer?: string;
  /** The answer for players who write English (`answer_en:`), when the FAQ is written in Chinese. */
  answerEn?: string;
  action: FaqAction;
  keywords: string[];
  tags: string[];
  source: SourceRef;
}

/** A problem found while loading or checking FAQ files. */
export interface FaqProblem extends SourceRef {
  message: string;
  /**
   * A problem `faq check` fails on but that leaves the FAQ usable for `faq eval` and `faq try`: a question
   * under two entries, an unknown field.
   */
  warning?: true;
}

/** Everything loaded from one FAQ folder. */
export interface Faq {
  dir: string;
  entries: FaqEntry[];
  /** Groups of interchangeable terms; the first of each group is the canonical one. */
  synonyms: string[][];
}
