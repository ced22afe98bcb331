import fc from "fast-check";
import Fuse from "fuse.js";
import { describe, expect, it } from "vitest";
import {
  candidatesByPairs,
  letterPairs,
  mayMatch,
  pairFilter,
  withinEdits,
} from "../../src/answer/fuse-filter.ts";
import { NAME_FUSE_OPTIONS } from "../../src/answer/fuse-options.ts";
import { SPEAKER_FUSE_OPTIONS } from "../../src/answer/quotes.ts";

const NAMES = [
  "Charles Michel",
  "Nikol Pashinyan",
  "Ilham Aliyev",
  "Armenia's Foreign Ministry",
  "Tony Blair",
  "Curt Hopkins",
  "National Audit Office",
  "Pashinyán",
  "Straße",
  "Yerevan",
  "Baku",
  "Al",
];

/** Small edits of a name: what a user types for it. */
const typed = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.array(fc.tuple(fc.nat(40), fc.constantFrom(..."abeilnrsy '-")), { maxLength: 3 }),
  )
  .map(([name, edits]) => {
    let s = name;
    for (const [at, c] of edits) {
      const i = at % (s.length + 1);
      s =
        at % 3 === 0
          ? s.slice(0, i) + s.slice(i + 1)
          : at % 3 === 1
            ? s.slice(0, i) + c + s.slice(i + 1)
            : s.slice(0, i) + c + s.slice(i);
    }
    return s.trim();
  })
  .filter((s) => s.length > 0);

describe("the letter-pair filter in front of fuse.js", () => {
  it("keeps every speaker fuse.js matches, so a search over the candidates equals one over all", () => {
    const speakers = NAMES.map((name, i) => ({
      name,
      aliases: i % 2 ? [`Mr ${name.split(" ").pop()}`] : [],
    }));
    const all = new Fuse(speakers, SPEAKER_FUSE_OPTIONS);
    const byPair = new Map<string, number[]>();
    speakers.forEach((s, i) => {
      for (const pair of letterPairs([s.name, ...s.aliases]))
        byPair.set(pair, [...(byPair.get(pair) ?? []), i]);
    });
    fc.assert(
      fc.property(typed, (pattern) => {
        const expected = all.search(pattern).map((r) => [r.item.name, r.score]);
        const filter = pairFilter(pattern, SPEAKER_FUSE_OPTIONS.threshold);
        const candidates = filter
          ? candidatesByPairs(filter, byPair, speakers.length)
              .map((i) => speakers[i]!)
              .filter((s) => withinEdits(filter, [s.name, ...s.aliases]))
          : speakers;
        const got = new Fuse(candidates, SPEAKER_FUSE_OPTIONS)
          .search(pattern)
          .map((r) => [r.item.name, r.score]);
        expect(got).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps every name fuse.js matches with diacritics folded, texts outside ASCII always kept", () => {
    const items = NAMES.map((label) => ({ label, keys: [label.toUpperCase()] }));
    const options = NAME_FUSE_OPTIONS as typeof NAME_FUSE_OPTIONS & object;
    const all = new Fuse(items, options);
    fc.assert(
      fc.property(typed, (pattern) => {
        const expected = all.search(pattern).map((r) => [r.item.label, r.score]);
        const filter = pairFilter(pattern, NAME_FUSE_OPTIONS.threshold!, true);
        const candidates = filter ? items.filter((it) => mayMatch(filter, [it.label, ...it.keys])) : items;
        const got = new Fuse(candidates, options).search(pattern).map((r) => [r.item.label, r.score]);
        expect(got).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("rules out a name that shares too few letter pairs, and gives up on a pattern too short to tell", () => {
    const filter = pairFilter("pashinyan", SPEAKER_FUSE_OPTIONS.threshold)!;
    expect(mayMatch(filter, ["Nikol Pashinyan"])).toBe(true);
    expect(mayMatch(filter, ["Pashinian"])).toBe(true);
    expect(mayMatch(filter, ["Tony Blair"])).toBe(false);
    expect(pairFilter("abc", SPEAKER_FUSE_OPTIONS.threshold)).toBeNull();
    // Enough pairs, but scattered: no stretch of the name is within the three edits allowed.
    const ministry = pairFilter("armenia's foreign ministry", SPEAKER_FUSE_OPTIONS.threshold)!;
    expect(withinEdits(ministry, ["Armenian Foreign Ministry"])).toBe(true);
    expect(withinEdits(ministry, ["Russian Foreign Ministry"])).toBe(true);
    expect(withinEdits(ministry, ["Ministry of Foreign Affairs of Armenia"])).toBe(false);
  });

  it("splits a pattern over 32 letters into fuse.js's chunks, any one of which may match", () => {
    const pattern = "what did the national audit office say about the dome";
    const filter = pairFilter(pattern, NAME_FUSE_OPTIONS.threshold!, true)!;
    expect(filter.chunks).toHaveLength(2);
    expect(mayMatch(filter, ["Tony Blair"])).toBe(false);
    expect(mayMatch(filter, ["What did the national audit office"])).toBe(true);
  });
});
