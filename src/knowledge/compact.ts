/**
 * Fact base format version 2: the compact form `facts.json` is written in. The in-memory
 * {@link FactBase} is unchanged; this module only turns it into fewer, smaller JSON values and back.
 *
 * Version 1 stored the in-memory shape itself (indented): every sentence repeated its text (already
 * in `Article.text`), every id repeated the article id, events carried their clause text. At 10,000
 * articles that was 209 MB for 20 MB of article text, and loading it took seconds. Version 2 stores
 * no text twice and few objects: the big collections are columns (arrays of numbers or short strings),
 * which `JSON.parse` reads fast and a loop checks fast.
 *
 * ```text
 * { format: "newsdesk-facts", version: 2, sha256 (the seal, see sealCompactJson), builtAt,
 *   articles: [{ id, title, source, published, url, section, dateline, format, file, ingestedAt,
 *                text:         the text, or [start, end] in `texts`
 *                paragraphs:   [start, end, ...]                        (pairs)
 *                sentences:    [paragraph, start, end, sourceStart, sourceEnd, ...]   (5 per sentence)
 *                attributions: [name, sentence, ...]                    (pairs) }],
 *   entities:  [{ id, type, name, aliases, roles, standsFor,
 *                 mentions: [article, sentence, text, ...] (triples; text: 0 = name, i = aliases[i-1],
 *                                                           or the words themselves) }],
 *   arguments:  { text: [], entity: [], entityIds: { "row": [entity, ...] } }
 *   dates:      { text: [], value: [], precision: [] }
 *   quantities: { value: [], text: [], unit: [] }
 *   events:     { article, sentence, id, actor, action, verb, object, date, place, quantities,
 *                 tense, negated, text, textEnd }
 *   quotations: { article, sentence, sentences, id, text, textEnd, speaker, speakerRole, cue, kind, date }
 *   statements: { article, sentence, id, speaker, cue, content, contentEnd },
 *   texts:      every article text of one-byte characters (up to U+00FF), one after another }
 * ```
 * - `article` is an index into `articles`; `sentence` an index into that article's sentences. A
 *   sentence's id is `${articleId}#s${index}` and its text `article.text.slice(start, end)`.
 * - An article's `text` is `[start, end]` in `texts` when every character of it is one-byte (a
 *   one-byte string is half the memory, and a text with one wider character would make the whole of
 *   `texts` two-byte), else the text itself. Files without `texts` (written before it) are read too.
 * - `id` of an event, quotation or statement: a number `n` stands for `${articleId}#e${n}`
 *   (`#q`, `#st`); a string is the id itself.
 * - A span-or-text pair (`text`/`textEnd`, `content`/`contentEnd`): two offsets into the article text
 *   (inside the item's sentences) when the words are exactly there, else the words and `null`.
 * - `actor`, `object`, `place`, `speaker`: an index into `arguments`, or null. An argument's `entity`
 *   is an index into `entities`, or the id itself when no entity has it, or null; `entityIds` (sparse,
 *   by row) holds the list of a coordinated argument where the in-memory argument has one.
 * - `date`: an index into `dates` (identical dates are stored once); `quantities`: how many rows of
 *   `quantities` belong to the event, in order.
 * - `sentences` of a quotation: a count `n` (the sentences `sentence … sentence+n-1`) or the list.
 *
 * Also read as version 2: the plain layout (the in-memory shape, what `JSON.stringify` of a
 * {@link FactBase} gives), recognised by `events` being a list; tests and hand-made fixtures write it.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import {
  type Argument,
  ArticleSchema,
  EntitySchema,
  FACT_BASE_FORMAT,
  FACT_BASE_VERSION,
  type FactBase,
  type Quantity,
  type ResolvedDate,
} from "./schema.ts";

// ---- the schema of the compact form ------------------------------------------------------------

type Ok = (v: unknown) => boolean;
const isIndex: Ok = (v) => Number.isInteger(v) && (v as number) >= 0;
const isString: Ok = (v) => typeof v === "string";
const isName: Ok = (v) => typeof v === "string" && v.length > 0;
const isIndexOrNull: Ok = (v) => v === null || isIndex(v);
const isIndexOrString: Ok = (v) => typeof v === "string" || isIndex(v);
const isIndexOrName: Ok = (v) => isName(v) || isIndex(v);
const isStringOrNull: Ok = (v) => v === null || typeof v === "string";
const isEntityRef: Ok = (v) => v === null || typeof v === "string" || isIndex(v);
const isNumber: Ok = (v) => typeof v === "number" && Number.isFinite(v);
const isBoolean: Ok = (v) => typeof v === "boolean";
const isDateValue: Ok = (v) => typeof v === "string" && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v);
const isSentenceList: Ok = (v) =>
  (isIndex(v) && (v as number) > 0) || (Array.isArray(v) && v.length > 0 && v.every(isIndex));
const oneOf =
  (...values: string[]): Ok =>
  (v) =>
    typeof v === "string" && values.includes(v);

/**
 * The index of the first element of `items` (from `from`, every `step`) that fails `ok`, or -1.
 * The common checks get their own loops: one loop calling a dozen different checks would not be
 * optimised, and the big columns hold hundreds of thousands of values.
 */
function firstBad(items: readonly unknown[], ok: Ok, from = 0, step = 1): number {
  const n = items.length;
  if (ok === isIndex) {
    for (let i = from; i < n; i += step) {
      const v = items[i];
      if (!(typeof v === "number" && Number.isInteger(v) && v >= 0)) return i;
    }
  } else if (ok === isIndexOrNull) {
    for (let i = from; i < n; i += step) {
      const v = items[i];
      if (v !== null && !(typeof v === "number" && Number.isInteger(v) && v >= 0)) return i;
    }
  } else if (ok === isString) {
    for (let i = from; i < n; i += step) if (typeof items[i] !== "string") return i;
  } else {
    for (let i = from; i < n; i += step) if (!ok(items[i])) return i;
  }
  return -1;
}

/**
 * A column: an array whose every element passes `ok`. Checked in one loop (a zod schema per
 * element costs ten times more at this size); the first bad element is reported with its index.
 */
function column<T>(what: string, ok: Ok) {
  return z
    .custom<T[]>((v) => Array.isArray(v), { message: "expected an array" })
    .check((ctx) => {
      const items = ctx.value as unknown[];
      const i = firstBad(items, ok);
      if (i >= 0)
        ctx.issues.push({ code: "custom", message: `expected ${what}`, input: items[i], path: [i] });
    });
}

/** A flat array of fixed-size records (`[a, b, a, b, …]`), each field checked. */
function records<T>(record: string, fields: readonly (readonly [name: string, what: string, ok: Ok])[]) {
  const size = fields.length;
  return z
    .custom<T[]>((v) => Array.isArray(v), { message: "expected an array" })
    .check((ctx) => {
      const items = ctx.value as unknown[];
      if (items.length % size !== 0) {
        ctx.issues.push({
          code: "custom",
          message: `expected ${size} values per ${record}, got ${items.length} values`,
          input: items.length,
        });
        return;
      }
      let bad = -1;
      for (let f = 0; f < size; f++) {
        const i = firstBad(items, fields[f]![2], f, size);
        if (i >= 0 && (bad < 0 || i < bad)) bad = i;
      }
      if (bad >= 0) {
        const [name, what] = fields[bad % size]!;
        ctx.issues.push({
          code: "custom",
          message: `${record} ${Math.floor(bad / size)} ${name}: expected ${what}`,
          input: items[bad],
          path: [bad],
        });
      }
    });
}

const INDEX = "a whole number ≥ 0";
const index = () => column<number>(INDEX, isIndex);
const indexOrNull = () => column<number | null>(`${INDEX} or null`, isIndexOrNull);

const CompactArticleSchema = ArticleSchema.omit({
  text: true,
  paragraphs: true,
  sentences: true,
  attributions: true,
}).extend({
  text: z.custom<string | [number, number]>(
    (v) =>
      typeof v === "string" ||
      (Array.isArray(v) && v.length === 2 && isIndex(v[0]) && isIndex(v[1]) && v[0] <= v[1]),
    { message: "expected a string, or [start, end] with start ≤ end (a span of texts)" },
  ),
  paragraphs: records<number>("paragraph", [
    ["start", INDEX, isIndex],
    ["end", INDEX, isIndex],
  ]),
  sentences: records<number>("sentence", [
    ["paragraph", INDEX, isIndex],
    ["start", INDEX, isIndex],
    ["end", INDEX, isIndex],
    ["source start", INDEX, isIndex],
    ["source end", INDEX, isIndex],
  ]),
  attributions: records<string | number>("attribution", [
    ["name", "a non-empty string", isName],
    ["sentence", INDEX, isIndex],
  ]),
});

const CompactEntitySchema = EntitySchema.omit({ mentions: true }).extend({
  mentions: records<string | number>("mention", [
    ["article", INDEX, isIndex],
    ["sentence", INDEX, isIndex],
    ["text", `${INDEX} or a string`, isIndexOrString],
  ]),
});

const ArgumentsSchema = z.object({
  text: column<string>("a string", isString),
  entity: column<number | string | null>(`${INDEX}, a string or null`, isEntityRef),
  entityIds: z.record(z.string().regex(/^\d+$/), z.array(z.union([z.int().nonnegative(), z.string()]))),
});

const DatesSchema = z.object({
  text: column<string>("a string", isString),
  value: column<string>("a date YYYY, YYYY-MM or YYYY-MM-DD", isDateValue),
  precision: column<ResolvedDate["precision"]>('"day", "month" or "year"', oneOf("day", "month", "year")),
});

const QuantitiesSchema = z.object({
  value: column<number>("a number", isNumber),
  text: column<string>("a string", isString),
  unit: column<string | null>("a string or null", isStringOrNull),
});

const ID = `${INDEX} or a non-empty string`;
const SPAN = `${INDEX} or a string`;

const EventsSchema = z.object({
  article: index(),
  sentence: index(),
  id: column<number | string>(ID, isIndexOrName),
  actor: indexOrNull(),
  action: column<string>("a non-empty string", isName),
  verb: column<string>("a string", isString),
  object: indexOrNull(),
  date: indexOrNull(),
  place: indexOrNull(),
  quantities: index(),
  tense: column<"past" | "present" | "future">(
    '"past", "present" or "future"',
    oneOf("past", "present", "future"),
  ),
  negated: column<boolean>("true or false", isBoolean),
  text: column<number | string>(SPAN, isIndexOrString),
  textEnd: indexOrNull(),
});

const QuotationsSchema = z.object({
  article: index(),
  sentence: index(),
  sentences: column<number | number[]>("a whole number ≥ 1 or a non-empty list of them", isSentenceList),
  id: column<number | string>(ID, isIndexOrName),
  text: column<number | string>(SPAN, isIndexOrString),
  textEnd: indexOrNull(),
  speaker: indexOrNull(),
  speakerRole: column<string | null>("a string or null", isStringOrNull),
  cue: column<string | null>("a string or null", isStringOrNull),
  kind: column<"direct" | "partial">('"direct" or "partial"', oneOf("direct", "partial")),
  date: indexOrNull(),
});

const StatementsSchema = z.object({
  article: index(),
  sentence: index(),
  id: column<number | string>(ID, isIndexOrName),
  speaker: indexOrNull(),
  cue: column<string>("a string", isString),
  content: column<number | string>(SPAN, isIndexOrString),
  contentEnd: indexOrNull(),
});

const CompactShapeSchema = z.object({
  format: z.literal(FACT_BASE_FORMAT),
  version: z.literal(FACT_BASE_VERSION),
  /** The seal's digest (see {@link sealCompactJson}); not part of the fact base. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits")
    .optional(),
  builtAt: z.string(),
  articles: z.array(CompactArticleSchema),
  entities: z.array(CompactEntitySchema),
  arguments: ArgumentsSchema,
  dates: DatesSchema,
  quantities: QuantitiesSchema,
  events: EventsSchema,
  quotations: QuotationsSchema,
  statements: StatementsSchema,
  texts: z.string().optional(),
});

/** A fact base in its compact on-disk form (format version 2). */
export type CompactFactBase = z.infer<typeof CompactShapeSchema>;
type Issue = { path: (string | number)[]; message: string };

/**
 * The compact form, validated: every field's type (the schema above), then the cross checks (every
 * table's columns equally long, every index pointing at an existing article, sentence, entity,
 * argument or date, every span inside the text of the item's sentences).
 */
export const CompactFactBaseSchema = CompactShapeSchema.superRefine((fb, ctx) => {
  const issue = crossCheck(fb);
  if (issue) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

function crossCheck(fb: CompactFactBase): Issue | null {
  const articles = fb.articles;
  for (let a = 0; a < articles.length; a++) {
    const { text: stored, paragraphs, sentences, attributions } = articles[a]!;
    const at = (field: string, i: number, message: string): Issue => ({
      path: ["articles", a, field, i],
      message,
    });
    if (typeof stored !== "string" && stored[1] > (fb.texts?.length ?? 0))
      return {
        path: ["articles", a, "text"],
        message: `text [${stored[0]}, ${stored[1]}) is not inside texts (${fb.texts?.length ?? 0} characters)`,
      };
    // Only the length is checked here.
    const text = { length: typeof stored === "string" ? stored.length : stored[1] - stored[0] };
    for (let i = 0; i < paragraphs.length; i += 2) {
      if (paragraphs[i]! > paragraphs[i + 1]! || paragraphs[i + 1]! > text.length)
        return at(
          "paragraphs",
          i,
          `paragraph ${i / 2} [${paragraphs[i]}, ${paragraphs[i + 1]}) is not inside the text (${text.length} characters)`,
        );
    }
    for (let i = 0; i < sentences.length; i += 5) {
      const n = i / 5;
      if (sentences[i]! >= paragraphs.length / 2)
        return at(
          "sentences",
          i,
          `sentence ${n}: paragraph ${sentences[i]} does not exist (${paragraphs.length / 2} paragraphs)`,
        );
      if (sentences[i + 1]! > sentences[i + 2]! || sentences[i + 2]! > text.length)
        return at(
          "sentences",
          i + 1,
          `sentence ${n} [${sentences[i + 1]}, ${sentences[i + 2]}) is not inside the text (${text.length} characters)`,
        );
      if (sentences[i + 3]! > sentences[i + 4]!)
        return at(
          "sentences",
          i + 3,
          `sentence ${n}: source start ${sentences[i + 3]} is after source end ${sentences[i + 4]}`,
        );
    }
    for (let i = 1; i < attributions.length; i += 2) {
      if ((attributions[i] as number) >= sentences.length / 5)
        return at("attributions", i, noSentence(attributions[i] as number, a, sentences.length / 5));
    }
  }
  const sentenceCount = (a: number) => articles[a]!.sentences.length / 5;
  /** An `article`/`sentence` pair that does not point at a sentence: the message, else null. */
  const badRef = (a: number, s: number) =>
    a >= articles.length
      ? `article ${a} does not exist (${articles.length} articles)`
      : s >= sentenceCount(a)
        ? noSentence(s, a, sentenceCount(a))
        : null;

  const entities = fb.entities;
  for (let e = 0; e < entities.length; e++) {
    const { mentions, aliases } = entities[e]!;
    for (let i = 0; i < mentions.length; i += 3) {
      const bad = badRef(mentions[i] as number, mentions[i + 1] as number);
      if (bad) return { path: ["entities", e, "mentions", i], message: `mention ${i / 3}: ${bad}` };
      const t = mentions[i + 2]!;
      if (typeof t === "number" && t > aliases.length)
        return {
          path: ["entities", e, "mentions", i + 2],
          message: `mention ${i / 3}: name ${t} does not exist (the name and ${aliases.length} aliases)`,
        };
    }
  }

  const tables = {
    arguments: fb.arguments,
    dates: fb.dates,
    quantities: fb.quantities,
    events: fb.events,
    quotations: fb.quotations,
    statements: fb.statements,
  };
  for (const [table, columns] of Object.entries(tables)) {
    let rows = -1;
    let first = "";
    for (const [name, values] of Object.entries(columns)) {
      if (!Array.isArray(values)) continue;
      if (rows < 0) [rows, first] = [values.length, name];
      else if (values.length !== rows)
        return { path: [table, name], message: `${values.length} rows, but ${first} has ${rows}` };
    }
  }

  const args = fb.arguments;
  const entityRef = (v: unknown) => typeof v !== "number" || v < entities.length;
  for (let i = 0; i < args.entity.length; i++) {
    if (!entityRef(args.entity[i]))
      return {
        path: ["arguments", "entity", i],
        message: noEntity(args.entity[i] as number, entities.length),
      };
  }
  for (const [row, ids] of Object.entries(args.entityIds)) {
    if (Number(row) >= args.text.length)
      return {
        path: ["arguments", "entityIds", row],
        message: `argument ${row} does not exist (${args.text.length} arguments)`,
      };
    const bad = ids.findIndex((v) => !entityRef(v));
    if (bad >= 0)
      return {
        path: ["arguments", "entityIds", row, bad],
        message: noEntity(ids[bad] as number, entities.length),
      };
  }

  const rowOf = (table: string, column: string, i: number, v: number | null, rows: number, what: string) =>
    v !== null && v >= rows
      ? { path: [table, column, i], message: `${what} ${v} does not exist (${rows} ${what}s)` }
      : null;
  /** A span `[start, end)` must lie inside the sentences `first…last` of article `a`. */
  const badSpan = (a: number, first: number, last: number, start: number | string, end: number | null) => {
    if (typeof start === "string")
      return end === null ? null : `is text, so its end must be null (got ${end})`;
    if (end === null) return `is an offset, so its end must be an offset too (got null)`;
    const s = articles[a]!.sentences;
    const from = s[first * 5 + 1]!;
    const to = s[last * 5 + 2]!;
    return start >= from && start <= end && end <= to
      ? null
      : `span [${start}, ${end}) is not inside its sentences [${from}, ${to})`;
  };

  const ev = fb.events;
  let quantities = 0;
  for (let i = 0; i < ev.article.length; i++) {
    const a = ev.article[i]!;
    const bad = badRef(a, ev.sentence[i]!);
    if (bad) return { path: ["events", a >= articles.length ? "article" : "sentence", i], message: bad };
    const ref =
      rowOf("events", "actor", i, ev.actor[i]!, args.text.length, "argument") ??
      rowOf("events", "object", i, ev.object[i]!, args.text.length, "argument") ??
      rowOf("events", "place", i, ev.place[i]!, args.text.length, "argument") ??
      rowOf("events", "date", i, ev.date[i]!, fb.dates.text.length, "date");
    if (ref) return ref;
    const span = badSpan(a, ev.sentence[i]!, ev.sentence[i]!, ev.text[i]!, ev.textEnd[i]!);
    if (span) return { path: ["events", "text", i], message: `text ${span}` };
    quantities += ev.quantities[i]!;
  }
  if (quantities !== fb.quantities.value.length)
    return {
      path: ["events", "quantities"],
      message: `the events have ${quantities} quantities, but the quantities table has ${fb.quantities.value.length}`,
    };

  const qs = fb.quotations;
  for (let i = 0; i < qs.article.length; i++) {
    const a = qs.article[i]!;
    const list = qs.sentences[i]!;
    const s0 = qs.sentence[i]!;
    // The first and last sentence it runs over (a count, or a list in any order).
    const first = typeof list === "number" ? s0 : list[0]!;
    const last = typeof list === "number" ? s0 + list - 1 : list[list.length - 1]!;
    let bad = badRef(a, s0) ?? badRef(a, first) ?? badRef(a, last);
    if (!bad && typeof list !== "number") {
      for (const s of list) bad ??= badRef(a, s);
    }
    if (bad) return { path: ["quotations", a >= articles.length ? "article" : "sentences", i], message: bad };
    const ref =
      rowOf("quotations", "speaker", i, qs.speaker[i]!, args.text.length, "argument") ??
      rowOf("quotations", "date", i, qs.date[i]!, fb.dates.text.length, "date");
    if (ref) return ref;
    const span = badSpan(a, Math.min(first, last), Math.max(first, last), qs.text[i]!, qs.textEnd[i]!);
    if (span) return { path: ["quotations", "text", i], message: `text ${span}` };
    const t = qs.text[i]!;
    if (typeof t === "string" ? t.length === 0 : t === qs.textEnd[i])
      return { path: ["quotations", "text", i], message: "text is empty" };
  }

  const st = fb.statements;
  for (let i = 0; i < st.article.length; i++) {
    const a = st.article[i]!;
    const bad = badRef(a, st.sentence[i]!);
    if (bad) return { path: ["statements", a >= articles.length ? "article" : "sentence", i], message: bad };
    const ref = rowOf("statements", "speaker", i, st.speaker[i]!, args.text.length, "argument");
    if (ref) return ref;
    const span = badSpan(a, st.sentence[i]!, st.sentence[i]!, st.content[i]!, st.contentEnd[i]!);
    if (span) return { path: ["statements", "content", i], message: `content ${span}` };
  }
  return null;
}

const noSentence = (s: number, a: number, count: number) =>
  `sentence ${s} of article ${a} does not exist (it has ${count})`;
const noEntity = (e: number, count: number) => `entity ${e} does not exist (${count} entities)`;

// ---- encoding -------------------------------------------------------------------------------------

/** A fact base that cannot be written compactly (a reference to a sentence that does not exist). */
export class CompactEncodeError extends Error {
  override name = "CompactEncodeError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The compact form of a (valid) fact base. Requires what extraction always gives: sentence ids
 * `${articleId}#s${index}` in order, sentence text equal to its slice of the article text, and every
 * sentence reference pointing at a sentence of the named article; throws a {@link CompactEncodeError}
 * naming the field otherwise.
 */
export function encodeFactBase(facts: FactBase): CompactFactBase {
  const articleIndex = new Map<string, number>();
  const fail = (path: (string | number)[], message: string): never => {
    throw new CompactEncodeError(path.join("."), message);
  };
  // Texts of one-byte characters only (every character up to U+00FF) are stored in one string that
  // each article slices: one-byte, it stays one-byte (half the memory), and JSON.parse makes one big
  // string instead of an object per article that the garbage collector would copy twice.
  const texts: string[] = [];
  let textsLength = 0;
  const articles = facts.articles.map((a, ai) => {
    if (articleIndex.has(a.id)) fail(["articles", ai, "id"], `duplicate article id "${a.id}"`);
    articleIndex.set(a.id, ai);
    const sentences: number[] = [];
    a.sentences.forEach((s, i) => {
      if (s.id !== `${a.id}#s${i}` || s.index !== i)
        fail(
          ["articles", ai, "sentences", i],
          `sentence ${i} has id "${s.id}" and index ${s.index}, expected "${a.id}#s${i}" and ${i}`,
        );
      if (s.text !== a.text.slice(s.start, s.end))
        fail(
          ["articles", ai, "sentences", i, "text"],
          `sentence text is not the article text from ${s.start} to ${s.end}`,
        );
      sentences.push(s.paragraph, s.start, s.end, s.source.start, s.source.end);
    });
    const { paragraphs, attributions, sentences: _, ...meta } = a;
    let text: string | [number, number] = a.text;
    if (!/[^\u0000-\u00ff]/.test(a.text)) {
      text = [textsLength, textsLength + a.text.length];
      texts.push(a.text);
      textsLength += a.text.length;
    }
    return {
      ...meta,
      text,
      paragraphs: paragraphs.flatMap((p) => [p.start, p.end]),
      sentences,
      attributions: attributions.flatMap((t, i) => [
        t.name,
        sentenceOf(ai, t.sentenceId, ["articles", ai, "attributions", i, "sentenceId"]),
      ]),
    };
  });

  function sentenceOf(ai: number, sentenceId: string, path: (string | number)[]): number {
    const a = facts.articles[ai]!;
    const prefix = `${a.id}#s`;
    if (sentenceId.startsWith(prefix)) {
      const rest = sentenceId.slice(prefix.length);
      const n = Number(rest);
      if (/^\d+$/.test(rest) && n < a.sentences.length && String(n) === rest) return n;
    }
    return fail(path, `sentence "${sentenceId}" is not a sentence of article "${a.id}"`);
  }
  const articleOf = (id: string, path: (string | number)[]) =>
    articleIndex.get(id) ?? fail(path, `article "${id}" is not in the fact base`);

  const entityIndex = new Map<string, number>();
  facts.entities.forEach((e, i) => {
    if (!entityIndex.has(e.id)) entityIndex.set(e.id, i);
  });
  const entityRef = (id: string) => entityIndex.get(id) ?? id;
  const entities = facts.entities.map((e, ei) => {
    const names = new Map<string, number>();
    [e.name, ...e.aliases].forEach((n, i) => {
      if (!names.has(n)) names.set(n, i);
    });
    const mentions: (number | string)[] = [];
    e.mentions.forEach((m, i) => {
      const path = ["entities", ei, "mentions", i];
      const a = articleOf(m.articleId, [...path, "articleId"]);
      mentions.push(a, sentenceOf(a, m.sentenceId, [...path, "sentenceId"]), names.get(m.text) ?? m.text);
    });
    const { mentions: _, ...rest } = e;
    return { ...rest, mentions };
  });

  const args: CompactFactBase["arguments"] = { text: [], entity: [], entityIds: {} };
  const argument = (arg: Argument | null) => {
    if (!arg) return null;
    const row = args.text.length;
    args.text.push(arg.text);
    args.entity.push(arg.entityId === null ? null : entityRef(arg.entityId));
    if (arg.entityIds) args.entityIds[row] = arg.entityIds.map(entityRef);
    return row;
  };
  const dates: CompactFactBase["dates"] = { text: [], value: [], precision: [] };
  const dateRows = new Map<string, number>();
  const date = (d: ResolvedDate | null) => {
    if (!d) return null;
    const key = `${d.text}\u0000${d.value}\u0000${d.precision}`;
    let row = dateRows.get(key);
    if (row === undefined) {
      row = dates.text.length;
      dateRows.set(key, row);
      dates.text.push(d.text);
      dates.value.push(d.value);
      dates.precision.push(d.precision);
    }
    return row;
  };
  const quantities: CompactFactBase["quantities"] = { value: [], text: [], unit: [] };
  const addQuantity = (q: Quantity) => {
    quantities.value.push(q.value);
    quantities.text.push(q.text);
    quantities.unit.push(q.unit);
  };
  /** Offsets of `words` inside the sentences `first…last` of article `a`, or the words themselves. */
  const span = (a: number, first: number, last: number, words: string): [number | string, number | null] => {
    const art = facts.articles[a]!;
    const from = art.sentences[first]!.start;
    const to = art.sentences[last]!.end;
    const at = art.text.indexOf(words, from);
    return at >= 0 && at + words.length <= to ? [at, at + words.length] : [words, null];
  };
  const idOf = (a: number, id: string, tag: string) => {
    const prefix = `${facts.articles[a]!.id}#${tag}`;
    if (id.startsWith(prefix)) {
      const rest = id.slice(prefix.length);
      if (/^(0|[1-9]\d*)$/.test(rest) && rest.length < 10) return Number(rest);
    }
    return id;
  };

  const events: CompactFactBase["events"] = {
    article: [],
    sentence: [],
    id: [],
    actor: [],
    action: [],
    verb: [],
    object: [],
    date: [],
    place: [],
    quantities: [],
    tense: [],
    negated: [],
    text: [],
    textEnd: [],
  };
  facts.events.forEach((e, i) => {
    const a = articleOf(e.articleId, ["events", i, "articleId"]);
    const s = sentenceOf(a, e.sentenceId, ["events", i, "sentenceId"]);
    const [text, textEnd] = span(a, s, s, e.text);
    events.article.push(a);
    events.sentence.push(s);
    events.id.push(idOf(a, e.id, "e"));
    events.actor.push(argument(e.actor));
    events.action.push(e.action);
    events.verb.push(e.verb);
    events.object.push(argument(e.object));
    events.date.push(date(e.date));
    events.place.push(argument(e.place));
    events.quantities.push(e.quantities.length);
    e.quantities.forEach(addQuantity);
    events.tense.push(e.tense);
    events.negated.push(e.negated);
    events.text.push(text);
    events.textEnd.push(textEnd);
  });

  const quotations: CompactFactBase["quotations"] = {
    article: [],
    sentence: [],
    sentences: [],
    id: [],
    text: [],
    textEnd: [],
    speaker: [],
    speakerRole: [],
    cue: [],
    kind: [],
    date: [],
  };
  facts.quotations.forEach((q, i) => {
    const a = articleOf(q.articleId, ["quotations", i, "articleId"]);
    const s = sentenceOf(a, q.sentenceId, ["quotations", i, "sentenceId"]);
    const list = q.sentenceIds.map((id, j) => sentenceOf(a, id, ["quotations", i, "sentenceIds", j]));
    const run = list.every((n, j) => n === s + j);
    const [first, last] = [Math.min(list[0]!, list.at(-1)!), Math.max(list[0]!, list.at(-1)!)];
    const [text, textEnd] = q.text ? span(a, first, last, q.text) : [q.text, null];
    quotations.article.push(a);
    quotations.sentence.push(s);
    quotations.sentences.push(run ? list.length : list);
    quotations.id.push(idOf(a, q.id, "q"));
    quotations.text.push(text);
    quotations.textEnd.push(textEnd);
    quotations.speaker.push(argument(q.speaker));
    quotations.speakerRole.push(q.speakerRole);
    quotations.cue.push(q.cue);
    quotations.kind.push(q.kind);
    quotations.date.push(date(q.date));
  });

  const statements: CompactFactBase["statements"] = {
    article: [],
    sentence: [],
    id: [],
    speaker: [],
    cue: [],
    content: [],
    contentEnd: [],
  };
  facts.statements.forEach((st, i) => {
    const a = articleOf(st.articleId, ["statements", i, "articleId"]);
    const s = sentenceOf(a, st.sentenceId, ["statements", i, "sentenceId"]);
    const [content, contentEnd] = span(a, s, s, st.content);
    statements.article.push(a);
    statements.sentence.push(s);
    statements.id.push(idOf(a, st.id, "st"));
    statements.speaker.push(argument(st.speaker));
    statements.cue.push(st.cue);
    statements.content.push(content);
    statements.contentEnd.push(contentEnd);
  });

  return {
    format: FACT_BASE_FORMAT,
    version: FACT_BASE_VERSION,
    builtAt: facts.builtAt,
    articles,
    entities,
    arguments: args,
    dates,
    quantities,
    events,
    quotations,
    statements,
    texts: texts.join(""),
  };
}

/**
 * The compact form as JSON text in ASCII only: characters past ASCII are written as `\uXXXX`
 * escapes (the same string once parsed). A file of ASCII only is read into a one-byte string,
 * half the memory of the two-byte string one curly quote anywhere would otherwise make of it.
 */
export function compactJson(compact: CompactFactBase): string {
  return JSON.stringify(compact).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// ---- the seal ------------------------------------------------------------------------------------

/** How every compact JSON text begins (`format` and `version` first: the key order of the encoder). */
const PLAIN_HEAD = `{"format":"${FACT_BASE_FORMAT}","version":${FACT_BASE_VERSION},`;
/** How a sealed file begins; 64 hex digits and `",` follow, then the sealed payload. */
const SEAL_HEAD = `${PLAIN_HEAD}"sha256":"`;
/** How many bytes the head of a sealed file takes: its seal and everything before it. */
export const SEAL_LENGTH = SEAL_HEAD.length + 64 + 2;

/**
 * The compact JSON text (ASCII, from {@link compactJson}) of a fact base that passed the full
 * validation, sealed: a `sha256` field right after `version` holds the SHA-256 of every byte after
 * it (to the end of the file, its final newline included). The result is still one JSON document.
 *
 * The seal is a promise from the writer that the bytes after it are exactly what a validated write
 * produced, so {@link isSealed} lets the reader skip the field-by-field validation (a third of the
 * CPU cost of a load at 10,000 articles, for about 35 ms of hashing). It is not a signature: anyone
 * who can write the file can write a matching digest; it catches damage and hand edits, which then
 * get the full validation and its message naming the field.
 */
export function sealCompactJson(json: string): string {
  if (!json.startsWith(PLAIN_HEAD)) throw new Error(`compact: JSON does not begin with ${PLAIN_HEAD}`);
  const payload = `${json.slice(PLAIN_HEAD.length)}\n`;
  const digest = createHash("sha256").update(payload, "latin1").digest("hex");
  return `${SEAL_HEAD}${digest}",${payload}`;
}

/** The digest in the head of a text written by {@link sealCompactJson}. */
export function sealedDigest(sealed: string): string {
  return sealed.slice(SEAL_HEAD.length, SEAL_HEAD.length + 64);
}

/**
 * Whether a file's bytes are sealed by {@link sealCompactJson} and unchanged since: it begins with
 * the seal and the SHA-256 of the rest matches the digest in it. Such a file is ASCII only.
 */
export function isSealed(bytes: Buffer): boolean {
  const digest = sealInHead(bytes);
  return (
    digest !== undefined && createHash("sha256").update(bytes.subarray(SEAL_LENGTH)).digest("hex") === digest
  );
}

/**
 * The digest in the head of a file's bytes (its first {@link SEAL_LENGTH} bytes are enough) when
 * the head has the layout {@link sealCompactJson} writes, else undefined. Only the head is read:
 * whether the rest still matches the digest is {@link isSealed}'s question.
 */
export function sealInHead(bytes: Uint8Array): string | undefined {
  if (bytes.length < SEAL_LENGTH) return undefined;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, SEAL_LENGTH);
  if (head.toString("latin1", 0, SEAL_HEAD.length) !== SEAL_HEAD) return undefined;
  if (head[SEAL_LENGTH - 2] !== 0x22 || head[SEAL_LENGTH - 1] !== 0x2c) return undefined;
  const digest = head.toString("latin1", SEAL_HEAD.length, SEAL_HEAD.length + 64);
  return /^[0-9a-f]{64}$/.test(digest) ? digest : undefined;
}

// ---- decoding -------------------------------------------------------------------------------------

/**
 * The one empty list every event without quantities (four in five) and every article without
 * attributions shares: no consumer adds to these lists (frozen, so one that tried would throw).
 */
const NO_QUANTITIES = Object.freeze([]) as unknown as Quantity[];
const NO_ATTRIBUTIONS = Object.freeze([]) as unknown as FactBase["articles"][number]["attributions"];

/**
 * Where the sentence references of a decoded fact base point, as sentence ordinals: the position
 * of the sentence when every article's sentences are counted one after another, in article order
 * (the ordinal of sentence `s` of article `a` is the number of sentences of the articles before
 * `a`, plus `s`). The decoder knows every reference as (article, sentence) numbers; an index that
 * reads them here need not find 336,000 `${articleId}#s${index}` ids again (at 10,000 articles).
 * Lists are in fact-base order, so item `i` of `events` is the ordinal of `facts.events[i].sentenceId`.
 */
export interface SentenceOrdinals {
  /** The id of each article, as decoded. */
  articleIds: readonly string[];
  /**
   * The id of each sentence by ordinal, as decoded: every one `${articleId}#s${index}`. A sentence
   * whose id is still this very string needs no reading of it to know it has that form.
   */
  sentenceIds: readonly string[];
  /** The `sentenceId` of every entity's mentions, entity after entity. */
  mentions: Int32Array;
  /** The `sentenceId` of each event. */
  events: Int32Array;
  /** The `sentenceId` of each quotation. */
  quotations: Int32Array;
  /** The `sentenceIds` of every quotation, one quotation's after another. */
  quotationSentences: Int32Array;
  /** Where each quotation's `sentenceIds` begin in `quotationSentences` (one more entry: the end). */
  quotationSentencesStart: Int32Array;
  /** The `sentenceId` of each statement. */
  statements: Int32Array;
}

/** The sentence ordinals of each fact base {@link decodeFactBase} made. */
const ORDINALS = new WeakMap<FactBase, SentenceOrdinals>();

/**
 * The sentence ordinals of a fact base {@link decodeFactBase} made, or undefined for one built
 * otherwise (in memory, by ingest or a test). They describe the fact base as decoded: a reader
 * checks each against the sentence id it stands for before trusting it.
 */
export function sentenceOrdinalsOf(facts: FactBase): SentenceOrdinals | undefined {
  return ORDINALS.get(facts);
}

/**
 * The in-memory fact base of a validated compact form. Sentence texts and spans are slices of the
 * article text (V8 keeps a long slice as a view of its parent, so they cost no copy); sentence ids
 * are made once and shared by every reference.
 *
 * The compact form may also come from the binary cache (`facts-cache.ts`), whose lists of whole
 * numbers under some keys are typed arrays (only read by index and length here) and whose
 * nullable number columns (rows of arguments and dates, entity numbers) say null as -1.
 */
export function decodeFactBase(c: CompactFactBase): FactBase {
  const texts = c.texts ?? "";
  // The ordinal of each article's first sentence (see SentenceOrdinals).
  const firstOrdinal = new Int32Array(c.articles.length);
  let sentenceCount = 0;
  for (const a of c.articles) sentenceCount += a.sentences.length / 5;
  const sentenceIds = new Array<string>(sentenceCount);
  const articleIds = new Array<string>(c.articles.length);
  sentenceCount = 0;
  const articles = c.articles.map((a, ai) => {
    const p = a.paragraphs;
    const paragraphs = new Array<{ start: number; end: number }>(p.length / 2);
    for (let i = 0; i < paragraphs.length; i++) paragraphs[i] = { start: p[2 * i]!, end: p[2 * i + 1]! };
    const s = a.sentences;
    const text = typeof a.text === "string" ? a.text : texts.slice(a.text[0], a.text[1]);
    const sentences = new Array<FactBase["articles"][number]["sentences"][number]>(s.length / 5);
    firstOrdinal[ai] = sentenceCount;
    sentenceCount += sentences.length;
    // One prefix per article: each id is then one concatenation, sharing the prefix.
    const prefix = `${a.id}#s`;
    articleIds[ai] = a.id;
    for (let i = 0, k = 0; i < sentences.length; i++, k += 5) {
      const id = prefix + i;
      sentenceIds[firstOrdinal[ai]! + i] = id;
      sentences[i] = {
        id,
        index: i,
        paragraph: s[k]!,
        start: s[k + 1]!,
        end: s[k + 2]!,
        text: text.slice(s[k + 1]!, s[k + 2]!),
        source: { start: s[k + 3]!, end: s[k + 4]! },
      };
    }
    const t = a.attributions;
    const attributions =
      t.length === 0 ? NO_ATTRIBUTIONS : new Array<{ name: string; sentenceId: string }>(t.length / 2);
    for (let i = 0; i < attributions.length; i++)
      attributions[i] = { name: t[2 * i] as string, sentenceId: sentences[t[2 * i + 1] as number]!.id };
    return {
      id: a.id,
      title: a.title,
      source: a.source,
      published: a.published,
      url: a.url,
      section: a.section,
      dateline: a.dateline,
      format: a.format,
      file: a.file,
      ingestedAt: a.ingestedAt,
      text,
      paragraphs,
      sentences,
      attributions,
    };
  });
  // Ids read from the dense lists above: one load each, not three objects scattered over the heap.
  const sentenceId = (a: number, s: number) => sentenceIds[firstOrdinal[a]! + s]!;

  const entityIds = c.entities.map((e) => e.id);
  let mentionCount = 0;
  for (const e of c.entities) mentionCount += e.mentions.length / 3;
  const mentionOrdinals = new Int32Array(mentionCount);
  let mo = 0;
  const entities = c.entities.map((e) => {
    const m = e.mentions;
    const mentions = new Array<{ articleId: string; sentenceId: string; text: string }>(m.length / 3);
    for (let i = 0, k = 0; i < mentions.length; i++, k += 3) {
      const a = m[k] as number;
      const t = m[k + 2]!;
      mentionOrdinals[mo++] = firstOrdinal[a]! + (m[k + 1] as number);
      mentions[i] = {
        articleId: articleIds[a]!,
        sentenceId: sentenceId(a, m[k + 1] as number),
        text: typeof t === "string" ? t : t === 0 ? e.name : e.aliases[t - 1]!,
      };
    }
    return {
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: e.aliases,
      roles: e.roles,
      standsFor: e.standsFor,
      mentions,
    };
  });

  const entityRef = (v: number | string) => (typeof v === "number" ? entityIds[v]! : v);
  const args = c.arguments;
  // An argument row is decoded once, and every use of it shares the object (nothing changes a fact
  // base once made). facts.json has a row per use; the cache (facts-cache.ts) a row per different
  // argument (34,000 for 224,000 uses at 10,000 articles), found when it is written.
  const madeArguments = new Array<Argument | undefined>(args.text.length);
  const argument = (row: number | null): Argument | null => {
    // A negative row is null too: how a typed column of the cache (facts-cache.ts) says it.
    if (row === null || row < 0) return null;
    let made = madeArguments[row];
    if (made !== undefined) return made;
    const e = args.entity[row]!;
    const entityId = e === null || (e as number) < 0 ? null : entityRef(e);
    const list = args.entityIds[row];
    made = list
      ? { text: args.text[row]!, entityId, entityIds: list.map(entityRef) }
      : { text: args.text[row]!, entityId };
    madeArguments[row] = made;
    return made;
  };
  // A date is stored once however many rows point at it (21,000 rows, 5,000 dates at 10,000
  // articles), and decoded once: every row pointing at it shares the object (nothing changes a
  // fact base once made). Arguments in facts.json are not stored so, though most repeat (224,000
  // rows, 34,000 different): finding the repeats at load (hashing every row's string) cost more load
  // time than the 180,000 objects saved; the cache finds them when it is written.
  const dates = new Array<ResolvedDate | undefined>(c.dates.text.length);
  const date = (row: number | null): ResolvedDate | null => {
    if (row === null || row < 0) return null;
    let made = dates[row];
    if (made === undefined) {
      made = { text: c.dates.text[row]!, value: c.dates.value[row]!, precision: c.dates.precision[row]! };
      dates[row] = made;
    }
    return made;
  };
  const words = (a: number, start: number | string, end: number | null) =>
    typeof start === "string" ? start : articles[a]!.text.slice(start, end!);
  // One prefix (`${articleId}#e`) per article and tag: each id is then one concatenation.
  const prefixes = (tag: string) => {
    const list = new Array<string | undefined>(articles.length);
    return (a: number) => (list[a] ??= `${articles[a]!.id}#${tag}`);
  };
  const eventPrefix = prefixes("e");
  const quotationPrefix = prefixes("q");
  const statementPrefix = prefixes("st");

  const ev = c.events;
  const events = new Array<FactBase["events"][number]>(ev.article.length);
  const eventOrdinals = new Int32Array(events.length);
  let q = 0;
  for (let i = 0; i < events.length; i++) {
    const a = ev.article[i]!;
    eventOrdinals[i] = firstOrdinal[a]! + ev.sentence[i]!;
    const id = ev.id[i]!;
    const count = ev.quantities[i]!;
    let quantities = NO_QUANTITIES;
    if (count > 0) {
      quantities = new Array<Quantity>(count);
      for (let j = 0; j < count; j++, q++)
        quantities[j] = {
          value: c.quantities.value[q]!,
          text: c.quantities.text[q]!,
          unit: c.quantities.unit[q]!,
        };
    }
    events[i] = {
      id: typeof id === "string" ? id : eventPrefix(a) + id,
      articleId: articleIds[a]!,
      sentenceId: sentenceId(a, ev.sentence[i]!),
      actor: argument(ev.actor[i]!),
      action: ev.action[i]!,
      verb: ev.verb[i]!,
      object: argument(ev.object[i]!),
      date: date(ev.date[i]!),
      place: argument(ev.place[i]!),
      quantities,
      tense: ev.tense[i]!,
      negated: ev.negated[i]!,
      text: words(a, ev.text[i]!, ev.textEnd[i]!),
    };
  }

  const qs = c.quotations;
  const quotations = new Array<FactBase["quotations"][number]>(qs.article.length);
  const quotationOrdinals = new Int32Array(quotations.length);
  const quotationSentencesStart = new Int32Array(quotations.length + 1);
  for (let i = 0; i < quotations.length; i++) {
    const list = qs.sentences[i]!;
    quotationSentencesStart[i + 1] =
      quotationSentencesStart[i]! + (typeof list === "number" ? list : list.length);
  }
  const quotationSentences = new Int32Array(quotationSentencesStart[quotations.length]!);
  for (let i = 0, k = 0; i < quotations.length; i++) {
    const a = qs.article[i]!;
    const id = qs.id[i]!;
    const s = qs.sentence[i]!;
    const list = qs.sentences[i]!;
    const first = firstOrdinal[a]!;
    quotationOrdinals[i] = first + s;
    const sentenceIds = new Array<string>(typeof list === "number" ? list : list.length);
    for (let j = 0; j < sentenceIds.length; j++, k++) {
      const n = typeof list === "number" ? s + j : list[j]!;
      sentenceIds[j] = sentenceId(a, n);
      quotationSentences[k] = first + n;
    }
    quotations[i] = {
      id: typeof id === "string" ? id : quotationPrefix(a) + id,
      articleId: articleIds[a]!,
      sentenceId: sentenceId(a, s),
      sentenceIds,
      text: words(a, qs.text[i]!, qs.textEnd[i]!),
      speaker: argument(qs.speaker[i]!),
      speakerRole: qs.speakerRole[i]!,
      cue: qs.cue[i]!,
      kind: qs.kind[i]!,
      date: date(qs.date[i]!),
    };
  }

  const st = c.statements;
  const statements = new Array<FactBase["statements"][number]>(st.article.length);
  const statementOrdinals = new Int32Array(statements.length);
  for (let i = 0; i < statements.length; i++) {
    const a = st.article[i]!;
    statementOrdinals[i] = firstOrdinal[a]! + st.sentence[i]!;
    const id = st.id[i]!;
    statements[i] = {
      id: typeof id === "string" ? id : statementPrefix(a) + id,
      articleId: articleIds[a]!,
      sentenceId: sentenceId(a, st.sentence[i]!),
      speaker: argument(st.speaker[i]!),
      cue: st.cue[i]!,
      content: words(a, st.content[i]!, st.contentEnd[i]!),
    };
  }

  const facts: FactBase = {
    format: FACT_BASE_FORMAT,
    version: FACT_BASE_VERSION,
    builtAt: c.builtAt,
    articles,
    entities,
    events,
    quotations,
    statements,
  };
  ORDINALS.set(facts, {
    articleIds,
    sentenceIds,
    mentions: mentionOrdinals,
    events: eventOrdinals,
    quotations: quotationOrdinals,
    quotationSentences,
    quotationSentencesStart,
    statements: statementOrdinals,
  });
  return facts;
}
