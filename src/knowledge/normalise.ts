/**
 * Dirty-text repairs that keep the original offsets, so a citation can always point at the
 * words exactly as the file wrote them.
 *
 * Each repair is a pass of small edits (start, end, replacement) over the current text; every
 * pass also yields an offset map (new offset → old offset), and the maps compose, so the final
 * {@link Normalised.toSource} takes any offset of the repaired text back to the original body.
 *
 * Offset map semantics: a kept character maps to where it was; an inserted or replacement
 * character maps to the start of what it replaced; text that a repair deleted belongs to the span
 * that ends there. So `source.slice(toSource(s.start), toSource(s.end))` is the dirty form of the
 * repaired span `s` (for `weapons.` repaired from `weapons. .`, the slice is `weapons. .`), and
 * consecutive spans map to consecutive, non-overlapping source slices.
 *
 * The repairs (in order):
 * 1. invisible characters (zero-width spaces and joiners, BOM, soft hyphen) are removed;
 * 2. other spaces (non-breaking, thin, tabs, line breaks inside a paragraph) become a plain space;
 * 3. runs of spaces become one; paragraphs are trimmed;
 * 4. a space before `, ; . ! ?` (after a word, number or closing quote), before `:` after a word, or
 *    inside brackets goes:
 *    `prisoners of war ,` → `prisoners of war,`;
 * 5. a doubled full stop or comma loses its copy: `weapons. .` / `weapons..` → `weapons.` (an ellipsis
 *    `...` stays), `war,, while` → `war, while`;
 * 6. names run together are split: `NikolPashinyan` → `Nikol Pashinyan` (see {@link shouldSplitJoinedName});
 * 7. paragraphs of page furniture (captions with photo credits, galleries, video embeds, link lines,
 *    bylines: `furniture.ts`) are left out of the text; the source keeps them, so offsets still map.
 * Quote marks are kept as written (curly or straight): they are the article's words.
 * Line endings (CRLF) are handled by the parsers, which split paragraphs on any line ending.
 */
import { furnitureOf } from "./furniture.ts";
import type { Span } from "./schema.ts";

/** One repair made, for tests and inspection: what the source said and what the text says now. */
export interface Repair {
  kind:
    | "invisible"
    | "space"
    | "collapse"
    | "trim"
    | "space-before-punctuation"
    | "doubled-stop"
    | "joined-name"
    | "furniture";
  /** Where in the original body. */
  source: Span;
  from: string;
  to: string;
}

/** A normalised body: repaired text, paragraph spans into it, and the map back to the original. */
export interface Normalised {
  /** The repaired text; paragraphs are separated by a blank line (`\n\n`). */
  text: string;
  paragraphs: Span[];
  /** The original body the offsets map into: the parsed paragraphs joined by `\n\n`. */
  source: string;
  /** Maps an offset in `text` (0..text.length) to the offset in `source`. */
  toSource(offset: number): number;
  repairs: Repair[];
}

/** Settings of the joined-name repair, in one frozen place. */
export const NormaliseDefaults = Object.freeze({
  /** Each half of a joined name must be a capitalised word at least this long. */
  minNamePartLength: 3,
  /**
   * Camel-case names that are written joined on purpose (brands, products, companies). The
   * lowercase joined form is checked. The article's own spelling overrides this list: when the
   * text also writes the two halves apart (`Time Warner`), the joined form is a typo and is split.
   */
  joinedBrands: new Set([
    "youtube",
    "paypal",
    "playstation",
    "blackberry",
    "javascript",
    "powerpoint",
    "softbank",
    "easyjet",
    "dreamworks",
    "seaworld",
    "wikileaks",
    "blackrock",
    "mastercard",
    "daimlerchrysler",
    "exxonmobil",
    "astrazeneca",
    "arcelormittal",
    "harpercollins",
    "facetime",
    "yougov",
    "whatsapp",
    "macbook",
    "sandisk",
    "netscape",
    "lucasfilm",
    "pricewaterhouse",
    "smithkline",
    "waterstones",
    "ryanair",
    "songbird",
    "microsoft",
    "moneygram",
    "bittorrent",
    "cyberlink",
    "realplayer",
    "coinbase",
    "deepmind",
    "openai",
    "tiktok",
    "gamecube",
    "nintendo",
    "airbnb",
    "linkedin",
    "salesforce",
    "bloomberg",
    "thinkpad",
    "skydrive",
    "onedrive",
    "iphone",
    "ipod",
    "freeview",
    "virginmedia",
    "vodafone",
    "lastminute",
    "travelocity",
    "expedia",
    "goldman",
    "morningstar",
    "firefox",
    "palmpilot",
    "palmone",
    "nvidia",
    "globalfoundries",
    "foxconn",
    "huffpost",
    "buzzfeed",
    "skyteam",
    "starbucks",
    "citigroup",
    "citibank",
    "jetblue",
    "westjet",
    "airasia",
  ]),
  /** Surname particles that glue to a capital on purpose: `MacArthur`, `VanDyke`, `FitzGerald`. */
  nameParticles: new Set(["mac", "fitz", "van", "von", "der", "den", "del", "della", "des", "ter", "ten"]),
});

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** Applies sorted, non-overlapping edits; returns the new text and its map to the old offsets. */
function applyEdits(text: string, edits: Edit[]): { text: string; map: number[] } {
  let out = "";
  const map: number[] = [];
  let at = 0;
  for (const e of edits) {
    for (let i = at; i < e.start; i++) map.push(i);
    out += text.slice(at, e.start);
    for (let i = 0; i < e.replacement.length; i++) map.push(e.start);
    out += e.replacement;
    at = e.end;
  }
  for (let i = at; i < text.length; i++) map.push(i);
  out += text.slice(at);
  map.push(text.length);
  return { text: out, map };
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ODD_SPACE = /[\t\n\r\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const NAME_JOIN = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}])/gu;
const VOWEL = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüý]/i;

/**
 * Decides whether a token such as `NikolPashinyan` is two names run together.
 *
 * Rule: split a lowercase→uppercase join inside one token when both halves look like name parts,
 * i.e. the token is exactly two capitalised words (`Xxx` + `Yyy`), each at least
 * {@link NormaliseDefaults.minNamePartLength} letters with a vowel; the first half is not a
 * surname particle (`MacArthur`); and the joined form is not a known camel-case brand
 * (`YouTube`, `PlayStation`) — unless `context` (the article) also writes the halves apart, in
 * which case the article's own spelling wins (`TimeWarner` beside `Time Warner`).
 *
 * Limits: tokens of three or more parts (`GlaxoSmithKline`) and halves shorter than three letters
 * (`McDonald`, `LinkedIn`, `DiCaprio`) are never split; an unlisted brand made of two ordinary
 * capitalised words (`SoftCo`-like names) will be split; a joined name with a lowercase particle
 * (`Ursulavon`) is not recognised.
 */
export function shouldSplitJoinedName(first: string, second: string, context = ""): boolean {
  const min = NormaliseDefaults.minNamePartLength;
  if (first.length < min || second.length < min) return false;
  if (!VOWEL.test(first) || !VOWEL.test(second)) return false;
  if (context.includes(`${first} ${second}`)) return true;
  if (NormaliseDefaults.nameParticles.has(first.toLowerCase())) return false;
  return !NormaliseDefaults.joinedBrands.has(`${first}${second}`.toLowerCase());
}

type Pass = (text: string, context: string) => (Edit & { kind: Repair["kind"] })[];

const PASSES: Pass[] = [
  (t) =>
    [...t.matchAll(INVISIBLE)].map((m) => ({
      kind: "invisible",
      start: m.index,
      end: m.index + 1,
      replacement: "",
    })),
  (t) =>
    [...t.matchAll(ODD_SPACE)].map((m) => ({
      kind: "space",
      start: m.index,
      end: m.index + 1,
      replacement: " ",
    })),
  (t) => {
    const edits: (Edit & { kind: Repair["kind"] })[] = [];
    const lead = /^ +/.exec(t);
    if (lead) edits.push({ kind: "trim", start: 0, end: lead[0].length, replacement: "" });
    for (const m of t.matchAll(/ {2,}/g)) {
      if (m.index === 0 || m.index + m[0].length === t.length) continue;
      edits.push({ kind: "collapse", start: m.index + 1, end: m.index + m[0].length, replacement: "" });
    }
    const trail = / +$/.exec(t);
    if (trail && trail.index > 0)
      edits.push({ kind: "trim", start: trail.index, end: t.length, replacement: "" });
    return edits;
  },
  (t) =>
    [
      ...t.matchAll(/(?<=[\p{L}\p{N}"'’”)\]%]) (?=[,;.!?](?:\s|$|["'’”)]))/gu),
      ...t.matchAll(/(?<=[([]) (?=\S)/g),
      ...t.matchAll(/(?<=\S) (?=[)\]])/g),
      // A colon only after a word: `said :` is a slip, `2 : 1` is a score.
      ...t.matchAll(/(?<=\p{L}) (?=:(?:\s|$))/gu),
    ]
      .map((m) => m.index)
      // One space can match two patterns (`( )`); each edit must be applied once.
      .filter((at, i, all) => all.indexOf(at) === i)
      .sort((a, b) => a - b)
      .map((at) => ({ kind: "space-before-punctuation" as const, start: at, end: at + 1, replacement: "" })),
  (t) =>
    [...t.matchAll(/(?<!\.)\.( ?\.)(?!\.)|,((?: ?,)+)/dg)].map((m) => {
      const [start, end] = (m.indices![1] ?? m.indices![2])!;
      return { kind: "doubled-stop" as const, start, end, replacement: "" };
    }),
  (t, context) =>
    [...t.matchAll(NAME_JOIN)]
      .filter((m) => shouldSplitJoinedName(m[1]!, m[2]!, context))
      .map((m) => ({
        kind: "joined-name",
        start: m.index + m[1]!.length,
        end: m.index + m[1]!.length,
        replacement: " ",
      })),
];

/** Repairs one paragraph (or a title); `context` is the whole article, for the joined-name evidence. */
export function normaliseText(
  original: string,
  context = original,
): { text: string; map: number[]; repairs: Repair[] } {
  let text = original;
  let map = Array.from({ length: original.length + 1 }, (_, i) => i);
  const repairs: Repair[] = [];
  for (const pass of PASSES) {
    const edits = pass(text, context);
    if (!edits.length) continue;
    for (const e of edits) {
      const src = { start: map[e.start]!, end: e.end > e.start ? map[e.end - 1]! + 1 : map[e.start]! };
      if (e.kind === "joined-name") {
        // Report the whole token so the repair reads `NikolPashinyan` → `Nikol Pashinyan`.
        const tokenStart = text.slice(0, e.start).search(/\p{L}+$/u);
        const tokenEnd = e.start + (/^\p{L}+/u.exec(text.slice(e.start))?.[0].length ?? 0);
        repairs.push({
          kind: e.kind,
          source: { start: map[tokenStart]!, end: map[tokenEnd - 1]! + 1 },
          from: text.slice(tokenStart, tokenEnd),
          to: `${text.slice(tokenStart, e.start)} ${text.slice(e.start, tokenEnd)}`,
        });
      } else {
        repairs.push({
          kind: e.kind,
          source: src,
          from: original.slice(src.start, src.end),
          to: e.replacement,
        });
      }
    }
    const applied = applyEdits(text, edits);
    map = applied.map.map((old) => map[old]!);
    text = applied.text;
  }
  return { text, map, repairs };
}

/** Normalises an article body given as paragraphs (as the format parsers return it). */
export function normaliseBody(paragraphs: readonly string[], title = ""): Normalised {
  const source = paragraphs.join("\n\n");
  const context = `${title}\n${source}`;
  let text = "";
  const spans: Span[] = [];
  const map: number[] = [];
  const repairs: Repair[] = [];
  let sourceAt = 0;
  for (const paragraph of paragraphs) {
    if (furnitureOf(paragraph)) {
      repairs.push({
        kind: "furniture",
        source: { start: sourceAt, end: sourceAt + paragraph.length },
        from: paragraph,
        to: "",
      });
      sourceAt += paragraph.length + 2;
      continue;
    }
    const n = normaliseText(paragraph, context);
    if (n.text) {
      if (text) {
        // The blank line between paragraphs maps to the blank line before this one in the source.
        map.push(sourceAt - 2, sourceAt - 1);
        text += "\n\n";
      }
      spans.push({ start: text.length, end: text.length + n.text.length });
      for (let i = 0; i < n.text.length; i++) map.push(sourceAt + n.map[i]!);
      text += n.text;
      for (const r of n.repairs) {
        repairs.push({ ...r, source: { start: r.source.start + sourceAt, end: r.source.end + sourceAt } });
      }
    }
    sourceAt += paragraph.length + 2;
  }
  map.push(source.length);
  // The end of the last paragraph's text maps past its deleted tail (trailing spaces, `. .`).
  return {
    text,
    paragraphs: spans,
    source,
    toSource: (offset: number) => map[Math.max(0, Math.min(offset, text.length))]!,
    repairs,
  };
}
