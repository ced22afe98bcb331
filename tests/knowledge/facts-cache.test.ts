/**
 * The fact base cache (`facts.cache`): a read through it gives exactly the fact base `facts.json`
 * gives; a cache that is missing, stale or damaged is ignored with its reason; a `facts.json`
 * edited by hand behind an intact head is caught by `verify()`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import {
  type CompactFactBase,
  compactJson,
  decodeFactBase,
  encodeFactBase,
  sealInHead,
  sentenceOrdinalsOf,
} from "../../src/knowledge/compact.ts";
import {
  decodeFactsCache,
  encodeFactsCache,
  FACTS_CACHE_FILE,
  FACTS_CACHE_FORMAT,
  FactsCacheMessages,
  readFactsHead,
  shareArguments,
  writeFactsCache,
} from "../../src/knowledge/facts-cache.ts";
import { ingest } from "../../src/knowledge/ingest.ts";
import type { FactBase } from "../../src/knowledge/schema.ts";
import {
  cacheUseOf,
  FACTS_FILE,
  KnowledgeStore,
  readFactBase,
  sealOf,
  VerifyMessages,
} from "../../src/knowledge/store.ts";

const SEED = "../shared/seed/2023-12-08-armenia-azerbaijan-normalize-relations.txt";
const BBC = "../shared/corpus/bbc-cc0/articles";

const root = mkdtempSync(join(tmpdir(), "newsdesk-facts-cache-"));
/** The seed and the 100 bbc-cc0 articles, with facts.json and facts.cache. */
const dir = join(root, "knowledge");
/** The seed alone, with its own facts.json and facts.cache. */
const seedDir = join(root, "seed");
/** The fact base read from facts.json (the canonical read). */
let fromJson: FactBase;
let cacheBytes: Buffer;
let folders = 0;

beforeAll(async () => {
  const now = () => new Date("2024-01-01T00:00:00.000Z");
  const result = await ingest({ inputs: [SEED, BBC], knowledgeDir: dir, now });
  if (result.failures.length) throw new Error(`test ingest failed: ${JSON.stringify(result.failures)}`);
  await ingest({ inputs: [SEED], knowledgeDir: seedDir, workers: 0, now });
  writeFactsCache(dir);
  writeFactsCache(seedDir);
  cacheBytes = readFileSync(join(dir, FACTS_CACHE_FILE));
  fromJson = readFactBase(dir, { cache: false });
}, 900_000); // 100 articles analysed on a shared 2-core machine
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the folder's facts.json and facts.cache, to spoil. */
function copyOf(from = dir): string {
  const to = join(root, `copy-${folders++}`);
  mkdirSync(to);
  for (const file of [FACTS_FILE, FACTS_CACHE_FILE]) copyFileSync(join(from, file), join(to, file));
  return to;
}

/** Reads the folder, expecting facts.json's fact base read without the cache, for `reason`. */
function expectIgnored(folder: string, reason: string, expected: FactBase = fromJson): void {
  const facts = readFactBase(folder);
  expect(cacheUseOf(facts)).toEqual({ used: false, reason });
  expect(facts).toEqual(expected);
}

/** The cache's bytes with `change` applied, and its CRC-32 made right again. */
function respliced(change: (bytes: Buffer) => void): Buffer {
  const bytes = Buffer.from(cacheBytes);
  change(bytes);
  bytes.writeUInt32LE(crc32(bytes.subarray(24)), 20);
  return bytes;
}

describe("a read through facts.cache", () => {
  it("gives exactly the fact base facts.json gives, with its seal and sentence ordinals", () => {
    const facts = readFactBase(dir);
    const head = readFactsHead(join(dir, FACTS_FILE));
    expect(cacheUseOf(facts)).toEqual({ used: true, seal: head.seal, size: head.size });
    expect(cacheUseOf(fromJson)).toEqual({ used: false, reason: FactsCacheMessages.notAsked });
    expect(facts.articles).toHaveLength(100);
    expect(facts).toEqual(fromJson);
    expect(sealOf(facts)).toBe(sealOf(fromJson));
    expect(sealOf(facts)).toMatch(/^[0-9a-f]{64}$/);
    const ordinals = sentenceOrdinalsOf(facts)!;
    expect(ordinals).toBeDefined();
    expect(ordinals).toEqual(sentenceOrdinalsOf(fromJson));
  });

  it("shares one argument object among the uses of one argument (facts.json has one per use)", () => {
    const argumentsOf = (facts: FactBase) => [
      ...facts.events.flatMap((e) => [e.actor, e.object, e.place]),
      ...facts.quotations.map((q) => q.speaker),
      ...facts.statements.map((s) => s.speaker),
    ];
    const uses = argumentsOf(fromJson).filter((a) => a !== null);
    const cached = argumentsOf(readFactBase(dir)).filter((a) => a !== null);
    expect(cached).toEqual(uses);
    expect(new Set(uses).size).toBe(uses.length);
    const distinct = new Set(uses.map((a) => JSON.stringify(a))).size;
    expect(distinct).toBeLessThan(uses.length);
    expect(new Set(cached).size).toBe(distinct);
  });

  it("stores each string once (224,000 argument rows are 34,000 texts at 10,000 articles)", () => {
    const compact = JSON.parse(readFileSync(join(dir, FACTS_FILE), "latin1")) as CompactFactBase;
    const stored = shareArguments(compact);
    const strings = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === "string") strings.add(v);
      else if (Array.isArray(v)) for (const x of v) walk(x);
      else if (v !== null && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          strings.add(k);
          walk(x);
        }
    };
    walk(stored);
    expect(new Set(compact.arguments.text).size).toBeLessThan(compact.arguments.text.length);
    // One-byte strings and wide strings: every distinct string (values and keys), once.
    expect(cacheBytes.readUInt32LE(28) + cacheBytes.readUInt32LE(32)).toBe(strings.size);
  });

  it("gives back any JSON value of the compact form as it was: wide text, floats, nulls, lists of lists", () => {
    const compact = {
      ...encodeFactBase(fromJson),
      builtAt: "“wide” — text ☃ \ud83d\ude00",
      odd: [-1, 0.5, -0, 2 ** 40, null, true, false, "x", [1, 2, 3, 4, 5, 6, 7, 8, 9], { a: [] }],
      quantitiesLike: [1, null, "a", true, 3, 4, 5, 6, 7, "é", "☃"],
    } as unknown as CompactFactBase;
    const bytes = encodeFactsCache(compact, "a".repeat(64), 1234);
    const read = decodeFactsCache(bytes, { size: 1234, seal: "a".repeat(64) });
    if (!("compact" in read)) throw new Error(read.ignored);
    // Typed columns back to lists; a nullable column's -1 is its null (see decodeFactBase).
    const plain = JSON.parse(
      JSON.stringify(read.compact, (_k, v) =>
        ArrayBuffer.isView(v) ? [...(v as Int32Array)].map((n) => (n === -1 ? null : n)) : v,
      ),
    );
    expect(plain).toEqual(JSON.parse(JSON.stringify(compact)));
    expect(decodeFactBase(read.compact)).toEqual(decodeFactBase(compact));
    expect(Object.is((read.compact as unknown as { odd: number[] }).odd[2], -0)).toBe(true);
  });
});

describe("a cache that does not fit is ignored, with its reason, and facts.json is read", () => {
  it("when there is none", () => {
    const folder = copyOf();
    rmSync(join(folder, FACTS_CACHE_FILE));
    expectIgnored(folder, FactsCacheMessages.missing);
  });

  it("when it is cut short", () => {
    const folder = copyOf();
    writeFileSync(join(folder, FACTS_CACHE_FILE), cacheBytes.subarray(0, cacheBytes.length - 100));
    expectIgnored(folder, FactsCacheMessages.otherLength);
  });

  it("when one byte of it is flipped", () => {
    const folder = copyOf();
    const bytes = Buffer.from(cacheBytes);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
    writeFileSync(join(folder, FACTS_CACHE_FILE), bytes);
    expectIgnored(folder, FactsCacheMessages.damaged);
  });

  it("when it is of another format version", () => {
    const folder = copyOf();
    writeFileSync(
      join(folder, FACTS_CACHE_FILE),
      respliced((b) => b.writeUInt32LE(FACTS_CACHE_FORMAT + 1, 16)),
    );
    expectIgnored(folder, FactsCacheMessages.otherFormat(FACTS_CACHE_FORMAT + 1));
  });

  it("when it is of another byte order", () => {
    const folder = copyOf();
    writeFileSync(
      join(folder, FACTS_CACHE_FILE),
      respliced((b) => b.writeUInt32BE(0x01020304, 24)),
    );
    expectIgnored(folder, FactsCacheMessages.otherByteOrder);
  });

  it("when it records another seal", () => {
    const folder = copyOf();
    writeFileSync(
      join(folder, FACTS_CACHE_FILE),
      respliced((b) => b.write("0".repeat(64), 64, "latin1")),
    );
    expectIgnored(folder, FactsCacheMessages.otherSeal);
  });

  it("when it records another size of facts.json", () => {
    const folder = copyOf();
    const size = cacheBytes.readDoubleLE(56);
    writeFileSync(
      join(folder, FACTS_CACHE_FILE),
      respliced((b) => b.writeDoubleLE(size + 1, 56)),
    );
    expectIgnored(folder, FactsCacheMessages.otherFactsSize(size + 1, size));
  });

  it("when it is the cache of another folder's facts.json", () => {
    const folder = copyOf();
    copyFileSync(join(seedDir, FACTS_CACHE_FILE), join(folder, FACTS_CACHE_FILE));
    const seedSize = readFactsHead(join(seedDir, FACTS_FILE)).size;
    expectIgnored(
      folder,
      FactsCacheMessages.otherFactsSize(seedSize, readFactsHead(join(folder, FACTS_FILE)).size),
    );
    // The seed's cache is used in the seed's folder.
    expect(cacheUseOf(readFactBase(seedDir))?.used).toBe(true);
  });

  it("when it is not a cache file at all", () => {
    const folder = copyOf();
    writeFileSync(
      join(folder, FACTS_CACHE_FILE),
      "not a cache, though long enough to hold a header ".repeat(4),
    );
    expectIgnored(folder, FactsCacheMessages.notOurs);
  });

  it("when it is whole but holds no compact fact base", () => {
    const folder = copyOf();
    const head = readFactsHead(join(folder, FACTS_FILE));
    const other = { format: "something-else", version: 2 } as unknown as CompactFactBase;
    writeFileSync(join(folder, FACTS_CACHE_FILE), encodeFactsCache(other, head.seal!, head.size));
    expectIgnored(folder, FactsCacheMessages.inconsistent("not a compact fact base"));
  });

  it("when facts.json is unsealed, of version 1 or in the plain layout (its cache is of a sealed one)", () => {
    const layouts = {
      unsealed: `${compactJson(encodeFactBase(fromJson))}\n`,
      "version 1": `${JSON.stringify({ ...fromJson, version: 1 }, null, 1)}\n`,
      plain: JSON.stringify(fromJson),
    };
    for (const [name, text] of Object.entries(layouts)) {
      const folder = copyOf();
      writeFileSync(join(folder, FACTS_FILE), text);
      expect(sealInHead(Buffer.from(text)), name).toBeUndefined();
      expectIgnored(folder, FactsCacheMessages.factsNotSealed, readFactBase(folder, { cache: false }));
      expect(
        readFactBase(folder).articles.map((a) => a.id),
        name,
      ).toEqual(fromJson.articles.map((a) => a.id));
    }
  });

  it("when facts.json is not there, which is still the store's error", () => {
    const folder = copyOf();
    rmSync(join(folder, FACTS_FILE));
    expect(() => readFactBase(folder)).toThrow(/no fact base here/);
  });
});

describe("KnowledgeStore.verify", () => {
  it("finds an unchanged facts.json matching its seal and keeps the fact base", async () => {
    const store = KnowledgeStore.load(copyOf());
    const before = store.facts;
    expect(cacheUseOf(before)?.used).toBe(true);
    const result = await store.verify();
    expect(result).toEqual({
      outcome: "verified",
      message: VerifyMessages.verified(join(store.dir, FACTS_FILE)),
    });
    expect(store.facts).toBe(before);
    expect(store.generation).toBe(0);
  });

  it("has nothing to check for a fact base read from facts.json", async () => {
    const folder = copyOf();
    rmSync(join(folder, FACTS_CACHE_FILE));
    const store = KnowledgeStore.load(folder);
    expect(await store.verify()).toEqual({
      outcome: "unchecked",
      message: VerifyMessages.notCached(FactsCacheMessages.missing),
    });
  });

  it("catches a facts.json edited by hand to the same size: served from the cache until verify reads the edit", async () => {
    const folder = copyOf();
    const file = join(folder, FACTS_FILE);
    const text = readFileSync(file, "latin1");
    const title = fromJson.articles[0]!.title;
    const at = text.indexOf(`"title":${JSON.stringify(title)}`);
    expect(at).toBeGreaterThan(0);
    // One letter of the first title changed: same size, same head, another hash.
    const letter = at + '"title":"'.length;
    const edited = `${text.slice(0, letter)}${text[letter] === "Q" ? "Z" : "Q"}${text.slice(letter + 1)}`;
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited, "latin1");

    const store = KnowledgeStore.load(folder);
    expect(cacheUseOf(store.facts)?.used).toBe(true);
    expect(store.facts.articles[0]!.title).toBe(title);
    const result = await store.verify();
    expect(result).toEqual({ outcome: "reloaded", message: VerifyMessages.differs(file) });
    expect(store.generation).toBe(1);
    expect(store.facts.articles[0]!.title).toBe(edited.slice(letter, letter + title.length));
    expect(store.facts.articles[0]!.title).not.toBe(title);
    expect(cacheUseOf(store.facts)).toEqual({ used: false, reason: FactsCacheMessages.notAsked });
    // Edited, facts.json is no longer sealed: it was validated in full, and has no seal.
    expect(sealOf(store.facts)).toBeUndefined();
  });

  it("is called by the bot's start, which does not wait for it, and logs the reload of an edited facts.json", async () => {
    const folder = copyOf();
    const file = join(folder, FACTS_FILE);
    const text = readFileSync(file, "latin1");
    const at = text.indexOf('"title":"') + '"title":"'.length;
    writeFileSync(file, `${text.slice(0, at)}${text[at] === "Q" ? "Z" : "Q"}${text.slice(at + 1)}`, "latin1");
    const lines: string[] = [];
    let reloaded: () => void = () => {};
    const logged = new Promise<void>((done) => {
      reloaded = done;
    });
    const destination = new Writable({
      write(chunk, _encoding, next) {
        lines.push(String(chunk));
        if (String(chunk).includes("does not match its seal")) reloaded();
        next();
      },
    });
    const { services } = bootstrap({
      env: { KNOWLEDGE_DIR: folder, LOG_LEVEL: "warn" },
      dotenv: false,
      logDestination: destination,
    });
    // Started from the cache: the edit is not seen yet.
    expect(cacheUseOf(services.knowledge.facts)?.used).toBe(true);
    expect(services.knowledge.facts.articles[0]!.title).toBe(fromJson.articles[0]!.title);
    await logged;
    expect(lines.join("")).toContain(VerifyMessages.differs(file));
    expect(services.knowledge.generation).toBe(1);
    expect(services.knowledge.facts.articles[0]!.title).not.toBe(fromJson.articles[0]!.title);
  }, 120_000);

  it("reports a facts.json that became unreadable, and keeps the fact base it had", async () => {
    const folder = copyOf();
    const store = KnowledgeStore.load(folder);
    const before = store.facts;
    rmSync(join(folder, FACTS_FILE));
    const result = await store.verify();
    expect(result.outcome).toBe("failed");
    expect(result.message).toMatch(/could not verify the fact base read through facts\.cache \(.*ENOENT/);
    expect(store.facts).toBe(before);
  });
});
