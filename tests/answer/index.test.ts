import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerIndex, IntList, TermReader } from "../../src/answer/index.ts";
import { terms } from "../../src/answer/terms.ts";
import type { FactBase } from "../../src/knowledge/schema.ts";
import { BBC, type BuiltKnowledge, buildKnowledge, SEED } from "./setup.ts";

let built: BuiltKnowledge;
let index: AnswerIndex;
beforeAll(async () => {
  built = await buildKnowledge([SEED, `${BBC}/business-001.md`, `${BBC}/business-002.md`]);
  index = new AnswerIndex(built.facts);
}, 60_000);
afterAll(() => built?.remove());

/** Postings and sentence lengths the plain way: `terms()` of each sentence into a map. */
function referencePostings(facts: FactBase): { postings: Map<string, number[]>; lengths: number[] } {
  const postings = new Map<string, number[]>();
  const lengths: number[] = [];
  for (const article of facts.articles) {
    for (const sentence of article.sentences) {
      const ordinal = lengths.length;
      const sentenceTerms = terms(sentence.text);
      lengths.push(sentenceTerms.length);
      for (const term of new Set(sentenceTerms)) {
        const list = postings.get(term) ?? [];
        list.push(ordinal);
        postings.set(term, list);
      }
    }
  }
  return { postings, lengths };
}

/** The facts with each sentence's text replaced, in order, by the given texts (cycled). */
function withTexts(facts: FactBase, texts: string[]): FactBase {
  let k = 0;
  return {
    ...facts,
    articles: facts.articles.map((a) => ({
      ...a,
      sentences: a.sentences.map((s) => ({ ...s, text: texts[k++ % texts.length]! })),
    })),
  };
}

function expectSamePostings(facts: FactBase, built: AnswerIndex): void {
  const { postings, lengths } = referencePostings(facts);
  expect(built.sentences.map((r) => r.length)).toEqual(lengths);
  for (const [term, list] of postings) {
    expect([...(built.postings(term) ?? [])], term).toEqual(list);
    expect(built.documentFrequency(term)).toBe(list.length);
  }
  expect(built.vocabulary.size).toBe(postings.size);
}

describe("the answer index's postings", () => {
  it("hold, for every term of the articles, exactly the sentences whose terms include it", () => {
    expect(index.sentences.length).toBeGreaterThan(50);
    expectSamePostings(built.facts, index);
    expect([...index.postings("releas")!].length).toBeGreaterThan(0);
    expect(index.postings("nosuchterm")).toBeUndefined();
    expect(index.documentFrequency("nosuchterm")).toBe(0);
  });

  it("read names run together, thousands, decimals, possessives and accents as terms() does", () => {
    const texts = [
      "NikolPashinyan met Pashinyán; more than 100,000 people and 2.5 million, 1,2345 or 12,34.",
      "Armenia's EU-brokered talks: the iPhoneSales of McDonald's rose 3.5.6 per cent in 2023.",
      "Zürich's café ÉCOLE reopened, said the BBC's reporter.",
      "",
      "The the THE tHe Released releasing RELEASES s 's S",
    ];
    const facts = withTexts(built.facts, texts);
    expectSamePostings(facts, new AnswerIndex(facts));
  });

  it("read any mix of letters, digits and punctuation as terms() does", () => {
    const text = fc.stringMatching(/^[A-Za-z0-9 ,.'’éÉ“”–£-]{0,50}$/);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), (texts) => {
        const facts = withTexts(built.facts, texts);
        expectSamePostings(facts, new AnswerIndex(facts));
      }),
      { numRuns: 40 },
    );
  });
});

describe("looking sentences up by id", () => {
  it("finds every sentence by its id, at its ordinal", () => {
    for (const ref of index.sentences) {
      expect(index.sentenceById.get(ref.sentence.id)).toBe(ref);
      expect(index.sentenceById.ordinalOf(ref.sentence.id)).toBe(ref.ordinal);
    }
  });

  it("gives one reference per sentence, the same one by ordinal, by id and in the full list", () => {
    const fresh = new AnswerIndex(built.facts);
    const last = fresh.sentenceCount - 1;
    // Read by ordinal and by id before the full list is made, in an order unlike the list's.
    const byOrdinal = fresh.sentenceAt(last)!;
    const article = built.facts.articles.at(-1)!;
    expect(byOrdinal.sentence).toBe(article.sentences.at(-1));
    expect(byOrdinal.article).toBe(article);
    expect(fresh.sentenceById.get(byOrdinal.sentence.id)).toBe(byOrdinal);
    const first = fresh.sentenceById.get(built.facts.articles[0]!.sentences[0]!.id)!;
    expect(first.ordinal).toBe(0);
    expect(fresh.sentences).toHaveLength(fresh.sentenceCount);
    expect(fresh.sentences[last]).toBe(byOrdinal);
    expect(fresh.sentences[0]).toBe(first);
    expect(fresh.sentences.map((r) => r.ordinal)).toEqual([...fresh.sentences.keys()]);
    expect(fresh.sentences.map((r) => r.length)).toEqual(index.sentences.map((r) => r.length));
    expect(fresh.sentenceAt(-1)).toBeUndefined();
    expect(fresh.sentenceAt(fresh.sentenceCount)).toBeUndefined();
  });

  it("finds nothing for an id no sentence has", () => {
    const article = built.facts.articles[0]!;
    const count = article.sentences.length;
    for (const id of [
      `${article.id}#s${count}`,
      `${article.id}#s01`,
      `${article.id}#s-1`,
      `${article.id}#s`,
      "x#s0",
      "",
    ]) {
      expect(index.sentenceById.get(id), id).toBeUndefined();
      expect(index.sentenceById.has(id)).toBe(false);
    }
    expect(index.eventsBySentence.get("x#s0")).toBeUndefined();
  });

  it("finds a sentence whose id does not follow the article#s-index form, and its facts", () => {
    const article = built.facts.articles[0]!;
    const old = article.sentences[1]!.id;
    const facts: FactBase = {
      ...built.facts,
      articles: built.facts.articles.map((a, i) =>
        i === 0
          ? { ...a, sentences: a.sentences.map((s, j) => (j === 1 ? { ...s, id: "custom-id" } : s)) }
          : a,
      ),
      events: built.facts.events.map((e) => (e.sentenceId === old ? { ...e, sentenceId: "custom-id" } : e)),
    };
    const custom = new AnswerIndex(facts);
    expect(custom.sentenceById.get("custom-id")?.ordinal).toBe(1);
    expect(custom.sentenceById.get(old)).toBeUndefined();
    expect(custom.sentenceById.get(article.sentences[2]!.id)?.ordinal).toBe(2);
    const moved = facts.events.filter((e) => e.sentenceId === "custom-id");
    expect(moved.length).toBeGreaterThan(0);
    expect(custom.eventsBySentence.get("custom-id")).toEqual(moved);
  });
});

describe("facts by sentence", () => {
  it("list each sentence's events, statements and quotations in fact-base order", () => {
    const facts = built.facts;
    expect(facts.events.length).toBeGreaterThan(0);
    expect(facts.quotations.length).toBeGreaterThan(0);
    for (const ref of index.sentences) {
      const id = ref.sentence.id;
      const events = facts.events.filter((e) => e.sentenceId === id);
      expect(index.eventsBySentence.get(id) ?? []).toEqual(events);
      expect(index.eventsBySentence.at(ref.ordinal) ?? []).toEqual(events);
      expect(index.statementsBySentence.get(id) ?? []).toEqual(
        facts.statements.filter((s) => s.sentenceId === id),
      );
      expect(index.quotationsBySentence.get(id) ?? []).toEqual(
        facts.quotations.filter((q) => q.sentenceId === id || q.sentenceIds.includes(id)),
      );
    }
  });

  it("list each entity named in a sentence once, in entity order, with the words that named it", () => {
    const facts = built.facts;
    for (const ref of index.sentences) {
      const id = ref.sentence.id;
      const expected = facts.entities.flatMap((entity) => {
        const mention = entity.mentions.find((m) => m.sentenceId === id);
        return mention ? [{ entity, text: mention.text }] : [];
      });
      expect(index.mentionsBySentence.get(id) ?? []).toEqual(expected);
    }
    const named = index.sentences.filter((r) => index.mentionsBySentence.get(r.sentence.id));
    expect(named.length).toBeGreaterThan(5);
  });

  it("give each mention its own entity and words when entities without mentions come between", () => {
    const unnamed = (n: number) => ({ ...built.facts.entities[0]!, id: `person:nobody-${n}`, mentions: [] });
    const [first, ...rest] = built.facts.entities;
    const entities = [unnamed(0), first!, unnamed(1), unnamed(2), ...rest, unnamed(3)];
    const facts: FactBase = { ...built.facts, entities };
    const spaced = new AnswerIndex(facts);
    for (const ref of spaced.sentences) {
      const id = ref.sentence.id;
      const expected = entities.flatMap((entity) => {
        const mention = entity.mentions.find((m) => m.sentenceId === id);
        return mention ? [{ entity, text: mention.text }] : [];
      });
      expect(spaced.mentionsBySentence.get(id) ?? []).toEqual(expected);
    }
  });

  it("list events by the entity acting or acted on, once each", () => {
    for (const [id, events] of index.eventsByEntity) {
      const expected = built.facts.events.filter(
        (e) => e.actor?.entityId === id || e.object?.entityId === id,
      );
      expect(events).toEqual(expected);
    }
  });
});

describe("the word reader", () => {
  it("numbers every word as terms() reads it, past the first size of its word table", () => {
    // 40,000 distinct words: the table (32,768 slots, half full at most) and its word list grow.
    const letters = (n: number): string =>
      n < 26
        ? String.fromCharCode(97 + n)
        : letters(Math.floor(n / 26) - 1) + String.fromCharCode(97 + (n % 26));
    const words = Array.from({ length: 40_000 }, (_, i) => `q${letters(i)}`);
    const text = words.map((w, i) => (i % 3 === 0 ? w.toUpperCase() : w)).join(" the ");
    const numbers = new Map<string, number>();
    const reader = new TermReader((token) => {
      const term = terms(token)[0];
      if (term === undefined) return -1;
      let n = numbers.get(term);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(term, n);
      }
      return n;
    });
    const expected = terms(text);
    for (let round = 0; round < 2; round++) {
      const out = new IntList(16);
      reader.read(text, out);
      const byNumber = [...numbers.keys()];
      expect(Array.from(out.data.subarray(0, out.length), (n) => byNumber[n])).toEqual(expected);
    }
    expect(numbers.size).toBe(new Set(expected).size);
  });
});
