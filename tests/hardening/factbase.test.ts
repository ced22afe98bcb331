/**
 * A damaged fact base on disk (truncated, a field hand-edited to a wrong type, an older format
 * version): a clear message naming the file and the field, never a wrong answer, and
 * `newsdesk ingest --knowledge DIR` rebuilds it from the copies.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { FACTS_FILE, FactBaseError, readFactBase } from "../../src/knowledge/store.ts";
import { smallKnowledgeDir } from "./hostile.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let dir: string;
let file: string;
let original: string;

function cli(args: string[]) {
  return spawnSync(process.execPath, ["bin/newsdesk.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "", LOG_LEVEL: "silent" },
    timeout: 120_000,
  });
}

/** Every leaf of a JSON value, with its path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}

function getAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], root);
}

beforeAll(async () => {
  dir = await smallKnowledgeDir(0);
  file = join(dir, FACTS_FILE);
  original = readFileSync(file, "utf8");
}, 120_000);

describe("a damaged fact base on disk", () => {
  it("truncated anywhere, it is refused with the file named and how to rebuild it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: original.length - 1 }), (cut) => {
        writeFileSync(file, original.slice(0, cut));
        try {
          const facts = readFactBase(dir);
          // Only a cut inside the trailing newline can still parse, and then it is the whole base.
          expect(JSON.stringify(facts)).toBe(JSON.stringify(JSON.parse(original)));
        } catch (err) {
          expect(err).toBeInstanceOf(FactBaseError);
          expect((err as Error).message).toContain(file);
          expect((err as Error).message).toMatch(/ingest --knowledge/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("with any field hand-edited to a value of the wrong type, it is refused naming the file and that field", () => {
    const json = JSON.parse(original);
    const paths = leaves(json);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.constantFrom<unknown>(42, "x", true, null, [], {}),
        (path, value) => {
          const copy = JSON.parse(original);
          const before = getAt(copy, path);
          if (typeof before === typeof value && (before === null) === (value === null)) return;
          setAt(copy, path, value);
          writeFileSync(file, JSON.stringify(copy));
          try {
            readFactBase(dir);
          } catch (err) {
            expect(err).toBeInstanceOf(FactBaseError);
            expect((err as Error).message).toContain(file);
            return;
          }
          // Accepted: then the field must be one the schema allows both ways (nullable, free-form).
          expect(JSON.stringify(readFactBase(dir))).toContain(JSON.stringify(value));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("names the exact field when an article's title is a number", () => {
    const copy = JSON.parse(original);
    copy.articles[0].title = 42;
    writeFileSync(file, JSON.stringify(copy));
    expect(() => readFactBase(dir)).toThrow(/facts\.json: invalid at articles\.0\.title/);
  });

  it("from an older format version, it says which version and how to rebuild", () => {
    const copy = JSON.parse(original);
    copy.version = 0;
    writeFileSync(file, JSON.stringify(copy));
    expect(() => readFactBase(dir)).toThrow(
      /format version 0, this newsdesk reads version \d+; rebuild it with/,
    );
  });

  it("the bot's commands refuse to answer from it, and `ingest --knowledge DIR` rebuilds it", () => {
    writeFileSync(file, original.slice(0, original.length / 2));
    const refused = cli(["run", "/ask question:Who released prisoners?", "--knowledge", dir]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(file);
    expect(refused.stdout).toBe("");

    const rebuilt = cli(["ingest", "--knowledge", dir]);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stderr).toMatch(/rebuilding it from the copies/);
    const facts = readFactBase(dir);
    expect(facts.articles.map((a) => a.id)).toEqual(
      JSON.parse(original).articles.map((a: { id: string }) => a.id),
    );
  }, 120_000);
});
