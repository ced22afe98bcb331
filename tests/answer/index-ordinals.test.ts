/**
 * The answer index of a fact base read from disk takes its sentence ordinals from the decoder
 * (`sentenceOrdinalsOf`) instead of finding every sentence id again; it lists exactly what an index
 * of the same facts built in memory lists, and facts changed after reading are still found by id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerIndex } from "../../src/answer/index.ts";
import { sentenceOrdinalsOf } from "../../src/knowledge/compact.ts";
import type { FactBase } from "../../src/knowledge/schema.ts";
import { readFactBase } from "../../src/knowledge/store.ts";
import { BBC, type BuiltKnowledge, buildKnowledge, SEED } from "./setup.ts";

let built: BuiltKnowledge;
beforeAll(async () => {
  built = await buildKnowledge([SEED, `${BBC}/business-001.md`, `${BBC}/politics-001.md`]);
}, 60_000);
afterAll(() => built?.remove());

/** The same facts as plain data the decoder never saw (so an index of them looks every id up). */
const inMemory = (facts: FactBase): FactBase => structuredClone(facts);

/** Both indexes list the same events, quotations, statements and mentions at every sentence. */
function expectSameBySentence(actual: AnswerIndex, expected: AnswerIndex): void {
  expect(actual.sentences.length).toBe(expected.sentences.length);
  for (let o = 0; o < expected.sentences.length; o++) {
    expect(actual.eventsBySentence.at(o), `events at ${o}`).toEqual(expected.eventsBySentence.at(o));
    expect(actual.quotationsBySentence.at(o), `quotations at ${o}`).toEqual(
      expected.quotationsBySentence.at(o),
    );
    expect(actual.statementsBySentence.at(o), `statements at ${o}`).toEqual(
      expected.statementsBySentence.at(o),
    );
    expect(actual.mentionsBySentence.at(o), `mentions at ${o}`).toEqual(expected.mentionsBySentence.at(o));
  }
}

describe("the decoder's sentence ordinals", () => {
  it("point at the sentence each mention, event, quotation and statement names", () => {
    const facts = readFactBase(built.dir);
    const known = sentenceOrdinalsOf(facts)!;
    expect(known).toBeDefined();
    const ids = facts.articles.flatMap((a) => a.sentences.map((s) => s.id));
    const mentions = facts.entities.flatMap((e) => e.mentions.map((m) => m.sentenceId));
    expect(mentions.length).toBeGreaterThan(20);
    expect([...known.mentions].map((o) => ids[o])).toEqual(mentions);
    expect([...known.events].map((o) => ids[o])).toEqual(facts.events.map((e) => e.sentenceId));
    expect([...known.quotations].map((o) => ids[o])).toEqual(facts.quotations.map((q) => q.sentenceId));
    expect([...known.quotationSentences].map((o) => ids[o])).toEqual(
      facts.quotations.flatMap((q) => q.sentenceIds),
    );
    expect(known.quotationSentencesStart.at(-1)).toBe(known.quotationSentences.length);
    expect([...known.statements].map((o) => ids[o])).toEqual(facts.statements.map((s) => s.sentenceId));
  });

  it("are not there for a fact base built in memory", () => {
    expect(sentenceOrdinalsOf(inMemory(built.facts))).toBeUndefined();
  });
});

describe("an index of a fact base read from disk", () => {
  it("lists by sentence exactly what an index of the same facts built in memory lists", () => {
    const facts = readFactBase(built.dir);
    expect(facts.events.length).toBeGreaterThan(10);
    expect(facts.quotations.length).toBeGreaterThan(0);
    expect(facts.statements.length).toBeGreaterThan(0);
    expectSameBySentence(new AnswerIndex(facts), new AnswerIndex(inMemory(facts)));
  });

  it("finds by id the facts moved to another sentence after reading", () => {
    const facts = readFactBase(built.dir);
    const ids = facts.articles.flatMap((a) => a.sentences.map((s) => s.id));
    // Every reference moved one sentence on, in the objects the decoder made.
    const next = (id: string) => ids[(ids.indexOf(id) + 1) % ids.length]!;
    for (const e of facts.entities) for (const m of e.mentions) m.sentenceId = next(m.sentenceId);
    for (const e of facts.events) e.sentenceId = next(e.sentenceId);
    for (const q of facts.quotations) {
      q.sentenceId = next(q.sentenceId);
      q.sentenceIds = q.sentenceIds.map(next);
    }
    for (const s of facts.statements) s.sentenceId = next(s.sentenceId);
    expect(sentenceOrdinalsOf(facts)).toBeDefined();
    const index = new AnswerIndex(facts);
    expectSameBySentence(index, new AnswerIndex(inMemory(facts)));
    const moved = facts.events[0]!;
    expect(index.eventsBySentence.get(moved.sentenceId)).toContain(moved);
  });

  it("finds facts in the later of two articles with the same id, as an index built in memory does", () => {
    const facts = readFactBase(built.dir);
    const first = facts.articles[0]!;
    facts.articles.push({ ...first, title: `${first.title} (again)` });
    const index = new AnswerIndex(facts);
    expectSameBySentence(index, new AnswerIndex(inMemory(facts)));
    const event = facts.events.find((e) => e.articleId === first.id)!;
    const ordinal = index.sentenceById.ordinalOf(event.sentenceId)!;
    expect(index.sentences[ordinal]!.article.title).toBe(`${first.title} (again)`);
    expect(index.eventsBySentence.at(ordinal)).toContain(event);
  });

  it("finds a sentence by the id it was given after reading, and not by the one it had", () => {
    const facts = readFactBase(built.dir);
    const article = facts.articles[0]!;
    const old = article.sentences[1]!.id;
    article.sentences[1]!.id = "renamed";
    for (const e of facts.events) if (e.sentenceId === old) e.sentenceId = "renamed";
    const index = new AnswerIndex(facts);
    expect(index.sentenceById.ordinalOf("renamed")).toBe(1);
    expect(index.sentenceById.get(old)).toBeUndefined();
    expect(index.sentenceById.ordinalOf(article.sentences[2]!.id)).toBe(2);
    expectSameBySentence(index, new AnswerIndex(inMemory(facts)));
  });

  it("lists facts at the sentence that has their id now when two sentences swapped ids after reading", () => {
    const facts = readFactBase(built.dir);
    // An event's sentence and the next one in its article swap ids.
    const event = facts.events.find((e) => {
      const article = facts.articles.find((a) => a.id === e.articleId)!;
      return article.sentences.at(-1)!.id !== e.sentenceId;
    })!;
    const article = facts.articles.find((a) => a.id === event.articleId)!;
    const at = article.sentences.findIndex((s) => s.id === event.sentenceId);
    const [one, two] = [article.sentences[at]!, article.sentences[at + 1]!];
    [one.id, two.id] = [two.id, one.id];
    const index = new AnswerIndex(facts);
    expectSameBySentence(index, new AnswerIndex(inMemory(facts)));
    const ordinal = index.sentenceById.ordinalOf(event.sentenceId)!;
    expect(index.sentences[ordinal]!.sentence).toBe(two);
    expect(index.eventsBySentence.at(ordinal)).toContain(event);
  });

  it("lists facts at their article's new place when articles were reordered after reading", () => {
    const facts = readFactBase(built.dir);
    expect(facts.articles.length).toBeGreaterThanOrEqual(3);
    facts.articles.reverse();
    const index = new AnswerIndex(facts);
    expectSameBySentence(index, new AnswerIndex(inMemory(facts)));
    const event = facts.events.find((e) => e.articleId === facts.articles[0]!.id)!;
    const ordinal = index.sentenceById.ordinalOf(event.sentenceId)!;
    expect(index.sentences[ordinal]!.article).toBe(facts.articles[0]);
    expect(index.eventsBySentence.at(ordinal)).toContain(event);
  });

  it("looks every quotation's sentences up when their number changed after reading", () => {
    const facts = readFactBase(built.dir);
    const q = facts.quotations[0]!;
    const article = facts.articles.find((a) => a.id === q.articleId)!;
    q.sentenceIds = [...q.sentenceIds, article.sentences.at(-1)!.id];
    const index = new AnswerIndex(facts);
    expectSameBySentence(index, new AnswerIndex(inMemory(facts)));
    expect(index.quotationsBySentence.get(article.sentences.at(-1)!.id)).toContain(q);
  });
});
