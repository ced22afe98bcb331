/**
 * Reading an answer of a given type out of one sentence, when the structured facts (events,
 * quotations) do not cover the question: names (entity mentions from the fact base, else
 * compromise, else runs of capitalised words), dates (chrono-node, resolved against the
 * publication date), numbers (compromise) and the clause around the asked-about verb.
 */
import * as chrono from "chrono-node";
import nlp from "compromise";
import { isRelativeDate, mayNameCalendar, namesCalendar } from "../knowledge/dates.ts";
import type { Entity, EntityType } from "../knowledge/schema.ts";
import type { AnswerIndex, SentenceRef } from "./index.ts";
import { execAll, STOP_WORDS, stem, type TokenColumns, tokenColumns, tokenSpans } from "./terms.ts";

/** A name found in a sentence. */
export interface NameSpan {
  start: number;
  end: number;
  /** As written, honorifics dropped (`Aliyev` for `Mr. Aliyev`). */
  text: string;
  /** Known type, or null for a capitalised run of unknown kind. */
  type: EntityType | null;
  entity: Entity | null;
}

/** What one sentence offers to answer extraction, computed once and cached. */
export interface SentenceAnalysis {
  /** The sentence's word tokens, folded as {@link tokenSpans} folds them. */
  tokens: string[];
  /** Where each token starts in the sentence, parallel to `tokens`. */
  starts: number[];
  /** Where each token ends in the sentence, parallel to `tokens`. */
  ends: number[];
  /** Token stems, parallel to `tokens`. */
  stems: string[];
  names: NameSpan[];
  /** Character offsets where a clause starts. */
  clauseStarts: number[];
  /** Dates in the sentence, read on first use (chrono-node is the costliest reader). */
  dates?: FoundDate[];
}

/** The dates of a sentence, resolved against its article's publication date (cached with the analysis). */
export function datesOf(index: AnswerIndex, ref: SentenceRef): FoundDate[] {
  const analysis = analyseSentence(index, ref);
  analysis.dates ??= datesIn(ref.sentence.text, ref.article.published);
  return analysis.dates;
}

const HONORIFICS = /^(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Prof|Lord|Lady)\.?\s+)+/;
/** Where a sentence splits into clauses: `;`, `:`, and conjunctions after a comma or `while`. */
const CLAUSE_BREAK =
  /;\s*|:\s+|,\s+(?=(?:and|but|while|whereas|although|though|because|which|who|as|after|before|calling|saying|accusing|causing)\b)|\s+(?=(?:while|whereas)\b)/g;

const CALENDAR_WORDS = new Set(
  "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split(
    " ",
  ),
);

/**
 * Analyses kept: a question reads a few sentences, and reads each again for its dates. Few more
 * than one question's worth, so that what one question analysed is garbage before the next young
 * collection rather than copied and promoted by it (with thousands kept, every collection during
 * questions copied the analyses of the last few hundred, milliseconds each).
 */
const CACHE_LIMIT = 64;
const cache = new Map<string, SentenceAnalysis>();
/** The cache's keys in the order they were added, a ring: the oldest goes without a Map iterator. */
const cacheOrder: string[] = [];
let cacheNext = 0;

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const UPPER = /\p{Lu}/u;
/** What may join two capitalised words into one name: spaces, a hyphen, an abbreviation's full stop. */
const NAME_GAP = /^(?:\s+|-|\.\s+)$/;
const ABBREVIATION = /^(?:Mr|Mrs|Ms|Dr|St)$/;

function capitalisedRuns(text: string, words: TokenColumns): NameSpan[] {
  const { tokens, starts, ends } = words;
  const runs: NameSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = text[starts[i]!]!;
    if (!UPPER.test(first) || STOP_WORDS.has(tokens[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length) {
      const gap = text.slice(ends[j]!, starts[j + 1]!);
      const nextCap = UPPER.test(text[starts[j + 1]!]!);
      if (
        nextCap &&
        NAME_GAP.test(gap) &&
        (gap.trim() !== "." || ABBREVIATION.test(text.slice(starts[j]!, ends[j]!)))
      ) {
        j++;
      } else if (
        gap === " " &&
        tokens[j + 1] === "of" &&
        j + 2 < tokens.length &&
        UPPER.test(text[starts[j + 2]!]!)
      ) {
        j += 2;
      } else break;
    }
    const start = starts[i]!;
    const end = ends[j]!;
    // Days and months are dates, not names (`said on Friday`).
    if (i === j && CALENDAR_WORDS.has(tokens[i]!)) {
      i = j + 1;
      continue;
    }
    runs.push({ start, end, text: text.slice(start, end).replace(HONORIFICS, ""), type: null, entity: null });
    i = j + 1;
  }
  return runs;
}

/** Adds a name unless it is empty or overlaps one already found. */
function addName(names: NameSpan[], span: NameSpan): void {
  if (span.end <= span.start) return;
  for (let i = 0; i < names.length; i++) if (overlaps(names[i]!, span)) return;
  names.push(span);
}

/**
 * Finds `needle` in `text`, else in `lower` (the text lower-cased, made by the caller on first
 * need) case aside.
 */
function locate(text: string, lower: { text: string | null }, needle: string): number {
  if (!needle) return -1;
  const exact = text.indexOf(needle);
  if (exact >= 0) return exact;
  lower.text ??= text.toLowerCase();
  return lower.text.indexOf(needle.toLowerCase());
}

/**
 * Stems of the tokens met lately: most of a sentence's longer words (`said`, `that`, `minister`)
 * were met in the sentences read before it, and stemming one makes a few strings. Cleared when
 * full, so it never holds more than one busy stretch of questions' words.
 */
const STEM_MEMO_LIMIT = 4096;
const stemMemo = new Map<string, string>();

function memoStem(token: string): string {
  // Up to three letters a token is its own stem (and stemming it makes nothing).
  if (token.length <= 3) return stem(token);
  let s = stemMemo.get(token);
  if (s === undefined) {
    s = stem(token);
    if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
    stemMemo.set(token, s);
  }
  return s;
}

/** Analyses a sentence (cached by sentence id). */
export function analyseSentence(index: AnswerIndex, ref: SentenceRef): SentenceAnalysis {
  const key = `${index.generation}:${ref.sentence.id}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const text = ref.sentence.text;
  const words = tokenColumns(text);
  const stems = words.tokens.map(memoStem);
  const names: NameSpan[] = [];
  // A mention is found as written, else by its entity's name or an alias, case aside (the
  // sentence is lower-cased once, for the first that needs it).
  const lower: { text: string | null } = { text: null };
  const mentions = index.mentionsBySentence.get(ref.sentence.id) ?? [];
  for (let m = 0; m < mentions.length; m++) {
    const mention = mentions[m]!;
    const entity = mention.entity;
    let written = mention.text;
    let at = locate(text, lower, written);
    if (at < 0) {
      written = entity.name;
      at = locate(text, lower, written);
    }
    for (let a = 0; at < 0 && a < entity.aliases.length; a++) {
      written = entity.aliases[a]!;
      at = locate(text, lower, written);
    }
    if (at >= 0)
      addName(names, { start: at, end: at + written.length, text: entity.name, type: entity.type, entity });
  }
  if (index.facts.entities.length === 0) {
    // A fact base without extracted entities: ask compromise (milliseconds a sentence, so only here).
    const doc = nlp(text);
    const kinds: [EntityType, unknown[]][] = [
      ["person", doc.people().json({ offset: true }) as unknown[]],
      ["organisation", doc.organizations().json({ offset: true }) as unknown[]],
      ["place", doc.places().json({ offset: true }) as unknown[]],
    ];
    for (const [type, list] of kinds) {
      for (const item of list as { text: string; offset: { start: number; length: number } }[]) {
        const raw = item.text.replace(/[\s,.;:'’]+$/u, "").replace(/['’]s$/u, "");
        const start = item.offset.start;
        addName(names, {
          start,
          end: start + raw.length,
          text: raw.replace(HONORIFICS, ""),
          type,
          entity: null,
        });
      }
    }
  }
  const runs = capitalisedRuns(text, words);
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    // A longer run of capitalised words than compromise saw (`US Secretary of State Antony Blinken`
    // around its `State Antony`) wins, of unknown type; extracted entities always win.
    if (!names.some((n) => overlaps(n, run))) {
      addName(names, run);
      continue;
    }
    const inside = names.filter((n) => overlaps(n, run));
    if (
      inside.every(
        (n) => !n.entity && n.start >= run.start && n.end <= run.end && n.end - n.start < run.end - run.start,
      )
    ) {
      for (const n of inside) names.splice(names.indexOf(n), 1);
      const type = inside.length === 1 && inside[0]!.type === "person" ? "person" : null;
      names.push({ ...run, type });
      continue;
    }
    addName(names, run);
  }
  // In place, by insertion: names are few and mostly in order already, and Array.prototype.sort
  // copies the list each time. Names never overlap, so no two share a start.
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i - 1;
    for (; j >= 0 && names[j]!.start > name.start; j--) names[j + 1] = names[j]!;
    names[j + 1] = name;
  }
  const clauseStarts = [0];
  const breaks = execAll(CLAUSE_BREAK, text);
  for (let b = 0; b < breaks.length; b++) clauseStarts.push(breaks[b]!.index + breaks[b]![0].length);
  const analysis: SentenceAnalysis = {
    tokens: words.tokens,
    starts: words.starts,
    ends: words.ends,
    stems,
    names,
    clauseStarts,
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cacheOrder[cacheNext]!);
  cache.set(key, analysis);
  cacheOrder[cacheNext] = key;
  cacheNext = (cacheNext + 1) % CACHE_LIMIT;
  return analysis;
}

/** The clause `[start, end)` holding an offset. */
export function clauseAt(
  analysis: SentenceAnalysis,
  textLength: number,
  offset: number,
): { start: number; end: number } {
  let start = 0;
  let end = textLength;
  for (const s of analysis.clauseStarts) {
    if (s <= offset) start = s;
    else {
      end = s;
      break;
    }
  }
  return { start, end };
}

/** Token positions where one of the stems occurs (the asked-about verb in its written forms). */
export function findStems(analysis: SentenceAnalysis, stems: ReadonlySet<string>): number[] {
  const out: number[] = [];
  analysis.stems.forEach((s, i) => {
    if (stems.has(s) || stems.has(analysis.tokens[i]!)) out.push(i);
  });
  return out;
}

const AUX_BEFORE = new Set([
  "will",
  "would",
  "has",
  "have",
  "had",
  "was",
  "were",
  "is",
  "are",
  "be",
  "been",
  "not",
  "also",
  "shall",
  "could",
  "can",
  "may",
  "might",
  "did",
  "does",
  "do",
  "to",
]);

/** The verb as written at a token, with the auxiliaries just before it (`will release`). */
export function verbPhrase(
  text: string,
  analysis: SentenceAnalysis,
  at: number,
): { start: number; end: number; text: string } {
  let first = at;
  while (first > 0 && AUX_BEFORE.has(analysis.tokens[first - 1]!)) first--;
  const start = analysis.starts[first]!;
  const end = analysis.ends[at]!;
  return { start, end, text: text.slice(start, end) };
}

/** The words after a verb up to the end of its clause or the next comma (`32 Armenian prisoners of war`). */
export function objectAfter(text: string, analysis: SentenceAnalysis, at: number): string {
  const from = analysis.ends[at]!;
  const clause = clauseAt(analysis, text.length, from);
  let rest = text.slice(from, clause.end);
  const comma = rest.search(/\s*[,;]\s/);
  if (comma >= 0) rest = rest.slice(0, comma);
  return tidy(rest);
}

/** Trims spaces and dangling punctuation (the dirty text's `war ,`). */
export function tidy(text: string): string {
  const joined = text.replace(SPACE_BEFORE_MARK, "$1");
  // Collapsing the spaces copies the whole text even when each space is one plain space already,
  // as in most sentences: only text with a run of spaces or another kind of space is collapsed.
  const spaced = ODD_SPACE.test(joined) ? joined.replace(SPACES, " ") : joined;
  return spaced.trim().replace(EDGE_MARKS, "");
}
const SPACE_BEFORE_MARK = /\s+([,.;:!?])/g;
const SPACES = /\s+/g;
/** A run of two whitespace characters, or one that is not a plain space (a tab, a no-break space). */
const ODD_SPACE = /[^\S ]|\s\s/;
const EDGE_MARKS = /^[,;:.\s]+|[,;:\s.]+$/g;

/** A date found in a sentence, resolved against the publication date. */
export interface FoundDate {
  start: number;
  end: number;
  text: string;
  /** ISO as precise as the text. */
  value: string;
  precision: "day" | "month" | "year";
}

/**
 * Date-like text of the shapes news sentences have: chrono-node compiles and tiers up its patterns
 * on first use, which otherwise costs the first questions up to a few hundred milliseconds.
 */
const WARM_TEXTS = [
  "On December 7 the ministers met, and last Tuesday, 3 March 2021, they spoke again.",
  "The talks, held on 12/05/2022 at 10am, ended two days ago; more are due next week.",
  "Since the 1990s prices rose by 5% to 3,000 in the year to June, officials said on Friday.",
];
/** Counts written the ways news writes them (words, currency, per cent, thousands), for the number reader. */
const WARM_NUMBERS =
  "More than two hundred people paid $1.5bn, about 30 per cent more; one of the firms hired 1,200.";
let warmed = false;

/** Runs the date and number readers once on sample text, so that their one-time costs are paid at start-up. */
export function warmReaders(): void {
  if (warmed) return;
  warmed = true;
  for (const text of WARM_TEXTS) {
    datesIn(text, "2024-01-15");
    datesIn(text, null);
    // The number reader's patterns (Unicode classes, case folded) take milliseconds to compile on
    // first use, which the first question counting from a sentence would otherwise wait for.
    numbersIn(text);
  }
  numbersIn(WARM_NUMBERS);
  for (const value of ["2024-01-15", "2024-01", "2024"]) formatDate(value);
}

const BARE_YEAR = /\b(1[89]\d\d|20\d\d)(s?)\b/g;

/**
 * chrono-node's English reader without the parsers of spans counted from the reference instant
 * (`in a week`, `the day after`, `within 3 days`, `next 2 weeks`): news counts those from the event
 * it tells of, not from the publication date, and chrono read `earlier in the week` as a week after
 * publication, `the day after X` as the day after publication, and `in the year to October` as
 * October of the next year. `two days ago` (ENTimeUnitAgoFormatParser) stays: that one is counted
 * from when the article was written. The parsers left out were also the costliest to compile.
 */
const READER = chrono.casual.clone();
const COUNTED_SPANS = new Set([
  "ENTimeUnitLaterFormatParser",
  "ENTimeUnitWithinFormatParser",
  "ENTimeUnitCasualRelativeFormatParser",
]);
READER.parsers = READER.parsers.filter((parser) => !COUNTED_SPANS.has(parser.constructor.name));

/** The instant relative dates are read from: the publication date (at noon UTC for a day), else now. */
function referenceInstant(published: string | null): Date {
  return published ? new Date(published.length === 10 ? `${published}T12:00:00Z` : published) : new Date();
}

/** Dates written in a sentence (explicit month or year; `now`, `on Friday` alone are too vague). */
export function datesIn(text: string, published: string | null): FoundDate[] {
  const out: FoundDate[] = [];
  // A date kept must name the calendar, and its words are the sentence's: a sentence without a
  // calendar word is not given to chrono (the costliest reader).
  const parsed = mayNameCalendar(text)
    ? READER.parse(text, { instant: referenceInstant(published), timezone: 0 }, { forwardDate: false })
    : [];
  for (const r of parsed) {
    const month = r.start.isCertain("month");
    const year = r.start.isCertain("year");
    if (!month && !year) continue;
    const t0 = r.text.replace(/[\s,.;:]+$/, "");
    // `up until now` is an instant, not a date: read as one it would answer with today's date.
    if (!namesCalendar(t0)) continue;
    if (!published && (!year || isRelativeDate(t0))) {
      // No reference date: `last October`, or a month without a year, cannot be placed; say it as written.
      out.push({
        start: r.index,
        end: r.index + t0.length,
        text: t0,
        value: "",
        precision: r.start.isCertain("day") ? "day" : "month",
      });
      continue;
    }
    const d = r.start.date();
    const y = d.getUTCFullYear();
    const m = String(d.getUTCMonth() + 1).padStart(2, "0");
    const day = String(d.getUTCDate()).padStart(2, "0");
    const precision = r.start.isCertain("day") ? "day" : month ? "month" : "year";
    const value = precision === "day" ? `${y}-${m}-${day}` : precision === "month" ? `${y}-${m}` : `${y}`;
    const t = r.text.replace(/[\s,.;:]+$/, "");
    out.push({ start: r.index, end: r.index + t.length, text: t, value, precision });
  }
  // Bare years (`in 2003`, `the 1990s`), which chrono leaves alone.
  for (const m of execAll(BARE_YEAR, text)) {
    const start = m.index ?? 0;
    if (out.some((d) => start >= d.start && start < d.end)) continue;
    out.push({ start, end: start + m[0].length, text: m[0], value: m[1]!, precision: "year" });
  }
  return out.sort((a, b) => a.start - b.start);
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A month's English name by its number (1 = January), or undefined outside 1–12. */
export function monthName(month: number): string | undefined {
  return MONTHS[month - 1];
}

/** `2023-12-07` → `December 7, 2023`; `2023-09` → `September 2023`. */
export function formatDate(value: string): string {
  const [y, m, d] = value.split("-");
  if (!y) return value;
  if (!m) return y!;
  const month = monthName(Number(m)) ?? m;
  return d ? `${month} ${Number(d)}, ${y}` : `${month} ${y}`;
}

/** A quantity found in a sentence. */
export interface FoundNumber {
  start: number;
  end: number;
  /** The number with the words it counts (`more than 100,000 people`). */
  text: string;
  value: number;
}

const COMPARATORS =
  /(?:more than|fewer than|less than|at least|up to|nearly|almost|about|around|some|over|under|roughly|approximately|an estimated)\s+$/i;
const COUNT_STOP = new Set([
  "to",
  "from",
  "in",
  "on",
  "at",
  "for",
  "and",
  "while",
  "who",
  "which",
  "that",
  "by",
  "with",
  "than",
  "since",
  "after",
  "before",
  "as",
  "into",
  "over",
]);

/** Number words, for counts written out (`two Azerbaijani soldiers`, `tens of thousands`). */
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  dozens: 24,
  hundreds: 200,
  thousand: 1000,
  thousands: 2000,
  million: 1e6,
  millions: 2e6,
  billion: 1e9,
  billions: 2e9,
  tens: 20,
};
const SCALE: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  m: 1e6,
  bn: 1e9,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
};
const NUMBER =
  /(?<![\p{L}\d])(?:[$£€]\s?)?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?(?:%|per cent|percent|bn|m|k|thousand|million|billion|trillion)\b|%)?|\b(?:(?:tens|hundreds|thousands|millions|dozens)\s+of\s+(?:thousands|millions)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|dozens|hundreds|thousand|thousands|million|millions|billion|billions)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*)\b/giu;

function numberValue(written: string): number {
  const digits = /\d+(?:,\d{3})*(?:\.\d+)?/.exec(written);
  if (digits) {
    const base = Number(digits[0].replace(/,/g, ""));
    const scale = /(bn|m|k|thousand|million|billion|trillion)\b/i.exec(
      written.slice(digits.index + digits[0].length),
    );
    return scale ? base * (SCALE[scale[1]!.toLowerCase()] ?? 1) : base;
  }
  let total = 0;
  let current = 0;
  for (const w of written.toLowerCase().split(/[\s-]+/)) {
    const v = NUMBER_WORDS[w];
    if (v === undefined) continue;
    if (v >= 100 && current > 0) current *= v;
    else current += v;
    if (v >= 1000) {
      total += current;
      current = 0;
    }
  }
  return total + current;
}

const ONE = /^one$/i;
const OF_AFTER = /^\s+of\b/;
/** A word after a number, or the punctuation that ends what it counts (never an empty match). */
const COUNTED_WORD = /\s*([\p{L}\p{N}%$£€'’-]+)|\s*([,.;:!?()"“”])/gu;

/**
 * Numbers in a span of a sentence, each with what it counts. Plain patterns over digits and number
 * words: compromise's number parser reads the same but costs milliseconds a sentence. The patterns
 * run with `exec` on themselves, not `matchAll`, whose copy of a regex is compiled again after
 * every full garbage collection (see terms.ts's execAll).
 */
export function numbersIn(text: string, from = 0, to = text.length): FoundNumber[] {
  const out: FoundNumber[] = [];
  const part = text.slice(from, to);
  for (const m of execAll(NUMBER, part)) {
    const numText = m[0];
    // `one` as a pronoun (`one of the…`) counts nothing.
    if (ONE.test(numText) && OF_AFTER.test(part.slice((m.index ?? 0) + numText.length))) continue;
    let start = from + (m.index ?? 0);
    const numEnd = start + numText.length;
    const cmp = COMPARATORS.exec(text.slice(0, start));
    if (cmp) start -= cmp[0].length;
    // What is counted: the next few words, up to punctuation or a preposition (`of` stays: `prisoners of war`).
    const tail = text.slice(numEnd, to);
    const words: string[] = [];
    COUNTED_WORD.lastIndex = 0;
    for (let w = COUNTED_WORD.exec(tail); w !== null; w = COUNTED_WORD.exec(tail)) {
      if (w[2] || words.length >= 5) break;
      const word = w[1]!;
      if (COUNT_STOP.has(word.toLowerCase())) break;
      words.push(word);
    }
    const counted = words.join(" ");
    const phrase = tidy(`${text.slice(start, numEnd)}${counted ? ` ${counted}` : ""}`);
    out.push({ start, end: numEnd, text: phrase, value: numberValue(numText) });
  }
  return out;
}

/** Names of the wanted types in a range, nearest to `anchor` first; unknown-type runs come last. */
export function namesNear(
  analysis: SentenceAnalysis,
  range: { start: number; end: number },
  anchor: number,
  types: readonly EntityType[],
  exclude: (name: NameSpan) => boolean,
): NameSpan[] {
  return analysis.names
    .filter((n) => n.start >= range.start && n.end <= range.end)
    .filter((n) => (n.type === null || types.includes(n.type)) && !exclude(n))
    .sort((a, b) => nameRank(a, anchor) - nameRank(b, anchor));
}

/**
 * Nearest first (`Ethiopia's Tirunesh Dibaba set…`: the name beside the verb, not the one before
 * it); a name after the anchor counts double; a run of unknown type loses a little.
 */
function nameRank(n: NameSpan, anchor: number): number {
  const d = n.end <= anchor ? anchor - n.end : (n.start - anchor) * 2;
  return d + (n.type === null ? 12 : 0);
}
