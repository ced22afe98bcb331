import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openAnswering } from "../../src/answer/open.ts";
import { writeDerivedFiles } from "../../src/derived-files.ts";
import { ingest } from "../../src/knowledge/ingest.ts";
import { cacheUseOf, FactBaseError, KnowledgeStore } from "../../src/knowledge/store.ts";

const SEED = "../shared/seed";
const root = mkdtempSync(join(tmpdir(), "newsdesk-open-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("opening a knowledge folder for answering, as the bot starts", () => {
  it("reads the fact base through its cache, read ahead, and answers as an engine opened plainly does", async () => {
    const dir = join(root, "seed");
    await ingest({ inputs: [SEED], knowledgeDir: dir, workers: 0 });
    expect(writeDerivedFiles(dir).failures).toEqual([]);

    const { knowledge, answers } = openAnswering(dir);
    expect(cacheUseOf(knowledge.facts)).toMatchObject({ used: true });
    const answer = answers.answerQuestion("How many prisoners of war will Azerbaijan release?");
    expect(answer.answer).toContain("32");
    expect(answer.citations[0]?.sentence).toContain("32 Armenian prisoners of war");

    const plain = KnowledgeStore.load(dir);
    expect(knowledge.facts).toEqual(plain.facts);
  }, 120_000);

  it("a folder without a fact base is refused with the store's error", () => {
    expect(() => openAnswering(join(root, "nothing-here"))).toThrow(FactBaseError);
  });
});
