/**
 * Hostile article files through the real ingest: hundreds of generated files (truncated UTF-8,
 * Windows-1252, UTF-16 with a BOM, CRLF, random bytes, hostile text), a 5 MB article, deeply nested
 * HTML, a billion-laughs feed, an external entity, symlinks pointing outside. The ingest ends in
 * bounded time and memory, reads nothing outside what it was given, names each bad file in one
 * line and keeps every good article.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type IngestResult, ingest } from "../../src/knowledge/ingest.ts";
import { readFactBase } from "../../src/knowledge/store.ts";
import { hostileText } from "./hostile.ts";

/** Generated files per kind (kept small: every good article goes through the real NLP analysis). */
const GENERATED = 60;

const article = (n: number, extra = "") =>
  [
    "---",
    `title: "Council approves budget number ${n}"`,
    'source: "Test Times"',
    `published: 2024-01-${String((n % 28) + 1).padStart(2, "0")}`,
    "---",
    `The council approved budget number ${n} on Monday after a long debate.${extra}`,
    "",
    "The mayor said the plan would raise spending on schools and buses.",
    "",
  ].join("\n");

let src: string;
let knowledgeDir: string;
let result: IngestResult;
let seconds = 0;
let rssGrowthMB = 0;
const good: string[] = [];
const counts = { files: 0 };

function write(name: string, data: string | Uint8Array): string {
  const path = join(src, name);
  writeFileSync(path, data);
  counts.files++;
  return path;
}

beforeAll(async () => {
  src = mkdtempSync(join(tmpdir(), "newsdesk-hostile-articles-"));
  knowledgeDir = mkdtempSync(join(tmpdir(), "newsdesk-hostile-kb-"));
  const g = (seed: number) => ({ seed, numRuns: GENERATED });

  // Good articles, also with CRLF line ends: every one must be kept.
  for (let i = 0; i < 5; i++) {
    write(`good-${i}.md`, article(i));
    good.push(`Council approves budget number ${i}`);
  }
  write("crlf.md", article(100).replaceAll("\n", "\r\n"));
  good.push("Council approves budget number 100");

  // Truncated UTF-8 (cut anywhere, also inside a multi-byte character).
  const utf8 = Buffer.from(article(200, " Café, naïve, 東京, 😀 — “quoted”."));
  fc.sample(fc.integer({ min: 0, max: utf8.length }), g(1)).forEach((cut, i) => {
    write(`truncated-${i}.md`, utf8.subarray(0, cut));
  });
  // Windows-1252 and UTF-16 (both byte orders) with a BOM.
  write("cp1252.md", Buffer.from(article(300, " Caf\u00e9 r\u00e9sum\u00e9 na\u00efve."), "latin1"));
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article(301), "utf16le")]);
  write("utf16le.md", utf16);
  const be = Buffer.from(article(302), "utf16le").swap16();
  write("utf16be.md", Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  // Random bytes and hostile text under every extension.
  const exts = [".txt", ".md", ".json", ".html", ".xml", ".rss", ".atom"];
  fc.sample(fc.tuple(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...exts)), g(2)).forEach(
    ([b, ext], i) => {
      write(`bytes-${i}${ext}`, b);
    },
  );
  fc.sample(fc.tuple(hostileText(), fc.constantFrom(...exts)), g(3)).forEach(([t, ext], i) => {
    write(`text-${i}${ext}`, t);
  });
  fc.sample(fc.tuple(hostileText(), hostileText()), g(4)).forEach(([title, body], i) => {
    write(`front-${i}.md`, `---\ntitle: ${title}\nsource: ${body.slice(0, 30)}\n---\n${body}\n`);
  });
  fc.sample(fc.json({ maxDepth: 4 }), g(5)).forEach((j, i) => {
    write(`json-${i}.json`, j);
  });
  // Deeply nested HTML and JSON.
  const depth = 20_000;
  write(
    "nested.html",
    `<!doctype html><html><head><title>Deep</title></head><body><article>${"<div>".repeat(depth)}<p>Deep text here.</p>${"</div>".repeat(depth)}</article></body></html>`,
  );
  write("nested.json", `${"[".repeat(depth)}${"]".repeat(depth)}`);
  // Feeds with a billion-laughs entity and with an external entity.
  const lol = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i < 10; i++) lol.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  write(
    "laughs.rss",
    `<?xml version="1.0"?><!DOCTYPE rss [${lol.join("")}]><rss version="2.0"><channel><title>x</title><item><title>&l9;</title><description>&l9;</description></item></channel></rss>`,
  );
  write(
    "xxe.rss",
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>x</title><item><title>Leak &x;</title><link>https://x.example/1</link><description>&x; text of the item.</description></item></channel></rss>`,
  );
  // A 5 MB article.
  write("huge.md", article(400, " More words about the budget.".repeat(180_000)));
  // Symlinks pointing outside the folder: a file and a folder.
  symlinkSync("/etc/passwd", join(src, "passwd.txt"));
  const outside = mkdtempSync(join(tmpdir(), "newsdesk-outside-"));
  writeFileSync(join(outside, "secret.md"), article(999, " SECRET-OUTSIDE-MARKER"));
  symlinkSync(outside, join(src, "linked-folder"));
  mkdirSync(join(src, "sub"));
  write("sub/good-sub.md", article(500));
  good.push("Council approves budget number 500");

  const rss = process.memoryUsage().rss;
  const started = performance.now();
  result = await ingest({ inputs: [src], knowledgeDir, workers: 0 });
  seconds = (performance.now() - started) / 1000;
  rssGrowthMB = (process.memoryUsage().rss - rss) / 1e6;
  console.log(
    `hardening: ingest of ${counts.files} hostile files: ${result.facts.articles.length} articles kept, ${result.failures.length} files reported, ${seconds.toFixed(1)} s, RSS +${rssGrowthMB.toFixed(0)} MB`,
  );
}, 120_000);

describe("ingesting hostile article files", () => {
  it("keeps every good article, CRLF included", () => {
    const titles = result.facts.articles.map((a) => a.title);
    for (const t of good) expect(titles).toContain(t);
  });

  it("reports each bad file in one line that names the file", () => {
    expect(result.failures.length).toBeGreaterThan(GENERATED);
    for (const f of result.failures) {
      expect(f.message).toMatch(/^ingest: /);
      expect(f.message).toContain(f.file);
      expect(f.message).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
  });

  it("refuses the entity feeds without expanding or resolving anything", () => {
    for (const name of ["laughs.rss", "xxe.rss"]) {
      const f = result.failures.find((x) => x.file.endsWith(name));
      expect(f?.message).toMatch(/declares XML entities/);
    }
    const all = JSON.stringify(result.facts);
    expect(all).not.toContain("root:x:0:0");
    expect(all).not.toContain("lollollol");
  });

  it("does not follow symlinks out of the folder it was given", () => {
    const all = JSON.stringify(result.facts);
    expect(all).not.toContain("SECRET-OUTSIDE-MARKER");
    expect(all).not.toContain("root:x:0:0");
    expect(result.facts.articles.some((a) => a.file.includes("passwd"))).toBe(false);
  });

  it("reads UTF-16 with a BOM as text, or says it cannot, rather than calling it binary", () => {
    for (const name of ["utf16le.md", "utf16be.md"]) {
      const kept = result.facts.articles.some((a) => a.file.endsWith(name));
      const failure = result.failures.find((x) => x.file.endsWith(name));
      expect(kept || /UTF-16/.test(failure?.message ?? "")).toBe(true);
    }
  });

  it("refuses the 5 MB article with a clear reason instead of analysing it for minutes", () => {
    const f = result.failures.find((x) => x.file.endsWith("huge.md"));
    expect(f?.message).toMatch(/too long/);
  });

  it("handles deeply nested HTML and JSON without a stack overflow", () => {
    for (const name of ["nested.html", "nested.json"]) {
      const kept = result.facts.articles.some((a) => a.file.endsWith(name));
      const failure = result.failures.find((x) => x.file.endsWith(name));
      expect(kept || Boolean(failure)).toBe(true);
      expect(failure?.message ?? "").not.toMatch(/Maximum call stack/);
    }
  });

  it("keeps memory bounded (the hook's timeout is the guard against a hang)", () => {
    expect(rssGrowthMB).toBeLessThan(1024);
  });

  it("writes a fact base that reads back, with the good articles", () => {
    expect(readFactBase(knowledgeDir).articles.length).toBe(result.facts.articles.length);
  });
});
