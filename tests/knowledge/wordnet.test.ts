import { describe, expect, it } from "vitest";
import { isA, isEnglishWord, mayTakeNoObject, nounKinds, pertainymsOf } from "../../src/knowledge/wordnet.ts";

describe("WordNet, as the answer path reads it", () => {
  it("knows English words in their inflected forms, and not names", () => {
    expect(isEnglishWord("cities")).toBe(true);
    expect(isEnglishWord("released")).toBe(true);
    expect(isEnglishWord("pashinyan")).toBe(false);
  });

  it("gives a noun's kinds, one per sense, and its hypernyms", () => {
    expect(nounKinds("country")).toEqual(expect.arrayContaining(["noun.group", "noun.location"]));
    expect(nounKinds("labor day", 1)).toEqual(["noun.time"]);
    expect(isA("tiger", "animal")).toBe(true);
    expect(isA("labor day", "holiday")).toBe(true);
    expect(isA("tiger", "holiday")).toBe(false);
  });

  it("links a place and its adjective both ways (pertainyms)", () => {
    expect(pertainymsOf("Azerbaijan")).toContain("azerbaijani");
    expect(pertainymsOf("French")).toContain("france");
    expect(pertainymsOf("France")).toContain("french");
    expect(pertainymsOf("Pashinyan")).toEqual([]);
  });

  it("tells a verb that may stand without an object", () => {
    expect(mayTakeNoObject("arrive")).toBe(true);
    expect(mayTakeNoObject("praise")).toBe(false);
    expect(mayTakeNoObject("lay off")).toBe(false);
  });
});
