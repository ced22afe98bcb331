/**
 * Helpers shared by the format parsers: publication dates, datelines, whitespace.
 */
import * as chrono from "chrono-node";
import type { Dateline } from "./types.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Reads a publication date as written in a file (`2023-12-08`, `Dec 08, 2023`,
 * `Fri, 08 Dec 2023 10:00:00 GMT`, `2023-12-08T10:00:00+07:00`) into ISO: a date when the file
 * gives only a day, a UTC date-time when it gives a time. Returns null when it is not a date.
 */
export function toIsoPublished(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  if (ISO_DATE.test(text)) return text;
  // ISO 8601 with a time and an offset is kept as written: the local day is the article's day.
  if (ISO_DATE_TIME.test(text)) return text.replace(/z$/i, "Z");
  // Other timestamps (RFC 822 `Fri, 08 Dec 2023 10:00:00 GMT`): Date reads the instant, chrono the
  // written offset, and the result keeps that offset so the local day is not shifted.
  if (/\d{1,2}:\d{2}/.test(text)) {
    const t = Date.parse(text);
    if (!Number.isNaN(t)) {
      const offset = chrono.parse(text)[0]?.start.get("timezoneOffset") ?? 0;
      const local = new Date(t + offset * 60_000).toISOString().slice(0, 19);
      const sign = offset < 0 ? "-" : "+";
      const abs = Math.abs(offset);
      return `${local}${offset === 0 ? "Z" : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`}`;
    }
  }
  // Words (`Dec 08, 2023`): chrono, keeping the calendar day as written (no time zone shift).
  const [result] = chrono.strict.parse(text);
  if (!result) return null;
  const { start } = result;
  if (!start.isCertain("year") || !start.isCertain("month") || !start.isCertain("day")) return null;
  return `${start.get("year")}-${pad(start.get("month")!)}-${pad(start.get("day")!)}`;
}

/** A date line may carry a label: `Published: Dec 08, 2023`. */
export const stripDateLabel = (line: string) =>
  line.trim().replace(/^(?:published|updated|posted|date)(?: on)?\s*:?\s+/i, "");

/** True when a whole short line is a date (`Dec 08, 2023`): the date line of the plain-text layout. */
export function isDateLine(line: string): boolean {
  const text = stripDateLabel(line);
  if (text.length < 6 || text.length > 48 || !/\d{4}/.test(text)) return false;
  const [result] = chrono.strict.parse(text);
  if (!result) return false;
  // Allow a weekday or a trailing time zone word around the date, not a sentence.
  return result.text.length >= text.length - 4 && result.start.isCertain("year");
}

// Dateline layouts, loosest last. The place is 1–4 capitalised words; what follows must show it
// is a dateline (a bracketed country, a date, a wire in parentheses, or an all-caps place).
const PLACE = String.raw`((?:[A-Z][\p{L}.'’-]*)(?: [A-Z][\p{L}.'’-]*){0,3})`;
const COUNTRY = String.raw`(?: ?[[(][A-Z][\p{L} .'’-]*[\])]|, [A-Z][\p{L}.'’-]*(?: [A-Z][\p{L}.'’-]*)?(?=[ ,]))?`;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATE = String.raw`(?:,? ${MONTH} \d{1,2}(?:,? \d{4})?)?`;
const WIRE = String.raw`(?: ?\((?:[A-Z][\w&.' -]{1,30})\))?`;
const SEP = String.raw`\s*(?::|--|[-–—])\s`;
const DATELINE_RE = new RegExp(`^${PLACE}${COUNTRY}${DATE}${WIRE}${SEP}`, "u");
/** An outlet as a wire credit names it: an acronym, maybe with its desk (`CNN`, `CNN Business`, `AFP`). */
const OUTLET = String.raw`\p{Lu}{2,}(?: \p{Lu}\p{Ll}+)?`;
/** The wire in brackets and no dash, the story straight after (`(CNN) Ferdinand …`, `New York (CNN Business) President …`). */
const BRACKETED_WIRE_RE = new RegExp(`^(?:${PLACE} )?(\\(${OUTLET}\\))\\s+(?=[\\p{Lu}“"])`, "u");
/** The wire bare before a dash, as a paragraph of its own (`Washington CNN —`, `CNN —`). */
const BARE_WIRE_RE = new RegExp(`^(?:${PLACE} )?(${OUTLET})\\s*(?:--|[-–—])\\s*$`, "u");

const titleCase = (s: string) =>
  s === s.toUpperCase()
    ? s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a, b) => a + b.toUpperCase())
    : s;

/**
 * Finds the dateline that opens a body's first paragraph: `Yerevan [Armenia], December 8:`,
 * `LONDON (Reuters) -`, `WASHINGTON, Dec 8 (AP) —`, CNN's `New York (CNN Business)` and `Washington CNN —`.
 * The paragraph is left as written; a wire credit without a place (`(CNN)`, `CNN —`) is no dateline.
 */
export function findDateline(paragraph: string): Dateline | null {
  const wire = BRACKETED_WIRE_RE.exec(paragraph) ?? BARE_WIRE_RE.exec(paragraph.trim());
  if (wire) return wire[1] ? { place: titleCase(wire[1]), text: wire[0].trimEnd() } : null;
  const m = DATELINE_RE.exec(paragraph);
  if (!m) return null;
  const whole = m[0];
  const place = m[1]!;
  const rest = whole.slice(place.length);
  const hasCountry = /^ ?[[(][A-Z][\p{L} .'’-]*[\])]/u.test(rest) && !/^ ?\([A-Z]{2,}\)/.test(rest);
  const hasDate = new RegExp(`^${COUNTRY},? ${MONTH} \\d`, "u").test(rest);
  const hasWire = /\((?:[A-Z][\w&.' -]{1,30})\)\s*(?::|--|[-–—])/.test(rest);
  const allCaps = place === place.toUpperCase() && /\p{Lu}{3,}/u.test(place);
  if (!hasCountry && !hasDate && !hasWire && !allCaps) return null;
  return { place: titleCase(place), text: whole.trimEnd() };
}

/** Collapses runs of whitespace inside a field (titles, names) and trims it. */
export const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** Splits text on blank lines into trimmed, non-empty paragraphs (lines inside one are joined). */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

/**
 * Where the wire credit that opens a paragraph lies (`(CNN)` in `New York (CNN Business) President …`,
 * all of `Washington CNN —`), or null: its words credit the outlet and answer nothing.
 */
export function openingWire(paragraph: string): { start: number; end: number } | null {
  const m = BRACKETED_WIRE_RE.exec(paragraph) ?? BARE_WIRE_RE.exec(paragraph);
  if (!m) return null;
  const credit = m[0].lastIndexOf(m[2]!);
  return { start: credit, end: m[0].length };
}

/** Whether a paragraph is only a wire credit (`CNN —`, `Washington CNN —`): CNN prints it above the story. */
export function isWireLine(paragraph: string): boolean {
  return BARE_WIRE_RE.test(paragraph.trim());
}
