/**
 * One compromise pass per article (through the shared set-up in `../nlp.ts`), read by every step
 * of attribution: which words are verbs, and which runs of words are people. Parsing is the costly
 * part, so it runs once per text; small lookups on single names are memoised.
 */
import { parseText, type Token, tagText } from "../nlp.ts";

/** An article's text, parsed once. */
export interface Tagged {
  tokens: Token[];
  /** Offsets of the words read as verbs. */
  verbStarts: Set<number>;
  /** Runs of words tagged as a person (`Charles Michel`), as written. */
  people: string[];
}

/** Texts parsed recently: attribution works on one article at a time, so a handful is plenty. */
const RECENT = new Map<string, Tagged>();
const MAX_RECENT = 4;

/** The parse of a text (memoised for the article being worked on). */
export function tagged(text: string): Tagged {
  const hit = RECENT.get(text);
  if (hit) return hit;
  const { tokens } = parseText(text);
  const verbStarts = new Set(tokens.filter((t) => t.tags.has("Verb")).map((t) => t.start));
  const people: string[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length) people.push(text.slice(run[0]!.start, run[run.length - 1]!.end));
    run = [];
  };
  for (const t of tokens) {
    const joined = run.length > 0 && /^\s*$/u.test(run[run.length - 1]!.post);
    if (t.tags.has("Person") && (run.length === 0 || joined)) run.push(t);
    else {
      flush();
      if (t.tags.has("Person")) run.push(t);
    }
  }
  flush();
  const result = { tokens, verbStarts, people };
  if (RECENT.size >= MAX_RECENT) RECENT.delete(RECENT.keys().next().value!);
  RECENT.set(text, result);
  return result;
}

/** Offsets of the verbs in `[from, to)` of a text. */
export function verbsBetween(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (const t of tagged(text).tokens) {
    if (t.start >= to) break;
    if (t.start >= from && t.tags.has("Verb")) out.push(t.start);
  }
  return out;
}

const TAG_CACHE = new Map<string, boolean>();
const MAX_TAG_CACHE = 5000;

/** Whether compromise tags a short phrase (a name) with a tag; memoised. */
export function phraseHas(words: string, tag: string): boolean {
  const key = `${tag}\u0000${words}`;
  let v = TAG_CACHE.get(key);
  if (v === undefined) {
    v = tagText(words).has(`#${tag}`);
    if (TAG_CACHE.size >= MAX_TAG_CACHE) TAG_CACHE.clear();
    TAG_CACHE.set(key, v);
  }
  return v;
}

/** The tags compromise gives the word starting at `pos` of a text (empty when no word starts there). */
export function tagsAt(text: string, pos: number): ReadonlySet<string> {
  return tagged(text).tokens.find((t) => t.start === pos)?.tags ?? new Set();
}
