import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWER_CONFIDENCE_THRESHOLD, AnswerEngine } from "../../src/answer/engine.ts";
import { compromiseBulkMatch, parseVerbs } from "../../src/answer/question.ts";
import { KnowledgeStore } from "../../src/knowledge/store.ts";
import { type BuiltKnowledge, buildKnowledge, SEED, withStructuredFacts } from "./setup.ts";

/** The shared dev questions about the seed article. */
const SEED_DEV_QUESTIONS = "../shared/eval/seed-dev.jsonl";

let seed: BuiltKnowledge;
let structured: AnswerEngine;
beforeAll(async () => {
  seed = await buildKnowledge([SEED]);
  structured = new AnswerEngine(new KnowledgeStore(seed.dir, withStructuredFacts(seed.facts)));
}, 60_000);
afterAll(() => seed?.remove());

describe("answering who questions on the seed article", () => {
  it("names both releasers, the actors of the event, and cites sentence, outlet and date", () => {
    const r = seed.engine.answerQuestion("who released prisoners?");
    expect(r.type).toBe("person");
    expect(r.answer).toBe("Baku; Yerevan");
    expect(r.confidence).toBeGreaterThan(0);
    const [c] = r.citations;
    expect(c!.sentence).toContain("Baku will release 32 Armenian prisoners of war");
    expect(c!.source).toBe("ThanhNien Newspaper");
    expect(c!.published).toBe("2023-12-08");
    expect(c!.title).toBe("Armenia and Azerbaijan aim to normalize relations");
  });

  it("names whom a title stands before, and says who a name is with the title the article gives", () => {
    expect(seed.engine.answerQuestion("Who is the US Secretary of State?").answer).toBe("Antony Blinken");
    expect(seed.engine.answerQuestion("Who is Charles Michel?").answer).toBe(
      "European Council President Charles Michel",
    );
  });

  it("understands a misspelt action", () => {
    const r = seed.engine.answerQuestion("who relesed prisoners");
    expect(r.answer).toMatch(/Baku|Yerevan/);
    expect(r.citations[0]!.sentence).toContain("will release");
  });

  it("names the organisation a which-question asks for", () => {
    const r = seed.engine.answerQuestion("Which organisation brokered the normalization negotiations?");
    expect(r.type).toBe("organisation");
    expect(r.answer).toMatch(/^(EU|European Union)$/);
  });
});

describe("answering when, how-many and what questions", () => {
  it("resolves the date against the publication date", () => {
    const r = seed.engine.answerQuestion("When was the joint statement issued?");
    expect(r.type).toBe("date");
    expect(r.answer).toBe("December 7, 2023");
    expect(r.citations[0]!.sentence).toContain("On December 7");
  });

  it("reads a misspelt wh-word as a date question, and an abstention still shows the date it found", () => {
    const r = seed.engine.answerQuestion("wen did azerbaijan refuse the us talks");
    expect(r.type).toBe("date");
    const shown = r.answer ?? r.suggestions[0] ?? "";
    expect(shown).toMatch(/^November 20, 2023/);
  });

  it("gives the count as written, in the words of the article", () => {
    const r = seed.engine.answerQuestion("How many people left Nagorno-Karabakh for Armenia?");
    expect(r.type).toBe("count");
    expect(r.answer).toBe("more than 100,000");
    expect(r.citations[0]!.sentence).toContain("more than 100,000 people, left Nagorno-Karabakh");
  });

  it("answers who said a quotation through the quotation lookup, with the role the article gives", () => {
    const r = seed.engine.answerQuestion("who wrote welcome a major breakthrough");
    expect(r.type).toBe("person");
    expect(r.answer).toBe("European Council President Charles Michel");
    expect(r.citations[0]!.sentence).toContain("Welcome a major breakthrough");
  });
});

describe("abstaining", () => {
  it("does not invent an answer the articles do not hold, and offers at most three closest facts", () => {
    for (const q of [
      "Who won the 2022 World Cup?",
      "How many people live in Tokyo?",
      "Who is the king of Atlantis?",
    ]) {
      const r = seed.engine.answerQuestion(q);
      expect(r.answer, q).toBeNull();
      expect(r.citations).toEqual([]);
      expect(r.confidence).toBeLessThan(ANSWER_CONFIDENCE_THRESHOLD);
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it("reads past chat mentions in the question", () => {
    const r = seed.engine.answerQuestion("<@123456> @everyone who released prisoners");
    expect(r.answer).toBe("Baku; Yerevan");
  });

  it("abstains on an empty question", () => {
    expect(seed.engine.answerQuestion("   ").answer).toBeNull();
  });
});

describe("using structured facts when the fact base has them", () => {
  it("says who did what, with the government a capital stands for", () => {
    const r = structured.answerQuestion("Who released prisoners?");
    expect(r.answer).toBe("Baku; Yerevan");
    expect(r.citations[0]!.sentence).toContain("Baku will release 32 Armenian prisoners of war");
  });

  it("matches misspelt names through aliases", () => {
    const r = structured.answerQuestion("who did pashinian meet");
    expect(r.citations.length).toBeGreaterThan(0);
    expect(structured.resolveEntity("aliev")?.name).toBe("Ilham Aliyev");
    expect(structured.resolveEntity("nagorno karabakh")?.name).toBe("Nagorno-Karabakh");
    expect(structured.resolveEntity("pashinian")?.name).toBe("Nikol Pashinyan");
  });

  it("lists what it knows about an entity, each fact cited", () => {
    const f = structured.factsAbout("aliev");
    expect(f.entity?.name).toBe("Ilham Aliyev");
    expect(f.roles).toEqual(["Azerbaijani President"]);
    expect(f.facts.length).toBeGreaterThan(0);
    for (const fact of f.facts) expect(fact.citation.sentence).toMatch(/Aliyev/);
  });
});

describe("citations", () => {
  it("carry the wire credited in the article", () => {
    const r = seed.engine.answerQuestion("What did the statement read about a peace treaty?");
    if (seed.facts.articles[0]!.attributions.length) {
      expect(r.citations.every((c) => c.attribution === "AFP")).toBe(true);
    } else {
      expect(r.citations.every((c) => c.attribution === null)).toBe(true);
    }
  });
});

describe("timeline, articles and autocomplete", () => {
  it("lists dated events in date order", () => {
    const t = seed.engine.timeline("Nagorno-Karabakh");
    expect(t.length).toBeGreaterThan(0);
    const dates = t.map((f) => f.date!);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]!.startsWith("2023-09")).toBe(true);
  });

  it("lists the articles with title, outlet and date", () => {
    expect(seed.engine.articles()).toEqual([
      expect.objectContaining({
        title: "Armenia and Azerbaijan aim to normalize relations",
        source: "ThanhNien Newspaper",
        published: "2023-12-08",
      }),
    ]);
  });

  it("completes misspelt names, ranked, at most 25", () => {
    const names = structured.autocomplete("pashin", ["entity"]).map((s) => s.label);
    expect(names[0]).toBe("Nikol Pashinyan");
    expect(structured.autocomplete("", ["entity"]).length).toBeLessThanOrEqual(25);
    expect(structured.autocomplete("aliev", ["entity"])[0]?.label).toBe("Ilham Aliyev");
  });

  it("completes actions and titles", () => {
    expect(structured.autocomplete("rel", ["action"]).map((s) => s.value)).toContain("release");
    expect(seed.engine.autocomplete("normalise", ["title"])[0]?.label).toBe(
      "Armenia and Azerbaijan aim to normalize relations",
    );
  });
});

describe("the index", () => {
  it("is built once per fact base generation", () => {
    const store = new KnowledgeStore(seed.dir, seed.facts);
    const engine = new AnswerEngine(store);
    const first = engine.index;
    expect(engine.index).toBe(first);
    store.replace(withStructuredFacts(seed.facts));
    expect(engine.index).not.toBe(first);
    expect(engine.index.actions.map((a) => a.lemma)).toEqual(["release"]);
  });
});

describe("reading a question's verbs", () => {
  it("finds the same verbs and lemmas with the quick sweep as with compromise's own", () => {
    const questions = readFileSync(SEED_DEV_QUESTIONS, "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { question: string }).question);
    questions.push(
      "Who fled the city after the talks were laid down?",
      "What did the minister say had been agreed?",
    );
    expect(questions.length).toBeGreaterThan(5);
    for (const q of questions) expect(parseVerbs(q)).toEqual(parseVerbs(q, compromiseBulkMatch));
    expect(parseVerbs("Who fled the city?")).toEqual([{ lemma: "flee", tokens: ["fled"] }]);
  });
});
