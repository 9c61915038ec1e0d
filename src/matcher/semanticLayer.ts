import type { SemanticModel } from '../semantic/model';
import { toInt8 } from '../semantic/int8';
import { quantize, VectorMemory } from '../semantic/kernel';
import { unit } from '../semantic/model';
import { withRunsCut } from './tokenize';

/** An FAQ's entries as vectors of one semantic model: plain arrays another thread can hand over. */
export interface SemanticLayerModel {
  dim: number;
  /**
   * Per entry, SHARE.centroid × the unit mean of its questions' vectors + SHARE.answer × its answer's
   * vector: the linear part of its score, so one dot product ranks every entry.
   */
  entries: Float32Array;
  /**
   * Every question's unit vector (questions × dim) as int8s, question q standing for questionScales[q] ×
   * its numbers (a quarter of float32's memory: 15 MB less at 10,000 entries); an entry's questions from
   * start[e] to start[e + 1].
   */
  questions: Int8Array;
  questionScales: Float32Array;
  start: Int32Array;
  /** For a large FAQ: entries grouped around `lists.centres`, searched a few groups at a time. */
  lists?: { centres: Float32Array; start: Int32Array; members: Int32Array };
}

/** Shares of an entry's semantic score: its nearest question, its questions' centroid, its answer (weaker evidence). */
const SHARE = { question: 0.45, centroid: 0.45, answer: 0.1 };
/** From this many entries, the nearest are looked for in the groups closest to the question only. */
const LISTS_FROM = 2000;
/** Entries embedded per batch of runs cut ahead (see build). */
const EMBED_BATCH = 1000;
/** Groups searched per question: with 2√E groups, ~4√E dot products a question (400 at 10,000 entries). */
const PROBES = 4;
/**
 * An entry's topics: the corpus topics nearest to it. Three, not one: an entry about a lost account is
 * also near "stolen" and "login failed", and a question on either is still on its topic.
 */
const TOPICS_PER_ENTRY = 3;
/**
 * …and the topic nearest to each of its first three questions (its own questions come before its answer's
 * clauses): an entry is on the topics its questions are on, even where the corpus knows its subject only
 * roughly (a studio's fishing minigame: 张力条怎么控制 lies nearest to "controls", as does one of the
 * entry's questions). Blind dev splits, default settings: 82.5% → 83.2% overall, wrong 3.7% → 3.8%.
 */
const QUESTIONS_FOR_TOPICS = 3;
/** An entry's topics in entryTopics: its own nearest, then its questions'. */
const OWN_TOPICS = TOPICS_PER_ENTRY + QUESTIONS_FOR_TOPICS;
/** A question this close to one of an entry's questions says it, near enough word for word. */
const SAYS_ITS_QUESTION = 0.9;
/**
 * How sharply a text's closeness to the corpus topics becomes its share of each (a softmax over cosines at this
 * temperature), for topicAgreement; and how many of an entry's largest shares are kept (the rest is ~0).
 */
const TOPIC_TEMPERATURE = 0.05;
const ENTRY_TOPIC_SHARES = 16;
/**
 * Cosines this far below the nearest topic's give a share under 1e-3 of the nearest's (T × ln 10³): counted as
 * none, which spares most of the 510 an exp (1e-4 left the 10,000-entry FAQ's CPU a question 0.58 ms, against 0.47).
 */
const TOPIC_REACH = TOPIC_TEMPERATURE * Math.log(1e3);

/** The arrays of a layer's vector memory, in order. */
const enum Slot {
  /** The question's vector, copied in for each search. */
  Question,
  /** Dot products the kernel writes, one per entry (or group, or anchor). */
  Dots,
  /** The entries' rows, a group's members side by side (see `order`). */
  Rows,
  Questions,
  QuestionScales,
  Anchors,
  Centres,
  /** The entry in each row, and the row of each entry. */
  EntryAt,
  RowOf,
  Start,
  /** Candidate entries to score and their rows; each one's own row · question (their nearest question's goes in Dots). */
  Candidates,
  CandidateRows,
  Own,
  /** The model's corpus topics, where an entry's own are found. */
  Topics,
  /** The topics again as int8s with a scale each, and the question as int16s: what each question's scan reads (kernel's maxDotQ). */
  TopicBytes,
  TopicScales,
  QuestionShorts,
  /** One of an entry's int8 questions as float32s, while its topic is looked for. */
  Probe,
  /** The question's closeness to each corpus topic (a cosine each), once per question. */
  TopicDots,
  /** An entry's own vector as int16s, and its closeness to each topic: what its topic shares are made of. */
  ProbeShorts,
  ProbeDots,
}

/**
 * The semantic half of the matcher: an entry's closeness to a question in meaning, from the trained static
 * embedding, found even when the two share no word (卡成ppt了 → 游戏卡顿, refund please → 退款). Its vectors
 * live in WebAssembly memory, where the SIMD kernel (semantic/kernel.ts) takes their dot products.
 */
export class SemanticLayer {
  private readonly dim: number;
  private readonly memory: VectorMemory;
  private readonly question: Float32Array;
  private readonly dots: Float32Array;
  /**
   * The entries' rows. In a grouped FAQ a group's members lie side by side, so a question reads a few runs
   * of memory instead of hundreds of rows scattered over megabytes (3× faster at 10,000 entries).
   */
  private readonly rows: Float32Array;
  private readonly entryAt: Int32Array;
  private readonly rowOf: Int32Array;
  private readonly questions: Int8Array;
  private readonly questionScales: Float32Array;
  private readonly anchors: Float32Array;
  private readonly start: Int32Array;
  private readonly candidates: Int32Array;
  private readonly candidateRows: Int32Array;
  private readonly own: Float32Array;
  private readonly topics: Float32Array;
  private readonly topicBytes: Int8Array;
  private readonly topicScales: Float32Array;
  private readonly questionShorts: Int16Array;
  /** What one of questionShorts stands for; NaN while they do not hold the question in the slot yet. */
  private unitOfShorts = NaN;
  /**
   * Per entry, its OWN_TOPICS topics, found when first asked (-1: not yet, -2: the entry has
   * no vector): a question asks of its few candidates only, and a 10,000-entry build needs no 3.6M dot products.
   */
  private readonly entryTopics: Int32Array;
  /** A question of an entry as float32s, to find its topic. */
  private readonly probe: Float32Array;
  /** The question's cosine with each topic, and the square root of its share of each (see questionTopicRoots), made once per question. */
  private readonly topicDots: Float32Array;
  private readonly topicRoots: Float32Array;
  private topicDotsReady = false;
  private topicRootsReady = false;
  /** The question's largest cosine with a topic, and what its topicRoots are to be multiplied by. */
  private nearestTopic = 0;
  private topicNorm = 0;
  /** Per entry, its ENTRY_TOPIC_SHARES largest topic shares (topic, √share), made when first asked (entryShares). */
  private readonly entryShareTopics: Int32Array;
  private readonly entryShareRoots: Float32Array;
  private readonly entrySharesMade: Uint8Array;
  private readonly probeShorts: Int16Array;
  private readonly probeDots: Float32Array;
  /** A large FAQ's groups: their centres, and rows start[g]..start[g + 1] are group g's members. */
  private lists?: { centres: Float32Array; start: Int32Array };

  private constructor(
    readonly model: SemanticModel,
    start: Int32Array,
    grouped: boolean,
  ) {
    const d = (this.dim = model.dim);
    const E = start.length - 1;
    const anchors = model.data.anchors ?? new Float32Array(0);
    const G = grouped ? groupCount(E) : 0;
    const Q = start[E];
    const topics = model.data.topics ?? new Float32Array(0);
    const T = topics.length / d;
    this.memory = new VectorMemory([d, Math.max(E, G, anchors.length / d, T), E * d, Math.ceil((Q * d) / 4), Q, anchors.length, G * d, E, E, E + 1, E, E, E, topics.length, topics.length / 4, T, d / 2, d, T, d / 2, T]);
    this.question = this.memory.floats(Slot.Question);
    this.dots = this.memory.floats(Slot.Dots);
    this.rows = this.memory.floats(Slot.Rows);
    this.questions = this.memory.bytes(Slot.Questions);
    this.questionScales = this.memory.floats(Slot.QuestionScales);
    this.anchors = this.memory.floats(Slot.Anchors);
    this.anchors.set(anchors);
    this.entryAt = this.memory.ints(Slot.EntryAt);
    this.rowOf = this.memory.ints(Slot.RowOf);
    for (let e = 0; e < E; e++) this.entryAt[e] = this.rowOf[e] = e;
    this.start = this.memory.ints(Slot.Start);
    this.start.set(start);
    this.candidates = this.memory.ints(Slot.Candidates);
    this.candidateRows = this.memory.ints(Slot.CandidateRows);
    this.own = this.memory.floats(Slot.Own);
    this.topics = this.memory.floats(Slot.Topics);
    this.topics.set(topics);
    this.topicBytes = this.memory.bytes(Slot.TopicBytes);
    this.topicScales = this.memory.floats(Slot.TopicScales);
    for (let t = 0; t < T; t++) this.topicScales[t] = toInt8(topics.subarray(t * d, t * d + d), this.topicBytes, t * d);
    this.questionShorts = this.memory.shorts(Slot.QuestionShorts);
    this.entryTopics = new Int32Array(T ? E * OWN_TOPICS : 0).fill(-1);
    this.probe = this.memory.floats(Slot.Probe);
    this.topicDots = this.memory.floats(Slot.TopicDots);
    this.topicRoots = new Float32Array(T);
    this.entryShareTopics = new Int32Array(T ? E * ENTRY_TOPIC_SHARES : 0);
    this.entryShareRoots = new Float32Array(T ? E * ENTRY_TOPIC_SHARES : 0);
    this.entrySharesMade = new Uint8Array(T ? E : 0);
    this.probeShorts = this.memory.shorts(Slot.ProbeShorts);
    this.probeDots = this.memory.floats(Slot.ProbeDots);
  }

  /** Embeds the normalised questions and answers of an FAQ's entries. */
  static build(model: SemanticModel, questions: string[][], answers: (string | undefined)[]): SemanticLayer {
    const d = model.dim;
    const E = questions.length;
    const start = new Int32Array(E + 1);
    questions.forEach((qs, e) => (start[e + 1] = start[e] + qs.length));
    const layer = new SemanticLayer(model, start, E >= LISTS_FROM);
    const { questions: q, questionScales, rows: entries } = layer;
    const centroid = new Float32Array(d);
    const scratch = new Float32Array(d);
    const embedEntry = (e: number) => {
      centroid.fill(0);
      questions[e].forEach((text, i) => {
        if (!model.embed(text, scratch)) return;
        questionScales[start[e] + i] = toInt8(scratch, q, (start[e] + i) * d);
        for (let k = 0; k < d; k++) centroid[k] += scratch[k];
      });
      unit(centroid);
      for (let k = 0; k < d; k++) entries[e * d + k] = SHARE.centroid * centroid[k];
      const answer = answers[e];
      if (answer && model.embed(answer, scratch)) for (let k = 0; k < d; k++) entries[e * d + k] += SHARE.answer * scratch[k];
    };
    // A batch of entries' runs cut at a time: all of a 10,000-entry FAQ's at once held 13 MB more at the build's peak.
    for (let from = 0; from < E; from += EMBED_BATCH) {
      const to = Math.min(E, from + EMBED_BATCH);
      const texts = [...questions.slice(from, to).flat(), ...answers.slice(from, to).filter((a): a is string => !!a)];
      withRunsCut(texts, () => {
        for (let e = from; e < to; e++) embedEntry(e);
      });
    }
    if (E >= LISTS_FROM) layer.group();
    return layer;
  }

  /** The layer buildMatcher would make, from the arrays of `toModel()` (another thread's build). */
  static restore(model: SemanticModel, data: SemanticLayerModel): SemanticLayer {
    if (data.dim !== model.dim) throw new Error(`semantic layer: vectors of ${data.dim} numbers, the model has ${model.dim}`);
    const layer = new SemanticLayer(model, data.start, !!data.lists);
    layer.rows.set(data.entries);
    layer.questions.set(data.questions);
    layer.questionScales.set(data.questionScales);
    if (data.lists) {
      const centres = layer.memory.floats(Slot.Centres);
      centres.set(data.lists.centres);
      layer.arrange(data.lists.members);
      layer.lists = { centres, start: data.lists.start };
    }
    return layer;
  }

  /** Plain copies of the layer's arrays, entries in entry order (WebAssembly memory cannot be handed to another thread). */
  toModel(): SemanticLayerModel {
    const { dim, rows, rowOf, questions, questionScales, start, lists, entryAt } = this;
    const E = start.length - 1;
    const entries = new Float32Array(E * dim);
    for (let e = 0; e < E; e++) entries.set(rows.subarray(rowOf[e] * dim, rowOf[e] * dim + dim), e * dim);
    return {
      dim,
      entries,
      questions: questions.slice(),
      questionScales: questionScales.slice(),
      start: start.slice(),
      lists: lists && { centres: lists.centres.slice(), start: lists.start, members: entryAt.slice(0, lists.start[lists.start.length - 1]) },
    };
  }

  /**
   * The unit vector of a normalised question, written where the searches below read it (no array made
   * per question): valid until the next call.
   */
  embed(normalized: string): Float32Array | undefined {
    this.forgetQuestion();
    return this.model.embed(normalized, this.question);
  }

  /** How close v is to chit-chat (the model's small-talk anchors), as a cosine. */
  smallTalk(v: Float32Array): number {
    this.take(v);
    return this.memory.maxDot(this.anchors, 0, this.anchors.length / this.dim, this.dim, this.question);
  }

  /** The k entries closest to v by the linear part of their score, best first. */
  nearest(v: Float32Array, k: number): number[] {
    const { rows, dim, lists, dots, memory, question, entryAt } = this;
    this.take(v);
    const top = new TopK(k);
    if (!lists) {
      const E = rows.length / dim;
      memory.dots(rows, 0, E, dim, question, 0, dots);
      for (let e = 0; e < E; e++) top.offer(e, dots[e]);
      return top.items;
    }
    const groups = new TopK(PROBES);
    const G = lists.start.length - 1;
    memory.dots(lists.centres, 0, G, dim, question, 0, dots);
    for (let g = 0; g < G; g++) groups.offer(g, dots[g]);
    for (const g of groups.items) {
      const from = lists.start[g];
      const count = lists.start[g + 1] - from;
      memory.dots(rows, from, count, dim, question, 0, dots);
      for (let i = 0; i < count; i++) top.offer(entryAt[from + i], dots[i]);
    }
    return top.items;
  }

  /**
   * How close each of `entries` is to v in meaning, as score() says, into out[0..entries.length); and, when
   * asked, v's cosine with each one's nearest question into nearestQuestion.
   */
  scores(v: Float32Array, entries: readonly number[], out: number[], nearestQuestion?: number[]): void {
    const { candidates, candidateRows, rowOf, own, dots, question, dim, questions, questionScales } = this;
    this.take(v);
    for (let i = 0; i < entries.length; i++) {
      candidates[i] = entries[i];
      candidateRows[i] = rowOf[entries[i]];
    }
    this.memory.entryDots(this.rows, questions, questionScales, this.start, candidates, candidateRows, entries.length, dim, question, dots, own, this.questionShorts, this.shorts());
    for (let i = 0; i < entries.length; i++) out[i] = Math.max(0, SHARE.question * dots[i] + own[i]);
    if (nearestQuestion) for (let i = 0; i < entries.length; i++) nearestQuestion[i] = dots[i];
  }

  /**
   * How far `entry` is off v's topic: how much closer v lies to its nearest corpus topic than to the nearest
   * of the entry's own topics. 0 when the question's topic is one of the entry's, when it all but says one
   * of the entry's questions (`nearestQuestion`, v's cosine with it, from scores(): 在吗 asked of a greeting
   * entry that lists 在吗 is on its topic, whatever the corpus says), for an entry without a vector, or for a
   * model without topics; large for a question next to a covered topic but about another one (世界boss刷新时间
   * beside a daily-reset entry), which resembles an entry without being answered by it.
   */
  offTopic(v: Float32Array, entry: number, nearestQuestion: number): number {
    const T = this.topicScales.length;
    // Nothing to judge, so no dot products either.
    if (!T || nearestQuestion >= SAYS_ITS_QUESTION) return 0;
    const at = this.topicsOf(entry);
    if (at < 0) return 0;
    // Every topic is scanned once per question, in integers (kernel's dotsQ); topicAgreement reads the same scan.
    this.take(v);
    const dots = this.questionTopicDots();
    let own = -Infinity;
    for (let k = 0; k < OWN_TOPICS; k++) own = Math.max(own, dots[this.entryTopics[at + k]]);
    return Math.max(own, this.nearestTopic) - own;
  }

  /**
   * How much each of `entries` and v are about the same corpus topics: the Bhattacharyya coefficient of
   * their shares of the topics (each a softmax of its cosines with them; an entry's, its own vector's, its
   * ENTRY_TOPIC_SHARES largest kept), 0 (none in common) to 1 (the same). Two wordings of one request fall on the same corpus
   * topics even where their words and vectors differ; a question next to an entry's subject falls on
   * another. Undefined when the model has no topics, or when v all but says one of the entries' questions
   * (`nearestQuestion`, as from scores()): nothing to weigh then.
   */
  topicAgreement(v: Float32Array, entries: readonly number[], nearestQuestion: readonly number[], out: number[]): boolean {
    const T = this.topicScales.length;
    if (!T || !entries.length) return false;
    for (let i = 0; i < entries.length; i++) if (nearestQuestion[i] >= SAYS_ITS_QUESTION) return false;
    this.take(v);
    const roots = this.questionTopicRoots();
    const { entryShareTopics, entryShareRoots } = this;
    for (let i = 0; i < entries.length; i++) {
      const from = this.entryShares(entries[i]);
      let sum = 0;
      for (let k = from; k < from + ENTRY_TOPIC_SHARES; k++) sum += roots[entryShareTopics[k]] * entryShareRoots[k];
      out[i] = sum * this.topicNorm;
    }
    return true;
  }

  /**
   * Where entry e's largest topic shares start: the shares of its own vector (its questions' centroid and its
   * answer, as nearest() ranks it), made the first time it is asked about with one integer scan (kernel's
   * dotsQ). The mean of its first three questions' shares did as well on the blind sets' dev splits (86.2%
   * / 3.6% against 86.3% / 3.4%) for three scans: a 10,000-entry FAQ's p99 1.2 ms. An entry without a
   * vector has none (all 0).
   */
  private entryShares(e: number): number {
    const from = e * ENTRY_TOPIC_SHARES;
    if (this.entrySharesMade[e]) return from;
    const { topicBytes, topicScales, rows, rowOf, dim, memory, probeShorts, probeDots, entryShareTopics, entryShareRoots } = this;
    const T = topicScales.length;
    entryShareTopics.fill(0, from, from + ENTRY_TOPIC_SHARES);
    entryShareRoots.fill(0, from, from + ENTRY_TOPIC_SHARES);
    this.entrySharesMade[e] = 1;
    const row = rows.subarray(rowOf[e] * dim, rowOf[e] * dim + dim);
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += row[k] * row[k];
    if (!norm) return from;
    const unitOfRow = quantize(row, probeShorts) / Math.sqrt(norm);
    memory.dotsQ(topicBytes, topicScales, 0, T, dim, probeShorts, probeDots);
    let nearest = -Infinity;
    for (let t = 0; t < T; t++) nearest = Math.max(nearest, (probeDots[t] *= unitOfRow));
    const scale = shareRoots(probeDots, nearest, probeDots);
    const largest = new TopK(ENTRY_TOPIC_SHARES);
    for (let t = 0; t < T; t++) if (probeDots[t] > 0) largest.offer(t, probeDots[t]);
    largest.items.forEach((t, k) => {
      entryShareTopics[from + k] = t;
      entryShareRoots[from + k] = probeDots[t] * scale;
    });
    return from;
  }

  /** √ of the question's share of each topic (see shareRoots; topicNorm is their factor), once per question. */
  private questionTopicRoots(): Float32Array {
    const { topicRoots } = this;
    if (this.topicRootsReady) return topicRoots;
    this.topicNorm = shareRoots(this.questionTopicDots(), this.nearestTopic, topicRoots);
    this.topicRootsReady = true;
    return topicRoots;
  }

  /** Where entry e's topics start in entryTopics, found on first use; -1 for an entry without a vector. */
  private topicsOf(e: number): number {
    const { entryTopics, topics, rows, dim, memory, dots, probe, questions, questionScales, start } = this;
    const at = e * OWN_TOPICS;
    if (entryTopics[at] === -2) return -1;
    if (entryTopics[at] >= 0) return at;
    const row = this.rowOf[e];
    if (memory.dot(rows, row * dim, rows, row * dim, dim) === 0) {
      entryTopics[at] = -2;
      return -1;
    }
    const T = topics.length / dim;
    memory.dots(topics, 0, T, dim, rows, row, dots);
    const top = new TopK(TOPICS_PER_ENTRY);
    for (let t = 0; t < T; t++) top.offer(t, dots[t]);
    // Fewer topics than asked for (a toy model, a question without a vector): the nearest stands in.
    entryTopics.fill(top.items[0], at, at + OWN_TOPICS);
    top.items.forEach((t, k) => (entryTopics[at + k] = t));
    const asked = Math.min(QUESTIONS_FOR_TOPICS, start[e + 1] - start[e]);
    for (let i = 0; i < asked; i++) {
      const q = start[e] + i;
      if (!questionScales[q]) continue;
      for (let k = 0; k < dim; k++) probe[k] = questions[q * dim + k] * questionScales[q];
      memory.dots(topics, 0, T, dim, probe, 0, dots);
      let best = 0;
      for (let t = 1; t < T; t++) if (dots[t] > dots[best]) best = t;
      entryTopics[at + TOPICS_PER_ENTRY + i] = best;
    }
    return at;
  }

  /** v into the question's slot, unless embed() wrote it there. */
  private take(v: Float32Array): void {
    if (v === this.question) return;
    this.question.set(v);
    this.forgetQuestion();
  }

  /** A new question in the slot: what was worked out for the last one no longer holds. */
  private forgetQuestion(): void {
    this.unitOfShorts = NaN;
    this.topicDotsReady = false;
    this.topicRootsReady = false;
  }

  /** The question's cosine with every corpus topic (one integer scan, kernel's dotsQ), worked out once per question. */
  private questionTopicDots(): Float32Array {
    const { topicBytes, topicScales, questionShorts, dim, memory, topicDots } = this;
    if (this.topicDotsReady) return topicDots;
    const unitOfQ = this.shorts();
    memory.dotsQ(topicBytes, topicScales, 0, topicScales.length, dim, questionShorts, topicDots);
    let nearest = -Infinity;
    for (let t = 0; t < topicDots.length; t++) nearest = Math.max(nearest, (topicDots[t] *= unitOfQ));
    this.nearestTopic = nearest;
    this.topicDotsReady = true;
    return topicDots;
  }

  /** The question in the slot as int16s (questionShorts), rounded once per question: what one of them stands for. */
  private shorts(): number {
    if (Number.isNaN(this.unitOfShorts)) this.unitOfShorts = quantize(this.question, this.questionShorts);
    return this.unitOfShorts;
  }

  /** How close entry e is to v in meaning, about 0..1. */
  score(v: Float32Array, e: number): number {
    const out: number[] = [];
    this.scores(v, [e], out);
    return out[0];
  }

  /**
   * Groups a large FAQ's entries around 2√E centres (k-means on an even sample of 20 entries a group, then
   * every entry to its closest centre), so a question is compared with the centres and the members of the
   * closest few: ~25× fewer dot products at 10,000 entries, and a build that stays linear in E.
   */
  private group(): void {
    const { rows: entries, dim: d, memory, dots } = this;
    const E = entries.length / d;
    const G = groupCount(E);
    const centres = memory.floats(Slot.Centres);
    const sample = Array.from({ length: Math.min(E, 20 * G) }, (_, i) => Math.floor((i * E) / Math.min(E, 20 * G)));
    for (let g = 0; g < G; g++) {
      const e = sample[Math.floor((g * sample.length) / G)];
      centres.set(entries.subarray(e * d, e * d + d), g * d);
    }
    const closest = (e: number) => {
      memory.dots(centres, 0, G, d, entries, e, dots);
      let best = 0;
      for (let g = 1; g < G; g++) if (dots[g] > dots[best]) best = g;
      return best;
    };
    for (let round = 0; round < 2; round++) {
      for (let g = 0; g < G; g++) unit(centres.subarray(g * d, g * d + d));
      const owners = sample.map(closest);
      centres.fill(0);
      sample.forEach((e, i) => {
        for (let k = 0; k < d; k++) centres[owners[i] * d + k] += entries[e * d + k];
      });
    }
    for (let g = 0; g < G; g++) unit(centres.subarray(g * d, g * d + d));
    const owner = new Int32Array(E);
    // An entry none of whose words the model knows has no vector: it can only be found by its words.
    for (let e = 0; e < E; e++) owner[e] = memory.dot(entries, e * d, entries, e * d, d) === 0 ? -1 : closest(e);
    const start = new Int32Array(G + 1);
    for (let e = 0; e < E; e++) if (owner[e] >= 0) start[owner[e] + 1]++;
    for (let g = 0; g < G; g++) start[g + 1] += start[g];
    const members = new Int32Array(start[G]);
    const fill = start.slice(0, G);
    for (let e = 0; e < E; e++) if (owner[e] >= 0) members[fill[owner[e]]++] = e;
    this.arrange(members);
    this.lists = { centres, start };
  }

  /**
   * Lays the rows out in the order of `members` (the groups' members, group by group), the entries in no
   * group after them, in entry order. Rows move in place, cycle by cycle, through one row of scratch: a
   * copy of them all would be megabytes of garbage at 10,000 entries.
   */
  private arrange(members: Int32Array): void {
    const { rows, dim: d, entryAt, rowOf } = this;
    const E = rowOf.length;
    const inGroup = new Uint8Array(E);
    let r = 0;
    for (const e of members) {
      entryAt[r++] = e;
      inGroup[e] = 1;
    }
    for (let e = 0; e < E; e++) if (!inGroup[e]) entryAt[r++] = e;
    for (r = 0; r < E; r++) rowOf[entryAt[r]] = r;
    // Row r must receive entry entryAt[r]'s row, which still sits at row entryAt[r] until moved.
    const held = new Float32Array(d);
    const done = inGroup.fill(0);
    for (let first = 0; first < E; first++) {
      if (done[first]) continue;
      held.set(rows.subarray(first * d, first * d + d));
      let at = first;
      for (;;) {
        done[at] = 1;
        const from = entryAt[at];
        if (from === first) break;
        rows.copyWithin(at * d, from * d, from * d + d);
        at = from;
      }
      rows.set(held, at * d);
    }
  }
}

/**
 * A text's share of each topic is a softmax of its cosines at TOPIC_TEMPERATURE; what the Bhattacharyya
 * coefficient needs is each share's square root: exp((cos − nearest) / 2T) into out (in place is fine), times
 * the factor returned (1 / √ of the sum of their squares). One exp a topic and no square root, and none for a
 * topic beyond TOPIC_REACH of the nearest: most of the 510 (the exps were most of the agreement's time).
 */
function shareRoots(cosines: Float32Array, nearest: number, out: Float32Array): number {
  const reach = nearest - TOPIC_REACH;
  let sum = 0;
  for (let t = 0; t < cosines.length; t++) {
    const root = cosines[t] >= reach ? Math.exp((cosines[t] - nearest) / (2 * TOPIC_TEMPERATURE)) : 0;
    out[t] = root;
    sum += root * root;
  }
  return 1 / Math.sqrt(sum);
}

function groupCount(E: number): number {
  return Math.round(2 * Math.sqrt(E));
}

/** The k best (id, score) offered so far, best first. */
class TopK {
  readonly items: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}
  offer(id: number, score: number): void {
    const { items, scores, k } = this;
    let at: number;
    if (items.length < k) {
      at = items.push(id) - 1;
      scores.push(score);
    } else if (score > scores[k - 1]) {
      at = k - 1;
      items[at] = id;
      scores[at] = score;
    } else return;
    for (; at > 0 && scores[at - 1] < scores[at]; at--) {
      [scores[at - 1], scores[at]] = [scores[at], scores[at - 1]];
      [items[at - 1], items[at]] = [items[at], items[at - 1]];
    }
  }
}
