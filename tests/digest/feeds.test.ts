import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import nlp from "compromise";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postingsFor } from "../../src/answer/postings.ts";
import { POSTINGS_FILE } from "../../src/answer/postings-file.ts";
import { writeDerivedFilesInWorker } from "../../src/derived-files.ts";
import { type DigestDb, openDigestDb } from "../../src/digest/db.ts";
import { FeedPoller, itemGuids } from "../../src/digest/feeds.ts";
import { FACTS_CACHE_FILE } from "../../src/knowledge/facts-cache.ts";
import { cacheUseOf, KnowledgeStore, readFactBase } from "../../src/knowledge/store.ts";
import { type FeedServer, startFeedServer } from "./feed-server.ts";
import { memoryLogger, tempDir } from "./helpers.ts";

let server: FeedServer;
let dir: string;
let cleanup: () => void;
let db: DigestDb;
let knowledge: KnowledgeStore;

beforeEach(async () => {
  server = await startFeedServer();
  ({ dir, cleanup } = tempDir());
  db = openDigestDb(join(dir, "data"));
  mkdirSync(join(dir, "knowledge"));
  knowledge = new KnowledgeStore(join(dir, "knowledge"));
});
afterEach(async () => {
  db.close();
  await server.close();
  cleanup();
});

function poller(feeds: string[], extra = {}) {
  const { logger, lines } = memoryLogger();
  const p = new FeedPoller({
    db,
    feeds: feeds.map((f) => server.base + f),
    pollMinutes: 30,
    knowledge,
    logger,
    timeoutMs: 800,
    maxFeedBytes: 1024 * 1024,
    ...extra,
  });
  return { p, lines };
}
const T0 = new Date("2026-06-01T08:00:00Z");
const later = (min: number) => new Date(T0.getTime() + min * 60_000);

// Each poll runs the real ingest (language analysis of every article): slow on a loaded machine.
describe("the feed poller", { timeout: 60_000 }, () => {
  it("writes the derived files of the new facts.json in a worker before using it, then says it is in use", async () => {
    const seen: { cache: boolean; postings: boolean; articles: number }[] = [];
    const kdir = join(dir, "knowledge");
    const { p } = poller(["/rss.xml"], {
      writeDerivedFiles: writeDerivedFilesInWorker,
      onReplaced: () =>
        seen.push({
          cache: existsSync(join(kdir, FACTS_CACHE_FILE)),
          postings: existsSync(join(kdir, POSTINGS_FILE)),
          articles: knowledge.facts.articles.length,
        }),
    });
    const [result] = await p.pollOnce(T0);
    expect(result).toMatchObject({ status: "ok", newItems: 2 });
    expect(seen).toEqual([{ cache: true, postings: true, articles: 2 }]);
    // The next start reads the new fact base through its cache, and the postings from their file.
    const facts = readFactBase(kdir);
    expect(cacheUseOf(facts)).toMatchObject({ used: true });
    expect(facts.articles.map((a) => a.id).sort()).toEqual(knowledge.facts.articles.map((a) => a.id).sort());
    expect(postingsFor(facts, kdir).source).toBe("file");
  });

  it("ingests each new item with its page's text read by Readability, and the feed's metadata", async () => {
    const { p } = poller(["/rss.xml"]);
    const [result] = await p.pollOnce(T0);
    expect(result).toMatchObject({ status: "ok", newItems: 2, repeated: 0 });
    const articles = knowledge.facts.articles;
    expect(articles.map((a) => a.title).sort()).toEqual([
      "Council votes to extend the night bus service",
      "Harbour bridge reopens after two years of repairs",
    ]);
    const bridge = articles.find((a) => a.title.startsWith("Harbour bridge"))!;
    expect(bridge.source).toBe("Harbour Gazette");
    expect(bridge.published?.slice(0, 10)).toBe("2026-06-01");
    expect(bridge.url).toBe(`${server.base}/pages/bridge.html`);
    expect(bridge.text).toContain("corroded cables"); // only on the page, not in the feed
    expect(bridge.text).not.toContain("© Harbour Gazette"); // page furniture dropped
    expect(server.hits).toContain("/pages/bridge.html");
    expect(db.prepare("SELECT guid FROM feed_items ORDER BY guid").pluck().all()).toEqual([
      "gazette-2026-0601-bridge",
      "gazette-2026-0601-bus",
    ]);
  });

  it("analyses the items in a worker thread: the bot's own thread never loads the article analyser's language plugins", async () => {
    const { p } = poller(["/rss.xml"]);
    const [result] = await p.pollOnce(T0);
    expect(result).toMatchObject({ status: "ok", newItems: 2 });
    // compromise's plugins are global: compromise-dates here would change how questions are parsed.
    expect(typeof (nlp("on 3 May") as unknown as { dates?: unknown }).dates).toBe("undefined");
  });

  it("skips an item seen before (same guid), and the same story under another link and guid (same title and day)", async () => {
    const { p } = poller(["/rss.xml", "/atom.xml"]);
    const first = await p.pollOnce(T0);
    expect(first.map((r) => [r.status, r.newItems, r.repeated])).toEqual([
      ["ok", 2, 0],
      ["ok", 0, 1],
    ]);
    server.rss = "rss-next.xml";
    const second = await p.pollOnce(later(31));
    expect(second.map((r) => [r.status, r.newItems, r.repeated])).toEqual([
      ["ok", 1, 1],
      ["ok", 0, 1],
    ]);
    expect(knowledge.facts.articles).toHaveLength(3);
    expect(knowledge.facts.articles.filter((a) => /bridge/i.test(a.title))).toHaveLength(1);
  });

  it("waits for the poll interval before fetching a feed again", async () => {
    const { p } = poller(["/rss.xml"]);
    await p.pollOnce(T0);
    const again = await p.pollOnce(later(10));
    expect(again[0]!.status).toBe("waiting");
    expect(server.hits.filter((h) => h === "/rss.xml")).toHaveLength(1);
  });

  it("logs a broken, failing, slow or oversized feed, backs off, and goes on with the others", async () => {
    const { p, lines } = poller(["/broken.xml", "/error.xml", "/slow.xml", "/huge.xml", "/rss.xml"]);
    const results = await p.pollOnce(T0);
    const byFeed = Object.fromEntries(results.map((r) => [r.feed.replace(server.base, ""), r]));
    expect(byFeed["/broken.xml"]).toMatchObject({
      status: "failed",
      error: expect.stringContaining("broken feed"),
    });
    expect(byFeed["/error.xml"]).toMatchObject({
      status: "failed",
      error: expect.stringContaining("HTTP 500"),
    });
    expect(byFeed["/slow.xml"]).toMatchObject({
      status: "failed",
      error: expect.stringContaining("no answer within 800 ms"),
    });
    expect(byFeed["/huge.xml"]).toMatchObject({
      status: "failed",
      error: expect.stringContaining("larger than 1048576 bytes"),
    });
    expect(byFeed["/rss.xml"]).toMatchObject({ status: "ok", newItems: 2 });
    expect(knowledge.facts.articles).toHaveLength(2);
    expect(lines.filter((l) => l.level === 40 && /feeds: /.test(l.msg))).toHaveLength(4);

    // Exponential backoff: retried after 1 minute, then 2 minutes after the second failure.
    expect(byFeed["/error.xml"]!.nextAttemptAt).toBe(later(1).toISOString());
    expect((await p.pollOnce(later(0.5))).find((r) => r.feed.endsWith("/error.xml"))!.status).toBe("waiting");
    const retry = (await p.pollOnce(later(1))).find((r) => r.feed.endsWith("/error.xml"))!;
    expect(retry).toMatchObject({ status: "failed", nextAttemptAt: later(3).toISOString() });
    expect(p.backoffMs(20)).toBe(6 * 3_600_000);
  });

  it("reads guids from RSS and Atom items", () => {
    const rss = `<rss><channel><title>t</title><item><title>A b</title><link>http://x.test/a?utm_source=z</link><guid>g-1</guid></item></channel></rss>`;
    const atom = `<feed><title>t</title><entry><title>C</title><id>urn:c</id><link href="http://x.test/c"/></entry></feed>`;
    expect(itemGuids(rss).get("url:http://x.test/a")).toBe("g-1");
    expect(itemGuids(rss).get("title:a b")).toBe("g-1");
    expect(itemGuids(atom).get("url:http://x.test/c")).toBe("urn:c");
  });
});
