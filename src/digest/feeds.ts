/**
 * The feed poller: every `FEED_POLL_MINUTES`, each feed of `FEEDS` is fetched (timeout, body cap),
 * parsed with the knowledge room's feed parser, and each item not seen before has its page fetched and
 * turned into an article with the HTML parser (Readability), then everything new is ingested in one go
 * with the knowledge room's `ingest`, and the fact base in memory is swapped.
 *
 * Deduplication, in order: the item's guid (per feed), its canonical URL (any feed), then its title with
 * its publication day (the same story syndicated under another link). Seen items are stored in SQLite.
 *
 * A feed that fails (timeout, HTTP error, malformed XML, a body over the cap) is logged and retried with
 * exponential backoff (1 min, 2, 4… up to 6 h); the other feeds go on. A page that fails falls back to
 * the text the feed itself carries.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { writeDerivedFilesInWorker } from "../derived-files.ts";
import { articleId, canonicalUrl } from "../knowledge/build-facts.ts";
import { parseFeed } from "../knowledge/formats/feed.ts";
import { parseHtmlArticle } from "../knowledge/formats/html.ts";
import { ArticleParseError, type ParsedArticle } from "../knowledge/formats/index.ts";
import { ingest } from "../knowledge/ingest.ts";
import type { FactBase } from "../knowledge/schema.ts";
import type { KnowledgeStore } from "../knowledge/store.ts";
import type { Logger } from "../log.ts";
import type { Services } from "../services.ts";
import type { DigestDb } from "./db.ts";
import { FeedList } from "./feed-list.ts";
import { FetchError, fetchText } from "./fetch.ts";

/** Defaults, in one place. */
export const FEED_DEFAULTS = Object.freeze({
  timeoutMs: 10_000,
  /** A feed of a few hundred items is well under 5 MB; more is a mistake or an attack. */
  maxFeedBytes: 5 * 1024 * 1024,
  maxPageBytes: 3 * 1024 * 1024,
  backoffBaseMs: 60_000,
  backoffMaxMs: 6 * 3_600_000,
  /** How often the poller wakes to see which feeds are due (a failed feed may be due before the next poll). */
  tickMs: 60_000,
  /** New items taken from one feed per poll: a first poll of a big feed is spread over several. */
  maxNewItemsPerFeed: 30,
});

/** Options of the poller. */
export interface FeedPollerOptions {
  db: DigestDb;
  /** The `FEEDS` variable's feeds; those added with `newsdesk feeds add` are read from `db` at each poll. */
  feeds: readonly string[];
  pollMinutes: number;
  knowledge: KnowledgeStore;
  logger: Logger;
  timeoutMs?: number;
  maxFeedBytes?: number;
  maxPageBytes?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  tickMs?: number;
  /** Ingests article files into the knowledge folder; default: the knowledge room's `ingest`. */
  ingestFiles?: (
    files: string[],
    knowledgeDir: string,
  ) => Promise<{ facts: FactBase; failures: { message: string }[] }>;
  /**
   * Writes the files derived from the new facts.json (facts.cache, facts.postings) before the new
   * fact base is used, so that neither the next start nor the index built for the next question
   * has to do their work; its failures are logged. Default: none (the caller that owns the answer
   * room gives it: src/discord/digest-sender.ts).
   */
  writeDerivedFiles?: (knowledgeDir: string) => Promise<{ failures: string[] }>;
  /** Called once the new fact base is in use (the bot builds its answer index then, not on the next question). */
  onReplaced?: () => void;
}

/** What one poll did for one feed. */
export interface FeedResult {
  feed: string;
  status: "ok" | "failed" | "waiting";
  newItems: number;
  repeated: number;
  error?: string;
  nextAttemptAt: string;
}

/** Lower-case words of a title, for "same title" comparisons. */
export const titleKey = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

const idParser = new XMLParser({
  ignoreAttributes: false,
  isArray: (n) => n === "item" || n === "entry" || n === "link",
});

type Node = Record<string, unknown>;
const textOf = (v: unknown): string | null =>
  typeof v === "string"
    ? v.trim()
    : v && typeof v === "object" && "#text" in v
      ? textOf((v as Node)["#text"])
      : null;

/**
 * The guid (RSS `<guid>`, Atom `<id>`) of each item, keyed by canonical link and by title key.
 * The knowledge room's parser does not keep guids; this reads only the identifying elements.
 */
export function itemGuids(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  const xml = idParser.parse(raw) as Node;
  const items = (((xml.rss as Node | undefined)?.channel as Node | undefined)?.item ??
    (xml.feed as Node | undefined)?.entry ??
    []) as Node[];
  for (const item of items) {
    const guid = textOf(item.guid) ?? textOf(item.id);
    if (!guid) continue;
    const links = (item.link as unknown[] | undefined) ?? [];
    for (const l of links) {
      const href =
        typeof l === "object" && l ? (((l as Node)["@_href"] as string | undefined) ?? textOf(l)) : textOf(l);
      if (href) out.set(`url:${canonicalUrl(href)}`, guid);
    }
    const title = textOf(item.title);
    if (title) out.set(`title:${titleKey(title)}`, guid);
  }
  return out;
}

interface NewItem {
  feed: string;
  guid: string;
  url: string | null;
  titleKey: string;
  published: string | null;
  parsed: ParsedArticle;
}

/** Polls the configured feeds and ingests what is new. */
export class FeedPoller {
  readonly #o: FeedPollerOptions & typeof FEED_DEFAULTS;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | null = null;

  constructor(options: FeedPollerOptions) {
    this.#o = { ...FEED_DEFAULTS, ...options } as FeedPollerOptions & typeof FEED_DEFAULTS;
  }

  /** Polls now, then wakes every `tickMs` to poll the feeds that are due. */
  start(): void {
    const tick = () => {
      if (!this.#running) {
        this.#running = this.pollOnce()
          .catch((err) => this.#o.logger.error({ err: (err as Error).message }, "feeds: poll failed"))
          .finally(() => {
            this.#running = null;
          });
      }
      this.#timer = setTimeout(tick, this.#o.tickMs);
      this.#timer.unref();
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #state(feed: string): { failures: number; next_attempt_at: string | null } | undefined {
    return this.#o.db
      .prepare("SELECT failures, next_attempt_at FROM feed_state WHERE feed_url = ?")
      .get(feed) as { failures: number; next_attempt_at: string | null } | undefined;
  }

  /** The delay before retrying a feed that failed `failures` times in a row. */
  backoffMs(failures: number): number {
    return Math.min(this.#o.backoffBaseMs * 2 ** Math.max(0, failures - 1), this.#o.backoffMaxMs);
  }

  #seen(feed: string, guid: string, url: string | null, key: string, published: string | null): boolean {
    const row = this.#o.db
      .prepare(
        `SELECT 1 FROM feed_items WHERE (feed_url = ? AND guid = ?) OR (? IS NOT NULL AND url = ?)
         OR (title_key = ? AND IFNULL(substr(published, 1, 10), '') = ?) LIMIT 1`,
      )
      .get(feed, guid, url, url, key, published?.slice(0, 10) ?? "");
    return row !== undefined;
  }

  async #pollFeed(feed: string, everyMinutes: number, now: Date, batch: NewItem[]): Promise<FeedResult> {
    const raw = await fetchText(feed, {
      timeoutMs: this.#o.timeoutMs,
      maxBytes: this.#o.maxFeedBytes,
      accept: "application/rss+xml, application/atom+xml, application/xml, text/xml",
    });
    const items = parseFeed(raw, feed);
    let guids: Map<string, string>;
    try {
      guids = itemGuids(raw);
    } catch {
      guids = new Map();
    }
    let fresh = 0;
    let repeated = 0;
    for (const item of items) {
      const url = item.url ? canonicalUrl(item.url) : null;
      const key = titleKey(item.title);
      const guid =
        (url && guids.get(`url:${url}`)) ??
        guids.get(`title:${key}`) ??
        url ??
        `title:${key}|${item.published?.slice(0, 10) ?? ""}`;
      const inBatch = batch.some(
        (b) =>
          (b.feed === feed && b.guid === guid) ||
          (url && b.url === url) ||
          (b.titleKey === key && (b.published?.slice(0, 10) ?? "") === (item.published?.slice(0, 10) ?? "")),
      );
      if (inBatch || this.#seen(feed, guid, url, key, item.published)) {
        repeated++;
        continue;
      }
      if (fresh >= this.#o.maxNewItemsPerFeed) break;
      fresh++;
      batch.push({
        feed,
        guid,
        url,
        titleKey: key,
        published: item.published,
        parsed: await this.#withPage(item),
      });
    }
    return {
      feed,
      status: "ok",
      newItems: fresh,
      repeated,
      nextAttemptAt: new Date(now.getTime() + everyMinutes * 60_000).toISOString(),
    };
  }

  /** The item with its page's text when the page gives more than the feed; the feed's metadata wins. */
  async #withPage(item: ParsedArticle): Promise<ParsedArticle> {
    if (!item.url) return item;
    try {
      const html = await fetchText(item.url, {
        timeoutMs: this.#o.timeoutMs,
        maxBytes: this.#o.maxPageBytes,
        accept: "text/html",
      });
      const page = parseHtmlArticle(html, item.url);
      const length = (b: string[]) => b.join(" ").length;
      if (length(page.body) <= length(item.body)) return item;
      return {
        ...item,
        body: page.body,
        dateline: page.dateline ?? item.dateline,
        published: item.published ?? page.published,
        section: item.section ?? page.section,
      };
    } catch (err) {
      this.#o.logger.warn(
        { url: item.url, err: (err as Error).message },
        "feeds: page not read, using the feed's text",
      );
      return item;
    }
  }

  /** Polls every due feed once; ingests what is new. One feed's failure never stops the others. */
  async pollOnce(now = new Date()): Promise<FeedResult[]> {
    const results: FeedResult[] = [];
    const batch: NewItem[] = [];
    // The feeds added with `newsdesk feeds add` (read each time: another process may add one), then FEEDS.
    const feeds = new FeedList(this.#o.db).entries(this.#o.feeds, this.#o.pollMinutes);
    for (const { url: feed, everyMinutes } of feeds) {
      const state = this.#state(feed);
      if (state?.next_attempt_at && Date.parse(state.next_attempt_at) > now.getTime()) {
        results.push({
          feed,
          status: "waiting",
          newItems: 0,
          repeated: 0,
          nextAttemptAt: state.next_attempt_at,
        });
        continue;
      }
      try {
        const r = await this.#pollFeed(feed, everyMinutes, now, batch);
        this.#o.db
          .prepare(
            `INSERT INTO feed_state (feed_url, failures, next_attempt_at, last_error, last_ok_at) VALUES (?, 0, ?, NULL, ?)
             ON CONFLICT (feed_url) DO UPDATE SET failures = 0, next_attempt_at = excluded.next_attempt_at, last_error = NULL, last_ok_at = excluded.last_ok_at`,
          )
          .run(feed, r.nextAttemptAt, now.toISOString());
        results.push(r);
      } catch (err) {
        const failures = (state?.failures ?? 0) + 1;
        const next = new Date(now.getTime() + this.backoffMs(failures)).toISOString();
        const error =
          err instanceof FetchError
            ? err.message
            : err instanceof ArticleParseError
              ? `feeds: ${err.message}`
              : `feeds: ${feed}: ${(err as Error).message}`;
        this.#o.db
          .prepare(
            `INSERT INTO feed_state (feed_url, failures, next_attempt_at, last_error) VALUES (?, ?, ?, ?)
             ON CONFLICT (feed_url) DO UPDATE SET failures = excluded.failures, next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error`,
          )
          .run(feed, failures, next, error);
        this.#o.logger.warn({ feed, failures, retryAt: next }, error);
        results.push({ feed, status: "failed", newItems: 0, repeated: 0, error, nextAttemptAt: next });
      }
    }
    if (batch.length) await this.#ingest(batch, now);
    return results;
  }

  async #ingest(batch: NewItem[], now: Date): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-feed-"));
    try {
      const files = batch.map((item, i) => {
        const file = join(dir, `${String(i).padStart(4, "0")}-${articleId(item.parsed).slice(0, 60)}.json`);
        const p = item.parsed;
        writeFileSync(
          file,
          JSON.stringify(
            {
              title: p.title,
              source: p.source,
              published: p.published,
              url: p.url,
              section: p.section,
              body: p.body,
            },
            null,
            2,
          ),
        );
        return file;
      });
      const run =
        this.#o.ingestFiles ??
        // One worker thread even for one item: the analysis would otherwise block the bot's event
        // loop for seconds, and load compromise's date plugin into the process that parses questions.
        (async (inputs: string[], knowledgeDir: string) => ingest({ inputs, knowledgeDir, workers: 1 }));
      const result = await run(files, this.#o.knowledge.dir);
      for (const f of result.failures) this.#o.logger.warn({}, f.message);
      if (this.#o.writeDerivedFiles) {
        const derived = await this.#o.writeDerivedFiles(this.#o.knowledge.dir);
        for (const failure of derived.failures) this.#o.logger.warn({}, failure);
      }
      this.#o.knowledge.replace(result.facts);
      this.#o.onReplaced?.();
      const record = this.#o.db.prepare(
        `INSERT INTO feed_items (feed_url, guid, url, title_key, published, article_id, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (feed_url, guid) DO NOTHING`,
      );
      this.#o.db.transaction(() => {
        for (const item of batch)
          record.run(
            item.feed,
            item.guid,
            item.url,
            item.titleKey,
            item.published,
            articleId(item.parsed),
            now.toISOString(),
          );
      })();
      this.#o.logger.info({ articles: batch.length }, "feeds: new articles ingested");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The poller of a running bot or console twin: the `FEEDS` feeds and those added with
 * `newsdesk feeds add`, ingested into the services' knowledge folder, the derived files written
 * in a worker thread, and the answer index rebuilt once the new fact base is in use.
 */
export function feedPollerFor(services: Services, announce?: (line: string) => void): FeedPoller | null {
  const { digests, config, knowledge, logger } = services;
  if (!digests) return null;
  let articles = knowledge.facts.articles.length;
  return new FeedPoller({
    db: digests.db,
    feeds: config.FEEDS,
    pollMinutes: config.FEED_POLL_MINUTES,
    knowledge,
    logger,
    // In a worker thread: seconds of work at 10,000 articles, kept off the event loop.
    writeDerivedFiles: writeDerivedFilesInWorker,
    onReplaced: () => {
      services.answers?.warm();
      const now = knowledge.facts.articles.length;
      if (now > articles)
        announce?.(`feeds: ${now - articles} new article${now - articles === 1 ? "" : "s"} (${now} in all)`);
      articles = now;
    },
  });
}
