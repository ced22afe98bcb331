import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  articleId,
  articleIdentity,
  buildArticle,
  buildFactBase,
  sanitiseArticleFacts,
} from "../../src/knowledge/build.ts";
import { parseArticleFile } from "../../src/knowledge/formats/index.ts";
import { ingest } from "../../src/knowledge/ingest.ts";
import { emptyFactBase } from "../../src/knowledge/schema.ts";
import { FactBaseError, KnowledgeStore, readFactBase, writeFactBase } from "../../src/knowledge/store.ts";

const SEED = "../shared/seed/2023-12-08-armenia-azerbaijan-normalize-relations.txt";
const FIXTURES = "tests/fixtures/articles";
const BBC = "../shared/corpus/bbc-cc0/articles";

// Each test runs the whole analysis on real articles; a shared, busy machine can make that slow.
vi.setConfig({ testTimeout: 90_000 });

let dir: string;
let work: string;
beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), "newsdesk-ingest-"));
  dir = join(root, "knowledge");
  work = join(root, "inbox");
  mkdirSync(work);
});
afterEach(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

const run = (inputs: string[], at = "2024-01-01T00:00:00.000Z") =>
  ingest({ inputs, knowledgeDir: dir, workers: 0, now: () => new Date(at) });

describe("ingesting the seed article", () => {
  it("builds the article with its outlet, date, dateline, repaired text and cited sentences", async () => {
    const result = await run([SEED]);
    expect(result.failures).toEqual([]);
    expect(result.added).toBe(1);
    const [article] = result.facts.articles;
    expect(article!.id).toBe(articleId({ title: article!.title, url: null, published: "2023-12-08" }));
    expect(article!.id).toMatch(/^armenia-and-azerbaijan-aim-to-normalize-relations-[0-9a-f]{8}$/);
    expect(article!.title).toBe("Armenia and Azerbaijan aim to normalize relations");
    expect(article!.source).toBe("ThanhNien Newspaper");
    expect(article!.published).toBe("2023-12-08");
    expect(article!.section).toBe("World");
    expect(article!.dateline).toEqual({ place: "Yerevan", text: "Yerevan [Armenia], December 8:" });
    expect(article!.format).toBe("text");
    expect(article!.file).toBe("articles/2023-12-08-armenia-azerbaijan-normalize-relations.txt");
    expect(article!.ingestedAt).toBe("2024-01-01T00:00:00.000Z");
    expect(article!.text).toContain(
      "Armenian Prime Minister Nikol Pashinyan and the administration of Azerbaijani President Ilham Aliyev.",
    );
    expect(article!.text).toContain("32 Armenian prisoners of war, while");
    expect(article!.paragraphs).toHaveLength(13);

    // Every sentence's source span points at the same words in the copied file's body.
    const copy = readFileSync(join(dir, article!.file), "utf8");
    expect(copy).toBe(readFileSync(SEED, "utf8"));
    const sentence = article!.sentences.find((s) => s.text.includes("Nikol Pashinyan"))!;
    const lines = copy.split("\n").filter((l) => l.trim());
    const body = lines.slice(4, -1).join("\n\n");
    expect(body.slice(sentence.source.start, sentence.source.end)).toContain("NikolPashinyan");
  });

  it("writes a fact base that loads and validates", async () => {
    await run([SEED]);
    const facts = readFactBase(dir);
    expect(facts.articles.map((a) => a.source)).toEqual(["ThanhNien Newspaper"]);
    expect(readdirSync(dir).filter((f) => /^\.facts\.json\..*\.tmp$/.test(f))).toEqual([]);
  });

  it("points every entity reference at an entity of the fact base", async () => {
    const { facts } = await run([SEED, join(BBC, "politics-001.md")]);
    const ids = new Set(facts.entities.map((e) => e.id));
    const refs = [
      ...facts.events.flatMap((e) => [e.actor, e.object, e.place]),
      ...facts.quotations.map((q) => q.speaker),
      ...facts.statements.map((s) => s.speaker),
    ].flatMap((a) => [...(a?.entityId ? [a.entityId] : []), ...(a?.entityIds ?? [])]);
    // Coordinated actors (`Armenia and Azerbaijan issued …`) name every entity, and are remapped too.
    expect(facts.events.some((e) => (e.actor?.entityIds?.length ?? 0) >= 2)).toBe(true);
    for (const ref of refs) expect(ids.has(ref)).toBe(true);
  });
});

describe("checking what extraction produced", () => {
  it("drops an invalid extracted item on its own and keeps the article", () => {
    const [parsed] = parseArticleFile(readFileSync(SEED), SEED);
    const built = buildArticle(parsed!, {
      id: "seed",
      file: "articles/seed.txt",
      ingestedAt: "2024-01-01T00:00:00Z",
    });
    const sentenceId = built.article.sentences[0]!.id;
    const broken = {
      id: "seed#bad",
      articleId: "seed",
      sentenceId,
      actor: { text: "Someone", entityId: "person:nobody" },
      action: "",
      verb: "",
      object: null,
      date: null,
      place: null,
      quantities: [],
      tense: "past" as const,
      negated: false,
      text: "",
    };
    const { facts, problems } = sanitiseArticleFacts({ ...built, events: [...built.events, broken] });
    expect(problems).toEqual([
      `events.${built.events.length}.action: Too small: expected string to have >=1 characters`,
    ]);
    expect(facts!.article.title).toBe("Armenia and Azerbaijan aim to normalize relations");
    expect(facts!.events).toHaveLength(built.events.length);
  });

  it("fails the article when the article itself is invalid", () => {
    const [parsed] = parseArticleFile(readFileSync(SEED), SEED);
    const built = buildArticle(parsed!, {
      id: "seed",
      file: "articles/seed.txt",
      ingestedAt: "2024-01-01T00:00:00Z",
    });
    const { facts, problems } = sanitiseArticleFacts({ ...built, article: { ...built.article, file: "" } });
    expect(facts).toBeNull();
    expect(problems[0]).toMatch(/^article\.file: /);
  });
});

describe("duplicates and updates", () => {
  it("when the same article is ingested twice, it is kept once", async () => {
    await run([SEED]);
    copyFileSync(SEED, join(work, "same-article-other-name.txt"));
    const again = await run([SEED, join(work, "same-article-other-name.txt")], "2024-02-01T00:00:00.000Z");
    expect(again.facts.articles).toHaveLength(1);
    expect(again.added).toBe(0);
    expect(again.skipped).toBe(2);
    expect(again.kept).toBe(1);
    // The first ingest time stays: a rebuild is not a new arrival.
    expect(again.facts.articles[0]!.ingestedAt).toBe("2024-01-01T00:00:00.000Z");
    expect(readdirSync(join(dir, "articles"))).toEqual([
      "2023-12-08-armenia-azerbaijan-normalize-relations.txt",
    ]);
  });

  it("when a feed item comes again with the same url, it is the same article", async () => {
    await run([join(FIXTURES, "feeds/city-desk.rss")]);
    const rss = readFileSync(join(FIXTURES, "feeds/city-desk.rss"), "utf8").replace(
      "About 12,000 books were lost",
      "About 13,000 books were lost",
    );
    writeFileSync(join(work, "city-desk-later.rss"), rss);
    const later = await run([join(work, "city-desk-later.rss")]);
    expect(later.facts.articles).toHaveLength(2);
    expect(later.updated).toBe(1);
    expect(later.skipped).toBe(1);
    const library = later.facts.articles.find((a) => a.title === "Library reopens after flood repairs")!;
    expect(library.text).toContain("About 13,000 books were lost");
  });

  it("when one item of a feed is updated, a rebuild keeps the update and the feed's other items", async () => {
    await run([join(FIXTURES, "feeds/city-desk.rss")]);
    const rss = readFileSync(join(FIXTURES, "feeds/city-desk.rss"), "utf8").replace(
      "About 12,000 books were lost",
      "About 13,000 books were lost",
    );
    // A later copy of the feed with only the library item left in it.
    const onlyLibrary = rss.replace(/<item>[\s\S]*?<\/item>/, "");
    writeFileSync(join(work, "z-city-desk.rss"), onlyLibrary); // sorts after the first copy
    await new Promise((r) => setTimeout(r, 20)); // a later modification time than the first copy
    expect((await run([join(work, "z-city-desk.rss")])).updated).toBe(1);
    expect(readdirSync(join(dir, "articles"))).toHaveLength(2);
    const rebuilt = await run([]);
    expect(rebuilt.facts.articles).toHaveLength(2);
    const library = rebuilt.facts.articles.find((a) => a.title === "Library reopens after flood repairs")!;
    expect(library.text).toContain("About 13,000 books were lost");
  });

  it("identifies by url when there is one, else by title and day", () => {
    expect(
      articleIdentity({ url: "https://www.Example.com/a/?utm_source=x#top", title: "A", published: null }),
    ).toBe("url:https://example.com/a");
    expect(
      articleIdentity({
        url: null,
        title: "Armenia  and Azerbaijan, aim!",
        published: "2023-12-08T10:00:00Z",
      }),
    ).toBe("title:armenia and azerbaijan aim|2023-12-08");
  });
});

describe("bad input among good files", () => {
  it("reports each bad file with one line, ingests every good one", async () => {
    for (const f of [
      "bad/empty.txt",
      "bad/broken.json",
      "bad/entity-bomb.xml",
      "json/briefs.json",
      "markdown/orchestra.md",
    ]) {
      copyFileSync(join(FIXTURES, f), join(work, f.split("/")[1]!));
    }
    const result = await run([work]);
    expect(result.facts.articles.map((a) => a.title).sort()).toEqual([
      "Museum returns bronze statues",
      'Orchestra\'s "farewell" tour sells out in hours',
      "Rail operator orders 50 new trains",
    ]);
    expect(result.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/broken\.json: broken JSON: /),
      `ingest: ${join(work, "empty.txt")}: empty file (nothing to ingest)`,
      expect.stringMatching(/entity-bomb\.xml: refused feed: it declares XML entities/),
    ]);
    // Bad files are not copied into the knowledge folder.
    expect(readdirSync(join(dir, "articles")).sort()).toEqual(["briefs.json", "orchestra.md"]);
  });

  it("reports a path that does not exist", async () => {
    const result = await run([join(work, "missing.md")]);
    expect(result.failures[0]!.message).toBe(`ingest: ${join(work, "missing.md")}: no such file or folder`);
  });
});

describe("rebuilding", () => {
  it("when facts.json is corrupt, ingest with no path rebuilds it from the copies", async () => {
    await run([SEED, join(FIXTURES, "html/harbour-strike.html")]);
    writeFileSync(
      join(dir, "facts.json"),
      '{"format": "newsdesk-facts", "version": 1, "articles": [{"id": 3}]',
    );
    expect(() => readFactBase(dir)).toThrow(FactBaseError);
    const rebuilt = await run([]);
    expect(rebuilt.notices[0]).toMatch(/facts\.json: .*rebuilding it from the copies in articles\/$/);
    expect(rebuilt.failures).toEqual([]);
    expect(rebuilt.kept).toBe(2);
    expect(
      readFactBase(dir)
        .articles.map((a) => a.source)
        .sort(),
    ).toEqual(["Harbour Times", "ThanhNien Newspaper"]);
  });

  it("runs the analysis in worker threads with the same result as in this thread", async () => {
    const inputs = [join(FIXTURES, "feeds"), join(FIXTURES, "json/wildfire.json")];
    const inline = await run(inputs);
    rmSync(dir, { recursive: true });
    const pooled = await ingest({
      inputs,
      knowledgeDir: dir,
      workers: 2,
      now: () => new Date("2024-01-01T00:00:00.000Z"),
    });
    expect(pooled.failures).toEqual([]);
    expect(pooled.facts.articles).toEqual(inline.facts.articles);
    expect(pooled.facts.quotations).toEqual(inline.facts.quotations);
  }, 180_000); // worker start-up (tsx, the NLP library) is slow on a busy machine
});

describe("the build cache", () => {
  it("when nothing changed, a second ingest reuses the analysis and gives the same fact base", async () => {
    const first = await run([SEED, join(FIXTURES, "json/wildfire.json")]);
    expect(first.cached).toBe(0);
    const second = await run([]);
    expect(second.cached).toBe(2);
    expect(second.facts.articles).toEqual(first.facts.articles);
    expect(second.facts.events).toEqual(first.facts.events);
    expect(second.facts.quotations).toEqual(first.facts.quotations);
    const fresh = await ingest({ inputs: [], knowledgeDir: dir, workers: 0, cache: false });
    expect(fresh.cached).toBe(0);
    expect(fresh.facts.articles).toEqual(first.facts.articles);
  });

  it("analyses an updated article again and prunes what is no longer used", async () => {
    await run([join(FIXTURES, "feeds/city-desk.rss")]);
    const cacheDir = join(dir, ".tmp", "build-cache");
    expect(readdirSync(cacheDir)).toHaveLength(2);
    const rss = readFileSync(join(FIXTURES, "feeds/city-desk.rss"), "utf8").replace(
      "About 12,000",
      "About 13,000",
    );
    writeFileSync(join(work, "city-desk.rss"), rss);
    const later = await run([join(work, "city-desk.rss")]);
    expect(later.cached).toBe(1);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });
});

describe("the fact base store", () => {
  it("refuses to write an invalid fact base and leaves no temporary file", () => {
    mkdirSync(dir, { recursive: true });
    const bad = { ...emptyFactBase(), articles: [{ id: "" }] } as never;
    expect(() => writeFactBase(dir, bad)).toThrow(
      /refusing to write an invalid fact base \(at articles\.0\./,
    );
    expect(existsSync(join(dir, "facts.json"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("reloads when an ingest replaces facts.json, and keeps the old fact base when the new one is broken", async () => {
    await run([SEED]);
    const store = KnowledgeStore.load(dir);
    const reloaded = new Promise<number>((resolve) => {
      const stop = store.watch({
        debounceMs: 50,
        onReload: (facts) => {
          stop();
          resolve(facts.articles.length);
        },
      });
    });
    await run([join(FIXTURES, "json/wildfire.json")]);
    expect(await reloaded).toBe(2);
    expect(store.generation).toBe(1);

    const failed = new Promise<string>((resolve) => {
      const stop = store.watch({
        debounceMs: 50,
        onError: (err) => {
          stop();
          resolve(err.message);
        },
      });
    });
    writeFileSync(join(dir, "facts.json"), "{");
    expect(await failed).toMatch(/facts\.json: not valid JSON/);
    expect(store.facts.articles).toHaveLength(2);
  });

  it("reads nothing again when facts.json is still the file the fact base in use came from", async () => {
    await run([SEED]);
    const store = KnowledgeStore.load(dir);
    const held = store.facts;
    // The bot's own write of the same fact base (the feed poller's ingest) is seen by the watch.
    writeFactBase(dir, held);
    expect(store.reload()).toBe(false);
    expect(store.facts).toBe(held);
    expect(store.generation).toBe(0);
    // Another fact base in the file: read, even when written by this process.
    await run([join(FIXTURES, "json/wildfire.json")]);
    expect(store.reload()).toBe(true);
    expect(store.facts.articles).toHaveLength(2);
    expect(store.generation).toBe(1);
    // The same size but not the same seal (a hand edit in place): read, and refused as damaged.
    const file = join(dir, "facts.json");
    const text = readFileSync(file, "latin1");
    writeFileSync(
      file,
      text.replace(/"sha256":"(.)/, (_m, c: string) => `"sha256":"${c === "0" ? "1" : "0"}`),
      "latin1",
    );
    expect(() => store.reload()).not.toThrow();
    expect(store.generation).toBe(2);
  });

  it("builds an empty fact base from no articles", () => {
    expect(buildFactBase([], "2024-01-01T00:00:00.000Z").articles).toEqual([]);
  });
});
