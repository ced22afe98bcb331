import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postingsFor } from "../src/answer/postings.ts";
import { POSTINGS_FILE } from "../src/answer/postings-file.ts";
import { DerivedFilesMessages, writeDerivedFilesInWorker } from "../src/derived-files.ts";
import { FACTS_CACHE_FILE } from "../src/knowledge/facts-cache.ts";
import { ingest } from "../src/knowledge/ingest.ts";
import { cacheUseOf, readFactBase } from "../src/knowledge/store.ts";

const SEED = "../shared/seed";
const root = mkdtempSync(join(tmpdir(), "newsdesk-derived-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the files derived from facts.json, written in a worker thread", () => {
  it("writes facts.cache and facts.postings, which the next start reads instead of doing their work", async () => {
    const dir = join(root, "seed");
    await ingest({ inputs: [SEED], knowledgeDir: dir, workers: 0 });
    // The knowledge room's ingest writes facts.json only.
    expect(existsSync(join(dir, FACTS_CACHE_FILE))).toBe(false);
    expect(existsSync(join(dir, POSTINGS_FILE))).toBe(false);

    const outcome = await writeDerivedFilesInWorker(dir);
    expect(outcome).toEqual({
      written: [join(dir, FACTS_CACHE_FILE), join(dir, POSTINGS_FILE)],
      failures: [],
    });
    const facts = readFactBase(dir);
    expect(cacheUseOf(facts)).toMatchObject({ used: true });
    expect(facts).toEqual(readFactBase(dir, { cache: false }));
    expect(postingsFor(facts, dir).source).toBe("file");
  }, 120_000);

  it("reports each file it could not write, and never rejects", async () => {
    const dir = join(root, "empty");
    mkdirSync(dir);
    const outcome = await writeDerivedFilesInWorker(dir);
    expect(outcome.written).toEqual([]);
    expect(outcome.failures).toHaveLength(2);
    expect(outcome.failures[0]).toMatch(
      /^ingest: could not write .*facts\.cache \(.+\); the bot reads facts\.json instead$/,
    );
    expect(outcome.failures[1]).toMatch(
      /^ingest: could not write .*facts\.postings \(.+\); the bot builds the postings at start instead$/,
    );
    expect(
      outcome.failures[1]!.startsWith(DerivedFilesMessages.postingsFailed(dir, "").split(" (")[0]!),
    ).toBe(true);
    expect(existsSync(join(dir, FACTS_CACHE_FILE))).toBe(false);
    expect(existsSync(join(dir, POSTINGS_FILE))).toBe(false);
  }, 60_000);
});
