import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPostings, postingsFor } from "../../src/answer/postings.ts";
import { POSTINGS_FILE } from "../../src/answer/postings-file.ts";
import { readFactBase } from "../../src/knowledge/store.ts";
import { newsdesk } from "./newsdesk.ts";

const SEED_DIR = "../shared/seed";
const root = mkdtempSync(join(tmpdir(), "newsdesk-cli-postings-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The postings a start on the folder gets, and where from. */
function startOn(dir: string) {
  const facts = readFactBase(dir);
  const postings = postingsFor(facts, dir);
  const built = buildPostings(facts);
  expect([...postings.data]).toEqual([...built.data]);
  expect(postings.terms).toEqual(built.terms);
  return postings;
}

describe("newsdesk ingest and the postings file", () => {
  const dir = join(root, "seed");
  const file = join(dir, POSTINGS_FILE);

  it("writes facts.postings after facts.json, and a start reads the postings from it", async () => {
    const { code, stderr } = await newsdesk("ingest", SEED_DIR, "--knowledge", dir);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/could not write/);
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(statSync(join(dir, "facts.json")).mtimeMs);
    const postings = startOn(dir);
    expect(postings.source).toBe("file");
    expect(postings.ignored).toBeUndefined();
  }, 120_000);

  it("writes it again with --upgrade", async () => {
    rmSync(file);
    expect(startOn(dir).ignored).toBe("no postings file");
    const { code } = await newsdesk("ingest", "--upgrade", "--knowledge", dir);
    expect(code).toBe(0);
    expect(startOn(dir).source).toBe("file");
  }, 60_000);

  it("reports a postings file it cannot write on one line, and still succeeds (the start builds them)", async () => {
    rmSync(file);
    mkdirSync(join(file, "in-the-way"), { recursive: true });
    const { code, stderr } = await newsdesk("ingest", "--upgrade", "--knowledge", dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^ingest: could not write .*facts\.postings \(.+\); the bot builds the postings at start instead$/m,
    );
    expect(stderr).toMatch(/ingest: rewrote .*facts\.json in format version/);
    const postings = startOn(dir);
    expect(postings.source).toBe("built");
    expect(postings.ignored).toMatch(/^cannot read the postings file/);
    expect(existsSync(join(file, "in-the-way"))).toBe(true);
  }, 60_000);

  it("says in its help what facts.postings is", async () => {
    const { code, stdout } = await newsdesk("ingest", "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: newsdesk ingest PATH\|URL\.\.\./);
    expect(stdout).toMatch(/Then writes DIR\/facts\.postings: the term postings/);
    expect(stdout).toMatch(/deleting it only makes the start slower/);
  }, 60_000);
});
