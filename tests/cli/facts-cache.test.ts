import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FACTS_CACHE_FILE, FactsCacheMessages } from "../../src/knowledge/facts-cache.ts";
import { cacheUseOf, readFactBase } from "../../src/knowledge/store.ts";
import { newsdesk } from "./newsdesk.ts";

const SEED_DIR = "../shared/seed";
const root = mkdtempSync(join(tmpdir(), "newsdesk-cli-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("newsdesk ingest and the fact base cache", () => {
  const dir = join(root, "seed");
  const file = join(dir, FACTS_CACHE_FILE);
  const factsFile = join(dir, "facts.json");

  it("writes facts.cache after facts.json, and the next read goes through it", async () => {
    const { code, stderr } = await newsdesk("ingest", SEED_DIR, "--knowledge", dir);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/could not write/);
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(statSync(factsFile).mtimeMs);
    const facts = readFactBase(dir);
    expect(cacheUseOf(facts)?.used).toBe(true);
    expect(facts).toEqual(readFactBase(dir, { cache: false }));
  }, 120_000);

  it("writes it again with --upgrade, which leaves facts.json byte for byte as it was", async () => {
    const before = readFileSync(factsFile);
    rmSync(file);
    expect(cacheUseOf(readFactBase(dir))).toEqual({ used: false, reason: FactsCacheMessages.missing });
    const { code } = await newsdesk("ingest", "--upgrade", "--knowledge", dir);
    expect(code).toBe(0);
    expect(readFileSync(factsFile).equals(before)).toBe(true);
    expect(cacheUseOf(readFactBase(dir))?.used).toBe(true);
  }, 60_000);

  it("reports a cache it cannot write on one line, and still succeeds (the bot reads facts.json)", async () => {
    rmSync(file);
    mkdirSync(join(file, "in-the-way"), { recursive: true });
    const { code, stderr } = await newsdesk("ingest", "--upgrade", "--knowledge", dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^ingest: could not write .*facts\.cache \(.+\); the bot reads facts\.json instead$/m,
    );
    expect(cacheUseOf(readFactBase(dir))).toMatchObject({ used: false });
    expect(existsSync(join(file, "in-the-way"))).toBe(true);
  }, 60_000);

  it("says in its help what facts.cache is", async () => {
    const { code, stdout } = await newsdesk("ingest", "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/And DIR\/facts\.cache: that facts\.json in binary/);
  });
});
