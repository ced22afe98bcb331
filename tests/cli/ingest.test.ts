import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readFactBase } from "../../src/knowledge/store.ts";
import { newsdesk } from "./newsdesk.ts";

const SEED_DIR = "../shared/seed";
const BBC = "../shared/corpus/bbc-cc0/articles";
const FIXTURES = "tests/fixtures/articles";
const root = mkdtempSync(join(tmpdir(), "newsdesk-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("newsdesk ingest", () => {
  it("ingests all 100 BBC articles without a failure, showing progress (one is a second copy of another)", async () => {
    const dir = join(root, "bbc");
    const { code, stderr } = await newsdesk("ingest", BBC, "--knowledge", dir);
    expect(stderr).toContain("ingest: reading 100/100 files");
    expect(stderr).toMatch(
      /ingest: 99 added, 0 updated, 0 kept, 1 skipped as duplicate, 0 failed; 99 articles in /,
    );
    expect(code).toBe(0);
    const facts = JSON.parse(readFileSync(join(dir, "facts.json"), "utf8"));
    expect(facts.articles).toHaveLength(99);
    expect(new Set(facts.articles.map((a: { source: string }) => a.source))).toEqual(new Set(["BBC News"]));
    // The text through the store: in the file, an article's text may be a span of one shared string.
    const timeWarner = readFactBase(dir).articles.find(
      (a) => a.title === "Ad sales boost Time Warner profit",
    )!;
    expect(timeWarner.published).toBeNull();
    expect(timeWarner.text).toMatch(/^Quarterly profits at US media giant Time Warner jumped 76%/);
  }, 600_000);

  it("reports each bad file on one line, ingests the good ones and exits non-zero", async () => {
    const inbox = join(root, "inbox");
    mkdirSync(inbox);
    for (const f of [
      "bad/binary.txt",
      "bad/no-body.md",
      "bad/broken-feed.xml",
      "bad/missing-field.json",
      "text/wire-story.txt",
    ]) {
      copyFileSync(join(FIXTURES, f), join(inbox, f.split("/")[1]!));
    }
    const dir = join(root, "mixed");
    const { code, stderr } = await newsdesk("ingest", inbox, join(FIXTURES, "html"), "--knowledge", dir);
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^ingest: .*binary\.txt: binary file, not an article/),
      expect.stringMatching(/^ingest: .*broken-feed\.xml: broken feed: /),
      expect.stringMatching(/^ingest: .*missing-field\.json: JSON item 1 field `source`: is missing$/),
      expect.stringMatching(/^ingest: .*no-body\.md: no body text/),
      expect.stringMatching(
        /^ingest: 2 added, 0 updated, 0 kept, 0 skipped as duplicate, 4 failed; 2 articles in /,
      ),
    ]);
    const facts = JSON.parse(readFileSync(join(dir, "facts.json"), "utf8"));
    expect(facts.articles.map((a: { source: string }) => a.source).sort()).toEqual([
      "Harbour Times",
      "Midwest Ledger",
    ]);
  }, 120_000);

  it("rebuilds a broken facts.json from the copied articles when given no path", async () => {
    const dir = join(root, "seed");
    expect((await newsdesk("ingest", SEED_DIR, "--knowledge", dir)).code).toBe(0);
    writeFileSync(join(dir, "facts.json"), "not json at all");
    const broken = await newsdesk("facts", "--knowledge", dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^newsdesk: .*facts\.json: not valid JSON .*rebuild it with: npx newsdesk ingest --knowledge /,
    );
    const rebuilt = await newsdesk("ingest", "--knowledge", dir);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toMatch(
      /facts\.json: not valid JSON.*; rebuilding it from the copies in articles\//,
    );
    expect(rebuilt.stderr).toMatch(
      /ingest: 0 added, 0 updated, 1 kept, 0 skipped as duplicate, 0 failed; 1 articles in /,
    );
  }, 120_000);

  it("refuses a malformed option with one line", async () => {
    const { code, stderr } = await newsdesk("ingest", SEED_DIR, "--workers", "two");
    expect(code).toBe(1);
    expect(stderr).toBe(
      'newsdesk: ingest: --workers must be a whole number (0 = no worker threads), got "two"\n',
    );
  }, 60_000);
});

describe("newsdesk facts", () => {
  it("prints the seed's fact base as JSON and as text", async () => {
    const dir = join(root, "facts");
    expect((await newsdesk("ingest", SEED_DIR, "--knowledge", dir)).code).toBe(0);
    const json = await newsdesk("facts", "--knowledge", dir, "--json");
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary.articles).toEqual([
      expect.objectContaining({
        title: "Armenia and Azerbaijan aim to normalize relations",
        source: "ThanhNien Newspaper",
        published: "2023-12-08",
        dateline: "Yerevan",
        file: "articles/2023-12-08-armenia-azerbaijan-normalize-relations.txt",
      }),
    ]);
    // End to end through the extraction: the people, the release events, Michel's two quotations.
    const people = summary.entities
      .filter((e: { type: string }) => e.type === "person")
      .map((e: { name: string }) => e.name);
    expect(people).toEqual(
      expect.arrayContaining([
        "Nikol Pashinyan",
        "Ilham Aliyev",
        "Charles Michel",
        "Antony Blinken",
        "Emmanuel Macron",
        "Olaf Scholz",
      ]),
    );
    const releases = summary.events.filter((e: { action: string }) => e.action === "release");
    expect(releases.flatMap((e: { quantities: string[] }) => e.quantities)).toEqual(
      expect.arrayContaining(["32 Armenian prisoners of war", "two Azerbaijani soldiers"]),
    );
    const michel = summary.quotations.filter(
      (q: { speaker: string | null }) => q.speaker === "Charles Michel",
    );
    expect(michel.map((q: { text: string }) => q.text)).toEqual([
      "important step",
      "Welcome a major breakthrough in Armenia-Azerbaijan relations as they issue a joint statement",
    ]);
    const text = await newsdesk("facts", "--knowledge", dir);
    expect(text.stdout).toContain(
      "Armenia and Azerbaijan aim to normalize relations — ThanhNien Newspaper, 2023-12-08, Yerevan",
    );
  }, 120_000);
});

describe("newsdesk ingest: the rough edges a newcomer meets", () => {
  it("leaves the knowledge folder uncreated when no path given exists", async () => {
    const dir = join(root, "never-made");
    const { code, stderr } = await newsdesk("ingest", join(root, "no-such-folder"), "--knowledge", dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-folder: no such file or folder/);
    expect(existsSync(dir)).toBe(false);
  });

  it("names each file it skips in a folder, and the article a duplicate repeats", async () => {
    const inbox = join(root, "skips");
    mkdirSync(inbox);
    copyFileSync(join(FIXTURES, "text/wire-story.txt"), join(inbox, "story.txt"));
    writeFileSync(join(inbox, "photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    symlinkSync(resolve(FIXTURES, "text/wire-story.txt"), join(inbox, "linked.txt"));
    const dir = join(root, "skips-kb");
    const first = await newsdesk("ingest", inbox, "--knowledge", dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/skipped .*photo\.png: not an article file/);
    expect(first.stderr).toMatch(/skipped .*linked\.txt: a symbolic link/);
    const again = await newsdesk("ingest", join(inbox, "story.txt"), "--knowledge", dir);
    expect(again.stderr).toMatch(/skipped .*story\.txt: the same article as .*articles\/story\.txt/);
    expect(again.stderr).toMatch(/1 skipped as duplicate/);
  }, 60_000);

  it("says where it writes when no knowledge folder is given", async () => {
    const cwd = join(root, "default-cwd");
    mkdirSync(cwd);
    const env = { ...process.env };
    delete env.KNOWLEDGE_DIR;
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [resolve("bin/newsdesk.js"), "ingest", resolve(FIXTURES, "text/wire-story.txt")],
      { cwd, env },
    );
    expect(stderr).toMatch(
      /^ingest: into knowledge\/ \(the default; --knowledge DIR or KNOWLEDGE_DIR writes elsewhere\)$/m,
    );
    expect(existsSync(join(cwd, "knowledge", "facts.json"))).toBe(true);
  }, 60_000);
});

describe("newsdesk facts into a pipe that closes early", () => {
  it("exits 0 with no stack trace, as `newsdesk facts | head -1` does", async () => {
    // A fact base whose summary is far longer than a pipe's buffer, so the write meets the closed pipe.
    const dir = join(root, "pipe-kb");
    expect((await newsdesk("ingest", BBC, "--knowledge", dir)).code).toBe(0);
    // A real shell pipe into `head`, with pipefail so that newsdesk's own exit code is the pipeline's.
    const command = `set -o pipefail; "${process.execPath}" "${resolve("bin/newsdesk.js")}" facts --knowledge "${dir}" | head -1`;
    const run = await promisify(execFile)("bash", ["-c", command]).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(run.stdout).toMatch(/^Fact base newsdesk-facts/);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
  }, 60_000);
});

describe("newsdesk ingest URL", () => {
  it("fetches an article page and a feed from their URLs, and says which URL failed", async () => {
    const pages: Record<string, { type: string; body: string }> = {
      "/news/harbour-strike": {
        type: "text/html",
        body: readFileSync(join(FIXTURES, "html/harbour-strike.html"), "utf8"),
      },
      "/feeds/city-desk.rss": {
        type: "application/rss+xml",
        body: readFileSync(join(FIXTURES, "feeds/city-desk.rss"), "utf8"),
      },
    };
    const server = createServer((req, res) => {
      const page = pages[req.url ?? ""];
      if (!page) {
        res.writeHead(404).end("not here");
        return;
      }
      res.writeHead(200, { "content-type": page.type }).end(page.body);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = join(root, "from-urls");
      const { code, stderr } = await newsdesk(
        "ingest",
        `${base}/news/harbour-strike`,
        `${base}/feeds/city-desk.rss`,
        `${base}/gone`,
        "--knowledge",
        dir,
      );
      expect(code).toBe(1);
      expect(stderr).toContain(`ingest: ${base}/gone: HTTP 404`);
      const facts = readFactBase(dir);
      const feedItems = (readFileSync(join(FIXTURES, "feeds/city-desk.rss"), "utf8").match(/<item>/g) ?? [])
        .length;
      expect(facts.articles).toHaveLength(1 + feedItems);
      // The page names its own address (its canonical link), which wins over the one fetched.
      const page = facts.articles.find((a) => a.format === "json")!;
      expect(page.title).toBe("Dock workers end strike after pay deal");
      expect(page.url).toBe("https://www.harbourtimes.example/business/2024/03/dock-workers-end-strike");
      expect(stderr).toMatch(
        new RegExp(`ingest: ${1 + feedItems} added, 0 updated, 0 kept, 0 skipped as duplicate, 1 failed`),
      );
    } finally {
      server.close();
    }
  }, 60_000);
});
