/**
 * The answer index, built once per fact-base generation: an inverted index from normalised terms
 * to sentences (and through sentences to the events, quotations and statements read from them), a
 * name dictionary for entities, fuzzy term dictionaries for typos, and the action lemmas by
 * frequency. Work per question depends on the postings of the question's terms, not on the size of
 * the fact base: fuse.js later scores only the candidates picked here.
 */
import type {
  Article,
  Entity,
  Event,
  FactBase,
  Quotation,
  Sentence,
  Statement,
} from "../knowledge/schema.ts";
import { FuzzyDictionary } from "./fuzzy.ts";
import { verbFormStems } from "./question.ts";
import { phraseKey, STOP_WORDS, terms, tokenize } from "./terms.ts";

/** A sentence with its article, and its position in the index. */
export interface SentenceRef {
  ordinal: number;
  article: Article;
  sentence: Sentence;
  /** Number of index terms (for length normalisation). */
  length: number;
}

/** An entity named in a sentence. */
export interface SentenceMention {
  entity: Entity;
  text: string;
}

/** A group of alternative terms standing for one word of the question. */
export interface TermGroup {
  /** The word as asked (for explanations and tests). */
  word: string;
  /** Alternatives: the term itself (weight 1), typo corrections and inflections (less). */
  alts: { term: string; weight: number }[];
  /** How much this word matters (entities and the action more than other words). */
  boost: number;
  /** A sentence lacking a required word cannot answer (named entities, numbers). */
  required: boolean;
}

/** One retrieved sentence with how well it matches. */
export interface SentenceHit {
  ref: SentenceRef;
  score: number;
  /** Share of the question's weight that the sentence covers, 0..1. */
  coverage: number;
  /** Which groups matched (indexes into the query groups). */
  matched: boolean[];
  /** A required group is missing. */
  missingRequired: boolean;
}

/** Most candidates gathered from postings; rarer terms gather first, commoner ones only add score. */
const GATHER_LIMIT = 3000;
/** Candidates kept after the index pass, before fuse.js and answer extraction look at them. */
const CANDIDATE_LIMIT = 40;

function binaryHas(list: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The answer index over one fact base. */
export class AnswerIndex {
  readonly facts: FactBase;
  readonly generation: number;
  readonly sentences: SentenceRef[] = [];
  readonly sentenceById = new Map<string, SentenceRef>();
  readonly articleById = new Map<string, Article>();
  readonly entityById = new Map<string, Entity>();
  readonly eventsBySentence = new Map<string, Event[]>();
  readonly quotationsBySentence = new Map<string, Quotation[]>();
  readonly statementsBySentence = new Map<string, Statement[]>();
  readonly mentionsBySentence = new Map<string, SentenceMention[]>();
  /** Events by the entity acting or acted on; quotations by speaker entity (for `/facts`). */
  readonly eventsByEntity = new Map<string, Event[]>();
  readonly quotationsBySpeaker = new Map<string, Quotation[]>();
  /** Entities standing for another (`Baku` for Azerbaijan), by the id they stand for. */
  readonly standingFor = new Map<string, Entity[]>();
  /** Sentence terms (stemmed), for typo lookup. */
  readonly vocabulary = new FuzzyDictionary();
  /** Name tokens of entities (folded, unstemmed), for typo lookup of names. */
  readonly nameTokens = new FuzzyDictionary();
  /** Entities by each token of their names and aliases. */
  readonly entitiesByToken = new Map<string, Entity[]>();
  /** Entities by whole name or alias key (`nagorno karabakh`). */
  readonly entitiesByKey = new Map<string, Entity[]>();
  /** Entities by the terms of their roles (`secretary`, `state`). */
  readonly entitiesByRoleTerm = new Map<string, Entity[]>();
  /** Action lemmas with their event counts, most frequent first. */
  readonly actions: { lemma: string; count: number }[] = [];
  readonly actionDictionary = new FuzzyDictionary();
  readonly actionCounts = new Map<string, number>();
  /** Entities by number of mentions, most first (autocomplete before anything is typed). */
  readonly topEntities: Entity[];
  /** Title terms, and the articles (by position) whose title holds each. */
  readonly titleTerms = new FuzzyDictionary();
  readonly articlesByTitleTerm = new Map<string, number[]>();
  /** Action lemmas by the stems of their written forms (`refus`, `fled`): a verb compromise missed still finds its action. */
  readonly actionByForm = new Map<string, string>();
  readonly #postings = new Map<string, Int32Array>();
  /** Index terms of each article's title, by article id. */
  readonly #titleTermsOf = new Map<string, Set<string>>();
  readonly #avgLength: number;

  constructor(facts: FactBase, generation = 0) {
    this.facts = facts;
    this.generation = generation;
    const building = new Map<string, number[]>();
    let totalLength = 0;
    for (const article of facts.articles) {
      this.articleById.set(article.id, article);
      for (const sentence of article.sentences) {
        const ordinal = this.sentences.length;
        const sentenceTerms = terms(sentence.text);
        const ref: SentenceRef = { ordinal, article, sentence, length: sentenceTerms.length };
        this.sentences.push(ref);
        this.sentenceById.set(sentence.id, ref);
        totalLength += sentenceTerms.length;
        for (const term of new Set(sentenceTerms)) {
          const list = building.get(term);
          if (list) list.push(ordinal);
          else building.set(term, [ordinal]);
        }
      }
    }
    for (const [term, list] of building) {
      this.#postings.set(term, Int32Array.from(list));
      this.vocabulary.add(term);
    }
    this.#avgLength = this.sentences.length ? totalLength / this.sentences.length : 1;

    for (const entity of facts.entities) {
      this.entityById.set(entity.id, entity);
      const names = new Set([entity.name, ...entity.aliases]);
      for (const name of names) {
        const key = phraseKey(name);
        if (!key) continue;
        pushTo(this.entitiesByKey, key, entity);
        for (const token of new Set(key.split(" "))) {
          if (STOP_WORDS.has(token) && token.length < 3) continue;
          pushTo(this.entitiesByToken, token, entity);
          this.nameTokens.add(token);
        }
      }
      for (const role of entity.roles) {
        for (const term of new Set(terms(role))) pushTo(this.entitiesByRoleTerm, term, entity);
      }
      const seen = new Set<string>();
      for (const mention of entity.mentions) {
        const k = `${mention.sentenceId}\u0000${entity.id}`;
        if (seen.has(k)) continue;
        seen.add(k);
        pushTo(this.mentionsBySentence, mention.sentenceId, { entity, text: mention.text });
      }
    }
    for (const entity of facts.entities) {
      if (entity.standsFor) pushTo(this.standingFor, entity.standsFor, entity);
    }

    const actionCounts = new Map<string, number>();
    for (const event of facts.events) {
      pushTo(this.eventsBySentence, event.sentenceId, event);
      for (const id of new Set([event.actor?.entityId, event.object?.entityId])) {
        if (id) pushTo(this.eventsByEntity, id, event);
      }
      actionCounts.set(event.action, (actionCounts.get(event.action) ?? 0) + 1);
    }
    this.topEntities = [...facts.entities].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, 25);
    facts.articles.forEach((article, i) => {
      this.#titleTermsOf.set(article.id, new Set(terms(article.title)));
      for (const term of new Set([...terms(article.title), ...tokenize(article.title)])) {
        pushTo(this.articlesByTitleTerm, term, i);
        this.titleTerms.add(term);
      }
    });
    for (const [lemma, count] of actionCounts) {
      this.actionCounts.set(lemma, count);
      this.actions.push({ lemma, count });
      this.actionDictionary.add(lemma);
    }
    this.actions.sort((a, b) => b.count - a.count || a.lemma.localeCompare(b.lemma));
    for (const { lemma } of this.actions) {
      const head = lemma.split(" ")[0]!;
      for (const form of verbFormStems(head))
        if (!this.actionByForm.has(form)) this.actionByForm.set(form, lemma);
    }
    for (const q of facts.quotations) {
      if (q.speaker?.entityId) pushTo(this.quotationsBySpeaker, q.speaker.entityId, q);
      for (const id of new Set([q.sentenceId, ...q.sentenceIds])) pushTo(this.quotationsBySentence, id, q);
    }
    for (const s of facts.statements) pushTo(this.statementsBySentence, s.sentenceId, s);
    this.vocabulary.seal();
    this.nameTokens.seal();
    this.actionDictionary.seal();
    this.titleTerms.seal();
  }

  /** How many sentences hold the term. */
  documentFrequency(term: string): number {
    return this.#postings.get(term)?.length ?? 0;
  }

  /** Inverse document frequency (BM25's, always positive); unknown terms get the highest. */
  idf(term: string): number {
    const n = this.sentences.length;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The idf a term would have if no sentence held it: the weight of a word the articles lack. */
  get maxIdf(): number {
    const n = this.sentences.length;
    return Math.log(1 + (n + 0.5) / 0.5);
  }

  /** Sentence ordinals holding the term. */
  postings(term: string): Int32Array | undefined {
    return this.#postings.get(term);
  }

  /**
   * Ranks sentences for a set of term groups: candidates come from the postings of the groups'
   * rarer terms; very common terms only add score to candidates already found (binary search).
   * Optionally restricted to one article or a set of sentence ordinals.
   */
  searchSentences(groups: TermGroup[], limit = CANDIDATE_LIMIT): SentenceHit[] {
    const weights = groups.map((g) => {
      let best = 0;
      for (const alt of g.alts) best = Math.max(best, this.idf(alt.term) * alt.weight);
      const known = g.alts.some((a) => this.documentFrequency(a.term) > 0);
      return { idf: known ? best : this.maxIdf, known };
    });
    // Coverage weighs each word by 1 + idf, not idf alone: in a small fact base a word every
    // sentence shares (`Azerbaijan` in an article about Azerbaijan) would otherwise count for
    // nothing, and one rare word for everything.
    const total = groups.reduce((sum, g, i) => sum + g.boost * (weights[i]!.idf + 1), 0) || 1;
    const G = groups.length;
    // Postings from the rarest term up: each gathers candidates while the candidate set stays
    // small; past GATHER_LIMIT candidates, a term only adds score to those already found (binary
    // search), so the work per question is bounded whatever the size of the fact base.
    const entries: { group: number; value: number; list: Int32Array }[] = [];
    groups.forEach((g, gi) => {
      for (const alt of g.alts) {
        const list = this.#postings.get(alt.term);
        if (list) entries.push({ group: gi, value: g.boost * this.idf(alt.term) * alt.weight, list });
      }
    });
    entries.sort((a, b) => a.list.length - b.list.length);
    const rowOf = new Map<number, number>();
    const ordinals: number[] = [];
    let rows = new Float64Array(Math.max(16, G * 64));
    for (const e of entries) {
      if (rowOf.size === 0 || rowOf.size + e.list.length <= GATHER_LIMIT) {
        for (const ordinal of e.list) {
          let r = rowOf.get(ordinal);
          if (r === undefined) {
            r = ordinals.length;
            rowOf.set(ordinal, r);
            ordinals.push(ordinal);
            if ((r + 1) * G > rows.length) {
              const grown = new Float64Array(rows.length * 2);
              grown.set(rows);
              rows = grown;
            }
          }
          const at = r * G + e.group;
          if (e.value > rows[at]!) rows[at] = e.value;
        }
      } else {
        for (let r = 0; r < ordinals.length; r++) {
          const at = r * G + e.group;
          if (e.value > rows[at]! && binaryHas(e.list, ordinals[r]!)) rows[at] = e.value;
        }
      }
    }
    // Raw scores for every candidate; the full reading (coverage, title context) only for the best.
    const raw: { r: number; score: number }[] = [];
    for (let r = 0; r < ordinals.length; r++) {
      let sum = 0;
      for (let gi = 0; gi < G; gi++) sum += rows[r * G + gi]!;
      const ref = this.sentences[ordinals[r]!]!;
      // A mild length norm (BM25's b = 0.25): long sentences match more words by chance.
      raw.push({ r, score: sum / (0.75 + 0.25 * (ref.length / this.#avgLength)) });
    }
    raw.sort((a, b) => b.score - a.score || ordinals[a.r]! - ordinals[b.r]!);
    const hits: SentenceHit[] = [];
    for (const { r } of raw.slice(0, limit * 4)) {
      const ref = this.sentences[ordinals[r]!]!;
      let sum = 0;
      let covered = 0;
      let missingRequired = false;
      const matched: boolean[] = [];
      const title = this.#titleTermsOf.get(ref.article.id);
      groups.forEach((g, gi) => {
        let v = rows[r * G + gi]!;
        // A name the sentence leaves out but its article's title gives (`Peru` in "Wi-fi web
        // reaches farmers in Peru", the sentence saying "The network…") is context: half weight.
        if (v === 0 && g.required && title && g.alts.some((a) => title.has(a.term))) {
          v = 0.5 * g.boost * weights[gi]!.idf;
        }
        matched.push(v > 0);
        sum += v;
        // The share of the group's weight matched (a typo correction matches less than the word).
        if (v > 0) covered += v + g.boost * Math.min(1, v / (g.boost * weights[gi]!.idf || 1));
        if (g.required && v === 0) missingRequired = true;
      });
      const norm = 0.75 + 0.25 * (ref.length / this.#avgLength);
      hits.push({ ref, score: sum / norm, coverage: Math.min(1, covered / total), matched, missingRequired });
    }
    hits.sort((a, b) => b.score - a.score || a.ref.ordinal - b.ref.ordinal);
    return hits.slice(0, limit);
  }

  /** Entities sharing a (possibly misspelt) name token with the text's tokens. */
  entityCandidates(tokens: string[]): Map<Entity, Set<string>> {
    const out = new Map<Entity, Set<string>>();
    for (const token of tokens) {
      if (STOP_WORDS.has(token)) continue;
      for (const m of this.nameTokens.lookup(token)) {
        for (const e of this.entitiesByToken.get(m.term) ?? []) {
          let set = out.get(e);
          if (!set) {
            set = new Set();
            out.set(e, set);
          }
          set.add(m.term);
        }
      }
    }
    return out;
  }

  /** The entity a mention or argument points to, resolved through `standsFor` for display. */
  entity(id: string | null | undefined): Entity | undefined {
    return id ? this.entityById.get(id) : undefined;
  }

  /** Tokens of a text as the name dictionary holds them. */
  static nameTokensOf(text: string): string[] {
    return tokenize(text);
  }
}
