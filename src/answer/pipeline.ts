/**
 * The answer pipeline: question → reading → retrieval → candidates → ranking → an answer with its
 * citation, or an abstention. Each stage is its own module; this file only chains them and
 * decides between answering and abstaining:
 * - it abstains only when the retrieved passages hardly address the question (the answerability
 *   model, over their coverage of the question and the ranker's best probabilities, is under the
 *   learned `abstainUnder`), and even then shows the closest candidate it found;
 * - otherwise it answers with the best candidate and a calibrated confidence (the confidence model,
 *   over the candidate's share, its lead and the answerability), and says it is not sure when that is low.
 */
import type { FactBase } from "../knowledge/schema.ts";
import type { Citation } from "../reply.ts";
import { type Candidate, candidatesOf, type SentenceEntity, wordsOf } from "./candidates/extract.ts";
import { citationFor, citeSentences } from "./citation.ts";
import { articleNamed, metadataAnswer, metadataAsk, quotedTitle } from "./metadata.ts";
import type { Postings } from "./postings.ts";
import { type AnswerKind, type ReadQuestion, readQuestion } from "./question/read.ts";
import {
  answerabilityOf,
  candidateKey,
  confidenceFeaturesOf,
  describesName,
  featuresOf,
  headWordsOf,
  titledAs,
  wordStemsOf,
} from "./rank/features.ts";
import { answerabilityModel, confidenceModel, LinearModel, loadWeights, type Weights } from "./rank/model.ts";
import { type Passage, PassageIndex } from "./retrieve/passages.ts";
import { processTerm, tokenize } from "./terms.ts";
import { Tuning } from "./tuning.ts";

/** A candidate with its features and the model's probability. */
export interface ScoredCandidate {
  candidate: Candidate;
  features: number[];
  probability: number;
}

/** Everything the pipeline worked out for a question (for the reply, the eval and training). */
export interface Reading {
  question: ReadQuestion;
  passages: Passage[];
  candidates: ScoredCandidate[];
  /** The answerability model's probability that the articles answer the question at all. */
  answerability: number;
}

/** The pipeline's answer. */
export interface PipelineAnswer {
  kind: AnswerKind | "metadata";
  answer: string | null;
  confidence: number;
  /** Answered, but with a confidence under {@link Tuning.notSureUnder}. */
  notSure: boolean;
  citations: Citation[];
  /** The closest candidate and sentences when abstaining; further reading otherwise. */
  suggestions: string[];
}

/** Options of one question. */
export interface AskOptions {
  /** The kind of answer a typed command asks for (`/when` → date), instead of reading it from the words. */
  kind?: AnswerKind;
  /** Leave out one article (the evaluation's unanswerable questions). */
  excludeArticle?: string;
}

/** Metadata answers need the title named this well (Dice over title terms). */
const TITLE_MATCH = 0.5;
/** Candidates of the best one's sentence and kind this close to its probability are given with it. */
const TOGETHER = 0.97;

export class AnswerPipeline {
  readonly retriever: PassageIndex;
  /** The fact base it answers from. */
  readonly facts: FactBase;
  readonly #model: LinearModel;
  readonly #answerable: LinearModel;
  readonly #weights: Weights;
  readonly #entities = new Map<string, SentenceEntity[]>();
  readonly #backing = new Map<string, { action: string; actor: string | null; object: string | null }[]>();
  readonly #speakers = new Map<string, string[]>();
  readonly #speech = new Map<string, string[]>();
  readonly #confidence: LinearModel;

  /** `postings`: the fact base's sentence postings, read from its knowledge folder where they are kept (built otherwise). */
  constructor(facts: FactBase, weights: Weights = loadWeights(), postings?: Postings) {
    this.facts = facts;
    this.#weights = weights;
    this.#model = new LinearModel(weights);
    this.#answerable = answerabilityModel(weights);
    this.#confidence = confidenceModel(weights);
    this.retriever = new PassageIndex(facts, postings);
    for (const e of facts.entities) {
      for (const m of e.mentions)
        push(this.#entities, m.sentenceId, { text: m.text, type: e.type, standsFor: e.standsFor !== null });
    }
    for (const ev of facts.events) {
      push(this.#backing, ev.sentenceId, {
        action: processTerm(ev.action) ?? ev.action,
        actor: ev.actor?.text ?? null,
        object: ev.object?.text ?? null,
      });
    }
    for (const q of facts.quotations) {
      push(this.#speech, q.sentenceId, q.text);
      if (!q.speaker) continue;
      for (const id of q.sentenceIds) push(this.#speakers, id, q.speaker.text);
    }
    for (const st of facts.statements) push(this.#speech, st.sentenceId, st.content);
  }

  /** Reads, retrieves, extracts and ranks; the decision is {@link answer}'s. */
  read(text: string, options: AskOptions = {}): Reading {
    const question = readQuestion(text, this.retriever, options.kind);
    const passages = this.retriever.search(question.query, { excludeArticle: options.excludeArticle });
    const found: Candidate[] = [];
    for (const p of passages.slice(0, Tuning.readLimit)) {
      const id = p.ref.sentence.id;
      const speech = this.#speech.get(id) ?? [];
      for (const c of candidatesOf(p, this.#entities.get(id) ?? [], speech, this.#speakers.get(id) ?? [])) {
        // An answer says something the question does not: a span made only of the question's words is not one.
        const own = tokenize(c.text)
          .map((t) => processTerm(t))
          .filter((t): t is string => t !== null);
        if (own.length === 0 || own.every((t) => question.stems.has(t))) continue;
        found.push(c);
      }
    }
    const agreement = new Map<string, Set<number>>();
    for (const c of found) {
      const key = candidateKey(c.text);
      const set = agreement.get(key) ?? new Set<number>();
      agreement.set(key, set);
      set.add(c.passage.ref.ordinal);
    }
    // The articles of the passages, best first by their whole-article score: the story asked about is usually one.
    const articleRanks = new Map(
      [...new Map(passages.map((p) => [p.ref.article.id, p.articleScore])).entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([id], rank) => [id, rank]),
    );
    const context = {
      question,
      articleRank: (c: Candidate) => articleRanks.get(c.passage.ref.article.id) ?? passages.length,
      stemsOf: sentenceStems(),
      headWords: headWordsOf(question.head),
      tagBefore: (c: Candidate) => {
        const { id, text: sentence } = c.passage.ref.sentence;
        return wordsOf(id, sentence)[c.firstWord - 1]?.tags ?? NO_TAGS;
      },
      agreement,
      role: (c: Candidate, role: "actor" | "object") =>
        (this.#backing.get(c.passage.ref.sentence.id) ?? []).some((ev) => {
          const arg = ev[role];
          return (
            question.stems.has(ev.action) && arg !== null && (arg.includes(c.text) || c.text.includes(arg))
          );
        }),
      speaker: (c: Candidate) =>
        (this.#speakers.get(c.passage.ref.sentence.id) ?? []).some(
          (s) => s.includes(c.text) || c.text.includes(s),
        ),
    };
    const features = found.map((candidate) => featuresOf(candidate, context));
    const probabilities = this.#model.rank(features);
    const candidates = found
      .map((candidate, i) => ({ candidate, features: features[i]!, probability: probabilities[i]! }))
      .sort(
        (a, b) =>
          b.probability - a.probability ||
          a.candidate.passage.rank - b.candidate.passage.rank ||
          a.candidate.start - b.candidate.start,
      );
    const answerability = this.#answerable.probability(
      answerabilityOf(
        passages,
        candidates.map((c) => c.probability),
      ),
    );
    return { question, passages, candidates, answerability };
  }

  /** Answers a question, or abstains with what it found. */
  answer(text: string, options: AskOptions = {}): PipelineAnswer {
    const meta = this.#metadata(text, options);
    if (meta) return meta;
    const reading = this.read(text, options);
    const best = identityAnswer(reading) ?? reading.candidates[0];
    // How likely the best candidate is right: calibrated on held-out answers (rank/model.ts).
    const next = reading.candidates.find((c) => c !== best)?.probability ?? 0;
    const confidence = best
      ? this.#confidence.probability(confidenceFeaturesOf(best.probability, next, reading.answerability))
      : 0;
    const further = (except: Passage | undefined) =>
      reading.passages
        .filter((p) => p !== except)
        .slice(0, 2)
        .map((p) => p.ref.sentence.text);
    if (!best || reading.answerability < this.#weights.abstainUnder) {
      // Abstaining never hides what was found: the closest candidate and its sentence are shown.
      const closest = best ? [`${best.candidate.shown} — ${best.candidate.passage.ref.sentence.text}`] : [];
      return {
        kind: reading.question.kind,
        answer: null,
        confidence: round(confidence),
        notSure: false,
        citations: [],
        suggestions: [...closest, ...further(best?.candidate.passage)].slice(0, 3),
      };
    }
    // Parallel doers of one sentence (`Baku will release …, while Yerevan will release …`) are given
    // together when the question asks who did it; a count or a date of one of them is not the other's.
    const parallel = reading.question.asksFor === "actor";
    const together = reading.candidates
      .filter(
        (c) =>
          (c === best || parallel) &&
          c.candidate.passage === best.candidate.passage &&
          c.candidate.kind === best.candidate.kind &&
          c.probability >= best.probability * TOGETHER,
      )
      .filter((c, i, all) => all.findIndex((o) => o === c || overlaps(o.candidate, c.candidate)) === i)
      .slice(0, 3);
    return {
      kind: reading.question.kind,
      answer: together.map((c) => c.candidate.shown).join("; "),
      confidence: round(confidence),
      notSure: confidence < Tuning.notSureUnder,
      citations: [citationFor(best.candidate.passage.ref)],
      suggestions: further(best.candidate.passage),
    };
  }

  /** A question about an article itself (its dateline, outlet, wire or date). */
  #metadata(text: string, options: AskOptions): PipelineAnswer | null {
    const ask = metadataAsk(text);
    if (!ask) return null;
    const articles = this.facts.articles.filter((a) => a.id !== options.excludeArticle);
    const named = articleNamed(articles, quotedTitle(text) ?? text);
    if (!named || named.overlap < TITLE_MATCH) return null;
    const answer = metadataAnswer(named.article, ask);
    if (!answer) return null;
    const first = named.article.sentences[0];
    return {
      kind: "metadata",
      answer,
      confidence: round(named.overlap),
      notSure: named.overlap < Tuning.notSureUnder,
      citations: first ? [citeSentences(named.article, [first])] : [],
      suggestions: [],
    };
  }
}

const NO_TAGS: ReadonlySet<string> = new Set();

/** A candidate's sentence's word stems, worked out once per sentence for all of its candidates. */
function sentenceStems(): (c: Candidate) => readonly string[] {
  const stems = new Map<string, string[]>();
  return (c) => {
    const { id, text } = c.passage.ref.sentence;
    const known = stems.get(id) ?? wordStemsOf(wordsOf(id, text));
    stems.set(id, known);
    return known;
  };
}

/**
 * What a "who is …?" question is answered with, or undefined when it asks something else or nothing
 * fits: the name its title stands before (`Antony Blinken` for "who is the US Secretary of State?")
 * where one does, else a span that holds the name with its role, from the best such span's sentence
 * and the shortest there (`German Prime Minister Olaf Scholz`, not the list of mediators it stands in).
 */
function identityAnswer(reading: Reading): ScoredCandidate | undefined {
  const q = reading.question;
  if (!q.asksIdentity) return undefined;
  const stemsOf = sentenceStems();
  const titled = reading.candidates.filter((c) => titledAs(c.candidate, q, stemsOf(c.candidate)));
  const describing = titled.length ? titled : reading.candidates.filter((c) => describesName(c.candidate, q));
  const first = describing[0];
  return describing
    .filter((c) => c.candidate.passage === first?.candidate.passage)
    .sort((a, b) => a.candidate.text.length - b.candidate.text.length)[0];
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
