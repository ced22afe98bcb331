/**
 * compromise, set up once for the whole process, and the one pass over an article's text that
 * every later step reads: tokens with their part-of-speech tags and offsets into the text. Parsing is the costly part of the analysis, so it runs once per article.
 */
import nlp from "compromise";
import datesPlugin from "compromise-dates";
import { type BulkMatch, compromiseBulkMatch, fastBulkMatch, parseTags } from "./match-sweep.ts";

export { compromiseBulkMatch };

// The dates plugin tags date phrases (`the end of the year`, `Friday`) as #Date, which keeps them
// out of noun phrases read as actors and objects. Loaded once, at import.
nlp.plugin(datesPlugin);

/** One word as compromise read it, with offsets into the analysed text. */
export interface Token {
  /** Index in the article's token list. */
  i: number;
  text: string;
  /** Lower-case normal form (`mr`, `pashinyan's`). */
  normal: string;
  tags: ReadonlySet<string>;
  start: number;
  end: number;
  /** Punctuation and space before and after the word (`"`, `, `). */
  pre: string;
  post: string;
  /** Index of the compromise sentence this token belongs to. */
  nlpSentence: number;
}

/** A sentence as compromise split it, as a span of the text. */
export interface RawSentence {
  start: number;
  end: number;
  tokens: Token[];
}

/** A term as compromise holds it inside a parsed document (the fields read here). */
interface CompromiseTerm {
  text: string;
  normal?: string;
  pre: string;
  post: string;
  tags: Set<string>;
  offset: { start: number; length: number };
}

/** The result of {@link parseText}; shared between callers, so never mutate it. */
export type ParsedText = { readonly sentences: RawSentence[]; readonly tokens: Token[] };

// The analysis of an article (extract.ts) and its attribution (quotations) both parse the same
// normalised text, one right after the other; compromise's parse is most of an article's ingest
// cost, so the last text's parse is kept and reused.
let lastParse: { text: string; parsed: ParsedText } | null = null;

/** Parses a text once: sentences and tokens with tags and offsets. */
export function parseText(text: string): ParsedText {
  if (lastParse?.text === text) return lastParse.parsed;
  const parsed = parseTextUncached(text);
  lastParse = { text, parsed };
  return parsed;
}

interface World {
  model: unknown;
  methods: {
    one: { bulkMatch: BulkMatch };
    two: { transform: { verb: VerbMethods } };
  };
}

const world = nlp.world() as unknown as World;

// The faster sweep of the match nets (match-sweep.ts) for every parse in this thread: the same
// tags, found without testing every hook key against every sentence.
world.methods.one.bulkMatch = fastBulkMatch;

/**
 * compromise's parse without its chunker ({@link parseTags}): the same tags, for reading tags only.
 * The article parse and the one-name tag lookups of attribution use it; nlp() itself keeps every
 * step, since compromise's verb API reads the chunks.
 */
export function tagText(text: string): ReturnType<typeof nlp> {
  return parseTags(text);
}

function parseTextUncached(text: string): ParsedText {
  const doc = tagText(text);
  doc.compute("offset");
  // Read the terms directly, not through doc.json(), which copies every term and its tags.
  const document = (doc as unknown as { document: CompromiseTerm[][] }).document;
  const tokens: Token[] = [];
  const sentences: RawSentence[] = [];
  document.forEach((terms, si) => {
    const own: Token[] = [];
    let written = "";
    for (const t of terms) {
      const token: Token = {
        i: tokens.length,
        text: t.text,
        normal: t.normal ?? t.text.toLowerCase(),
        // The parsed document is dropped after this pass, so its tag sets can be kept as they are.
        tags: t.tags,
        start: t.offset.start,
        end: t.offset.start + t.offset.length,
        pre: t.pre,
        post: t.post,
        nlpSentence: si,
      };
      tokens.push(token);
      own.push(token);
      written += (t.pre || "") + (t.text || t.normal || "") + (t.post || "");
    }
    // As compromise's json() measures a sentence: from its first word, its written text trimmed.
    const start = terms[0]!.offset.start;
    sentences.push({ start, end: start + written.trim().length, tokens: own });
  });
  return { sentences, tokens };
}

interface VerbMethods {
  toInfinitive(word: string, model: unknown, tense?: string): string;
}

const lemmaCache = new Map<string, string>();

/** The infinitive of a verb form, using compromise's conjugation model (`laid` → `lay`). */
export function verbLemma(token: Token): string {
  const word = token.normal.replace(/[^a-z'-]/g, "");
  const tense = token.tags.has("Participle")
    ? "Participle"
    : token.tags.has("PastTense")
      ? "PastTense"
      : token.tags.has("Gerund")
        ? "Gerund"
        : token.tags.has("PresentTense") && !token.tags.has("Infinitive")
          ? "PresentTense"
          : "";
  const key = `${word}|${tense}`;
  let lemma = lemmaCache.get(key);
  if (lemma === undefined) {
    lemma = tense ? world.methods.two.transform.verb.toInfinitive(word, world.model, tense) : word;
    if (!lemma) lemma = word;
    lemmaCache.set(key, lemma);
  }
  return lemma;
}
