/**
 * The fact base file, format version 2 (compact): a write then a read gives back exactly the fact
 * base written, version 1 files are still read, and what the compact form cannot say is refused.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFactBase, isSealed } from "../../src/knowledge/compact.ts";
import { ingest } from "../../src/knowledge/ingest.ts";
import { FACT_BASE_VERSION, type FactBase } from "../../src/knowledge/schema.ts";
import { FACTS_FILE, FactBaseError, readFactBase, sealOf, writeFactBase } from "../../src/knowledge/store.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SEED = join(ROOT, "../shared/seed");
const BBC = join(ROOT, "../shared/corpus/bbc-cc0/articles");

let root: string;
let seed: FactBase;
let bbc: FactBase;
let seedDir: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "newsdesk-store-"));
  seedDir = join(root, "seed");
  seed = (await ingest({ inputs: [SEED], knowledgeDir: seedDir, workers: 0 })).facts;
  bbc = (await ingest({ inputs: [BBC], knowledgeDir: join(root, "bbc"), workers: 2 })).facts;
}, 900_000); // 100 articles analysed on a shared 2-core machine
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes the fact base to a fresh folder and reads it back. */
function roundTrip(facts: FactBase, name: string): { back: FactBase; file: string } {
  const dir = mkdtempSync(join(root, `${name}-`));
  writeFactBase(dir, facts);
  return { back: readFactBase(dir), file: join(dir, FACTS_FILE) };
}

/** A version 1 file, as older newsdesk wrote it: the in-memory shape, indented. */
const v1Json = (facts: FactBase) => `${JSON.stringify({ ...facts, version: 1 }, null, 1)}\n`;

describe("the compact fact base (format version 2)", () => {
  it("gives back exactly the seed's fact base, in a file a fifth the size of version 1", () => {
    const { back, file } = roundTrip(seed, "seed-rt");
    expect(back).toStrictEqual(seed);
    const v2 = JSON.parse(readFileSync(file, "utf8"));
    expect(v2.version).toBe(2);
    // Sealed: a read checks the digest and then skips validation, and gives the same fact base.
    expect(isSealed(readFileSync(file))).toBe(true);
    expect(statSync(file).size).toBeLessThan(v1Json(seed).length / 4);
  });

  it("tells the seal a fact base was written or read under, and none for one built in memory or read unsealed", () => {
    const written = structuredClone(seed);
    expect(sealOf(written)).toBeUndefined();
    const { back, file } = roundTrip(written, "seed-seal");
    const digest = JSON.parse(readFileSync(file, "utf8")).sha256 as string;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(sealOf(back)).toBe(digest);
    // What was written is what a read of the file gives: it carries the seal too.
    expect(sealOf(written)).toBe(digest);
    expect(sealOf({ ...seed })).toBeUndefined();
    // The same bytes under a digest that no longer matches are read unsealed (validated in full).
    writeFileSync(file, readFileSync(file, "latin1").replace(digest, "0".repeat(64)), "latin1");
    expect(sealOf(readFactBase(join(file, "..")))).toBeUndefined();
  });

  it("gives back exactly a 100-article bbc-cc0 fact base", () => {
    expect(bbc.articles.length).toBeGreaterThanOrEqual(99);
    expect(bbc.events.length).toBeGreaterThan(500);
    const { back } = roundTrip(bbc, "bbc-rt");
    expect(back).toStrictEqual(bbc);
  });

  it("is written in ASCII only, and text past ASCII comes back the same", () => {
    const facts = structuredClone(seed);
    const a = facts.articles[0]!;
    facts.articles[0] = { ...a, title: "Café “quoted” — ☃ 𝔘" };
    const { back, file } = roundTrip(facts, "ascii-rt");
    expect(back.articles[0]!.title).toBe("Café “quoted” — ☃ 𝔘");
    expect(readFileSync(file, "latin1")).toMatch(/^[\x00-\x7f]*$/);
  });

  it("keeps one-byte article texts in one string each article slices, and any other text as its own", () => {
    const facts = structuredClone(bbc);
    const wide = facts.articles[1]!;
    // Same length, so sentence offsets still hold: a snowman past U+00FF, a café within it.
    facts.articles[1] = { ...wide, text: `\u2603${wide.text.slice(1)}` };
    facts.articles[1]!.sentences[0]!.text = facts.articles[1]!.text.slice(
      wide.sentences[0]!.start,
      wide.sentences[0]!.end,
    );
    facts.articles[2]!.title = "Café";
    const { back, file } = roundTrip(facts, "texts-rt");
    expect(back).toStrictEqual(facts);
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(typeof json.articles[1].text).toBe("string");
    expect(json.articles[0].text).toEqual([0, facts.articles[0]!.text.length]);
    expect(json.texts.slice(...json.articles[2].text)).toBe(facts.articles[2]!.text);
  });

  it("stores no sentence text: every sentence is exactly its slice of the article text", () => {
    for (const facts of [seed, bbc]) {
      for (const a of facts.articles) {
        for (const s of a.sentences) expect(s.text).toBe(a.text.slice(s.start, s.end));
      }
    }
    const compact = JSON.stringify(encodeFactBase(bbc));
    const sentence = bbc.articles[0]!.sentences[2]!;
    expect(compact).not.toContain(JSON.stringify(sentence.text));
    expect(compact).not.toContain(sentence.id);
    expect(compact.split(JSON.stringify(bbc.articles[0]!.id)).length - 1).toBe(1);
  });

  it("keeps what is not derivable as it is: other ids, words not in the text, other entities, gaps", () => {
    const facts = structuredClone(seed);
    const event = facts.events[0]!;
    event.id = "hand-made-event";
    event.text = "words that are not in the article";
    event.actor = { text: "Somebody", entityId: "person:not-in-this-fact-base", entityIds: [] };
    const quotation = facts.quotations.find((q) => q.sentenceIds.length === 1)!;
    const a = facts.articles[0]!;
    quotation.sentenceIds = [a.sentences[5]!.id, a.sentences[2]!.id];
    facts.entities[0]!.mentions[0]!.text = "a name nobody uses";
    facts.statements[0]!.content = "";
    const { back } = roundTrip(facts, "odd-rt");
    expect(back).toStrictEqual(facts);
  });

  it("refuses to write a reference to a sentence that does not exist, naming the field", () => {
    const facts = structuredClone(seed);
    facts.events[3]!.sentenceId = `${facts.articles[0]!.id}#s999`;
    const dir = mkdtempSync(join(root, "bad-"));
    expect(() => writeFactBase(dir, facts)).toThrow(
      /facts\.json: refusing to write an invalid fact base \(at events\.3\.sentenceId: sentence ".*#s999" is not a sentence of article /,
    );
    expect(() => readFactBase(dir)).toThrow(FactBaseError);
  });

  it("refuses to write a sentence whose text is not its slice of the article text", () => {
    const facts = structuredClone(seed);
    facts.articles[0]!.sentences[1]!.text = "Something else.";
    const dir = mkdtempSync(join(root, "bad-"));
    expect(() => writeFactBase(dir, facts)).toThrow(
      /at articles\.0\.sentences\.1\.text: sentence text is not the article text from \d+ to \d+/,
    );
  });
});

describe("older and plainer files", () => {
  it("reads a version 1 file into the same fact base, and the next write stores version 2", () => {
    const dir = mkdtempSync(join(root, "v1-"));
    writeFileSync(join(dir, FACTS_FILE), v1Json(bbc));
    const read = readFactBase(dir);
    expect(read.version).toBe(FACT_BASE_VERSION);
    expect(read).toStrictEqual(bbc);
    writeFactBase(dir, read);
    expect(JSON.parse(readFileSync(join(dir, FACTS_FILE), "utf8")).version).toBe(2);
    expect(readFactBase(dir)).toStrictEqual(bbc);
  });

  it("validates a version 1 file with the version 1 schema, naming the bad field", () => {
    const dir = mkdtempSync(join(root, "v1-bad-"));
    const v1 = JSON.parse(v1Json(seed));
    v1.articles[0].sentences[3].text = 7;
    writeFileSync(join(dir, FACTS_FILE), JSON.stringify(v1));
    expect(() => readFactBase(dir)).toThrow(
      /facts\.json: invalid at articles\.0\.sentences\.3\.text: .*expected string.*; rebuild it with: npx newsdesk ingest --knowledge /,
    );
  });

  it("reads a version 2 file in the plain layout (what JSON.stringify of a fact base gives)", () => {
    const dir = mkdtempSync(join(root, "plain-"));
    writeFileSync(join(dir, FACTS_FILE), JSON.stringify(seed));
    expect(readFactBase(dir)).toStrictEqual(seed);
  });

  it("`newsdesk ingest --upgrade` rewrites a version 1 folder in version 2 without analysing anything", () => {
    const dir = mkdtempSync(join(root, "upgrade-"));
    writeFileSync(join(dir, FACTS_FILE), v1Json(bbc));
    const before = statSync(join(dir, FACTS_FILE)).size;
    const r = spawnSync(process.execPath, ["bin/newsdesk.js", "ingest", "--upgrade", "--knowledge", dir], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "", LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
    expect(r.stderr).toMatch(
      /^ingest: rewrote .*facts\.json in format version 2 \(\d+ articles, \d+ ms\)\n$/,
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, FACTS_FILE), "utf8")).version).toBe(2);
    expect(statSync(join(dir, FACTS_FILE)).size).toBeLessThan(before / 3);
    expect(readFactBase(dir)).toStrictEqual(bbc);
  }, 120_000);
});
