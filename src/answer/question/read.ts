/**
 * Question reading: what kind of answer is asked for (who, when, how many, which-X with its head
 * noun …), the words to retrieve with (stemmed as the index stems them, typos corrected only when a
 * word is neither in the articles nor English), and the question's own words, which an answer must
 * not merely repeat. The kind of a which-X question comes from WordNet (`golfer` is a person).
 */
import nlp from "compromise";
import {
  isEnglishWord,
  nounKinds,
  nounSynonyms,
  pertainymsOf,
  verbSynonyms,
} from "../../knowledge/wordnet.ts";
import type { QueryTerm, Retriever } from "../retrieve/passages.ts";
import { editDistance, processTerm, STOP_WORDS, tokenize } from "../terms.ts";
import { Tuning } from "../tuning.ts";

/** What the answer must be. */
export type AnswerKind =
  | "person"
  | "organisation"
  | "place"
  | "date"
  | "count"
  | "money"
  | "percent"
  | "amount"
  | "duration"
  | "age"
  | "reason"
  | "thing"
  | "yesno";

/** A question, read. */
export interface ReadQuestion {
  text: string;
  kind: AnswerKind;
  /** Every kind the question may ask for: a head noun's senses can name several (`country`: a nation, a territory). `kind` is the first. */
  kinds: AnswerKind[];
  /** The wh-word (typo corrected), or null (`… of this country resigned`). */
  wh: string | null;
  /** The noun a which-X / what-X / this-X question names (`company`), or null. */
  head: string | null;
  /** The noun a how-many question counts (`how many Christmas trees` → tree), or null. */
  counted: string | null;
  /** WordNet's lexicographer files of the head (`noun.group`). */
  headKinds: string[];
  /** Whether the wh-phrase is the subject of the asked verb (`who released`) or its object (`what did X find`). */
  asksFor: "actor" | "object" | null;
  /** Folded content words of the whole question, in order. */
  words: string[];
  /** Index terms of the question (stems), for telling an answer from a repeat of the question. */
  stems: Set<string>;
  /** The stems of the question's own verbs, in every form (`find`, `found`): where its answer sits beside them. */
  verbStems: Set<string>;
  /** Whether it asks who a named one is (`Who is Richard Parsons?`): every word after the copula is a name. */
  asksIdentity: boolean;
  /** The folded words of the names the question gives (`holmes`, `theranos`): what story it is about. */
  names: Set<string>;
  /** Weighted terms for retrieval. */
  query: QueryTerm[];
}

const WH = ["who", "whom", "whose", "when", "where", "what", "which", "why", "how"];
/** The wh-words that stand for the asked verb's doer or object. */
const ARGUMENT_WH = new Set(["who", "whom", "what", "which"]);
/** Auxiliaries that open a yes/no question. */
const YES_NO_OPENERS = new Set([
  "is",
  "are",
  "was",
  "were",
  "did",
  "does",
  "do",
  "has",
  "have",
  "had",
  "can",
  "will",
  "could",
  "would",
  "should",
]);
/**
 * Nouns that only classify the noun after them (`which type of infrastructure`): the head is the
 * noun after `of`.
 */
const CLASSIFIERS = new Set([
  "type",
  "kind",
  "sort",
  "form",
  "variety",
  "brand",
  "category",
  "group",
  "piece",
  "pair",
  "name",
]);
/** How-X questions whose X says the kind of answer. */
const HOW_KINDS: Record<string, AnswerKind> = {
  many: "count",
  much: "amount",
  old: "age",
  long: "duration",
  often: "thing",
  far: "amount",
  high: "amount",
  big: "amount",
  large: "amount",
  tall: "amount",
  fast: "amount",
  deep: "amount",
};
/** Kinds of answer a head noun's lexicographer file stands for. */
const KIND_OF_LEXNAME: Record<string, AnswerKind> = {
  "noun.person": "person",
  "noun.location": "place",
  "noun.group": "organisation",
  "noun.time": "date",
  "noun.quantity": "amount",
};
/** Heads that ask for a share, not a count. */
const PERCENT_HEADS = new Set(["percentage", "percent", "proportion", "share", "rate"]);

/** Splits off the sentence that asks: quiz questions give a sentence of context first. */
function askingSentence(text: string): string {
  const parts = text.split(/(?<=[.?!])\s+(?=[\p{Lu}"“‘'])/u).filter((p) => p.trim());
  const asks = (p: string) => p.includes("?") || new RegExp(`\\b(${WH.join("|")})\\b`, "i").test(p);
  return [...parts].reverse().find(asks) ?? parts[parts.length - 1] ?? text;
}

/** A typed wh-word with a typo (`wen`, `wher`) at the start of a question. */
function whOf(token: string, first: boolean): string | null {
  if (WH.includes(token)) return token;
  if (!first || token.length < 3) return null;
  // A dropped last letter (`wher`) is the commonest slip: a prefix wins over another word one edit away (`when`).
  return (
    WH.find((w) => w.length > 3 && w.startsWith(token)) ??
    WH.find((w) => w.length > 3 && editDistance(token, w, 1) <= 1) ??
    null
  );
}

/**
 * Whether a word tagged as a plain verb inside a wh-phrase is a noun: a word WordNet knows as a
 * noun, followed (after nouns only) by a verb. Two verbs cannot follow each other there, so the
 * first is the phrase's noun (`which US state has` — compromise reads `state` as the verb).
 */
function verbTaggedNoun(terms: { text: string; tags: Set<string> }[], at: number): boolean {
  const t = terms[at]!;
  if (!t.tags.has("Verb") || !(t.tags.has("Infinitive") || t.tags.has("PresentTense"))) return false;
  if (t.tags.has("Auxiliary") || t.tags.has("Copula") || t.tags.has("Modal")) return false;
  if (nounKinds(t.text.toLowerCase(), 1).length === 0) return false;
  let i = at + 1;
  while (terms[i]?.tags.has("Noun") && !terms[i]!.tags.has("Pronoun")) i++;
  return terms[i]?.tags.has("Verb") ?? false;
}

/** The noun a wh-word or `this` governs: the last noun of the noun run after it (`car company` → company). */
function headAfter(
  terms: { text: string; tags: Set<string> }[],
  from: number,
): { head: string | null; next: number } {
  let i = from;
  while (i < terms.length && terms[i]!.text.toLowerCase() === "the") i++;
  let head: string | null = null;
  let end = i;
  while (end < terms.length) {
    const t = terms[end]!;
    const isNoun = (t.tags.has("Noun") && !t.tags.has("Pronoun")) || verbTaggedNoun(terms, end);
    const modifier =
      t.tags.has("Adjective") || t.tags.has("Value") || t.tags.has("Adverb") || t.tags.has("Hyphenated");
    if (isNoun) head = t.text.toLowerCase().replace(/[’']s$/, "");
    else if (!(modifier && head === null)) break;
    end++;
    // `which state's governor` asks for the state: a possessive ends the head.
    if (isNoun && /[’']s$/.test(t.text)) break;
  }
  if (head && CLASSIFIERS.has(singular(head)) && terms[end]?.text.toLowerCase() === "of") {
    const inner = headAfter(terms, end + 1);
    if (inner.head) return inner;
  }
  return { head, next: end };
}

function singular(noun: string): string {
  return nlp(noun).nouns().toSingular().text() || noun;
}

/**
 * The role of the wh-phrase, from the word after it: a verb of its own makes it the subject
 * (`who released`), an auxiliary then a noun makes it the object (`what did the rover find`).
 */
function roleAsked(terms: { text: string; tags: Set<string> }[], at: number): "actor" | "object" | null {
  const next = terms[at];
  if (!next) return null;
  if (next.tags.has("Auxiliary") || YES_NO_OPENERS.has(next.text.toLowerCase())) {
    const after = terms[at + 1];
    return after && !after.tags.has("Verb") ? "object" : null;
  }
  return next.tags.has("Verb") ? "actor" : null;
}

/**
 * The kinds a head noun asks for, one per sense, most frequent sense first: a sense of no answer
 * kind asks for a thing (`ocean`, a body of water first, a great quantity second, asks for a thing
 * or an amount, not an amount alone).
 */
function kindsOfHead(head: string, lexnames: string[]): AnswerKind[] {
  if (PERCENT_HEADS.has(head)) return ["percent"];
  const kinds = [...new Set(lexnames.map((k) => KIND_OF_LEXNAME[k] ?? "thing"))];
  return kinds.length ? kinds : ["thing"];
}

/** Reads a question against the articles' vocabulary. */
export function readQuestion(typed: string, retriever: Retriever, asked?: AnswerKind): ReadQuestion {
  // Chat mentions (`<@123>`, `@everyone`) are addressed to people, not part of the question.
  const text = typed
    .replace(/<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const ask = askingSentence(text);
  const doc = nlp(ask);
  const terms: { text: string; tags: Set<string> }[] = doc.docs.flat().map((t) => ({
    text: t.text,
    tags: t.tags as Set<string>,
  }));
  let wh: string | null = null;
  let whAt = -1;
  terms.forEach((t, i) => {
    if (wh) return;
    const found = whOf(t.text.toLowerCase(), i === 0);
    if (found) {
      wh = found;
      whAt = i;
    }
  });
  let head: string | null = null;
  let kind: AnswerKind = "thing";
  let kinds: AnswerKind[] | null = null;
  const next = (i: number) => terms[i]?.text.toLowerCase() ?? "";
  if (wh === "who" || wh === "whom" || wh === "whose") kind = "person";
  else if (wh === "when") kind = "date";
  else if (wh === "where") kind = "place";
  else if (wh === "why") kind = "reason";
  else if (wh === "how") kind = HOW_KINDS[next(whAt + 1)] ?? "thing";
  else if (wh === "what" || wh === "which") {
    head = headAfter(terms, whAt + 1).head;
    // `What is the name of the variant…`, `What was the focus of…`: the answer is the noun the copula names.
    if (!head && terms[whAt + 1]?.tags.has("Copula") && /^(the|a|an)$/i.test(terms[whAt + 2]?.text ?? ""))
      head = headAfter(terms, whAt + 2).head;
  } else {
    const at = terms.findIndex((t) => /^(this|these)$/i.test(t.text));
    if (at >= 0) head = headAfter(terms, at + 1).head;
    if (!head && YES_NO_OPENERS.has(next(0))) kind = "yesno";
  }
  const countedHead = wh === "how" && next(whAt + 1) === "many" ? headAfter(terms, whAt + 2).head : null;
  // Only a wh-word that stands for an argument (who, what, which) asks for the doer or the object;
  // why, when, where and how ask for an adjunct (`why did Azerbaijan refuse` asks for no object).
  const asksFor =
    whAt >= 0 && ARGUMENT_WH.has(wh ?? "")
      ? roleAsked(terms, wh === "what" || wh === "which" ? headAfter(terms, whAt + 1).next : whAt + 1)
      : null;
  const headKinds = head ? nounKinds(singular(head)) : [];
  if (head) {
    kinds = kindsOfHead(singular(head), headKinds);
    kind = kinds[0]!;
  }
  if (kind === "amount" && /\b(per ?cent|percentage)\b/i.test(ask)) kind = "percent";
  if (asked) kind = asked;
  if (!kinds || kinds[0] !== kind) kinds = [kind];

  const words = tokenize(text).filter(
    (w) => !STOP_WORDS.has(w) && !WH.includes(w) && whOf(w, false) === null,
  );
  // A verb is asked in one form and written in another (`say` / `said`, `flee` / `fled`): its forms, by compromise's conjugation, are its words too.
  const verbs = new Set(
    terms.filter((t) => t.tags.has("Verb") && !t.tags.has("Auxiliary")).map((t) => t.text.toLowerCase()),
  );
  const forms = new Map(words.filter((w) => verbs.has(w)).map((w) => [w, verbForms(w)]));
  // The asking sentence is most often the whole question: its parse serves for the names too.
  const names = namesOf(ask === text ? doc : nlp(text));
  // A place is asked as a noun and written as its adjective, or the other way (`Azerbaijan` /
  // `Azerbaijani President`, `French` / `France`): WordNet's pertainyms of the names are their words too.
  for (const w of words) {
    if (!names.has(w) || forms.has(w)) continue;
    const related = pertainymsOf(w).filter((p) => !p.includes(" ") && !p.includes("-"));
    if (related.length) forms.set(w, related);
  }
  const stems = new Set(
    [...words, ...[...forms.values()].flat()]
      .map((w) => processTerm(w))
      .filter((t): t is string => t !== null),
  );
  const verbStems = new Set(
    [...forms.entries()]
      .filter(([w]) => verbs.has(w))
      .flatMap(([w, f]) => [w, ...f])
      .map((w) => processTerm(w))
      .filter((t): t is string => t !== null),
  );
  // `who is X`, or `who X` as the typed /who command asks it, where X is only names (a person or a title).
  const identity = /^(?:who|what)(?:\s+(?:is|was|are|were)|['’]s)?\s+(.+?)\??$/i.exec(ask.trim());
  const asksIdentity =
    identity !== null &&
    tokenize(identity[1]!).every((w) => names.has(w) || STOP_WORDS.has(w)) &&
    names.size > 0;
  // A question words what the article says in other words (`talks` / `negotiations`): each content
  // word's first-sense WordNet synonyms are weaker alternatives to it.
  const synonyms = new Map<string, string[]>();
  for (const w of words) {
    if (names.has(w) || /\d/.test(w)) continue;
    const found = (verbs.has(w) ? verbSynonyms(w) : nounSynonyms(w)).filter(
      (x) => !x.includes(" ") && x !== w,
    );
    if (found.length) synonyms.set(w, found);
  }
  const query = queryOf(words, head, retriever, forms, synonyms).map((q) => ({
    ...q,
    name: names.has(q.word),
  }));
  return {
    text,
    kind,
    kinds,
    wh,
    head,
    counted: countedHead ? singular(countedHead) : null,
    headKinds,
    asksFor,
    words,
    stems,
    verbStems,
    asksIdentity,
    names,
    query,
  };
}

/** Proper nouns and acronyms by compromise's tags, as folded words (a name's own words, not its wh-words). */
function namesOf(doc: ReturnType<typeof nlp>): Set<string> {
  const names = new Set<string>();
  for (const t of doc.docs.flat()) {
    const tags = t.tags as Set<string>;
    if (!tags.has("ProperNoun") && !tags.has("Acronym")) continue;
    for (const w of tokenize(t.text)) if (!STOP_WORDS.has(w) && !WH.includes(w)) names.add(w);
  }
  return names;
}

/** Retrieval terms: each word's stem, or, for a word neither in the articles nor English, its nearest spellings there. */
function queryOf(
  words: readonly string[],
  head: string | null,
  retriever: Retriever,
  forms: ReadonlyMap<string, readonly string[]>,
  synonyms: ReadonlyMap<string, readonly string[]> = new Map(),
): QueryTerm[] {
  const out: QueryTerm[] = [];
  const seen = new Set<string>();
  const headStem = head ? processTerm(head) : null;
  for (const word of words) {
    const term = processTerm(word);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    // The head noun names the kind of answer (`which country`), which the answer's sentence rarely repeats.
    const weight = term === headStem ? Tuning.headWeight : 1;
    for (const form of forms.get(word) ?? []) {
      const t = processTerm(form);
      if (t && !seen.has(t)) {
        seen.add(t);
        out.push({ term: t, weight, word });
      }
    }
    for (const synonym of synonyms.get(word) ?? []) {
      const t = processTerm(synonym);
      if (t && !seen.has(t) && retriever.has(t)) {
        seen.add(t);
        out.push({ term: t, weight: weight * Tuning.synonymWeight, word, synonym: true });
      }
    }
    if (retriever.has(term) || /\d/.test(word) || isEnglishWord(word)) {
      out.push({ term, weight, word });
      continue;
    }
    const typos = nearestSpellings(term, retriever);
    if (typos.length === 0) out.push({ term, weight, word });
    for (const t of typos) out.push({ term: t, weight: weight * Tuning.typoWeight, word });
  }
  return out;
}

const conjugated = new Map<string, string[]>();

/** A verb's other forms (`said`, `says`, `saying` for `say`), cached. */
function verbForms(verb: string): string[] {
  let forms = conjugated.get(verb);
  if (!forms) {
    const c = (nlp(verb).verbs().conjugate()[0] ?? {}) as Record<string, string>;
    forms = [c.Infinitive, c.PastTense, c.PresentTense, c.Gerund].filter(
      (f): f is string => typeof f === "string" && !f.includes(" ") && f !== verb,
    );
    if (conjugated.size > 5000) conjugated.clear();
    conjugated.set(verb, forms);
  }
  return forms;
}

/** The articles' spellings nearest a word they do not hold (the typo dictionary's closest, at most three). */
function nearestSpellings(term: string, retriever: Retriever): string[] {
  return retriever.nearest(term).slice(0, 3);
}
