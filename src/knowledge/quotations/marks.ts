/**
 * Quote marks → quoted spans. Straight quotes are ambiguous, so each mark is classed as opening or
 * closing by what flanks it (the rule Markdown uses for emphasis), and news conventions are honoured:
 * a quotation that runs over several paragraphs opens each paragraph and closes only at its end, and
 * single quotes inside double quotes are nested quotes, not the end of the quotation.
 */
import type { Span } from "../schema.ts";

/** One run of quoted words between a pair of marks (or an open mark and the paragraph's end). */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (or the end of the words when the quote is left open). */
  close: number;
  /** The quoted words: `[start, end)` into the text, marks excluded. */
  start: number;
  end: number;
  /** False when the paragraph ended (or a new quote opened) before a closing mark. */
  closed: boolean;
  paragraph: number;
}

/** Quoted spans that form one quotation: adjacent spans, or a quotation running over paragraphs. */
export interface QuoteGroup {
  spans: QuoteSpan[];
  /** Offset of the first opening mark. */
  open: number;
  /** Offset just after the last closing mark. */
  close: number;
  paragraph: number;
  lastParagraph: number;
}

const DOUBLE_OPEN = new Set(["“", "„", "«"]);
const DOUBLE_CLOSE = new Set(["”", "»"]);
const SINGLE_OPEN = new Set(["‘"]);
const SINGLE_CLOSE = new Set(["’"]);

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** Characters after which a straight mark opens a quote. */
const isOpenContext = (c: string | undefined): boolean => c === undefined || /[\s([{\-–—/:]/u.test(c);
/** Characters before which a straight mark closes a quote. */
const isCloseContext = (c: string | undefined): boolean => c === undefined || /[\s.,;:!?)\]}\-–—…]/u.test(c);

type Role = "open" | "close" | "either";

function classify(text: string, i: number, single: boolean): Role | null {
  const c = text[i]!;
  if (single ? SINGLE_OPEN.has(c) : DOUBLE_OPEN.has(c)) return "open";
  if (single ? SINGLE_CLOSE.has(c) && !isWordChar(text[i + 1]) : DOUBLE_CLOSE.has(c)) return "close";
  if (single && c === "’") return null; // an apostrophe: don’t, Bloggers’
  const prev = text[i - 1];
  const next = text[i + 1];
  if (single && isWordChar(prev) && isWordChar(next)) return null; // don't
  const canOpen = isOpenContext(prev) && !isSpace(next);
  const canClose = !isSpace(prev) && isCloseContext(next);
  if (canOpen && !canClose) return "open";
  if (canClose && !canOpen) return "close";
  if (single) return null; // too ambiguous for a single quote: treat as an apostrophe
  return "either";
}

function isDoubleMark(c: string): boolean {
  return c === '"' || DOUBLE_OPEN.has(c) || DOUBLE_CLOSE.has(c);
}

function isSingleMark(c: string): boolean {
  return c === "'" || SINGLE_OPEN.has(c) || SINGLE_CLOSE.has(c);
}

/** Trims the words of a span (whitespace only) so `start..end` holds just the quoted words. */
function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
}

/**
 * Finds the quoted spans of one paragraph. Double quotes are the quotation marks; single quotes are
 * nested quotes inside them, and the quotation marks only where the paragraph has no double quote at
 * all (the British convention) and a curly or clearly flanked single mark opens.
 */
function paragraphSpans(text: string, p: Span, paragraph: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let hasDouble = false;
  for (let i = p.start; i < p.end; i++) if (isDoubleMark(text[i]!)) hasDouble = true;
  const primary = hasDouble ? isDoubleMark : isSingleMark;
  const single = !hasDouble;
  let open = -1;
  let nested = -1;
  const push = (end: number, closeAt: number, closed: boolean) => {
    const t = trimmed(text, open + 1, end);
    if (t.end > t.start) spans.push({ open, close: closeAt, ...t, closed, paragraph });
  };
  for (let i = p.start; i < p.end; i++) {
    const c = text[i]!;
    if (hasDouble && open >= 0 && isSingleMark(c)) {
      // Nested quote inside a double-quoted quotation: track it so its marks are not mistaken.
      const role = classify(text, i, true);
      if (nested < 0 && role === "open") nested = i;
      else if (nested >= 0 && (role === "close" || (c === "'" && !isWordChar(text[i + 1])))) nested = -1;
      continue;
    }
    if (!primary(c)) continue;
    const role = classify(text, i, single);
    if (role === null) continue;
    if (open < 0) {
      if (role !== "close") open = i;
      continue;
    }
    if (role === "open") {
      // A new quote opens while one is open: news style leaves a quote open when the next
      // one (often the next paragraph of the original) carries on. Close it here, unclosed.
      push(i, i, false);
      open = i;
      nested = -1;
      continue;
    }
    push(i, i + 1, true);
    open = -1;
    nested = -1;
  }
  if (open >= 0) {
    if (single) return spans; // an unmatched single mark is most likely an apostrophe ('90s)
    const t = trimmed(text, open + 1, p.end);
    if (t.end > t.start) spans.push({ open, close: t.end, ...t, closed: false, paragraph });
  }
  return spans;
}

/** Most words of a single-quoted phrase outside double quotes (`calling 'on the move'`). */
const MAX_SINGLE_QUOTED_WORDS = 8;

/**
 * Single-quoted phrases outside the double quotes of a paragraph that has both (`calling 'on the
 * move'`): short, clearly flanked on both sides, and not a plural possessive (`workers' rights`).
 */
function singleQuotedOutside(text: string, p: Span, paragraph: number, doubles: QuoteSpan[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const inside = (i: number) => doubles.some((d) => i >= d.open && i < d.close);
  for (let i = p.start; i < p.end; i++) {
    const c = text[i]!;
    if ((c !== "'" && c !== "‘") || inside(i)) continue;
    if (!isOpenContext(text[i - 1]) || !/\p{L}/u.test(text[i + 1] ?? "")) continue;
    for (let j = i + 2; j < p.end && j - i < 80; j++) {
      const d = text[j]!;
      if (isDoubleMark(d)) break;
      if (d !== "'" && d !== "’") continue;
      if (isWordChar(text[j + 1])) continue; // an apostrophe: don't
      if (!isCloseContext(text[j + 1]) || isSpace(text[j - 1])) continue;
      if (text[j - 1] === "s" && /^\s+\p{Ll}/u.test(text.slice(j + 1, j + 3))) continue; // workers' rights
      const words = text
        .slice(i + 1, j)
        .trim()
        .split(/\s+/u).length;
      if (words <= MAX_SINGLE_QUOTED_WORDS)
        out.push({ open: i, close: j + 1, start: i + 1, end: j, closed: true, paragraph });
      i = j;
      break;
    }
  }
  return out;
}

/** Finds every quoted span of the text, paragraph by paragraph. */
export function findQuoteSpans(text: string, paragraphs: Span[]): QuoteSpan[] {
  return paragraphs.flatMap((p, i) => {
    const spans = paragraphSpans(text, p, i);
    const hasDouble = spans.length > 0 && isDoubleMark(text[spans[0]!.open]!);
    if (!hasDouble) return spans;
    return [...spans, ...singleQuotedOutside(text, p, i, spans)].sort((a, b) => a.open - b.open);
  });
}

/**
 * Groups spans into quotations: spans with nothing but whitespace between them are one quotation
 * (a quote split into sentences or paragraphs), and a quote left open at a paragraph's end carries on
 * into the next paragraph when that paragraph opens with a quote.
 */
export function groupQuoteSpans(text: string, spans: QuoteSpan[], paragraphs: Span[]): QuoteGroup[] {
  const groups: QuoteGroup[] = [];
  let current: QuoteGroup | null = null;
  for (const span of spans) {
    if (current) {
      const last = current.spans[current.spans.length - 1]!;
      const between = text.slice(last.close, span.open);
      const sameParagraph = last.paragraph === span.paragraph && between.trim() === "";
      const nextParagraphOpens =
        !last.closed &&
        span.paragraph === last.paragraph + 1 &&
        text.slice(paragraphs[span.paragraph]!.start, span.open).trim() === "";
      if (sameParagraph || nextParagraphOpens) {
        current.spans.push(span);
        current.close = span.close;
        current.lastParagraph = span.paragraph;
        continue;
      }
    }
    current = {
      spans: [span],
      open: span.open,
      close: span.close,
      paragraph: span.paragraph,
      lastParagraph: span.paragraph,
    };
    groups.push(current);
  }
  return groups;
}

/** The quoted words of a group, as one string (the spans joined by a space). */
export function groupText(text: string, group: QuoteGroup): string {
  return group.spans
    .map((s) => text.slice(s.start, s.end))
    .join(" ")
    .replace(/\s+/gu, " ")
    .replace(/,$/u, "")
    .trim();
}
