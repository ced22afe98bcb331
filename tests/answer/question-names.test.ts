import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerIndex } from "../../src/answer/index.ts";
import { type NamedEntity, namedEntities } from "../../src/answer/question.ts";
import { editDistance, STOP_WORDS, tokenize } from "../../src/answer/terms.ts";
import type { Entity, FactBase } from "../../src/knowledge/schema.ts";
import { type BuiltKnowledge, buildKnowledge, SEED } from "./setup.ts";

/** The question tokens naming each entity, found by checking every candidate the name dictionary gives. */
function everyCandidate(index: AnswerIndex, tokens: string[]): NamedEntity[] {
  const closestTo = (nt: string) => {
    let found: string | null = null;
    let distance = 99;
    for (const qt of tokens) {
      if (qt === nt) return { found: qt, distance: 0 };
      const max = nt.length <= 3 ? 0 : nt.length <= 6 ? 1 : 2;
      const d = editDistance(qt, nt, max);
      if (d <= max && d < distance) {
        found = qt;
        distance = d;
      }
    }
    return { found, distance };
  };
  const out: NamedEntity[] = [];
  for (const entity of index.entityCandidates(tokens)) {
    let best: NamedEntity | null = null;
    for (const name of [entity.name, ...entity.aliases]) {
      const nameTokens = tokenize(name).filter((t) => !STOP_WORDS.has(t) || t.length > 2);
      if (nameTokens.length === 0) continue;
      const found = nameTokens.map(closestTo);
      if (found.some((f) => f.found === null)) continue;
      const letters = nameTokens.reduce((n, t) => n + t.length, 0);
      const similarity = 1 - found.reduce((n, f) => n + f.distance, 0) / Math.max(1, letters);
      if (
        !best ||
        similarity > best.similarity ||
        (similarity === best.similarity && nameTokens.length > best.tokens.length)
      )
        best = { entity, tokens: found.map((f) => f.found!), similarity };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.tokens.length - a.tokens.length || b.similarity - a.similarity);
}

const SYLLABLES = ["ka", "lo", "mer", "dan", "ti", "vos", "ru", "bel", "sa", "nor", "ek", "pi"];

/** A made-up surname for number i (`Kalomer`), so hundreds of people share `Mr` and little else. */
function surname(i: number): string {
  let s = "";
  for (let n = i + SYLLABLES.length; n > 0; n = Math.floor(n / SYLLABLES.length))
    s += SYLLABLES[n % SYLLABLES.length];
  return s[0]!.toUpperCase() + s.slice(1);
}

function person(id: string, name: string, aliases: string[]): Entity {
  return { id, type: "person", name, aliases, roles: [], standsFor: null, mentions: [] };
}

describe("namedEntities, with a title hundreds of names share", () => {
  let built: BuiltKnowledge;
  let index: AnswerIndex;
  beforeAll(async () => {
    built = await buildKnowledge([SEED]);
    const people = Array.from({ length: 600 }, (_, i) =>
      person(`person:p${i}`, `Anna ${surname(i)}`, [`Mr ${surname(i)}`, `Ms ${surname(i + 1)}`]),
    );
    // Names made of the common titles alone, reached through no other token.
    people.push(person("person:title", "The Title Holder", ["Mr"]), person("person:both", "Ms Mr", []));
    const facts: FactBase = { ...built.facts, entities: [...built.facts.entities, ...people] };
    index = new AnswerIndex(facts);
  });
  afterAll(() => built.remove());

  const questions = [
    `What did Mr ${surname(7)} say?`,
    "What did Mr Kalomre say about Ms Lodan?",
    `What did Mr ${surname(288).slice(0, -2)}${surname(288).slice(-1)} say about Ms ${surname(40)}?`,
    "Who is Mr?",
    "What did Ms Mr say?",
    "When did Anna Belsa and Mr Pashinyan meet?",
    "What did Mr Aliyev and Nikol Pashinyan agree?",
    "Did mr ms anna say?",
  ];

  it("names the same entities, in the same order, as checking every candidate the dictionary gives", () => {
    expect(index.entitiesByToken.get("mr")!.length).toBeGreaterThan(500);
    for (const question of questions) {
      const tokens = tokenize(question);
      const expected = everyCandidate(index, tokens).map((n) => [n.entity.id, n.tokens, n.similarity]);
      expect(namedEntities(index, tokens).map((n) => [n.entity.id, n.tokens, n.similarity])).toEqual(
        expected,
      );
    }
  });

  it("names a person through a title and a misspelt surname, and a name made of titles alone", () => {
    const ids = (q: string) => namedEntities(index, tokenize(q)).map((n) => n.entity.id);
    const name = surname(288);
    const misspelt = name.slice(0, -2) + name.slice(-1);
    expect(name.length).toBeGreaterThan(4);
    expect(ids(`What did Mr ${misspelt} say?`)).toContain("person:p288");
    expect(ids("Who is Mr?")).toContain("person:title");
    expect(ids("What did Ms Mr say?")).toEqual(expect.arrayContaining(["person:title", "person:both"]));
  });
});
