import type { Decision } from '../core/types';
import type { Faq } from '../faq/types';
import { mergeSynonyms } from './baseSynonyms';
import { CandidateClassifier, type ClassifierModel, type TrainingExample } from './classifier';
import { Vocabulary, type SparseVector, type VocabularyModel } from './features';
import { decideRanking, type Ranking } from './decide';
import { LexicalIndex, type LexicalIndexModel } from './lexicalIndex';
import { Respeller } from './homophones';
import { createNormalizer, type Normalizer } from './normalize';
import { ActionRules } from './rules';
import { DEFAULT_SETTINGS, type MatcherSettings } from './settings';
import { useUserTerms } from './tokenize';
import type { Candidate, Matcher } from './types';

const HAN = /\p{Script=Han}/u;

/** Candidates the lexical stage hands to the classifier. */
const SHORTLIST = 8;
/**
 * Above this many example questions the classifier trains on an even sample, in two passes (see
 * classifier.ts), to keep a reload of a 10,000-entry FAQ under a second.
 */
const MAX_TRAINING_QUESTIONS = 2000;
/** An entry's keyword found in the question adds this much to its lexical score. */
const KEYWORD_BONUS = 0.15;

/** A scored candidate before it becomes a Decision. */
interface Scored {
  entry: number;
  confidence: number;
}

/** A trained matcher as plain data (names and typed arrays): what a build in another thread hands back. */
export interface MatcherModel {
  vocabulary: VocabularyModel;
  index: LexicalIndexModel;
  classifier: ClassifierModel;
}

interface Trained {
  vocabulary: Vocabulary;
  index: LexicalIndex;
  classifier: CandidateClassifier;
}

/**
 * Builds the matcher for one FAQ version: normalise → rules for the action intents → lexical shortlist →
 * trained classifier → decision by thresholds and margin. Build once per FAQ edit; decide() is synchronous.
 */
export function buildMatcher(faq: Faq, settings: MatcherSettings = DEFAULT_SETTINGS): RankingMatcher {
  const normalize = prepare(faq, settings);
  return assemble(faq, settings, normalize, train(faq, normalize));
}

/** The training half of buildMatcher, for a thread that builds while another one answers. */
export function trainModel(faq: Faq, settings: MatcherSettings = DEFAULT_SETTINGS): MatcherModel {
  const { vocabulary, index, classifier } = train(faq, prepare(faq, settings));
  return { vocabulary: vocabulary.toModel(), index: index.toModel(), classifier: classifier.toModel() };
}

/** The typed arrays of a model, to be transferred to another thread instead of copied. */
export function modelBuffers(model: MatcherModel): ArrayBuffer[] {
  const { index, classifier, vocabulary } = model;
  const arrays = [vocabulary.idf, index.questions.start, index.questions.ids, index.questions.weights, index.centroids.start,
    index.centroids.ids, index.centroids.weights, index.questionEntry, index.typical, classifier.weights.keys,
    classifier.weights.values, classifier.none];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** The matcher buildMatcher would make, from a model trained on the same FAQ and settings (60–80 ms at 10,000 entries). */
export function restoreMatcher(faq: Faq, settings: MatcherSettings, model: MatcherModel): RankingMatcher {
  return assemble(faq, settings, prepare(faq, settings), {
    vocabulary: new Vocabulary(model.vocabulary),
    index: new LexicalIndex(model.index),
    classifier: new CandidateClassifier(model.classifier.entryCount, model.classifier),
  });
}

/** The FAQ's normaliser, with jieba taught its terms (in every thread that tokenises for it). */
function prepare(faq: Faq, settings: MatcherSettings): Normalizer {
  const synonyms = settings.baseSynonyms ? mergeSynonyms(faq.synonyms) : faq.synonyms;
  const normalize = createNormalizer(synonyms);
  useUserTerms([...faq.entries.flatMap((e) => e.keywords), ...synonyms.flat()].map(normalize));
  return normalize;
}

function train(faq: Faq, normalize: Normalizer): Trained {
  const entries = faq.entries;
  const questionEntry = entries.flatMap((e, i) => e.questions.map(() => i));
  const vocabulary = new Vocabulary(normalize.many(entries.flatMap((e) => e.questions)));
  const questionVectors = vocabulary.documents;
  const index = LexicalIndex.build(questionVectors, questionEntry, entries.length, vocabulary.size);
  const classifier = new CandidateClassifier(entries.length);
  classifier.train(trainingSet(questionVectors, questionEntry, index), seededRandom(entries.length));
  classifier.compact();
  return { vocabulary, index, classifier };
}

function assemble(faq: Faq, settings: MatcherSettings, normalize: Normalizer, { vocabulary, index, classifier }: Trained): RankingMatcher {
  const entries = faq.entries;
  const rules = new ActionRules(entries, normalize);
  const keywords = entries.map((e) => e.keywords.map(normalize).filter(Boolean));
  const byId = new Map(entries.map((e) => [e.id, e]));

  function score(normalized: string, vector: SparseVector): Scored[] {
    const hits = index.search(vector, SHORTLIST);
    for (const hit of hits) {
      if (keywords[hit.entry].some((k) => normalized.includes(k))) hit.score = Math.min(1, hit.score + KEYWORD_BONUS);
    }
    if (!hits.length) return [];
    const p = classifier.probabilities(vector, hits);
    const w = settings.classifierWeight;
    // The classifier may sharpen or lower a candidate, never lift it above what its words support:
    // on its own it is sure of the only candidate that shares one word with 我今天好无聊.
    return hits
      .map((h, k) => ({ entry: h.entry, confidence: Math.min(h.score, w * p[k] + (1 - w) * h.score) }))
      .sort((a, b) => b.confidence - a.confidence);
  }

  // Made on the first Chinese question: sounding out every term of a 10,000-entry FAQ is not free.
  let respeller: Respeller | undefined;
  const correct = (normalized: string) =>
    HAN.test(normalized) ? (respeller ??= new Respeller(vocabulary.chineseTerms())).respell(normalized) : normalized;

  function analyse(text: string) {
    const normalized = correct(normalize(text));
    const vector = vocabulary.vectorOf(normalized);
    const terms = vocabulary.knownFeatures(normalized);
    return { normalized, vector, terms, scored: score(normalized, vector) };
  }

  function rank(text: string): Ranking {
    const normalized = correct(normalize(text));
    if (!normalized) return { scored: [] };
    const ruled = rules.match(normalized);
    if (ruled !== undefined) return { rule: entries[ruled], scored: [] };
    const scored = score(normalized, vocabulary.vectorOf(normalized));
    return { scored: scored.map((s) => ({ entry: entries[s.entry], confidence: s.confidence })) };
  }

  return {
    decide: (text) => decideRanking(rank(text), settings),
    rank,
    normalize,
    entry: (id) => byId.get(id),
    candidates(text: string, k = 5): Candidate[] {
      const { scored, terms } = analyse(text);
      return scored.slice(0, k).map((s) => ({
        entry: entries[s.entry],
        score: s.confidence,
        matched: [...new Set(terms.filter((t) => index.entryHas(s.entry, vocabulary.id(t)!)).map(displayTerm))],
      }));
    },
    explain(text: string): Explanation {
      const normalized = correct(normalize(text));
      const ruled = normalized ? rules.match(normalized) : undefined;
      return { normalized, rule: ruled === undefined ? undefined : entries[ruled].id, decision: decideRanking(rank(text), settings) };
    },
  };
}

/** A Matcher that also shows its ranking (for `faq eval --calibrate`) and its reasoning (for `faq try`). */
export interface RankingMatcher extends Matcher {
  rank(text: string): Ranking;
  explain(text: string): Explanation;
}

export interface Explanation {
  normalized: string;
  /** The action entry whose keyword rule fired, if one did. */
  rule?: string;
  decision: Decision;
}

/** Each example question as a player's question, its own phrasing left out of the lexical shortlist. */
function trainingSet(vectors: SparseVector[], owner: number[], index: LexicalIndex): TrainingExample[] {
  const step = Math.max(1, vectors.length / MAX_TRAINING_QUESTIONS);
  const examples: TrainingExample[] = [];
  for (let i = 0; i < vectors.length; i += step) {
    const doc = Math.floor(i);
    examples.push({ vector: vectors[doc], entry: owner[doc], rivals: index.search(vectors[doc], SHORTLIST, doc) });
  }
  return examples;
}

/** Deterministic shuffling, so the same FAQ always builds the same matcher. */
function seededRandom(seed: number): () => number {
  let s = seed * 2654435761 + 1;
  return () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** "w:密码" → "密码", "p:忘记_密码" → "忘记 密码" for people reading `faq try`. */
function displayTerm(feature: string): string {
  return feature.slice(2).replace('_', ' ');
}
