/**
 * The fact base: a versioned JSON document validated with zod. Every extracted item points
 * back to the sentence it came from, so any answer can cite article, outlet, date and sentence.
 *
 * Bump {@link FACT_BASE_VERSION} whenever the file format changes; loading a version this code
 * cannot read fails with a clear message (and `newsdesk ingest` rebuilds) instead of giving a wrong
 * answer. The shape in memory ({@link FactBase}) is the one below; on disk, version 1 stored it as is
 * ({@link FactBaseV1Schema}) and version 2 stores a compact form of it (`compact.ts`).
 */
import { z } from "zod";

/** Format name written into every fact base file. */
export const FACT_BASE_FORMAT = "newsdesk-facts";
/** Current format version of the fact base file (see `compact.ts`); version 1 files are still read. */
export const FACT_BASE_VERSION = 2;

/** Half-open character range `[start, end)`. */
export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof SpanSchema>;

/** Formats an article can be read from. */
export const ArticleFormatSchema = z.enum(["text", "markdown", "json", "html", "feed"]);
export type ArticleFormat = z.infer<typeof ArticleFormatSchema>;

/**
 * One sentence of an article's normalised text. `start`/`end` index `Article.text`;
 * `source` indexes the original body as read from the file (before the dirty-text repairs).
 */
export const SentenceSchema = z.object({
  id: z.string().min(1), // `${articleId}#s${index}`
  index: z.number().int().nonnegative(),
  paragraph: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  source: SpanSchema,
});
export type Sentence = z.infer<typeof SentenceSchema>;

/** A date resolved against the article's publication date. */
export const ResolvedDateSchema = z.object({
  /** The words in the text: `On December 7`, `in September`. */
  text: z.string(),
  /** ISO, as precise as the text: `2023-12-07`, `2023-09`, `2023`. */
  value: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  precision: z.enum(["day", "month", "year"]),
});
export type ResolvedDate = z.infer<typeof ResolvedDateSchema>;

/** A wire or outlet credited inside the text (`according to AFP`). */
export const AttributionSchema = z.object({
  name: z.string().min(1),
  sentenceId: z.string().min(1),
});
export type Attribution = z.infer<typeof AttributionSchema>;

/** An article as held in the fact base. */
export const ArticleSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** The outlet: `ThanhNien Newspaper`, `BBC News`. */
  source: z.string().min(1),
  /** ISO date or date-time of publication; null when the article does not give one. */
  published: z.string().nullable(),
  url: z.string().nullable(),
  section: z.string().nullable(),
  /** The dateline place and its words: `Yerevan [Armenia], December 8:`. */
  dateline: z.object({ place: z.string(), text: z.string() }).nullable(),
  format: ArticleFormatSchema,
  /** Path of the copied source file, relative to the knowledge folder (`articles/…`). */
  file: z.string().min(1),
  /** When this article was ingested (ISO date-time). */
  ingestedAt: z.string(),
  /** Normalised body text (dirty-text repairs applied); sentences index into it. */
  text: z.string(),
  paragraphs: z.array(SpanSchema),
  sentences: z.array(SentenceSchema),
  attributions: z.array(AttributionSchema),
});
export type Article = z.infer<typeof ArticleSchema>;

export const EntityTypeSchema = z.enum(["person", "place", "organisation"]);
export type EntityType = z.infer<typeof EntityTypeSchema>;

/** Where an entity is named. */
export const MentionSchema = z.object({
  articleId: z.string().min(1),
  sentenceId: z.string().min(1),
  /** The words used: `Mr. Pashinyan`. */
  text: z.string(),
});
export type Mention = z.infer<typeof MentionSchema>;

/** A person, place or organisation, merged across articles by canonical name. */
export const EntitySchema = z.object({
  id: z.string().min(1), // `${type}:${slug}`
  type: EntityTypeSchema,
  /** Canonical (longest, cleanest) name: `Nikol Pashinyan`. */
  name: z.string().min(1),
  /** Other names for it: `Pashinyan`, `Mr. Pashinyan`, `NikolPashinyan`. */
  aliases: z.array(z.string()),
  /** Roles the text gives: `Armenian Prime Minister`. */
  roles: z.array(z.string()),
  /** A capital or seat standing for a government: `Baku` stands for `place:azerbaijan`. */
  standsFor: z.string().nullable(),
  mentions: z.array(MentionSchema),
});
export type Entity = z.infer<typeof EntitySchema>;

/** A participant of an event or a quotation: the words, and the entity they resolve to. */
export const ArgumentSchema = z.object({
  text: z.string(),
  entityId: z.string().nullable(),
  /** Every entity a coordinated argument names (`Armenia and Azerbaijan`); `entityId` is the first. */
  entityIds: z.array(z.string()).optional(),
});
export type Argument = z.infer<typeof ArgumentSchema>;

/** A quantity in the text: `32 Armenian prisoners of war`, `more than 100,000 people`. */
export const QuantitySchema = z.object({
  value: z.number(),
  text: z.string(),
  /** What is counted: `Armenian prisoners of war`, `people`, `%`, `$`. */
  unit: z.string().nullable(),
});
export type Quantity = z.infer<typeof QuantitySchema>;

/** Who did what to whom, when and where. */
export const EventSchema = z.object({
  id: z.string().min(1),
  articleId: z.string().min(1),
  sentenceId: z.string().min(1),
  actor: ArgumentSchema.nullable(),
  /** Lemma of the main verb: `release`. */
  action: z.string().min(1),
  /** The verb as written: `will release`. */
  verb: z.string(),
  object: ArgumentSchema.nullable(),
  date: ResolvedDateSchema.nullable(),
  place: ArgumentSchema.nullable(),
  quantities: z.array(QuantitySchema),
  tense: z.enum(["past", "present", "future"]),
  negated: z.boolean(),
  /** The clause the event was read from. */
  text: z.string(),
});
export type Event = z.infer<typeof EventSchema>;

/** Exact quoted words with their speaker. */
export const QuotationSchema = z.object({
  id: z.string().min(1),
  articleId: z.string().min(1),
  /** First sentence holding the quotation. */
  sentenceId: z.string().min(1),
  /** All sentences it runs over (one or more). */
  sentenceIds: z.array(z.string().min(1)).min(1),
  /** The quoted words, without the quote marks. */
  text: z.string().min(1),
  speaker: ArgumentSchema.nullable(),
  /** The speaker's role where the text gives it: `European Council President`. */
  speakerRole: z.string().nullable(),
  /** The cue: `said`, `wrote`, `read`, `according to`, `called`. */
  cue: z.string().nullable(),
  /** `direct`: a whole quoted statement; `partial`: a quoted fragment inside reported speech. */
  kind: z.enum(["direct", "partial"]),
  date: ResolvedDateSchema.nullable(),
});
export type Quotation = z.infer<typeof QuotationSchema>;

/** Reported speech: what someone said, in the article's own words (`reaffirmed their intention…`). */
export const StatementSchema = z.object({
  id: z.string().min(1),
  articleId: z.string().min(1),
  sentenceId: z.string().min(1),
  speaker: ArgumentSchema.nullable(),
  cue: z.string(),
  content: z.string(),
});
export type Statement = z.infer<typeof StatementSchema>;

/** The whole fact base, in memory (and as a version 1 `knowledge/facts.json` stored it). */
export const FactBaseSchema = z.object({
  format: z.literal(FACT_BASE_FORMAT),
  version: z.literal(FACT_BASE_VERSION),
  builtAt: z.string(),
  articles: z.array(ArticleSchema),
  entities: z.array(EntitySchema),
  events: z.array(EventSchema),
  quotations: z.array(QuotationSchema),
  statements: z.array(StatementSchema),
});
export type FactBase = z.infer<typeof FactBaseSchema>;

/**
 * A version 1 file: the in-memory shape written as it is. Still read (and converted in memory:
 * only the version changes); the next write stores version 2.
 */
export const FactBaseV1Schema = FactBaseSchema.extend({ version: z.literal(1) });
export type FactBaseV1 = z.infer<typeof FactBaseV1Schema>;

/** An empty fact base of the current version. */
export function emptyFactBase(): FactBase {
  return {
    format: FACT_BASE_FORMAT,
    version: FACT_BASE_VERSION,
    builtAt: new Date(0).toISOString(),
    articles: [],
    entities: [],
    events: [],
    quotations: [],
    statements: [],
  };
}
