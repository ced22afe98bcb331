import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.ts";
import {
  buildPostings,
  type Postings,
  postingsFor,
  type QuotationWords,
  readQuotationWords,
  savePostings,
  storedQuotationWords,
  termProbe,
} from "../../src/answer/postings.ts";
import {
  decodePostings,
  POSTINGS_FILE,
  POSTINGS_FORMAT,
  PostingsFileMessages,
} from "../../src/answer/postings-file.ts";
import { findQuotations, type QuoteQuery, quotationSpeakers } from "../../src/answer/quotes.ts";
import { tokenize } from "../../src/answer/terms.ts";
import { ingest } from "../../src/knowledge/ingest.ts";
import type { FactBase } from "../../src/knowledge/schema.ts";
import {
  FACTS_FILE,
  KnowledgeStore,
  readFactBase,
  sealOf,
  writeFactBase,
} from "../../src/knowledge/store.ts";
import { BBC, SEED } from "./setup.ts";

const root = mkdtempSync(join(tmpdir(), "newsdesk-postings-"));
const dir = join(root, "knowledge");
/** The fact base as the ingest left it in memory (what the command line writes the postings of). */
let written: FactBase;
/** The same fact base read back from its sealed file (what a start reads). */
let facts: FactBase;
let built: Postings;
let fileBytes: Buffer;

beforeAll(async () => {
  const result = await ingest({
    inputs: [SEED, BBC],
    knowledgeDir: dir,
    now: () => new Date("2024-01-01T00:00:00.000Z"),
  });
  if (result.failures.length) throw new Error(`test ingest failed: ${JSON.stringify(result.failures)}`);
  written = result.facts;
  savePostings(dir, written);
  fileBytes = readFileSync(join(dir, POSTINGS_FILE));
  facts = readFactBase(dir);
  built = buildPostings(facts);
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Typo'd forms of a term: a letter dropped, doubled, swapped with the next, changed. */
function typos(term: string): string[] {
  const out = [term, `${term}s`, term.slice(0, -1)];
  if (term.length > 2) {
    out.push(term.slice(0, 1) + term.slice(2));
    out.push(term.slice(0, 2) + term[1] + term.slice(2));
    out.push(term[1]! + term[0] + term.slice(2));
    out.push(`${term.slice(0, -1)}x`);
  }
  return out;
}

/** Asserts that two postings give the same lists, lengths and vocabulary answers. */
function expectSamePostings(actual: Postings, expected: Postings): void {
  expect(actual.terms).toEqual(expected.terms);
  expect([...actual.termIds]).toEqual([...expected.termIds]);
  expect(actual.lengths).toEqual(expected.lengths);
  expect(actual.totalLength).toBe(expected.totalLength);
  for (const term of expected.terms) {
    const t = expected.termIds.get(term)!;
    const a = actual.termIds.get(term)!;
    expect(actual.data.subarray(actual.start[a], actual.start[a + 1])).toEqual(
      expected.data.subarray(expected.start[t], expected.start[t + 1]),
    );
  }
  expect(actual.vocabulary.size).toBe(expected.vocabulary.size);
  for (let i = 0; i < expected.terms.length; i += 7) {
    for (const word of typos(expected.terms[i]!)) {
      expect(actual.vocabulary.has(word)).toBe(expected.vocabulary.has(word));
      expect(actual.vocabulary.lookup(word)).toEqual(expected.vocabulary.lookup(word));
      expect(actual.vocabulary.withPrefix(word.slice(0, 3), 20)).toEqual(
        expected.vocabulary.withPrefix(word.slice(0, 3), 20),
      );
    }
  }
  expect(actual.vocabulary.withPrefix("", 1e9)).toEqual(expected.vocabulary.withPrefix("", 1e9));
}

/** The quotation words of every quotation of `facts`, read from their texts. */
function readWordsOf(facts: FactBase): QuotationWords {
  return readQuotationWords(facts.quotations.map((q) => q.text));
}

/** Where the quotation sections start in a file (the last sections, from their counts at 128). */
function quotationSections(bytes: Buffer) {
  const [quotations, words, numbers, wordBytes, postings] = [128, 132, 136, 140, 144].map((at) =>
    bytes.readUInt32LE(at),
  ) as [number, number, number, number, number];
  const wordsAt = bytes.length - ((wordBytes + 3) & ~3);
  const entities = wordsAt - quotations * 4;
  const postingsAt = entities - postings * 4;
  const starts = postingsAt - (words + 1) * 4;
  const numbersAt = starts - numbers * 4;
  return {
    ends: numbersAt - quotations * 4,
    numbers: numbersAt,
    starts,
    postings: postingsAt,
    entities,
    words: wordsAt,
  };
}

/** A copy of the knowledge folder whose postings file is `bytes` (none when null). */
function folderWith(name: string, bytes: Uint8Array | null): string {
  const copy = join(root, name);
  mkdirSync(copy);
  copyFileSync(join(dir, FACTS_FILE), join(copy, FACTS_FILE));
  if (bytes) writeFileSync(join(copy, POSTINGS_FILE), bytes);
  return copy;
}

/** The file's bytes with the CRC-32 made right again after an edit (so only what follows can tell). */
function resealed(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(crc32(copy.subarray(24)), 20);
  return copy;
}

/** Where the probe text starts in the file (it is stored as UTF-8 after the terms). */
function probeOffset(bytes: Buffer): number {
  return bytes.indexOf(Buffer.from(termProbe().slice(0, 40), "utf8"));
}

const QUESTIONS = readFileSync("bench/questions/bbc-dev.jsonl", "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { question: string }).question)
  .slice(0, 40);
const PREFIXES = ["chan", "gogle", "parliment", "Time Warn", "Who is Ri", "elec"];

/** Every answer and autocomplete of an engine started on a folder. */
function outputsOf(folder: string): { answers: unknown[]; completions: unknown[]; source: string } {
  const store = KnowledgeStore.load(folder);
  const engine = new AnswerEngine(store);
  return {
    answers: QUESTIONS.map((q) => engine.answerQuestion(q)),
    completions: PREFIXES.map((p) => engine.autocomplete(p)),
    source: postingsFor(store.facts, folder).source,
  };
}

describe("the postings file", () => {
  it("is written beside facts.json, keyed on the seal the store recorded when writing the fact base", () => {
    expect(sealOf(written)).toMatch(/^[0-9a-f]{64}$/);
    expect(sealOf(written)).toBe(sealOf(facts));
    expect(fileBytes.toString("latin1", 0, 16)).toBe("NEWSDESKPOSTINGS");
    expect(fileBytes.readUInt32LE(16)).toBe(POSTINGS_FORMAT);
    expect(fileBytes.toString("latin1", 64, 128)).toBe(sealOf(facts));
  });

  it("gives the same postings and vocabulary as building them from the sentences", () => {
    const read = postingsFor(facts, dir);
    expect(read.source).toBe("file");
    expect(read.ignored).toBeUndefined();
    expect(built.terms.length).toBeGreaterThan(4000);
    expectSamePostings(read, built);
  });

  it("is built from the written fact base exactly as from the one read back", () => {
    expectSamePostings(buildPostings(written), built);
  });

  it("leaves every answer and autocomplete as building the postings gives them", () => {
    const withFile = outputsOf(dir);
    const without = outputsOf(folderWith("none", null));
    expect(withFile.source).toBe("file");
    expect(without.source).toBe("built");
    expect(withFile.answers).toEqual(without.answers);
    expect(withFile.completions).toEqual(without.completions);
    expect(withFile.answers.filter((a) => (a as { answer: string | null }).answer).length).toBeGreaterThan(
      10,
    );
  }, 120_000);

  it("keeps every quotation's words, numbered exactly as reading the quotations gives them", () => {
    const decoded = decodePostings(fileBytes, facts, sealOf(facts)!, termProbe());
    if (!("quotationWords" in decoded)) throw new Error(`file ignored: ${decoded.ignored}`);
    const stored = decoded.quotationWords;
    const read = readWordsOf(facts);
    expect(facts.quotations.length).toBeGreaterThan(200);
    expect(stored.words).toEqual(read.words);
    expect([...stored.wordIds]).toEqual([...read.wordIds]);
    expect(stored.numbers).toEqual(read.numbers);
    expect(stored.ends).toEqual(read.ends);
    expect(stored.postingStart).toEqual(read.postingStart);
    expect(stored.postingData).toEqual(read.postingData);
    // Each speaker's entity is where the file says it is.
    let resolved = 0;
    facts.quotations.forEach((q, i) => {
      const at = stored.speakerEntities![i]!;
      if (at >= 0) resolved++;
      expect(at >= 0 ? facts.entities[at]!.id : null).toBe(
        facts.entities.some((e) => e.id === q.speaker?.entityId) ? q.speaker!.entityId : null,
      );
    });
    expect(resolved).toBeGreaterThan(100);
    // And those are `tokenize`'s tokens of each quotation.
    facts.quotations.forEach((q, i) => {
      const from = i ? read.ends[i - 1]! : 0;
      const words = Array.from(read.numbers.subarray(from, read.ends[i]), (n) => read.words[n]);
      expect(words).toEqual(tokenize(q.text));
    });
  });

  it("gives the quotation search the words it keeps, with the same matches as reading them", () => {
    const folder = folderWith("quotations", fileBytes);
    const withFile = readFactBase(folder);
    postingsFor(withFile, folder);
    expect(storedQuotationWords(withFile)).toBeDefined();
    // A copy of the same fact base has no postings file read for it: its quotation words are read.
    const readOnly = { ...withFile };
    expect(storedQuotationWords(readOnly)).toBeUndefined();
    const queries: QuoteQuery[] = [
      ...facts.quotations
        .filter((_, i) => i % 37 === 0)
        .map((q) => ({ text: q.text.split(" ").slice(1, 5).join(" ") })),
      { text: "majr breakthru" },
      { text: "we will not accept this" },
      { speaker: "michel" },
      { speaker: "hopkins", about: "blog" },
      { about: "peace deal" },
    ];
    let found = 0;
    for (const query of queries) {
      const matches = findQuotations(withFile, query, 5);
      found += matches.length;
      expect(matches).toEqual(findQuotations(readOnly, query, 5));
      expect(findQuotations(withFile, query, 5, { closest: true })).toEqual(
        findQuotations(readOnly, query, 5, { closest: true }),
      );
    }
    expect(found).toBeGreaterThan(queries.length);
  });

  it("gives the same matches when a speaker's entity is not where the file says (the id is checked)", () => {
    const b = Buffer.from(fileBytes);
    const { entities } = quotationSections(b);
    for (let i = 0; i < facts.quotations.length; i++) b.writeInt32LE(i % 3 === 0 ? 0 : -1, entities + 4 * i);
    const folder = folderWith("entities-elsewhere", resealed(b));
    const withFile = readFactBase(folder);
    expect(postingsFor(withFile, folder).source).toBe("file");
    const readOnly = { ...withFile };
    for (const query of [
      { speaker: "michel" },
      { speaker: "hopkins", about: "blog" },
      { text: "breakthrough" },
    ]) {
      expect(findQuotations(withFile, query, 5)).toEqual(findQuotations(readOnly, query, 5));
    }
    expect(quotationSpeakers(withFile, "", 1000)).toEqual(quotationSpeakers(readOnly, "", 1000));
  });

  it("is not used for a fact base built in memory, or read from a folder without one", () => {
    const inMemory = { ...facts };
    expect(postingsFor(inMemory, dir).source).toBe("built");
    expect(postingsFor(facts).source).toBe("built");
    expect(postingsFor(facts, join(root, "nowhere")).ignored).toBe(PostingsFileMessages.missing);
  });
});

describe("a postings file that does not fit is ignored and the postings are built", () => {
  const seal = () => sealOf(facts)!;
  const cases: [string, () => Buffer, string | RegExp][] = [
    ["truncated", () => fileBytes.subarray(0, fileBytes.length - 1000), PostingsFileMessages.otherSize],
    ["cut to its header", () => fileBytes.subarray(0, 100), PostingsFileMessages.notOurs],
    [
      "one byte flipped in the postings",
      () => {
        const b = Buffer.from(fileBytes);
        b[Math.floor(b.length / 2)]! ^= 0x10;
        return b;
      },
      PostingsFileMessages.damaged,
    ],
    [
      "another format version",
      () => {
        const b = Buffer.from(fileBytes);
        b.writeUInt32LE(POSTINGS_FORMAT + 1, 16);
        return b;
      },
      PostingsFileMessages.otherFormat(POSTINGS_FORMAT + 1),
    ],
    [
      "another fact base's seal",
      () => {
        const b = Buffer.from(fileBytes);
        b.write("0".repeat(64), 64, "latin1");
        return resealed(b);
      },
      PostingsFileMessages.otherSeal,
    ],
    [
      "another article count",
      () => {
        const b = Buffer.from(fileBytes);
        b.writeUInt32LE(b.readUInt32LE(28) + 1, 28);
        return resealed(b);
      },
      PostingsFileMessages.otherCounts("articles"),
    ],
    [
      "other probe words (another stemmer wrote it)",
      () => {
        const b = Buffer.from(fileBytes);
        const at = probeOffset(b);
        b[at] = b[at] === 0x61 ? 0x62 : 0x61;
        return resealed(b);
      },
      PostingsFileMessages.otherProbe,
    ],
    [
      "a sampled word stemmed otherwise",
      () => {
        const b = Buffer.from(fileBytes);
        // The sample is the last text before the quotation ends (i32 × quotations), numbers and words.
        const at = b.lastIndexOf(Buffer.from("\t"), quotationSections(b).ends);
        // The last sample line's term gains a letter where its newline was: `word\tterm` → `word\ttermX`.
        const end = b.indexOf(0x0a, at);
        b[end] = 0x71;
        return resealed(b);
      },
      /^postings file written by other term processing \(.+\)$/,
    ],
    [
      "two postings of a term swapped (a writer's bug)",
      () => {
        const b = Buffer.from(fileBytes);
        const trigrams = b.readUInt32LE(44);
        const terms = b.readUInt32LE(36);
        // The first two postings of the first term that more than one sentence holds.
        let t = 0;
        while (built.start[t + 1]! - built.start[t]! < 2) t++;
        const at = 152 + trigrams * 8 + (terms + 1) * 4 + built.start[t]! * 4;
        const first = b.readInt32LE(at);
        b.writeInt32LE(b.readInt32LE(at + 4), at);
        b.writeInt32LE(first, at + 4);
        return resealed(b);
      },
      PostingsFileMessages.inconsistent("postings order"),
    ],
    [
      "another quotation count",
      () => {
        const b = Buffer.from(fileBytes);
        b.writeUInt32LE(b.readUInt32LE(128) + 1, 128);
        return resealed(b);
      },
      PostingsFileMessages.otherCounts("quotations"),
    ],
    [
      "quotation words numbered out of their order of first use (a writer's bug)",
      () => {
        const b = Buffer.from(fileBytes);
        const { numbers } = quotationSections(b);
        // The first quotation's first two words are numbered 0 and 1.
        const first = b.readInt32LE(numbers);
        b.writeInt32LE(b.readInt32LE(numbers + 4), numbers);
        b.writeInt32LE(first, numbers + 4);
        return resealed(b);
      },
      PostingsFileMessages.inconsistent("quotation word numbers"),
    ],
    [
      "two quotation postings of a word swapped (a writer's bug)",
      () => {
        const b = Buffer.from(fileBytes);
        const { postings, starts } = quotationSections(b);
        // The first two postings of the first word that more than one quotation holds.
        let w = 0;
        while (b.readInt32LE(starts + 4 * (w + 1)) - b.readInt32LE(starts + 4 * w) < 2) w++;
        const at = postings + 4 * b.readInt32LE(starts + 4 * w);
        const first = b.readInt32LE(at);
        b.writeInt32LE(b.readInt32LE(at + 4), at);
        b.writeInt32LE(first, at + 4);
        return resealed(b);
      },
      PostingsFileMessages.inconsistent("quotation postings order"),
    ],
    [
      "a speaker's entity past the fact base's entities",
      () => {
        const b = Buffer.from(fileBytes);
        b.writeInt32LE(facts.entities.length, quotationSections(b).entities);
        return resealed(b);
      },
      PostingsFileMessages.inconsistent("speakers' entities"),
    ],
    [
      "a quotation word other than the quotation's",
      () => {
        const b = Buffer.from(fileBytes);
        // The first word of the first quotation (one of those read again at load).
        b[quotationSections(b).words] = 0x7e;
        return resealed(b);
      },
      PostingsFileMessages.inconsistent("quotation words differ from the quotations"),
    ],
  ];

  for (const [name, damage, reason] of cases) {
    it(`when ${name}`, () => {
      const bytes = damage();
      const decoded = decodePostings(bytes, facts, seal(), termProbe());
      expect("ignored" in decoded && decoded.ignored).toEqual(
        typeof reason === "string" ? reason : expect.stringMatching(reason),
      );
      const folder = folderWith(name.replace(/\W+/g, "-"), bytes);
      const reread = readFactBase(folder);
      const postings = postingsFor(reread, folder);
      expect(postings.source).toBe("built");
      expectSamePostings(postings, built);
      // The quotation words are then read from the quotations, none kept from the file.
      expect(storedQuotationWords(reread)).toBeUndefined();
    }, 60_000);
  }

  it("when the probe this code makes differs from the file's (a change to term processing)", () => {
    const decoded = decodePostings(fileBytes, facts, seal(), `${termProbe()} `);
    expect(decoded).toEqual({ ignored: PostingsFileMessages.otherProbe });
  });

  it("when its fact base was written again since (a new seal)", () => {
    const folder = folderWith("rewritten", fileBytes);
    const changed = readFactBase(folder);
    writeFactBase(folder, { ...changed, builtAt: "2025-01-01T00:00:00.000Z" });
    const reread = readFactBase(folder);
    expect(sealOf(reread)).not.toBe(sealOf(facts));
    expect(postingsFor(reread, folder).ignored).toBe(PostingsFileMessages.otherSeal);
  });

  it("when damaged, the engine's answers stay those of the built postings", () => {
    const bytes = Buffer.from(fileBytes);
    bytes[bytes.length - 3]! ^= 0xff;
    const damaged = outputsOf(folderWith("damaged-engine", bytes));
    const clean = outputsOf(dir);
    expect(damaged.source).toBe("built");
    expect(damaged.answers).toEqual(clean.answers);
    expect(damaged.completions).toEqual(clean.completions);
  }, 120_000);
});
