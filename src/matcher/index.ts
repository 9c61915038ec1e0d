import type { Courtesy, Decision } from '../core/types';
import type { Faq } from '../faq/types';
import { mergeSynonyms } from './baseSynonyms';
import { CandidateClassifier, type ClassifierModel, type TrainingExample } from './classifier';
import { Vocabulary, type SparseVector, type VocabularyModel } from './features';
import { courtesyLookup, courtesyTable } from './courtesy';
import { decideRanking, type Ranking } from './decide';
import { LexicalIndex, type LexicalIndexModel } from './lexicalIndex';
import { Respeller } from './homophones';
import { createNormalizer, type Normalizer } from './normalize';
import { ActionRules } from './rules';
import { DEFAULT_SETTINGS, type MatcherSettings } from './settings';
import { useUserTerms } from './tokenize';
import { SemanticLayer, type SemanticLayerModel } from './semanticLayer';
import { answerClauses } from '../semantic/answerClauses';
import { baseSemanticModel } from '../semantic/load';
import type { SemanticModel } from '../semantic/model';
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
/** Decisions remembered per text (see `decide` in assemble), and the longest text remembered. */
const DECISIONS_KEPT = 10_000;
const DECISION_TEXT_MAX = 200;
/**
 * A question that says an entry's own words almost exactly is answered on them, whatever the semantic model
 * makes of words it never learned (a large FAQ of a studio's own names: top-1 74% → 99% on the generated
 * 10,000-entry bench); scaled below 1 so that words alone win only where they are nearly conclusive.
 */
const WORDS_ALONE = 0.8;
/**
 * How far a candidate is off the question's topic (SemanticLayer.offTopic) counts beyond this slack, this
 * many times over: a corpus topic is a better-drawn prototype than an entry's 3 phrasings, so a question on
 * the entry's own topic still lies a little nearer to some topic than to the entry. Chosen with the default
 * thresholds on the dev lines of the three blind sets and the sample and arena sets; the blind sets' test
 * lines were not looked at.
 */
const OFF_TOPIC_SLACK = 0.05;
const OFF_TOPIC_WEIGHT = 1.5;
/**
 * A candidate about the corpus topics the question is about gains up to this much, one about others loses as
 * much (SemanticLayer.topicAgreement, 0..1, counted from the middle, AGREEMENT_NEUTRAL).
 */
const AGREEMENT_WEIGHT = 0.1;
const AGREEMENT_NEUTRAL = 0.5;
/** The most the agreement can move two candidates apart: the best's loss and the other's gain. */
const AGREEMENT_REACH = AGREEMENT_WEIGHT * (AGREEMENT_NEUTRAL + (1 - AGREEMENT_NEUTRAL));

/** A scored candidate before it becomes a Decision. */
interface Scored {
  entry: number;
  confidence: number;
  /** How much less sure an answer with it is, the question being about another topic (see decideRanking). */
  offTopic?: number;
}

/** A trained matcher as plain data (names and typed arrays): what a build in another thread hands back. */
export interface MatcherModel {
  vocabulary: VocabularyModel;
  index: LexicalIndexModel;
  classifier: ClassifierModel;
  semantic?: SemanticLayerModel;
  courtesies: [string, Courtesy][];
}

interface Trained {
  vocabulary: Vocabulary;
  index: LexicalIndex;
  classifier: CandidateClassifier;
  semantic?: SemanticLayer;
  /** The courtesies the FAQ does not answer itself (courtesy.ts), made where its questions are normalised. */
  courtesies: [string, Courtesy][];
}

/**
 * Builds the matcher for one FAQ version: normalise → rules for the action intents → lexical shortlist →
 * trained classifier → decision by thresholds and margin. Build once per FAQ edit; decide() is synchronous.
 */
export function buildMatcher(faq: Faq, settings: MatcherSettings = DEFAULT_SETTINGS): RankingMatcher {
  const normalize = prepare(faq, settings);
  return assemble(faq, settings, normalize, train(faq, normalize, settings));
}

/** The training half of buildMatcher, for a thread that builds while another one answers. */
export function trainModel(faq: Faq, settings: MatcherSettings = DEFAULT_SETTINGS): MatcherModel {
  const { vocabulary, index, classifier, semantic, courtesies } = train(faq, prepare(faq, settings), settings);
  return { vocabulary: vocabulary.toModel(), index: index.toModel(), classifier: classifier.toModel(), semantic: semantic?.toModel(), courtesies };
}

/** The typed arrays of a model, to be transferred to another thread instead of copied. */
export function modelBuffers(model: MatcherModel): ArrayBuffer[] {
  const { index, classifier, vocabulary } = model;
  const arrays: ArrayBufferView[] = [vocabulary.idf, index.questions.start, index.questions.ids, index.questions.weights, index.centroids.start,
    index.centroids.ids, index.centroids.weights, index.questionEntry, index.typical, classifier.weights.keys,
    classifier.weights.values, classifier.none];
  const { semantic } = model;
  if (semantic) arrays.push(semantic.entries, semantic.questions, semantic.questionScales, semantic.start);
  if (semantic?.lists) arrays.push(semantic.lists.centres, semantic.lists.start, semantic.lists.members);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** The matcher buildMatcher would make, from a model trained on the same FAQ and settings (60–80 ms at 10,000 entries). */
export function restoreMatcher(faq: Faq, settings: MatcherSettings, model: MatcherModel): RankingMatcher {
  return assemble(faq, settings, prepare(faq, settings), {
    vocabulary: new Vocabulary(model.vocabulary),
    index: new LexicalIndex(model.index),
    classifier: new CandidateClassifier(model.classifier.entryCount, model.classifier),
    semantic: semanticOf(settings, (m) => model.semantic && SemanticLayer.restore(m, model.semantic)),
    courtesies: model.courtesies,
  });
}

/** The FAQ's normaliser, with jieba taught its terms (in every thread that tokenises for it). */
function prepare(faq: Faq, settings: MatcherSettings): Normalizer {
  const synonyms = settings.baseSynonyms ? mergeSynonyms(faq.synonyms) : faq.synonyms;
  const normalize = createNormalizer(synonyms);
  useUserTerms([...faq.entries.flatMap((e) => e.keywords), ...synonyms.flat()].map(normalize));
  return normalize;
}

/** The semantic layer when the settings want one and a model is there to make it with. */
function semanticOf(settings: MatcherSettings, make: (model: SemanticModel) => SemanticLayer | undefined): SemanticLayer | undefined {
  if (!settings.semantic || settings.semanticWeight === 0) return undefined;
  const model = baseSemanticModel();
  return model && make(model);
}

/**
 * An entry's evidence for the semantic layer: its questions with its answer's clauses beside them (a
 * player asking about one thing the answer names lands near that clause), and its whole answer as a second,
 * weaker field. Blind test splits, calibrated on dev: a studio's own mechanics (farmstead) 72.4% → 77.3%;
 * the generic sets 84.9% → 82.4% (starsea) and 75.8% → 75.2% (skyrift), with fewer wrong answers
 * (5.7% → 3.4%, 6.8% → 5.2%); at default settings 71.1 → 72.1, 83.2 → 83.7, 73.2 → 73.0.
 * `normalized`: all the FAQ's questions already normalised, in order, and `clauses` the answers' (a build has
 * both from the lexical layer).
 */
export function semanticTexts(
  faq: Faq,
  normalize: Normalizer,
  normalized?: string[],
  clauses = answerClauses(faq, normalize.many),
): { questions: string[][]; answers: (string | undefined)[] } {
  let next = 0;
  return {
    questions: faq.entries.map((e, i) => [
      ...(normalized ? normalized.slice(next, (next += e.questions.length)) : normalize.many(e.questions)),
      ...clauses[i],
    ]),
    answers: normalize.many(faq.entries.map((e) => e.answer ?? '')).map((a) => a || undefined),
  };
}

function train(faq: Faq, normalize: Normalizer, settings: MatcherSettings): Trained {
  const entries = faq.entries;
  const questionEntry = entries.flatMap((e, i) => e.questions.map(() => i));
  const normalizedQuestions = normalize.many(entries.flatMap((e) => e.questions));
  // The answer's clauses join their entry's centroid in the lexical index: they name what players ask about
  // (the NPC, the item, the timer) far more often than the questions do. Words alone on the five blind sets'
  // dev splits: 56.9% → 61.6% overall (farmstead 53.2% → 64.5%), wrong answers 4.6% → 3.9%; as separate
  // example documents, 63.2% but 4.4% wrong. With the semantic layer, which has them already, 86.3% / 3.4% →
  // 86.2% / 3.5%.
  const clauses = answerClauses(faq, normalize.many);
  const vocabulary = new Vocabulary([...normalizedQuestions, ...clauses.flat()]);
  const questionVectors = vocabulary.documents.slice(0, normalizedQuestions.length);
  const clauseVectors = { vectors: vocabulary.documents.slice(normalizedQuestions.length), entry: clauses.flatMap((own, i) => own.map(() => i)) };
  const index = LexicalIndex.build(questionVectors, questionEntry, entries.length, vocabulary.size, clauseVectors);
  const classifier = new CandidateClassifier(entries.length);
  // The classifier learns from the questions alone: players write questions, not clauses of answers.
  classifier.train(trainingSet(questionVectors, questionEntry, index), seededRandom(entries.length));
  classifier.compact();
  vocabulary.forgetDocuments();
  const semantic = semanticOf(settings, (model) => {
    const { questions, answers } = semanticTexts(faq, normalize, normalizedQuestions, clauses);
    return SemanticLayer.build(model, questions, answers);
  });
  return { vocabulary, index, classifier, semantic, courtesies: courtesyTable(entries, normalize, normalizedQuestions) };
}

function assemble(faq: Faq, settings: MatcherSettings, normalize: Normalizer, trained: Trained): RankingMatcher {
  const { vocabulary, index, classifier } = trained;
  let semantic = trained.semantic;
  const entries = faq.entries;
  const rules = new ActionRules(entries, normalize, settings.baseSynonyms);
  const courtesyOf = courtesyLookup(trained.courtesies);
  const keywords = entries.map((e) => e.keywords.map(normalize).filter(Boolean));
  const byId = new Map(entries.map((e) => [e.id, e]));

  function score(normalized: string, vector: SparseVector): Scored[] {
    return scoreWithMeaning(normalized, vector).scored;
  }

  function scoreWithMeaning(normalized: string, vector: SparseVector): { scored: Scored[]; smallTalk?: Ranking['smallTalk'] } {
    const hits = index.search(vector, SHORTLIST);
    for (const hit of hits) {
      if (keywords[hit.entry].some((k) => normalized.includes(k))) hit.score = Math.min(1, hit.score + KEYWORD_BONUS);
    }
    const w = settings.classifierWeight;
    const p = hits.length ? classifier.probabilities(vector, hits) : [];
    // The classifier may sharpen or lower a candidate, never lift it above what its words support:
    // on its own it is sure of the only candidate that shares one word with 我今天好无聊.
    const lexical = hits.map((h, k) => ({ entry: h.entry, confidence: Math.min(h.score, w * p[k] + (1 - w) * h.score) }));
    const meaning = semantic?.embed(normalized);
    if (!semantic || !meaning) return { scored: lexical.sort((a, b) => b.confidence - a.confidence) };
    // Candidates from either layer, the lexical ones first; an entry the other layer did not shortlist gets nothing from it.
    const near = semantic.nearest(meaning, SHORTLIST);
    const candidates = lexical.map((s) => s.entry);
    for (const e of near) if (!candidates.includes(e)) candidates.push(e);
    const closeness: number[] = [];
    const nearestQuestion: number[] = [];
    semantic.scores(meaning, candidates, closeness, nearestQuestion);
    const sw = settings.semanticWeight;
    const evidence = candidates.map((_, i) => {
      const lex = i < lexical.length ? lexical[i].confidence : 0;
      return Math.max(WORDS_ALONE * lex, sw * closeness[i] + (1 - sw) * lex);
    });
    const agreement = topicAgreement(meaning, candidates, evidence, nearestQuestion);
    const scored: Scored[] = candidates
      .map((entry, i) => {
        const topical = agreement ? AGREEMENT_WEIGHT * (agreement[i] - AGREEMENT_NEUTRAL) : 0;
        return { entry, confidence: Math.min(1, Math.max(0, evidence[i] + topical)) };
      })
      .sort((a, b) => b.confidence - a.confidence);
    // Only the best candidate's topic matters to the decision (see decideRanking).
    const [best] = scored;
    if (best) {
      const off = semantic.offTopic(meaning, best.entry, nearestQuestion[candidates.indexOf(best.entry)]);
      best.offTopic = OFF_TOPIC_WEIGHT * Math.max(0, off - OFF_TOPIC_SLACK);
    }
    // How close the question is to chit-chat and to the nearest entry: decideRanking asks of every ranking
    // with a candidate, so both are worked out here, while the question's vector is still the layer's.
    const entryCloseness = near.length ? closeness[candidates.indexOf(near[0])] : 0;
    return { scored, smallTalk: { chat: semantic.smallTalk(meaning), entry: entryCloseness } };
  }

  /**
   * Each candidate's topic agreement with the question (SemanticLayer.topicAgreement), worked out for those
   * within AGREEMENT_REACH of the best only: one further behind can neither overtake it nor come within its
   * margin, and is taken to share no topic with the question. An entry's topic shares are made the first time
   * it is weighed: weighing all ~16 candidates of each question (three scans an entry, then) put a 10,000-entry
   * FAQ's p99 at 3.4 ms against 0.6. Undefined when the layer weighs nothing (see topicAgreement).
   */
  function topicAgreement(meaning: Float32Array, candidates: number[], evidence: number[], nearestQuestion: number[]): number[] | undefined {
    let best = 0;
    for (const e of evidence) best = Math.max(best, e);
    const near: number[] = [];
    const nearQuestion: number[] = [];
    for (let i = 0; i < candidates.length; i++) {
      if (evidence[i] < best - AGREEMENT_REACH) continue;
      near.push(candidates[i]);
      nearQuestion.push(nearestQuestion[i]);
    }
    const out: number[] = [];
    if (!semantic!.topicAgreement(meaning, near, nearQuestion, out)) return undefined;
    const agreement = new Array<number>(candidates.length).fill(0);
    for (let i = 0, k = 0; i < candidates.length; i++) if (evidence[i] >= best - AGREEMENT_REACH) agreement[i] = out[k++];
    return agreement;
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
    const courtesy = courtesyOf(normalized);
    if (courtesy) return { scored: [], courtesy };
    const { scored, smallTalk } = scoreWithMeaning(normalized, vocabulary.vectorOf(normalized));
    return { scored: scored.map((s) => ({ entry: entries[s.entry], confidence: s.confidence, offTopic: s.offTopic })), smallTalk };
  }

  // Players ask the same few questions again and again, and for one matcher (one FAQ, one semantic model) a
  // decision depends on the text alone: each is remembered per text, forgotten when the semantic model
  // changes (a new FAQ builds a new matcher, with an empty memory). Bounded like memoize: cleared when full,
  // long texts never kept.
  let decisions = new Map<string, Decision>();
  function decide(text: string): Decision {
    const known = decisions.get(text);
    if (known) return known;
    const decision = decideRanking(rank(text), settings);
    if (text.length <= DECISION_TEXT_MAX) {
      if (decisions.size >= DECISIONS_KEPT) decisions.clear();
      decisions.set(text, decision);
    }
    return decision;
  }

  return {
    decide,
    semanticModel: () => semantic?.model,
    useSemanticModel(model: SemanticModel) {
      const { questions, answers } = semanticTexts(faq, normalize);
      semantic = SemanticLayer.build(model, questions, answers);
      decisions = new Map();
    },
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
      const ranking = rank(text);
      const offTopic = ranking.scored[0]?.offTopic;
      return { normalized, rule: ruled === undefined ? undefined : entries[ruled].id, decision: decideRanking(ranking, settings), ...(offTopic ? { offTopic } : {}) };
    },
  };
}

/** A Matcher that also shows its ranking (for `faq eval --calibrate`) and its reasoning (for `faq try`). */
export interface RankingMatcher extends Matcher {
  rank(text: string): Ranking;
  /** The semantic model the matcher answers with (undefined: words alone). */
  semanticModel(): SemanticModel | undefined;
  /** Answers with another semantic model from now on: the FAQ's own fine-tuned one (see semantic/fineTune.ts). */
  useSemanticModel(model: SemanticModel): void;
  explain(text: string): Explanation;
}

export interface Explanation {
  normalized: string;
  /** The action entry whose keyword rule fired, if one did. */
  rule?: string;
  decision: Decision;
  /** What being about another topic took off the best candidate's confidence (see decideRanking), when anything. */
  offTopic?: number;
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
