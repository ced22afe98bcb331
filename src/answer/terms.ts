/**
 * Tokenizer and term processing for retrieval. The same named functions run at index time and at
 * query time (MiniSearch's rule): a term that is indexed one way and looked up another way is
 * never found. Each step is a plain function so it can be replaced or tested alone.
 */

/** Words that carry no topic: dropped from the index and from queries. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but if of at by for with about against between into through during before after " +
    "above below to from up down in out on off over under again further then once here there all any both " +
    "each few more most other some such no nor not only own same so than too very can will just should now " +
    "is are was were be been being have has had having do does did doing i me my we our you your he him his " +
    "she her it its they them their what which who whom whose this that these those am would could shall may " +
    "might must also as s t while when where why how many much"
  ).split(" "),
);

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cases and removes diacritics (`Pashinyán` → `pashinyan`). */
export function foldText(text: string): string {
  // Most news text is plain ASCII: skip the Unicode decomposition, the costliest step of indexing.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** Why {@link execAll} refused a regex (a programming error: without `g`, `exec` never moves on). */
const termsNotGlobal = (re: RegExp) => `terms: execAll needs a global regex, got /${re.source}/${re.flags}`;

/**
 * Every match of a global regex, read with `exec` on the regex itself. `matchAll` (like `split`)
 * runs a copy of the regex, and a copy takes its compiled code from V8's compilation cache, which
 * every full garbage collection empties: the next call compiles the pattern again, milliseconds for
 * a Unicode class or a long alternation (about 10 ms for the number reader's). A regex keeps its
 * own compiled code across collections.
 */
export function execAll(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new Error(termsNotGlobal(re));
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    // An empty match would be found again at the same place.
    if (m[0] === "") re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

/** A token with where it sits in the text it came from. */
export interface TokenSpan {
  /** Folded form (lower case, no diacritics, no thousands separators). */
  token: string;
  start: number;
  end: number;
}

const WORD = /\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}\p{M}]+/gu;
const CAMEL = /\p{Ll}\p{M}*(?=\p{Lu})/gu;

/**
 * Splits text into word tokens with their offsets: camel-case runs are split (`NikolPashinyan` →
 * `nikol`, `pashinyan`, the dirty text of real articles), case and diacritics are folded,
 * thousands separators are dropped (`100,000` → `100000`), a possessive `'s` is dropped, and every
 * other punctuation mark separates words (`EU-brokered` → `eu`, `brokered`).
 */
export function tokenSpans(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  for (const m of execAll(WORD, text)) {
    const word = m[0];
    const at = m.index ?? 0;
    // A possessive or contraction tail (`Armenia's`) is not a word of its own.
    if (word === "s" && at > 0 && /['’]/.test(text[at - 1]!)) continue;
    if (/^\d/.test(word)) {
      out.push({ token: word.replace(/,/g, ""), start: at, end: at + word.length });
      continue;
    }
    let from = 0;
    for (const c of execAll(CAMEL, word)) {
      const cut = (c.index ?? 0) + c[0].length;
      out.push({ token: foldText(word.slice(from, cut)), start: at + from, end: at + cut });
      from = cut;
    }
    out.push({ token: foldText(word.slice(from)), start: at + from, end: at + word.length });
  }
  return out;
}

/** A text's word tokens as columns: token `i` is `tokens[i]`, written at `[starts[i], ends[i])`. */
export interface TokenColumns {
  tokens: string[];
  starts: number[];
  ends: number[];
}

// The columns the ASCII scanner writes into, kept from call to call (each caller copies out what it
// needs at its exact length: pushing onto new arrays grew each of them two or three times a sentence).
const scanTokens: string[] = [];
const scanStarts: number[] = [];
const scanEnds: number[] = [];

/**
 * Reads the tokens {@link tokenSpans} would give into the scan columns, with a character scanner
 * rather than the WORD regex: plain ASCII text (most news) needs no Unicode classes, nor a match
 * array per token. Returns how many, or -1 at the first character beyond ASCII that is more than a
 * separator (the caller then hands the whole text to tokenSpans).
 */
function scanAscii(text: string): number {
  let count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c > 127) {
      if (isSeparatorMark(c)) {
        i++;
        continue;
      }
      return -1;
    }
    if (c >= 48 && c <= 57) {
      const start = i;
      i = digitsFrom(text, i + 1);
      // Thousands groups (`100,000`), then a decimal part (`2.5`), as WORD reads them.
      let grouped = false;
      while (
        text.charCodeAt(i) === 44 &&
        isDigitAt(text, i + 1) &&
        isDigitAt(text, i + 2) &&
        isDigitAt(text, i + 3)
      ) {
        i += 4;
        grouped = true;
      }
      if (text.charCodeAt(i) === 46 && isDigitAt(text, i + 1)) i = digitsFrom(text, i + 2);
      const word = text.slice(start, i);
      scanTokens[count] = grouped ? word.replace(/,/g, "") : word;
      scanStarts[count] = start;
      scanEnds[count++] = i;
    } else if ((c | 32) >= 97 && (c | 32) <= 122) {
      const start = i;
      let upper = false;
      let prevLower = false;
      let cuts = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 97 && d <= 122) prevLower = true;
        else if (d >= 65 && d <= 90) {
          upper = true;
          if (prevLower) cuts++;
          prevLower = false;
        } else break;
      }
      // A possessive or contraction tail (`Armenia's`) is not a word of its own.
      if (i - start === 1 && c === 115 && start > 0 && isApostrophe(text.charCodeAt(start - 1))) continue;
      // A camel-case run (`NikolPashinyan`) is cut before each capital that follows a small letter.
      let from = start;
      if (cuts > 0) {
        for (let k = start + 1; k < i; k++) {
          const d = text.charCodeAt(k);
          if (d >= 65 && d <= 90 && text.charCodeAt(k - 1) >= 97) {
            scanTokens[count] = text.slice(from, k).toLowerCase();
            scanStarts[count] = from;
            scanEnds[count++] = k;
            from = k;
          }
        }
      }
      const word = text.slice(from, i);
      scanTokens[count] = upper ? word.toLowerCase() : word;
      scanStarts[count] = from;
      scanEnds[count++] = i;
    } else i++;
  }
  return count;
}

/** The folded word tokens of a text (see {@link tokenSpans}); runs on every sentence at index time. */
export function tokenize(text: string): string[] {
  const count = scanAscii(text);
  if (count < 0) return tokenSpans(text).map((t) => t.token);
  return scanTokens.slice(0, count);
}

/** The tokens {@link tokenSpans} reads, as three columns rather than an object per token. */
export function tokenColumns(text: string): TokenColumns {
  const count = scanAscii(text);
  if (count < 0) {
    const spans = tokenSpans(text);
    return {
      tokens: spans.map((t) => t.token),
      starts: spans.map((t) => t.start),
      ends: spans.map((t) => t.end),
    };
  }
  return {
    tokens: scanTokens.slice(0, count),
    starts: scanStarts.slice(0, count),
    ends: scanEnds.slice(0, count),
  };
}

/**
 * Characters beyond ASCII that news text is full of and that only ever separate words: curly
 * quotes, dashes, the ellipsis, a no-break space, currency and degree signs. Neither letters,
 * marks nor digits, so WORD skips them as it skips ASCII punctuation, and the fast readers need not
 * hand the whole text to tokenSpans for them.
 */
const SEPARATOR_MARKS: ReadonlySet<number> = new Set([
  0xa0, 0xa3, 0xab, 0xb0, 0xbb, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x20ac,
]);

/** Whether a character beyond ASCII is one that only separates words (see SEPARATOR_MARKS). */
export function isSeparatorMark(c: number): boolean {
  return SEPARATOR_MARKS.has(c);
}

/** `'` or `’`: before a lone `s`, a possessive or contraction tail. */
export function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function digitsFrom(text: string, i: number): number {
  while (isDigitAt(text, i)) i++;
  return i;
}

const VOWEL = /[aeiouy]/;

/**
 * Light English stemming: enough to meet `released`/`releases`/`release`/`releasing` and
 * `prisoners`/`prisoner` on one term, without a full Porter stemmer's surprises on names.
 * Short words and numbers are kept as they are.
 */
export function stem(term: string): string {
  if (term.length <= 3 || /^\d/.test(term)) return term;
  let t = term;
  if (t.endsWith("ies") && t.length > 4) t = `${t.slice(0, -3)}y`;
  else if (t.endsWith("sses")) t = t.slice(0, -2);
  else if (t.endsWith("s") && !/(ss|us|is)$/.test(t)) t = t.slice(0, -1);
  for (const suffix of ["ing", "ed"]) {
    if (t.endsWith(suffix) && t.length - suffix.length >= 3 && VOWEL.test(t.slice(0, -suffix.length))) {
      t = t.slice(0, -suffix.length);
      // `stopped` → `stopp` → `stop`; keep `ll`/`ss`/`zz` (`called`, `passed`).
      if (/([^aeioulsz])\1$/.test(t)) t = t.slice(0, -1);
      break;
    }
  }
  if (t.endsWith("e") && t.length > 4) t = t.slice(0, -1);
  if (t.endsWith("y") && t.length > 4) t = `${t.slice(0, -1)}i`;
  return t;
}

/** Turns one token into an index term, or null for a stop word. */
export function processTerm(token: string): string | null {
  if (STOP_WORDS.has(token)) return null;
  return stem(token);
}

/** The index terms of a text, in order (with repeats). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.push(term);
  }
  return out;
}

/** A name or phrase as one comparable key: its tokens joined by spaces (`nagorno karabakh`). */
export function phraseKey(text: string): string {
  return tokenize(text).join(" ");
}

/** Two rows for {@link editDistance}, kept between calls: a question compares its words with thousands of names. */
let editRows: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/** Levenshtein distance, giving up (returning `max + 1`) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (editRows[0].length <= b.length)
    editRows = [new Int32Array(b.length * 2 + 1), new Int32Array(b.length * 2 + 1)];
  let prev = editRows[0];
  let cur = editRows[1];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[b.length]!;
}

/** How many typos a term of this length may carry and still match: none for short words. */
export function allowedTypos(term: string): number {
  if (term.length <= 3) return 0;
  if (term.length <= 6) return 1;
  return 2;
}
