/**
 * A damaged fact base on disk (truncated, a field hand-edited to a wrong type, an index or span
 * pointing nowhere, an unknown format version): a clear message naming the file and the field,
 * never a wrong answer, and `newsdesk ingest --knowledge DIR` rebuilds it from the copies. The
 * files damaged here are format version 2 (compact), as ingest writes them.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { isSealed } from "../../src/knowledge/compact.ts";
import type { FactBase } from "../../src/knowledge/schema.ts";
import { FACTS_FILE, FactBaseError, readFactBase } from "../../src/knowledge/store.ts";
import { smallKnowledgeDir } from "./hostile.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let dir: string;
let file: string;
let original: string;
let whole: FactBase;

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
  whole = readFactBase(dir);
}, 120_000);

/** The length of article `a`'s text in the compact JSON: its own string, or a span of `texts`. */
// biome-ignore lint/suspicious/noExplicitAny: the compact JSON as parsed
function textLength(json: Record<string, any>, a: number): number {
  const text = json.articles[a].text;
  return typeof text === "string" ? text.length : text[1] - text[0];
}

/** Writes the file with one change made to its JSON. */
// biome-ignore lint/suspicious/noExplicitAny: the point is to write what the types forbid
function damage(change: (json: Record<string, any>) => void): void {
  const copy = JSON.parse(original);
  change(copy);
  writeFileSync(file, JSON.stringify(copy));
}

describe("a damaged fact base on disk", () => {
  it("is the compact format version 2 (what ingest writes)", () => {
    const json = JSON.parse(original);
    expect(json.version).toBe(2);
    expect(Array.isArray(json.events.article)).toBe(true);
  });

  it("is sealed: a digest of everything after it, which a read checks before it may skip validation", () => {
    expect(original).toMatch(/^\{"format":"newsdesk-facts","version":2,"sha256":"[0-9a-f]{64}",/);
    expect(isSealed(readFileSync(file))).toBe(true);
    expect(isSealed(Buffer.from(original.replace(/"builtAt":"/, '"builtAt":"x')))).toBe(false);
  });

  it("edited in place under the original's seal, it is validated in full and refused with the same message", () => {
    const tense = /("tense":\[(?:"(?:past|present|future)",){3})"(?:past|present|future)"/;
    expect(original).toMatch(tense);
    const edited = original.replace(tense, "$142");
    writeFileSync(file, edited);
    expect(edited.slice(0, 120)).toBe(original.slice(0, 120));
    expect(isSealed(readFileSync(file))).toBe(false);
    expect(() => readFactBase(dir)).toThrow(
      /facts\.json: invalid at events\.tense\.3: expected "past", "present" or "future"; rebuild it with/,
    );
  });

  it("edited in place under the original's seal to a value still valid, it is read (validated) as edited", () => {
    const title = JSON.stringify(whole.articles[0]!.title);
    expect(original).toContain(`"title":${title}`);
    writeFileSync(file, original.replace(`"title":${title}`, '"title":"Another title"'));
    const facts = readFactBase(dir);
    expect(facts.articles[0]!.title).toBe("Another title");
    expect({ ...facts, articles: facts.articles.slice(1) }).toStrictEqual({
      ...whole,
      articles: whole.articles.slice(1),
    });
  });

  it("truncated anywhere, it is refused with the file named and how to rebuild it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: original.length - 1 }), (cut) => {
        writeFileSync(file, original.slice(0, cut));
        try {
          const facts = readFactBase(dir);
          // Only a cut inside the trailing newline can still parse, and then it is the whole base.
          expect(facts).toStrictEqual(whole);
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
            const message = (err as Error).message;
            expect(message).toContain(file);
            expect(message).toMatch(/; rebuild it with: npx newsdesk ingest --knowledge /);
            // The message names the edited field: its table, and (but for the version) where in it.
            if (path[0] === "version") expect(message).toMatch(/: fact base format version /);
            else expect(message).toContain(`: invalid at ${path[0]}`);
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

  it("names the exact column and row when an event's tense is a number", () => {
    damage((json) => {
      json.events.tense[3] = 42;
    });
    expect(() => readFactBase(dir)).toThrow(
      /facts\.json: invalid at events\.tense\.3: expected "past", "present" or "future"; rebuild it with/,
    );
  });

  it("names the sentence and the field when a sentence's end is not a number", () => {
    damage((json) => {
      json.articles[0].sentences[7] = "12";
    });
    expect(() => readFactBase(dir)).toThrow(
      /invalid at articles\.0\.sentences\.7: sentence 1 end: expected a whole number ≥ 0;/,
    );
  });

  it("refuses a sentence index that points past the article's sentences", () => {
    damage((json) => {
      json.events.sentence[0] = 9999;
    });
    expect(() => readFactBase(dir)).toThrow(
      /invalid at events\.sentence\.0: sentence 9999 of article \d+ does not exist \(it has \d+\);/,
    );
  });

  it("refuses an article index that does not exist", () => {
    damage((json) => {
      json.quotations.article[0] = 77;
    });
    expect(() => readFactBase(dir)).toThrow(
      /invalid at quotations\.article\.0: article 77 does not exist \(\d+ articles\);/,
    );
  });

  it("refuses a span that runs outside its sentence", () => {
    damage((json) => {
      const row = json.events.textEnd.findIndex((end: unknown) => end !== null);
      json.events.textEnd[row] = textLength(json, json.events.article[row]) + 5;
    });
    expect(() => readFactBase(dir)).toThrow(
      /invalid at events\.text\.\d+: text span \[\d+, \d+\) is not inside its sentences \[\d+, \d+\);/,
    );
  });

  it("refuses an article text span outside texts, or one that ends before it starts", () => {
    damage((json) => {
      json.articles[0].text = [0, json.texts.length + 1];
    });
    expect(() => readFactBase(dir)).toThrow(
      /invalid at articles\.0\.text: text \[0, \d+\) is not inside texts \(\d+ characters\);/,
    );
    damage((json) => {
      json.articles[0].text = [5, 4];
    });
    expect(() => readFactBase(dir)).toThrow(
      /invalid at articles\.0\.text: expected a string, or \[start, end\]/,
    );
  });

  it("refuses a sentence span outside the article text, and columns of different lengths", () => {
    damage((json) => {
      json.articles[0].sentences[2] = textLength(json, 0) + 1;
    });
    expect(() => readFactBase(dir)).toThrow(/invalid at articles\.0\.sentences\.1: sentence 0 \[/);
    damage((json) => {
      json.statements.cue.pop();
    });
    expect(() => readFactBase(dir)).toThrow(/invalid at statements\.cue: \d+ rows, but article has \d+;/);
  });

  it("from an unknown format version, it says which versions it reads and how to rebuild", () => {
    damage((json) => {
      json.version = 0;
    });
    expect(() => readFactBase(dir)).toThrow(
      /format version 0, this newsdesk reads versions 1 and 2; rebuild it with: npx newsdesk ingest --knowledge /,
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
