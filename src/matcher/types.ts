import type { Decision } from '../core/types';
import type { FaqEntry } from '../faq/types';

export interface Candidate {
  entry: FaqEntry;
  score: number;
  /** The terms that matched, for `kefu faq try`. */
  matched: string[];
}

/** Built once per FAQ version; decide() is synchronous and fast (DESIGN §6: well under a millisecond). */
export interface Matcher {
  decide(text: string): Decision;
  /** The top candidates with scores, whatever the decision. */
  candidates(text: string, k?: number): Candidate[];
  /** The normalised form of a text, as the matcher sees it (faq_gaps keys on it). */
  normalize(text: string): string;
  /** The entry with this id in the FAQ the matcher was built from (numbered choices refer to it). */
  entry(id: string): FaqEntry | undefined;
}
