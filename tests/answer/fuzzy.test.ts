import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildTrigramTable, FuzzyDictionary, type FuzzyMatch } from "../../src/answer/fuzzy.ts";
import { allowedTypos, editDistance, terms, tokenize } from "../../src/answer/terms.ts";
import { SEED } from "./setup.ts";

/**
 * The dictionary as it was before its trigram index became typed arrays (trigram strings → lists
 * of terms in a Map): what the typed-array one must answer exactly, order included.
 */
class ReferenceDictionary {
  readonly #byTrigram = new Map<string, string[]>();
  readonly #terms = new Set<string>();

  add(term: string): void {
    if (this.#terms.has(term)) return;
    this.#terms.add(term);
    const padded = `^${term}$`;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      const list = this.#byTrigram.get(g);
      if (!list) this.#byTrigram.set(g, [term]);
      else if (list[list.length - 1] !== term) list.push(term);
    }
  }

  has(term: string): boolean {
    return this.#terms.has(term);
  }

  get size(): number {
    return this.#terms.size;
  }

  lookup(term: string, maxDistance = allowedTypos(term), limit = 8): FuzzyMatch[] {
    const out: FuzzyMatch[] = [];
    if (this.#terms.has(term)) out.push({ term, distance: 0 });
    if (maxDistance <= 0) return out;
    const padded = `^${term}$`;
    const all: string[] = [];
    for (let i = 0; i + 3 <= padded.length; i++) all.push(padded.slice(i, i + 3));
    const grams = [...new Set(all)];
    const needed = Math.max(1, grams.length - 3 * maxDistance);
    const shared = new Map<string, number>();
    for (const g of grams) {
      for (const t of this.#byTrigram.get(g) ?? []) shared.set(t, (shared.get(t) ?? 0) + 1);
    }
    for (const [candidate, count] of shared) {
      if (count < needed || candidate === term) continue;
      if (Math.abs(candidate.length - term.length) > maxDistance) continue;
      const d = editDistance(term, candidate, maxDistance);
      if (d <= maxDistance) out.push({ term: candidate, distance: d });
    }
    out.sort((a, b) => a.distance - b.distance || a.term.localeCompare(b.term));
    return out.slice(0, limit);
  }

  withPrefix(prefix: string, limit = 50): string[] {
    return [...this.#terms]
      .sort()
      .filter((t) => t.startsWith(prefix))
      .slice(0, limit);
  }
}

/** Both dictionaries over the same terms, added in the same order. */
function both(words: readonly string[]): [FuzzyDictionary, ReferenceDictionary] {
  const dictionary = new FuzzyDictionary();
  const reference = new ReferenceDictionary();
  for (const w of words) {
    dictionary.add(w);
    reference.add(w);
  }
  return [dictionary, reference];
}

/** Asserts that the dictionary answers each query as the reference does. */
function expectSameAnswers(dictionary: FuzzyDictionary, reference: ReferenceDictionary, queries: string[]) {
  expect(dictionary.size).toBe(reference.size);
  for (const q of queries) {
    expect(dictionary.has(q)).toBe(reference.has(q));
    expect(dictionary.lookup(q)).toEqual(reference.lookup(q));
    expect(dictionary.lookup(q, 2, 1000)).toEqual(reference.lookup(q, 2, 1000));
    expect(dictionary.withPrefix(q.slice(0, 2), 30)).toEqual(reference.withPrefix(q.slice(0, 2), 30));
  }
}

/** The seed article's words and terms, in text order (real words, names, numbers). */
const SEED_WORDS = (() => {
  const text = readFileSync(SEED, "utf8");
  return [...new Set([...tokenize(text), ...terms(text)])];
})();

/** A letter dropped, doubled, swapped, changed; and a letter added at the end. */
function typosOf(word: string): string[] {
  const out = [word, `${word}e`];
  for (let i = 0; i < word.length; i++) {
    out.push(word.slice(0, i) + word.slice(i + 1));
    out.push(word.slice(0, i) + word[i] + word.slice(i));
    out.push(`${word.slice(0, i)}x${word.slice(i + 1)}`);
    if (i + 1 < word.length) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

describe("the fuzzy dictionary's typed-array trigram index", () => {
  it("answers lookups, has, prefixes and size as the map of trigram lists did, over a real article's words", () => {
    expect(SEED_WORDS.length).toBeGreaterThan(300);
    const [dictionary, reference] = both(SEED_WORDS);
    dictionary.seal();
    expectSameAnswers(dictionary, reference, SEED_WORDS.flatMap(typosOf));
  });

  it("answers as the map of trigram lists did for any words, repeated trigrams and non-ASCII included", () => {
    const word = fc.stringMatching(/^[abnä^$]{0,9}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 10 }), (known, queries) => {
        const [dictionary, reference] = both(known);
        expectSameAnswers(dictionary, reference, [...queries, ...known]);
      }),
    );
  });

  it("keeps answering as the reference when terms are added after lookups", () => {
    const [dictionary, reference] = both(SEED_WORDS.slice(0, 100));
    expectSameAnswers(dictionary, reference, ["armenia", "prisoner"]);
    for (const w of SEED_WORDS.slice(100)) {
      dictionary.add(w);
      reference.add(w);
    }
    expectSameAnswers(dictionary, reference, SEED_WORDS.slice(90, 140).flatMap(typosOf));
  });

  it("is rebuilt from its tables as it was, and copies the map it was given before adding to it", () => {
    const [dictionary, reference] = both(SEED_WORDS);
    const tables = dictionary.tables();
    const ids = new Map(tables.terms.map((t, i) => [t, i]));
    const restored = FuzzyDictionary.fromTables(tables, ids);
    expectSameAnswers(restored, reference, SEED_WORDS.flatMap(typosOf).slice(0, 3000));
    restored.add("zzzyzzy");
    expect(restored.has("zzzyzzy")).toBe(true);
    expect(ids.has("zzzyzzy")).toBe(false);
    expect(dictionary.has("zzzyzzy")).toBe(false);
    expect(restored.lookup("zzzyzy")).toEqual([{ term: "zzzyzzy", distance: 1 }]);
  });

  it("lists each term once per trigram, in the order the terms were added", () => {
    const table = buildTrigramTable(["banana", "nab", "ban"]);
    const key = (g: string) => g.charCodeAt(0) * 2 ** 32 + g.charCodeAt(1) * 2 ** 16 + g.charCodeAt(2);
    const listOf = (g: string) => {
      const k = table.keys.indexOf(key(g));
      return k < 0 ? [] : [...table.terms.subarray(table.start[k], table.start[k + 1])];
    };
    expect(listOf("ana")).toEqual([0]);
    expect(listOf("^ba")).toEqual([0, 2]);
    expect(listOf("nab")).toEqual([1]);
    expect(listOf("an$")).toEqual([2]);
    expect([...table.keys]).toEqual([...table.keys].sort((a, b) => a - b));
  });
});
