import { DeskError } from '../desk/errors';
import type { Db } from '../store/db';
import { clearGap, getSuggestion, reviewSuggestion, type FaqSuggestion } from '../store/faqSuggestions';
import { addEntry, addQuestion, FaqWriteError } from './faqWriter';

export interface ReviewDeps {
  db: Db;
  faqDir: string;
  now(): number;
  /** The matcher's normalised form of a text, to clear the gap a learned question closes. */
  normalize?(text: string): string;
}

/** What a reviewer may change on accepting: another entry, or the new entry's id and answer. */
export interface AcceptOptions {
  entryId?: string;
  newId?: string;
  answer?: string;
}

function pending(db: Db, id: number): FaqSuggestion {
  const s = getSuggestion(db, id);
  if (!s) throw new DeskError(404, 'suggestion_not_found', `no suggestion ${id}`);
  if (s.status !== 'pending') throw new DeskError(409, 'suggestion_reviewed', `suggestion ${id} is already ${s.status}`);
  return s;
}

/**
 * Accepts a suggestion: its question becomes a phrasing of the entry (or a new entry in learned.yaml) in
 * the FAQ's files, which the hot reload then serves. Returns the suggestion as recorded.
 */
export function acceptSuggestion(deps: ReviewDeps, id: number, by: string, o: AcceptOptions = {}): FaqSuggestion {
  const s = pending(deps.db, id);
  const entryId = o.entryId ?? s.entryId ?? undefined;
  let writtenTo: string;
  let finalId: string;
  try {
    if (entryId) {
      writtenTo = addQuestion(deps.faqDir, entryId, s.question);
      finalId = entryId;
    } else {
      const answer = (o.answer ?? s.answer ?? '').trim();
      if (!answer) throw new DeskError(400, 'answer_required', 'a new entry needs an answer');
      finalId = o.newId ?? `learned.q${s.id}`;
      writtenTo = addEntry(deps.faqDir, { id: finalId, question: s.question, answer });
    }
  } catch (err) {
    if (err instanceof FaqWriteError) throw new DeskError(err.code === 'unknown_entry' ? 404 : 409, err.code, err.message);
    throw err;
  }
  reviewSuggestion(deps.db, id, { status: 'accepted', by, at: deps.now(), writtenTo, entryId: finalId });
  if (deps.normalize) clearGap(deps.db, deps.normalize(s.question));
  return getSuggestion(deps.db, id)!;
}

export function rejectSuggestion(deps: ReviewDeps, id: number, by: string): FaqSuggestion {
  pending(deps.db, id);
  reviewSuggestion(deps.db, id, { status: 'rejected', by, at: deps.now() });
  return getSuggestion(deps.db, id)!;
}
