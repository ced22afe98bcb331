/**
 * Quantities with what they count, read from compromise's value tags: `32 Armenian prisoners of
 * war` (32, `Armenian prisoners of war`), `more than 100,000 people` (the comparator stays in the
 * text), `$1.13bn` (1 130 000 000, `$`), `76%`, `tens of thousands of lives`.
 */
import type { Token } from "./nlp.ts";
import type { Quantity } from "./schema.ts";

/** A quantity with its span in the article text. */
export interface QuantitySpan {
  start: number;
  end: number;
  quantity: Quantity;
}

const WORD_NUMBERS: Record<string, number> = {
  zero: 0,
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
  thousand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
  trillion: 1_000_000_000_000,
  dozen: 12,
};
// `tens of thousands`, `hundreds of`: vague amounts, valued at their lower bound.
const VAGUE: Record<string, number> = {
  dozens: 12,
  scores: 20,
  tens: 10,
  hundreds: 100,
  thousands: 1_000,
  millions: 1_000_000,
  billions: 1_000_000_000,
};
const SCALE_SUFFIX: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  bn: 1e9,
  b: 1e9,
  tn: 1e12,
  trn: 1e12,
};
const COMPARATORS = [
  "more than",
  "less than",
  "fewer than",
  "over",
  "under",
  "almost",
  "nearly",
  "about",
  "around",
  "at least",
  "up to",
  "some",
  "approximately",
  "roughly",
  "an estimated",
  "just over",
  "just under",
];
const CURRENCY = /^([$£€¥₹])/;
const UNIT_STOP = new Set([
  "in",
  "on",
  "at",
  "for",
  "to",
  "from",
  "by",
  "with",
  "and",
  "or",
  "than",
  "who",
  "which",
  "that",
]);

/** Reads the quantities of one sentence's tokens. */
export function findQuantities(tokens: Token[], text: string): QuantitySpan[] {
  const out: QuantitySpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const read = readNumber(tokens, i);
    if (!read) {
      i++;
      continue;
    }
    let { value, next } = read;
    let unit: string | null = read.unit;
    const last = tokens[next - 1]!;
    let endToken = last;
    // `million`/`billion` written as words after a figure (`3.5 million people`).
    while (
      next < tokens.length &&
      WORD_NUMBERS[tokens[next]!.normal] &&
      WORD_NUMBERS[tokens[next]!.normal]! >= 100
    ) {
      value *= WORD_NUMBERS[tokens[next]!.normal]!;
      endToken = tokens[next]!;
      next++;
    }
    // What is counted: the noun phrase right after the number (`Armenian prisoners of war`).
    if (unit === null && !/[,.;:)]/.test(endToken.post)) {
      const unitToks: Token[] = [];
      let k = next;
      while (k < tokens.length) {
        const u = tokens[k]!;
        if (u.normal === "of" && unitToks.length === 0) {
          k++;
          // `tens of thousands of lives`: the word after `of` is what is counted, whatever its tag.
          if (read.vague && tokens[k] && /^[a-z]/.test(tokens[k]!.text)) {
            unitToks.push(tokens[k]!);
            k++;
            if (/[,.;:!?)"”]/.test(tokens[k - 1]!.post)) break;
          }
          continue;
        }
        if (
          UNIT_STOP.has(u.normal) ||
          (u.tags.has("Verb") && !u.tags.has("Noun")) ||
          u.tags.has("Value") ||
          u.tags.has("Date")
        )
          break;
        if (!(u.tags.has("Noun") || u.tags.has("Adjective") || u.normal === "of")) break;
        unitToks.push(u);
        k++;
        if (/[,.;:!?)"”]/.test(u.post) || /['’]s$/.test(u.text)) break;
      }
      while (unitToks.length > 0 && unitToks[unitToks.length - 1]!.normal === "of") unitToks.pop();
      if (unitToks.length > 0) {
        unit = text.slice(unitToks[0]!.start, unitToks[unitToks.length - 1]!.end);
        endToken = unitToks[unitToks.length - 1]!;
        next = k;
      }
    }
    // A comparator before the number stays in the quantity's words (`more than 100,000 people`).
    let startToken = t;
    for (const c of COMPARATORS) {
      const words = c.split(" ");
      const from = i - words.length;
      if (from < 0) continue;
      if (words.every((w, x) => tokens[from + x]!.normal === w)) {
        startToken = tokens[from]!;
        break;
      }
    }
    out.push({
      start: startToken.start,
      end: endToken.end,
      quantity: { value, text: text.slice(startToken.start, endToken.end), unit },
    });
    i = Math.max(next, i + 1);
  }
  return out;
}

function readNumber(
  tokens: Token[],
  i: number,
): { value: number; unit: string | null; next: number; vague?: boolean } | null {
  const t = tokens[i]!;
  if (t.tags.has("Date") || t.tags.has("Ordinal") || t.tags.has("Year")) return null;
  if (/^(19|20)\d{2}s?$/.test(t.text)) return null;
  const vague = VAGUE[t.normal];
  if (vague !== undefined && tokens[i + 1]?.normal === "of") {
    // `tens of thousands of lives`: the scale after `of` multiplies.
    const scale = VAGUE[tokens[i + 2]?.normal ?? ""];
    if (scale !== undefined && tokens[i + 3]?.normal === "of")
      return { value: vague * scale, unit: null, next: i + 3, vague: true };
    return { value: vague, unit: null, next: i + 1, vague: true };
  }
  if (!t.tags.has("Value")) return null;
  const raw = t.text.replace(/[’']/g, "");
  const money = CURRENCY.exec(raw);
  const m = /^[$£€¥₹]?(\d[\d,]*(?:\.\d+)?)(bn|mn|m|k|b|tn|trn)?(%)?/i.exec(raw);
  if (m) {
    let value = Number(m[1]!.replace(/,/g, ""));
    if (!Number.isFinite(value)) return null;
    // `$639m` is millions; `5,000m` on a track is metres: the scale letter needs a currency.
    if (m[2] && (money || m[2].length > 1)) value *= SCALE_SUFFIX[m[2].toLowerCase()] ?? 1;
    else if (m[2]) return { value, unit: m[2], next: i + 1 };
    const unit = money ? money[1]! : m[3] ? "%" : t.normal.endsWith("%") ? "%" : null;
    if (/^\d+[a-z]+$/i.test(raw) && !m[2] && !money)
      return { value, unit: raw.replace(/^[\d,.]+/, ""), next: i + 1 };
    // `5 percent` / `5 per cent`.
    const after = tokens[i + 1];
    if (!unit && after && (after.normal === "percent" || after.normal === "per")) {
      return {
        value,
        unit: "%",
        next: after.normal === "per" && tokens[i + 2]?.normal === "cent" ? i + 3 : i + 2,
      };
    }
    return { value, unit, next: i + 1 };
  }
  // Number words: `two`, `twenty five`, `a hundred`.
  let value = 0;
  let current = 0;
  let k = i;
  while (k < tokens.length && WORD_NUMBERS[tokens[k]!.normal.replace(/-/g, "")] !== undefined) {
    const n = WORD_NUMBERS[tokens[k]!.normal]!;
    if (n >= 1000) {
      value += (current || 1) * n;
      current = 0;
    } else if (n === 100) current = (current || 1) * 100;
    else current += n;
    k++;
    if (/[,.;:]/.test(tokens[k - 1]!.post)) break;
  }
  if (k === i) return null;
  // `one of the biggest`, `a`: not a count worth keeping.
  if (value + current === 1 && k === i + 1) return null;
  return { value: value + current, unit: null, next: k };
}
