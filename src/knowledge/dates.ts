/**
 * Date expressions resolved with chrono-node against the article's publication date.
 *
 * News speaks of the past unless the text says otherwise: a month or day without a year that would
 * fall after publication is moved back a year (`in May` in a December article is last May), unless
 * the sentence speaks of the future; a bare weekday is the latest such day on or before publication
 * unless a word of the future comes before it. With no publication date only absolute dates are kept (a full
 * date, a month with its year, a bare year); relative ones (`on Friday`, `last year`) stay
 * unresolved rather than invented.
 */
import * as chrono from "chrono-node";
import type { ResolvedDate } from "./schema.ts";

/** A date expression found in a sentence, with its span in the article text. */
export interface DateMention {
  start: number;
  end: number;
  date: ResolvedDate;
}

/** What to resolve against. */
export interface DateContext {
  /** Publication date, ISO; null when unknown. */
  published: string | null;
  /** The sentence speaks of the future (`will`, `next`): no past bias. */
  future: boolean;
  /**
   * Where in the sentence (an offset) the first word of the future stands. A bare weekday looks
   * ahead only after it (`will speak on Sunday`); `said on Sunday the road will reopen` is the
   * Sunday before publication. Unknown (undefined): the whole sentence speaks of the future.
   */
  futureAt?: number;
}

const YEAR_WORDS = /^(19|20)\d{2}$/;

// chrono knows calendar phrases; these add the bare year after a preposition (`in 2020`,
// `For 2005,`) and the year spoken of as a span (`by the end of the year`), which chrono leaves out.
const parser = chrono.casual.clone();
// Spans counted from the reference instant (`after a week`, `within 3 days`, `in a week`): news
// counts those from the event it tells of (findRelativeSpans), not from publication, where chrono
// read `on Sunday after a week of talks` as a week after the article was written.
const COUNTED_SPANS = new Set([
  "ENTimeUnitLaterFormatParser",
  "ENTimeUnitWithinFormatParser",
  "ENTimeUnitCasualRelativeFormatParser",
]);
parser.parsers = parser.parsers.filter((p) => !COUNTED_SPANS.has(p.constructor.name));
parser.parsers.push(
  {
    pattern: () =>
      /\b(?:in|since|by|for|until|till|from|during|before|after|of)\s+((?:19|20)\d{2})\b(?!['’]?s\b|\s*[-–%]|[.,]\d)/i,
    extract: (context, match) =>
      context
        .createParsingComponents({ year: Number(match[1]) })
        .imply("month", 1)
        .imply("day", 1),
  },
  {
    pattern: () =>
      /\b(?:(?:by|at|before|until|towards?)\s+)?the\s+(?:end|start|beginning|middle|rest)\s+of\s+(?:the|this)\s+year\b/i,
    extract: (context) =>
      context
        .createParsingComponents({ year: context.refDate.getFullYear() })
        .imply("month", 1)
        .imply("day", 1),
  },
);

const RELATIVE_WORDS =
  /\b(last|next|this|ago|yesterday|today|tonight|tomorrow|later|earlier|previous|following|coming|past|end|start|beginning|middle|rest|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
// `the past two months`, `for three decades`: durations, not dates.
const DURATION =
  /\b(past|last|next|coming|previous|recent)\s+(?:\w+\s+)?(days|weeks|months|years|decades)\b/i;
// A date names the calendar: a month, a weekday, a year, or a day relative to publication.
// chrono also reads `now` and `in 14 minutes 32.93 seconds` (a race time) as instants: not dates.
const CALENDAR_WORDS =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(19|20)\d{2}\b|day\b|\b(yesterday|today|tonight|tomorrow|week|month|year|ago)\b/i;
const CLOCK_WORDS = /\b(minutes?|seconds?|hours?|mins?|secs?|[ap]\.?m\.?|noon|midnight|o'clock)\b|\d:\d/i;
const PREPOSITION_BEFORE = /\b(on|in|by|since|until|till|from|at|during|before|after|of)\s+$/i;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Whether words chrono read as a date name the calendar (a month, a weekday, a year, a day relative
 * to publication) rather than an instant (`now`), a duration (`the past two months`) or a clock time.
 */
export function namesCalendar(text: string): boolean {
  return CALENDAR_WORDS.test(text) && !DURATION.test(text) && !CLOCK_WORDS.test(text);
}

/**
 * Whether a text holds a calendar word at all: what every date chrono reads that
 * {@link namesCalendar} accepts holds, so a text without one needs no chrono parse (most sentences:
 * 54,000 of the 93,000 different sentences at 10,000 articles).
 */
export function mayNameCalendar(text: string): boolean {
  return CALENDAR_WORDS.test(text);
}

/** Whether a date is placed relative to when it was written (`last October`, `next week`, `on Friday`). */
export function isRelativeDate(text: string): boolean {
  return RELATIVE_WORDS.test(text);
}

/** Finds and resolves the date expressions of one sentence. */
export function findDates(sentenceText: string, sentenceStart: number, context: DateContext): DateMention[] {
  // chrono is the costlier step: a sentence with no calendar word cannot hold a date.
  if (!mayNameCalendar(sentenceText)) return [];
  const ref = context.published ? parseIso(context.published) : null;
  const results = parser.parse(
    sentenceText,
    ref ? { instant: ref, timezone: 0 } : new Date(Date.UTC(2000, 0, 1)),
  );
  const out: DateMention[] = [];
  for (const r of results) {
    const text = r.text.replace(/[\s,.;:]+$/, "");
    if (DURATION.test(text) || !CALENDAR_WORDS.test(text) || CLOCK_WORDS.test(text)) continue;
    const c = r.start;
    const relative = RELATIVE_WORDS.test(text);
    const precise: ResolvedDate["precision"] | null = c.isCertain("day")
      ? "day"
      : c.isCertain("month")
        ? "month"
        : c.isCertain("year")
          ? "year"
          : c.isCertain("weekday")
            ? "day"
            : null;
    if (!precise) continue;
    let year = c.get("year") ?? 0;
    let month = c.get("month") ?? 1;
    let day = c.get("day") ?? 1;
    if (!ref) {
      // Without a publication date only what the text fixes on its own is kept.
      if (relative || !c.isCertain("year")) continue;
    } else if (c.isCertain("weekday") && !c.isCertain("day")) {
      // A weekday alone: the latest such day up to publication (or the next one, in the future).
      const weekday = c.get("weekday") ?? 0;
      const refDay = ref.getUTCDay();
      const ahead = context.future && (context.futureAt ?? 0) <= r.index;
      const shift = ahead ? (weekday - refDay + 7) % 7 || 7 : -((refDay - weekday + 7) % 7);
      const d = new Date(ref.getTime() + shift * 86_400_000);
      year = d.getUTCFullYear();
      month = d.getUTCMonth() + 1;
      day = d.getUTCDate();
    } else if (!c.isCertain("year") && !relative) {
      const candidate = Date.UTC(year, month - 1, precise === "day" ? day : 1);
      const refStart = Date.UTC(
        ref.getUTCFullYear(),
        ref.getUTCMonth(),
        precise === "day" ? ref.getUTCDate() : 1,
      );
      if (!context.future && candidate > refStart + (precise === "day" ? 86_400_000 : 0)) year -= 1;
      if (context.future && candidate < refStart) year += 1;
    }
    const value =
      precise === "day"
        ? `${year}-${pad(month)}-${pad(day)}`
        : precise === "month"
          ? `${year}-${pad(month)}`
          : `${year}`;
    let start = r.index;
    const before = sentenceText.slice(Math.max(0, start - 8), start);
    const prep = PREPOSITION_BEFORE.exec(before);
    if (prep) start -= before.length - prep.index;
    out.push({
      start: sentenceStart + start,
      end: sentenceStart + r.index + text.length,
      date: { text: sentenceText.slice(start, r.index + text.length), value, precision: precise },
    });
  }
  return out;
}

// `after just a day of fighting`, `two days later`, `the next day`: a span counted from a date
// already given in the same sentence.
const AFTER_SPAN =
  /\b(?:after|within)\s+(?:just\s+|only\s+|barely\s+)?(a|an|one|two|three|four|five|six|seven|\d+)\s+(day|week)s?\b|\b(a|one|two|three|four|five|six|seven|\d+)\s+(day|week)s?\s+later\b|\bthe\s+(?:next|following)\s+(day|week)\b/gi;
const SMALL_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
};

/** Dates counted from an earlier day-precise date of the same sentence (`after a day of fighting`). */
export function findRelativeSpans(
  sentenceText: string,
  sentenceStart: number,
  anchors: DateMention[],
): DateMention[] {
  const out: DateMention[] = [];
  for (const m of sentenceText.matchAll(AFTER_SPAN)) {
    const at = sentenceStart + (m.index ?? 0);
    const anchor = [...anchors].reverse().find((a) => a.end <= at && a.date.precision === "day");
    if (!anchor) continue;
    // `approved the sale on Sunday after a week of talks`: a span right after its day tells what
    // led up to that day, not a day after it.
    if (/^\s*$/.test(sentenceText.slice(anchor.end - sentenceStart, at - sentenceStart))) continue;
    const countWord = (m[1] ?? m[3] ?? "a").toLowerCase();
    const count = SMALL_NUMBERS[countWord] ?? Number(countWord);
    const unit = (m[2] ?? m[4] ?? m[5] ?? "day").toLowerCase();
    const days = unit === "week" ? 7 * count : count;
    const base = parseIso(anchor.date.value);
    if (!base || !Number.isFinite(days)) continue;
    const d = new Date(base.getTime() + days * 86_400_000);
    out.push({
      start: at,
      end: at + m[0].length,
      date: {
        text: m[0],
        value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
        precision: "day",
      },
    });
  }
  return out;
}

/** Parses an ISO date or date-time to a UTC instant; null when it is not one. */
export function parseIso(iso: string): Date | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return null;
  if (iso.length > 10) {
    const full = new Date(iso);
    if (!Number.isNaN(full.getTime()))
      return new Date(Date.UTC(full.getUTCFullYear(), full.getUTCMonth(), full.getUTCDate(), 12));
  }
  return new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), 12));
}

/** True for a token that is a plain four-digit year. */
export function isYearWord(word: string): boolean {
  return YEAR_WORDS.test(word);
}
