/**
 * The digest itself: the articles that arrived in a window, optionally filtered by topics, grouped by
 * topic, each with headline, outlet, date, link, a two-sentence extractive summary, key facts (who did
 * what, when) and a quotation of note; then rendered as neutral replies that fit Discord's limits.
 */
import Fuse from "fuse.js";
import { monthName } from "../answer/extract.ts";
import { editDistance } from "../answer/terms.ts";
import type { Article, Entity, Event, FactBase, Quotation } from "../knowledge/schema.ts";
import { endsDangling, eventFact, isWholeEvent } from "../knowledge/whole-fact.ts";
import type { Reply } from "../reply.ts";
import { DIGEST_NOTHING_NEW } from "./errors.ts";
import { splitIntoReplies } from "./split.ts";
import { summarise } from "./summarise.ts";

/** Defaults, in one place. */
export const COMPOSE_DEFAULTS = Object.freeze({
  /**
   * Articles composed into one digest, newest first. A channel reads a digest, not an archive; and
   * summarising is the costly part (a few ms an article), so a window holding thousands of articles
   * (a first digest over a large fact base) must not block the bot for seconds. The rest are counted.
   */
  maxArticles: 40,
  summarySentences: 2,
  keyFacts: 3,
  /** A key fact longer than this is a paragraph, not a bullet (the summary tells it). */
  keyFactMaxChars: 200,
  /** A quotation shorter than this says little ("historic"), longer is a paragraph, not a quote of note. */
  quoteMinChars: 30,
  quoteMaxChars: 320,
  /** Fuse.js threshold for topic ↔ entity-name matching: tolerant of a typo, not of a different name. */
  topicThreshold: 0.25,
  /** A section of more words than this is a headline's fragment, not a section's name. */
  sectionMaxWords: 4,
  /** Group name when an article has no section and no entity shared with another article. */
  otherGroup: "Other news",
});

/** One article in a digest. */
export interface DigestArticle {
  id: string;
  title: string;
  source: string;
  published: string | null;
  ingestedAt: string;
  url: string | null;
  summary: string[];
  keyFacts: string[];
  quotation: { text: string; speaker: string | null; role: string | null } | null;
}

/** A topic and its articles. */
export interface DigestGroup {
  topic: string;
  articles: DigestArticle[];
}

/** A composed digest, before rendering. */
export interface Digest {
  since: string;
  until: string;
  topics: string[];
  groups: DigestGroup[];
  /** Articles that arrived in the window (and match the topics). */
  articleCount: number;
  /** Of those, the articles composed into the digest (the newest, at most `maxArticles`). */
  shownCount: number;
}

/** What to put in a digest. */
export interface DigestQuery {
  since: Date;
  until: Date;
  /** Empty: every article. */
  topics?: readonly string[];
  /** At most this many articles are composed (default {@link COMPOSE_DEFAULTS.maxArticles}). */
  maxArticles?: number;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * An article arrived in the window when it was ingested inside it: ingestion is what "new since the
 * last digest" means (an article published yesterday and fetched today is new today). The publication
 * date is what readers see and what orders the articles.
 */
export function arrivedIn(article: Article, since: Date, until: Date): boolean {
  const t = Date.parse(article.ingestedAt);
  return t > since.getTime() && t <= until.getTime();
}

/** Which of `topics` an article matches: the words in its title or text, or a fuzzily matching entity. */
export function topicMatcher(facts: FactBase, topics: readonly string[]): (a: Article) => string | null {
  if (!topics.length) return () => null;
  const fuse = new Fuse(
    facts.entities.map((e) => ({ e, names: [e.name, ...e.aliases] })),
    { keys: ["names"], threshold: COMPOSE_DEFAULTS.topicThreshold, ignoreLocation: true, includeScore: true },
  );
  // Fuse.js finds a topic anywhere inside a name (`sport` in `Transport Ministry`): a name counts
  // only when each of the topic's words is one of its words, as written or one typo away.
  const entityArticles = topics.map((t) => {
    const ids = new Set<string>();
    for (const r of fuse.search(t)) {
      if (!r.item.names.some((name) => holdsWords(name, t))) continue;
      for (const m of r.item.e.mentions) ids.add(m.articleId);
    }
    return ids;
  });
  const needles = topics.map((t) => ` ${norm(t)} `);
  return (a) => {
    const hay = ` ${norm(`${a.title} ${a.section ?? ""} ${a.text}`)} `;
    for (let i = 0; i < topics.length; i++) {
      if (entityArticles[i]!.has(a.id) || hay.includes(needles[i]!)) return topics[i]!;
    }
    return null;
  };
}

/** Whether every word of `topic` is a whole word of `name` (a word of four letters or more may be one edit off: `Ruis` for `Ruiz`). */
function holdsWords(name: string, topic: string): boolean {
  const words = norm(name).split(" ");
  return norm(topic)
    .split(" ")
    .every((t) => words.some((w) => w === t || (t.length >= 4 && editDistance(w, t, 1) <= 1)));
}

function entityIndex(facts: FactBase): Map<string, Entity[]> {
  const byArticle = new Map<string, Entity[]>();
  for (const e of facts.entities) {
    for (const id of new Set(e.mentions.map((m) => m.articleId))) {
      const list = byArticle.get(id) ?? [];
      list.push(e);
      byArticle.set(id, list);
    }
  }
  return byArticle;
}

// A fact whose "who" is a bare pronoun says nothing out of its sentence ("It lost 464,000 subscribers").
const PRONOUN_ACTOR = /^(it|its|they|them|he|she|we|i|you|this|that|these|those|which|who|there|one)$/i;

/** "Who did what, when" from the article's events: actor, verb, object, date. */
export function keyFacts(events: readonly Event[], max = COMPOSE_DEFAULTS.keyFacts): string[] {
  const ranked = events
    .filter(
      // A bullet must read alone: actor, verb and an object that does not dangle.
      (e) =>
        e.actor &&
        !PRONOUN_ACTOR.test(e.actor.text.trim()) &&
        isWholeEvent(e) &&
        eventFact(e).length <= COMPOSE_DEFAULTS.keyFactMaxChars,
    )
    .map((e) => ({
      e,
      score:
        (e.actor!.entityId ? 2 : 0) +
        (e.date ? 2 : 0) +
        (e.object ? 1 : 0) +
        (e.quantities.length ? 1 : 0) -
        (e.negated ? 1 : 0),
    }))
    .sort((a, b) => b.score - a.score);
  const out: { line: string; at: number }[] = [];
  const seen = new Set<string>();
  const position = (e: Event) => Number(/#s(\d+)$/.exec(e.sentenceId)?.[1] ?? 0);
  for (const { e } of ranked) {
    const parts = eventFact(e);
    // The clause often says when already (`laid off half its staff last month`).
    const dateWords = e.date ? e.date.text.replace(/^(?:on|in|at|by|since|during|from|of)\s+/i, "") : "";
    const when =
      e.date && !(dateWords && parts.includes(dateWords)) ? ` (${e.date.text || e.date.value})` : "";
    const line = `${parts.charAt(0).toUpperCase()}${parts.slice(1)}${when}`.replace(/\s+/g, " ").trim();
    const key = norm(line);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line, at: position(e) });
    if (out.length >= max) break;
  }
  // The best facts, told in the article's order.
  return out.sort((a, b) => a.at - b.at).map((x) => x.line);
}

/** The quotation of note: a direct quotation with a known speaker, of a readable length, preferred. */
export function quotationOfNote(quotations: readonly Quotation[]): DigestArticle["quotation"] {
  const fit = quotations.filter(
    (q) => q.text.length >= COMPOSE_DEFAULTS.quoteMinChars && q.text.length <= COMPOSE_DEFAULTS.quoteMaxChars,
  );
  const score = (q: Quotation) =>
    (q.kind === "direct" ? 2 : 0) + (q.speaker?.text ? 2 : 0) + (q.speakerRole ? 1 : 0);
  const best = [...fit].sort((a, b) => score(b) - score(a))[0];
  if (!best) return null;
  return { text: best.text, speaker: best.speaker?.text ?? null, role: best.speakerRole };
}

/** Groups items by their article, once per digest (a fact base holds thousands of events). */
function byArticle<T extends { articleId: string }>(
  items: readonly T[],
  ids: ReadonlySet<string>,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    if (!ids.has(x.articleId)) continue;
    const list = out.get(x.articleId) ?? [];
    list.push(x);
    out.set(x.articleId, list);
  }
  return out;
}

/** A summary sentence without the dateline the article opens with (`Yerevan [Armenia], December 8:`). */
export function withoutDateline(sentence: string, dateline: Article["dateline"]): string {
  const text = sentence.trim();
  if (!dateline || !text.startsWith(dateline.text)) return text;
  const rest = text.slice(dateline.text.length).replace(/^[\s:,–—-]+/, "");
  return rest ? `${rest.charAt(0).toUpperCase()}${rest.slice(1)}` : text;
}

function toDigestArticle(
  a: Article,
  events: readonly Event[],
  quotations: readonly Quotation[],
): DigestArticle {
  const summary = summarise(a.title, a.sentences, COMPOSE_DEFAULTS.summarySentences).map((s) =>
    withoutDateline(s.text, a.dateline),
  );
  return {
    id: a.id,
    title: a.title,
    source: a.source,
    published: a.published,
    ingestedAt: a.ingestedAt,
    url: a.url,
    summary,
    keyFacts: keyFacts(events),
    quotation: quotationOfNote(quotations),
  };
}

/**
 * Groups by the matched topic when the subscription has topics; otherwise by section, else by the
 * entity the article shares with most other articles of the digest, else "Other news".
 */
function groupOf(
  a: Article,
  matched: string | null,
  entitiesOf: Map<string, Entity[]>,
  windowCount: Map<string, number>,
): string {
  if (matched) return matched;
  if (a.section && isSectionName(a.section)) return a.section;
  const shared = (entitiesOf.get(a.id) ?? [])
    .filter((e) => e.type !== "place" || e.standsFor === null)
    .map((e) => ({
      e,
      n: windowCount.get(e.id) ?? 0,
      m: e.mentions.filter((x) => x.articleId === a.id).length,
    }))
    .filter((x) => x.n >= 2)
    .sort((x, y) => y.n - x.n || y.m - x.m || x.e.name.localeCompare(y.e.name));
  return shared[0]?.e.name ?? COMPOSE_DEFAULTS.otherGroup;
}

/**
 * Whether an article's section reads as a section name (`Politics`, `US & World`, `Science/Tech`):
 * a few words, no quotation marks or sentence punctuation, not ending on a word that asks for more.
 * Pages give fragments of headlines as sections too (`CNN 'Chilling`): those group nothing.
 */
export function isSectionName(section: string): boolean {
  const words = section.trim().split(/\s+/);
  return (
    words.length >= 1 &&
    words.length <= COMPOSE_DEFAULTS.sectionMaxWords &&
    /^[\p{L}\p{N}][\p{L}\p{N} &/,-]*$/u.test(section.trim()) &&
    !endsDangling(section)
  );
}

/** Builds the digest of the articles that arrived in the query's window. */
export function buildDigest(facts: FactBase, query: DigestQuery): Digest {
  const topics = query.topics ?? [];
  const match = topicMatcher(facts, topics);
  const picked: { a: Article; topic: string | null }[] = [];
  for (const a of facts.articles) {
    if (!arrivedIn(a, query.since, query.until)) continue;
    const topic = match(a);
    if (topics.length && !topic) continue;
    picked.push({ a, topic });
  }
  const when = (x: { published: string | null; ingestedAt: string }) =>
    Date.parse(x.published ?? x.ingestedAt) || 0;
  const total = picked.length;
  picked.sort((x, y) => when(y.a) - when(x.a));
  picked.length = Math.min(picked.length, query.maxArticles ?? COMPOSE_DEFAULTS.maxArticles);
  const entitiesOf = entityIndex(facts);
  const windowCount = new Map<string, number>();
  for (const { a } of picked)
    for (const e of entitiesOf.get(a.id) ?? []) windowCount.set(e.id, (windowCount.get(e.id) ?? 0) + 1);
  const pickedIds = new Set(picked.map((p) => p.a.id));
  const eventsOf = byArticle(facts.events, pickedIds);
  const quotationsOf = byArticle(facts.quotations, pickedIds);
  const groups = new Map<string, DigestArticle[]>();
  for (const { a, topic } of picked) {
    const g = groupOf(a, topic, entitiesOf, windowCount);
    const list = groups.get(g) ?? [];
    list.push(toDigestArticle(a, eventsOf.get(a.id) ?? [], quotationsOf.get(a.id) ?? []));
    groups.set(g, list);
  }
  const ordered = [...groups.entries()]
    .map(([topic, articles]) => ({ topic, articles }))
    .sort(
      (x, y) =>
        Number(x.topic === COMPOSE_DEFAULTS.otherGroup) - Number(y.topic === COMPOSE_DEFAULTS.otherGroup) ||
        y.articles.length - x.articles.length ||
        x.topic.localeCompare(y.topic),
    );
  return {
    since: query.since.toISOString(),
    until: query.until.toISOString(),
    topics: [...topics],
    groups: ordered,
    articleCount: total,
    shownCount: picked.length,
  };
}

/** One article as plain-text lines: headline, outlet and date, link, summary, key facts, quotation. */
export function articleLines(a: DigestArticle): string[] {
  // An undated article says so rather than borrowing the day it was ingested.
  const date = a.published ? a.published.slice(0, 10) : "undated";
  const lines = [`▸ ${a.title}`, `${a.source}, ${date}${a.url ? ` · ${a.url}` : ""}`];
  if (a.summary.length) lines.push(a.summary.join(" "));
  for (const f of a.keyFacts) lines.push(`• ${f}`);
  if (a.quotation) {
    const who = a.quotation.speaker
      ? ` — ${a.quotation.speaker}${a.quotation.role ? `, ${a.quotation.role}` : ""}`
      : "";
    lines.push(`“${a.quotation.text}”${who}`);
  }
  return lines;
}

/**
 * The days a digest's articles were published, as a reader names them: `28 December 2022`,
 * `27–28 December 2022`, `30 November – 2 December 2022`, `30 December 2022 – 2 January 2023`.
 * With no dated article, the window it covers (its `since` to its `until`); null for an empty one.
 */
export function windowOf(digest: Digest): string | null {
  const days = digest.groups
    .flatMap((g) => g.articles.map((a) => a.published?.slice(0, 10) ?? ""))
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const first = days[0] ?? (digest.articleCount > 0 ? digest.since.slice(0, 10) : null);
  const last = days[days.length - 1] ?? (digest.articleCount > 0 ? digest.until.slice(0, 10) : null);
  if (!first || !last) return null;
  const [y1, m1, d1] = first.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = last.split("-").map(Number) as [number, number, number];
  const month = (m: number) => monthName(m)!;
  if (first === last) return `${d1} ${month(m1)} ${y1}`;
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${month(m1)} ${y1}`;
  if (y1 === y2) return `${d1} ${month(m1)} – ${d2} ${month(m2)} ${y2}`;
  return `${d1} ${month(m1)} ${y1} – ${d2} ${month(m2)} ${y2}`;
}

/** How a digest is titled and what an empty one says. */
export interface RenderOptions {
  title?: string;
  /** Reply for a digest with nothing in it; null: no reply at all. */
  nothingNew?: string | null;
}

/** Renders the digest as neutral replies within Discord's limits (see `split.ts`). */
export function renderDigest(digest: Digest, options: RenderOptions = {}): Reply[] {
  const window = windowOf(digest);
  const title = options.title ?? (window ? `News digest — ${window}` : "News digest");
  if (digest.articleCount === 0) {
    const line = options.nothingNew === undefined ? DIGEST_NOTHING_NEW : options.nothingNew;
    return line === null ? [] : [{ kind: "info", title, text: line, citations: [] }];
  }
  const shown = digest.shownCount < digest.articleCount ? `, the newest ${digest.shownCount} shown` : "";
  const footer = `${digest.articleCount} article${digest.articleCount === 1 ? "" : "s"} since ${digest.since.slice(0, 16).replace("T", " ")} UTC${shown}`;
  return splitIntoReplies(
    digest.groups.map((g) => ({ heading: g.topic, blocks: g.articles.map(articleLines) })),
    { title, footer },
  );
}
