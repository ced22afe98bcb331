/**
 * Question understanding: the kind of answer asked for, the action (verb lemma, via compromise),
 * the entities named (through their aliases, typo-tolerant), and the words left to match, as
 * term groups for the index.
 */
import nlp from "compromise";
import { type BulkMatch, compromiseBulkMatch, leanBulkMatch, parseTags } from "../knowledge/match-sweep.ts";
import type { Entity, EntityType } from "../knowledge/schema.ts";
import type { AnswerIndex, TermGroup } from "./index.ts";
import { allowedTypos, editDistance, processTerm, STOP_WORDS, stem, tokenize } from "./terms.ts";

/** The kinds of question the engine answers. */
export type QuestionType = "who" | "when" | "where" | "how-many" | "what" | "why" | "which" | "who-said";

/** What kind of value the answer must be. */
export type Expectation =
  | "person"
  | "actor"
  | "place"
  | "organisation"
  | "date"
  | "number"
  | "speech"
  | "any";

/** An entity named in the question. */
export interface NamedEntity {
  entity: Entity;
  /** Question tokens that matched its name. */
  tokens: string[];
  /** 1 for an exact name, less for typos. */
  similarity: number;
}

/** A question, understood. */
export interface ParsedQuestion {
  text: string;
  type: QuestionType;
  expects: Expectation;
  /** Action lemmas asked about, main one first (`release`). */
  actions: string[];
  /** Whether the question asks what someone said (`what did X say`, `who said`). */
  aboutSpeech: boolean;
  entities: NamedEntity[];
  /** Term groups for retrieval (entities, action, other words). */
  groups: TermGroup[];
  /** Index of the action's group in `groups`, or -1. */
  actionGroup: number;
  /** Folded question tokens (for excluding the asked-about names from answers). */
  tokens: string[];
}

/** Weight of an entity's other names as alternatives of the name asked (`Baku` for Azerbaijan). */
export const ALIAS_WEIGHT = 0.9;

const WH_WORDS = ["who", "whom", "whose", "when", "where", "what", "which", "why", "how"] as const;
type WhWord = (typeof WH_WORDS)[number];

/** Verbs that carry grammar, not the action asked about. */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  "be",
  "do",
  "have",
  "will",
  "can",
  "could",
  "would",
  "should",
  "may",
  "might",
  "shall",
  "must",
  "get",
]);
/** Verbs of speech: `what did X say` asks for a statement or quotation. */
const SPEECH_VERBS = new Set([
  "say",
  "tell",
  "write",
  "state",
  "declare",
  "announce",
  "claim",
  "add",
  "comment",
  "quote",
]);
const ORGANISATION_NOUNS = new Set([
  "organisation",
  "organization",
  "group",
  "company",
  "firm",
  "party",
  "body",
  "institution",
  "agency",
  "union",
  "bank",
  "team",
  "club",
  "ministry",
  "government",
  "business",
  "outlet",
  "network",
]);
const PLACE_NOUNS = new Set([
  "country",
  "city",
  "place",
  "region",
  "state",
  "town",
  "capital",
  "nation",
  "area",
  "location",
]);
const PERSON_NOUNS = new Set([
  "person",
  "leader",
  "minister",
  "president",
  "man",
  "woman",
  "official",
  "player",
  "politician",
  "spokesman",
  "spokeswoman",
  "chief",
  "executive",
  "boss",
  "singer",
  "actor",
  "actress",
  "director",
]);
const DATE_NOUNS = new Set(["date", "day", "year", "month", "time"]);

/** Maps a possibly misspelt first word to a wh-word (`wen` → `when`). */
function whWord(token: string): WhWord | null {
  if ((WH_WORDS as readonly string[]).includes(token)) return token as WhWord;
  if (token.length < 3) return null;
  let best: WhWord | null = null;
  let bestDistance = 2;
  for (const w of WH_WORDS) {
    if (w.length < 4) continue; // `who`/`how`/`why` are too short to guess from a typo.
    // A typo that is a prefix of a wh-word (`wher`) means that word, not another one edit away (`when`).
    const d = editDistance(token, w, 1) - (w.startsWith(token) ? 0.5 : 0);
    if (d < bestDistance) {
      best = w;
      bestDistance = d;
    }
  }
  return best;
}

/** Compromise's own conjugator (`nlp.world()`): microseconds, where parsing a word to conjugate it costs milliseconds. */
const world = (
  nlp as unknown as {
    world(): {
      methods: {
        two: { transform: { verb: { conjugate(v: string, m: unknown): Record<string, string> } } };
      };
      model: unknown;
    };
  }
).world();

/** The forms of a verb (`lay` → `lay`, `laid`, `lays`, `laying`), or just the lemma when compromise has none. */
export function conjugate(lemma: string): Record<string, string> {
  try {
    return world.methods.two.transform.verb.conjugate(lemma, world.model) ?? { Infinitive: lemma };
  } catch {
    return { Infinitive: lemma };
  }
}

const conjugationCache = new Map<string, string[]>();

/** The stems of a verb's forms (`flee` → `flee`, `fled`, `flees`, `fleeing`), cached per lemma. */
export function verbFormStems(lemma: string): string[] {
  const cached = conjugationCache.get(lemma);
  if (cached) return cached;
  const forms = new Set<string>([stem(lemma)]);
  for (const form of Object.values(conjugate(lemma))) {
    const last = tokenize(form).pop();
    if (last) forms.add(stem(last));
  }
  const out = [...forms];
  if (conjugationCache.size > 10_000) conjugationCache.clear();
  conjugationCache.set(lemma, out);
  return out;
}

interface VerbInfo {
  lemma: string;
  /** Folded tokens of the verb as written. */
  tokens: string[];
}

/** Compromise's term shape, as far as the engine reads it. */
interface NlpTerm {
  normal: string;
  root?: string;
  tags: Set<string>;
  /** Sentence and word number in the document. */
  index: [number, number];
}

/** A compromise document, the members {@link parseVerbs} uses. */
interface NlpDoc {
  docs: NlpTerm[][];
  /** A view of the same document over other words (`[sentence, start, end]` each). */
  update(pointers: number[][]): { compute(step: string): unknown };
}

/**
 * The verbs of a question with their lemmas in context (compromise's `root`: `fled` → `flee`,
 * `laid` → `lay`), auxiliaries and copulas left out. One parse per question: asking compromise for
 * each verb's conjugations instead costs several milliseconds each.
 */
function verbsOf(question: string): VerbInfo[] {
  const cached = verbsCache.get(question);
  if (cached) return [...cached];
  const out = parseVerbs(question);
  // The same question comes back (asked again, or retried after a typo elsewhere): compromise's
  // parse is the costliest step of understanding it.
  if (verbsCache.size >= VERBS_CACHE_LIMIT) verbsCache.delete(verbsCache.keys().next().value!);
  verbsCache.set(question, out);
  return [...out];
}

const VERBS_CACHE_LIMIT = 2000;
const verbsCache = new Map<string, readonly VerbInfo[]>();

export { compromiseBulkMatch };

/** Whether a tagged word is a verb of action: not an auxiliary, copula, particle, preposition or adverb. */
function isActionVerb(tags: Set<string>): boolean {
  if (!tags.has("Verb") || tags.has("Auxiliary") || tags.has("Copula")) return false;
  return !tags.has("Particle") && !tags.has("Preposition") && !tags.has("Adverb");
}

/** The verbs of one question, parsed now (`bulkMatch`: the sweep compromise runs its match nets with). */
export function parseVerbs(question: string, bulkMatch: BulkMatch = leanBulkMatch): VerbInfo[] {
  // The verbs are read from tags and roots only, so the parse skips the chunker (the same verbs and
  // lemmas for every bench and dev question and autocomplete input).
  const doc = parseTags(question, bulkMatch) as unknown as NlpDoc;
  const verbs: NlpTerm[] = [];
  const pointers: number[][] = [];
  for (const sentence of doc.docs)
    for (const term of sentence) {
      if (!isActionVerb(term.tags)) continue;
      verbs.push(term);
      pointers.push([term.index[0], term.index[1], term.index[1] + 1]);
    }
  if (verbs.length === 0) return [];
  // compromise works a word's root out from the word and its tags alone, so the roots are worked out
  // for these verbs only: its `root` step over the whole question also turned every plural noun
  // into its singular (the costliest part), for nothing.
  doc.update(pointers).compute("root");
  const out: VerbInfo[] = [];
  for (const term of verbs) {
    const tokens = tokenize(term.normal);
    const lemma = tokenize(term.root || term.normal).pop();
    if (!lemma || AUXILIARIES.has(lemma) || tokens.length === 0) continue;
    out.push({ lemma, tokens });
  }
  return out;
}

/**
 * Each entity's names (name, then aliases) as the tokens that must all be in a question naming it.
 * Made afresh each time, not kept: a question reads tens of entities' names once each, so keeping
 * them (a WeakMap, entity to tokens) saved microseconds and cost milliseconds. Every young
 * collection during questions copied and promoted the last few dozen questions' entries, and the
 * map's entries are weak, which collections trace apart. Without it the 289 bench questions at
 * 10,000 articles spent 23–26 ms in collections instead of 34–45, and p99 fell from 10.2–12.6 to
 * 8.3–9.0 ms (`bench/question-phase.ts time`, three runs each).
 */
function nameTokensOf(entity: Entity): string[][] {
  // Loops and a filter in place, not a spread, a map and a filter: a new question meets tens of
  // entities whose names were never read, and this ran in the interpreter, where each copy and
  // each step of an iterator is garbage.
  const aliases = entity.aliases;
  const names: string[][] = [];
  for (let k = -1; k < aliases.length; k++) {
    const tokens = tokenize(k < 0 ? entity.name : aliases[k]!);
    let kept = 0;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (!STOP_WORDS.has(token) || token.length > 2) tokens[kept++] = token;
    }
    tokens.length = kept;
    names.push(tokens);
  }
  return names;
}

/** The question token closest to a name token, for one question (see {@link namedEntities}). */
interface Closest {
  found: string | null;
  distance: number;
}

/**
 * Name tokens listed under more entities than this (`mr`, `ms` at 10,000 articles) are not read
 * through their lists: an entity named with one of them is reached through another token of that
 * name, or, for a name made of such tokens alone, through {@link commonNamesOf}.
 */
const COMMON_NAME_TOKEN = 400;

/** Per index: the names whose tokens are all common, as their tokens and the entities that bear them. */
const commonNamesCache = new WeakMap<AnswerIndex, { tokens: string[]; entities: Entity[] }[]>();

function commonNamesOf(index: AnswerIndex): { tokens: string[]; entities: Entity[] }[] {
  let names = commonNamesCache.get(index);
  if (names) return names;
  names = [];
  const common = (t: string) => (index.entitiesByToken.get(t)?.length ?? 0) > COMMON_NAME_TOKEN;
  // Read word by word, stopping at the first token that is not common: most names have one.
  keys: for (const [key, entities] of index.entitiesByKey) {
    let from = 0;
    let any = false;
    while (from < key.length) {
      const space = key.indexOf(" ", from);
      const to = space < 0 ? key.length : space;
      const token = key.slice(from, to);
      from = to + 1;
      if (STOP_WORDS.has(token) && token.length < 3) continue;
      if (!common(token)) continue keys;
      any = true;
    }
    if (any)
      names.push({ tokens: key.split(" ").filter((t) => !STOP_WORDS.has(t) || t.length > 2), entities });
  }
  commonNamesCache.set(index, names);
  return names;
}

/**
 * Builds what {@link namedEntities} keeps per index (the names made of common tokens, the entities
 * of each common token as a set) now, at start-up: one pass over the name keys, a few milliseconds,
 * that the first question naming someone `Mr` would otherwise wait for.
 */
export function prepareNames(index: AnswerIndex): void {
  commonNamesOf(index);
  for (const [token, entities] of index.entitiesByToken)
    if (entities.length > COMMON_NAME_TOKEN) commonSetOf(index, token);
}

/** Per index: the entities of each common name token, as a set. */
const commonSetsCache = new WeakMap<AnswerIndex, Map<string, Set<Entity>>>();

function commonSetOf(index: AnswerIndex, token: string): Set<Entity> {
  let sets = commonSetsCache.get(index);
  if (!sets) {
    sets = new Map();
    commonSetsCache.set(index, sets);
  }
  let set = sets.get(token);
  if (!set) {
    set = new Set(index.entitiesByToken.get(token));
    sets.set(token, set);
  }
  return set;
}

/**
 * One question's search for the entities it names (see {@link namedEntities}): a class with
 * methods rather than closures made per question, which tsx (esbuild's keepNames) names as each is
 * made, a few hundred bytes each.
 */
class NameSearch {
  /** The question token closest to each name token, worked out once per name token. */
  readonly #closest = new Map<string, Closest>();
  /** The entities named so far, with the tokens that name them. */
  readonly named = new Map<Entity, NamedEntity>();
  /** The entities considered so far. */
  readonly seen = new Set<Entity>();

  constructor(readonly tokens: string[]) {}

  /** The question token closest to a name token (within its allowed typos), or none. */
  closestTo(nt: string): Closest {
    const hit = this.#closest.get(nt);
    if (hit) return hit;
    const tokens = this.tokens;
    let found: string | null = null;
    let foundDistance = 99;
    const max = nt.length <= 3 ? 0 : nt.length <= 6 ? 1 : 2;
    for (let q = 0; q < tokens.length; q++) {
      const qt = tokens[q]!;
      if (qt === nt) {
        found = qt;
        foundDistance = 0;
        break;
      }
      const d = editDistance(qt, nt, max);
      if (d <= max && d < foundDistance) {
        found = qt;
        foundDistance = d;
      }
    }
    const result = { found, distance: foundDistance };
    this.#closest.set(nt, result);
    return result;
  }

  /** Reads an entity once: named when every token of one of its names is close to a question token. */
  consider(entity: Entity): void {
    if (this.seen.has(entity)) return;
    this.seen.add(entity);
    let best: NamedEntity | null = null;
    const names = nameTokensOf(entity);
    for (let k = 0; k < names.length; k++) {
      const nameTokens = names[k]!;
      if (nameTokens.length === 0) continue;
      let distance = 0;
      let letters = 0;
      let ok = true;
      for (let t = 0; t < nameTokens.length; t++) {
        const nt = nameTokens[t]!;
        letters += nt.length;
        const { found, distance: foundDistance } = this.closestTo(nt);
        if (found === null) {
          ok = false;
          break;
        }
        distance += foundDistance;
      }
      // Most candidate names miss a token: the tokens used are listed only for a name that matched.
      if (!ok) continue;
      const similarity = 1 - distance / Math.max(1, letters);
      if (
        !best ||
        similarity > best.similarity ||
        (similarity === best.similarity && nameTokens.length > best.tokens.length)
      ) {
        const used: string[] = [];
        for (let t = 0; t < nameTokens.length; t++) used.push(this.closestTo(nameTokens[t]!).found!);
        best = { entity, tokens: used, similarity };
      }
    }
    if (best) this.named.set(entity, best);
  }
}

/** Whether one of the sets holds the entity. */
function inAny(sets: Set<Entity>[], entity: Entity): boolean {
  for (let i = 0; i < sets.length; i++) if (sets[i]!.has(entity)) return true;
  return false;
}

/**
 * Finds the entities the question names, through names and aliases, allowing typos: an entity is
 * named when every token of one of its names is close to a question token (within
 * {@link allowedTypos} of the name token), and it shares a token with what the name dictionary
 * finds for the question's words (`entityCandidates`). A common token among those (`mr`, 3,000
 * entities at 10,000 articles) is not read through: it would bring thousands of entities to check
 * for the one or two named, and those are reached through the other tokens of their names.
 */
export function namedEntities(index: AnswerIndex, tokens: string[]): NamedEntity[] {
  // Indexed loops rather than `for … of` in what runs per candidate: a new question's candidates
  // (tens of entities, each name token once) run before the optimising compiler has compiled this,
  // and there each step of an iterator allocates its result.
  const search = new NameSearch(tokens);
  const { named, seen } = search;
  // The dictionary's candidates for the question's words, in order.
  const looked: string[] = [];
  for (let q = 0; q < tokens.length; q++) {
    const token = tokens[q]!;
    if (STOP_WORDS.has(token)) continue;
    const matches = index.nameTokens.lookup(token);
    for (let m = 0; m < matches.length; m++) looked.push(matches[m]!.term);
  }
  const commonLooked: Set<Entity>[] = [];
  for (let l = 0; l < looked.length; l++) {
    const term = looked[l]!;
    const entities = index.entitiesByToken.get(term);
    if (!entities) continue;
    if (entities.length > COMMON_NAME_TOKEN) commonLooked.push(commonSetOf(index, term));
    else for (let e = 0; e < entities.length; e++) search.consider(entities[e]!);
  }
  if (commonLooked.length) {
    // An entity found only through a common token is named through one of its names: through
    // another token of that name, close to a question token, or through a name of common tokens.
    // The name tokens some question token is close to (those `search.closestTo` finds a token for). A name
    // token of n letters allows `allowedTypos(n)` edits, so a question token of one or two letters
    // can only be one itself, one of three or four letters is within one edit of the names it can
    // reach, and longer ones within two. The dictionary's trigram filter misses no term within the
    // distance asked: each edit breaks at most three of the question token's trigrams, and at
    // these lengths at least one is left.
    const near = new Set<string>();
    for (const qt of tokens) {
      if (index.nameTokens.has(qt)) near.add(qt);
      if (qt.length < 3) continue;
      for (const m of index.nameTokens.lookup(qt, qt.length <= 4 ? 1 : 2, Number.POSITIVE_INFINITY))
        if (m.distance <= allowedTypos(m.term)) near.add(m.term);
    }
    for (const t of near) {
      const entities = index.entitiesByToken.get(t);
      if (!entities || entities.length > COMMON_NAME_TOKEN) continue;
      for (const entity of entities)
        if (!seen.has(entity) && inAny(commonLooked, entity)) search.consider(entity);
    }
    for (const name of commonNamesOf(index))
      if (name.tokens.every((t) => near.has(t))) for (const entity of name.entities) search.consider(entity);
  }
  if (named.size === 0) return [];
  // In the order the dictionary's candidates come in (question token, then closeness, then the
  // entity's place in the token's list), as reading every candidate gave them; an entity that
  // shares no token with those candidates is not named.
  const placed: { at: number; place: number; named: NamedEntity }[] = [];
  for (const [entity, found] of named) {
    const own = nameTokensOf(entity);
    const at = looked.findIndex((term) => own.some((name) => name.includes(term)));
    if (at < 0) continue;
    placed.push({ at, place: index.entitiesByToken.get(looked[at]!)!.indexOf(entity), named: found });
  }
  placed.sort((a, b) => a.at - b.at || a.place - b.place);
  const out = placed.map((p) => p.named);
  // A name covered by a longer one (`Armenia` inside `Armenia's Foreign Ministry`) stays: both are named.
  out.sort((a, b) => b.tokens.length - a.tokens.length || b.similarity - a.similarity);
  return out;
}

/** Term alternatives for one question word: itself, inflections, and typo corrections. */
function alternativesFor(index: AnswerIndex, token: string): { term: string; weight: number }[] {
  const term = processTerm(token) ?? token;
  const alts = new Map<string, number>([[term, 1]]);
  if (!index.vocabulary.has(term)) {
    for (const m of index.vocabulary.lookup(term)) {
      if (m.distance > 0) alts.set(m.term, Math.max(alts.get(m.term) ?? 0, 1 - 0.2 * m.distance));
    }
  }
  return [...alts].map(([t, weight]) => ({ term: t, weight }));
}

/** Understands a question against an index. */
/** Chat markup that is no part of a question: user, role and channel mentions, `@everyone`/`@here`, custom emoji. */
const CHAT_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b/g;

export function parseQuestion(index: AnswerIndex, question: string): ParsedQuestion {
  const text = question.replace(CHAT_MARKUP, " ").replace(/\s+/g, " ").trim();
  const tokens = tokenize(text);
  let wh: WhWord | null = null;
  let whAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    wh =
      i === 0
        ? whWord(tokens[i]!)
        : (WH_WORDS as readonly string[]).includes(tokens[i]!)
          ? (tokens[i] as WhWord)
          : null;
    if (wh) {
      whAt = i;
      break;
    }
  }
  const next = tokens[whAt + 1] ?? "";
  const consumed = new Set<number>(whAt >= 0 ? [whAt] : []);

  const verbs = verbsOf(text);
  if (verbs.length === 0) {
    // compromise reads a bare verb at the end of a question as a noun (`What did Aliyev refuse?`):
    // a word written like an action of the fact base is taken as that action.
    for (let i = 1; i < tokens.length; i++) {
      const lemma = index.actionByForm.get(stem(tokens[i]!)) ?? index.actionByForm.get(tokens[i]!);
      if (lemma && !AUXILIARIES.has(tokens[i]!)) {
        verbs.push({ lemma: lemma.split(" ")[0]!, tokens: [tokens[i]!] });
        break;
      }
    }
  }
  let actions = verbs.map((v) => v.lemma);
  // A typo in the verb (`relesed`): compromise keeps it as written; the action dictionary of the
  // fact base knows the real lemma.
  actions = actions.map((lemma) => {
    if (index.actionDictionary.size === 0 || index.actionDictionary.has(lemma)) return lemma;
    const m = index.actionDictionary.lookup(stem(lemma))[0] ?? index.actionDictionary.lookup(lemma)[0];
    return m ? m.term : lemma;
  });
  const aboutSpeech = actions.some((a) => SPEECH_VERBS.has(a));

  let type: QuestionType = "what";
  let expects: Expectation = "any";
  if (wh === "how" && (next === "many" || next === "much" || editDistance(next, "many", 1) <= 1)) {
    type = "how-many";
    expects = "number";
    consumed.add(whAt + 1);
  } else if (wh === "when") {
    type = "when";
    expects = "date";
  } else if (wh === "where") {
    type = "where";
    expects = "place";
  } else if (wh === "why") {
    type = "why";
  } else if (wh === "who" || wh === "whom" || wh === "whose") {
    type = aboutSpeech && (actions[0] ? SPEECH_VERBS.has(actions[0]) : false) ? "who-said" : "who";
    expects = "actor";
  } else if (wh === "which" || wh === "what") {
    if (DATE_NOUNS.has(next)) {
      type = "when";
      expects = "date";
      consumed.add(whAt + 1);
    } else if (ORGANISATION_NOUNS.has(next) || ORGANISATION_NOUNS.has(stem(next))) {
      type = "which";
      expects = "organisation";
      consumed.add(whAt + 1);
    } else if (PLACE_NOUNS.has(next)) {
      type = "where";
      expects = "place";
      consumed.add(whAt + 1);
    } else if (PERSON_NOUNS.has(next)) {
      type = "who";
      expects = "person";
    } else {
      type = wh === "which" ? "which" : "what";
      expects = aboutSpeech ? "speech" : "any";
    }
  }

  const entities = namedEntities(index, tokens);
  const entityTokens = new Set(entities.flatMap((e) => e.tokens));
  const groups: TermGroup[] = [];
  // Named entities: one required group per entity, with the names of whoever stands for it
  // (`Baku` for Azerbaijan) as alternatives.
  const coveredTokens = new Set<string>();
  for (const named of entities) {
    if (named.tokens.every((t) => coveredTokens.has(t))) continue;
    for (const t of named.tokens) coveredTokens.add(t);
    const alts = new Map<string, number>();
    for (const t of named.tokens)
      for (const a of alternativesFor(index, t)) alts.set(a.term, Math.max(alts.get(a.term) ?? 0, a.weight));
    for (const name of [named.entity.name, ...named.entity.aliases]) {
      for (const t of tokenize(name)) {
        const term = processTerm(t);
        if (term && !alts.has(term)) alts.set(term, ALIAS_WEIGHT);
      }
    }
    for (const proxy of index.standingFor.get(named.entity.id) ?? []) {
      for (const name of [proxy.name, ...proxy.aliases]) {
        for (const t of tokenize(name)) {
          const term = processTerm(t);
          if (term && !alts.has(term)) alts.set(term, ALIAS_WEIGHT);
        }
      }
    }
    groups.push({
      word: named.tokens.join(" "),
      alts: [...alts].map(([term, weight]) => ({ term, weight })),
      boost: 1.3,
      required: true,
    });
  }

  let actionGroup = -1;
  const verbTokens = new Set(verbs.flatMap((v) => v.tokens));
  const mainVerb = verbs.find((v) => !SPEECH_VERBS.has(v.lemma)) ?? verbs[0];
  if (mainVerb && actions.length) {
    const lemma = actions[verbs.indexOf(mainVerb)] ?? mainVerb.lemma;
    const alts = new Map<string, number>();
    for (const t of mainVerb.tokens) {
      if (AUXILIARIES.has(t) || STOP_WORDS.has(t)) continue;
      for (const a of alternativesFor(index, t)) alts.set(a.term, a.weight);
    }
    for (const s of verbFormStems(lemma)) if (!alts.has(s)) alts.set(s, 0.95);
    if (alts.size) {
      actionGroup = groups.length;
      groups.push({
        word: mainVerb.tokens.filter((t) => !AUXILIARIES.has(t)).join(" ") || lemma,
        alts: [...alts].map(([term, weight]) => ({ term, weight })),
        // Speech verbs are everywhere in news; they say little about which sentence answers.
        boost: SPEECH_VERBS.has(lemma) ? 0.3 : 1.5,
        required: false,
      });
      for (const t of mainVerb.tokens) consumed.add(tokens.indexOf(t));
    }
  }

  tokens.forEach((token, i) => {
    if (consumed.has(i) || coveredTokens.has(token) || entityTokens.has(token)) return;
    if (STOP_WORDS.has(token) || AUXILIARIES.has(token)) return;
    if (verbTokens.has(token) && SPEECH_VERBS.has(stem(token))) return;
    const isNumber = /^\d/.test(token);
    const alts = alternativesFor(index, token);
    const verbWord = verbTokens.has(token);
    // A word no article holds, even with a typo allowed (`Atlantis`, `iPhone`), is what the
    // question is about and the articles do not know it: no sentence can answer. Verbs are spared,
    // since news paraphrases actions (`fled` asked, `left` written).
    const unknown = !verbWord && alts.every((a) => index.documentFrequency(a.term) === 0);
    groups.push({
      word: token,
      alts,
      boost: verbWord ? 1.2 : 1,
      required: isNumber || unknown,
    });
  });

  return {
    text,
    type,
    expects,
    actions: mainVerb
      ? [
          actions[verbs.indexOf(mainVerb)] ?? mainVerb.lemma,
          ...actions.filter((_, i) => verbs[i] !== mainVerb),
        ]
      : actions,
    aboutSpeech,
    entities,
    groups,
    actionGroup,
    tokens,
  };
}

/** The entity type a `which …` or `who …` answer should have, if the question says. */
export function expectedEntityTypes(expects: Expectation): EntityType[] {
  switch (expects) {
    case "person":
      return ["person"];
    case "actor":
      return ["person", "organisation", "place"];
    case "place":
      return ["place"];
    case "organisation":
      return ["organisation"];
    default:
      return ["person", "organisation", "place"];
  }
}
