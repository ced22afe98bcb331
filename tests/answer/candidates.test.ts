import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEATURES } from "../../src/answer/rank/features.ts";
import { type BuiltKnowledge, buildKnowledge } from "./setup.ts";

const DIR = "tests/fixtures/articles/cnn-layout";
let kb: BuiltKnowledge;

beforeAll(async () => {
  kb = await buildKnowledge([DIR]);
});
afterAll(() => kb.remove());

const candidatesFor = (question: string) =>
  kb.engine.pipeline.read(question).candidates.map((c) => c.candidate.text);

describe("candidates on a page in a wire's layout", () => {
  it("reads CNN's datelines: the place before a bare or bracketed wire credit", () => {
    const places = kb.facts.articles.map((a) => a.dateline?.place ?? null).sort();
    expect(places).toEqual(["Portside", "Riverton"]);
  });

  it("leaves the wire credit out of the text, and the video playlist with it", () => {
    const first = kb.facts.articles.find((a) => a.dateline?.place === "Portside")!.sentences[0]!.text;
    expect(first).toMatch(/^Health officials in Portside said on Wednesday/);
    const all = kb.facts.articles.flatMap((a) => a.sentences.map((s) => s.text)).join(" ");
    expect(all).not.toMatch(/JUST WATCHED|Replay More Videos|CNN —/);
  });

  it("takes no answer from inside the bracketed wire credit", () => {
    const found = candidatesFor("Which show did Mayor Dana Placeholder appear on?");
    expect(found).toContain("Evening Lights");
    expect(found.some((c) => /CNN/.test(c))).toBe(false);
  });

  it("takes a bare four-digit year for a date, not an amount", () => {
    const read = kb.engine.pipeline.read("How much did the council set aside for the harbour plan?");
    const year = read.candidates.find((c) => c.candidate.text === "2019")!;
    expect(year.candidate.kind).toBe("date");
    expect(read.candidates[0]!.candidate.text).toBe("$4 million");
  });

  it("does not count a number written into a name", () => {
    const found = candidatesFor("How many clinics will open in Portside?");
    expect(found).toContain("12 clinics");
    expect(found).not.toContain("4");
    expect(kb.engine.answerQuestion("How many clinics will open in Portside?").answer).toMatch(/^12\b/);
  });
});

describe("the question, read for the ranker", () => {
  const read = (q: string) => kb.engine.pipeline.read(q);

  it("lets a head noun ask for every kind its senses name", () => {
    const q = read("Which country announced the new clinics?").question;
    expect(q.head).toBe("country");
    expect(q.kinds).toEqual(expect.arrayContaining(["organisation", "place"]));
  });

  it("asks for a thing too when a sense of the head noun names no kind", () => {
    // An ocean is a body of water first and a great quantity second: not an amount alone.
    expect(read("Into which ocean did the ferry sink?").question.kinds).toEqual(["thing", "amount"]);
  });

  it("reads a word compromise takes for a verb as the head noun when a verb follows it", () => {
    const q = read("Which US state has the most clinics?").question;
    expect(q.head).toBe("state");
    expect(q.kinds).toContain("place");
    expect(read("Which companies make clinics?").question.head).toBe("companies");
  });

  it("takes the head of a copular what-question from the noun the copula names", () => {
    expect(read("What is the name of the show the mayor appeared on?").question.head).toBe("show");
    expect(read("What was the focus of the new clinics?").question.head).toBe("focus");
  });

  it("names the noun a how-many question counts", () => {
    expect(read("How many clinics will open late this month?").question.counted).toBe("clinic");
    expect(read("Which show did the mayor appear on?").question.counted).toBeNull();
  });

  it("reads the question's verbs in every form, and finds the answer right beside them", () => {
    const slot = FEATURES.indexOf("verbSlot");
    const slotOf = (r: ReturnType<typeof read>, text: string) =>
      r.candidates.find((c) => c.candidate.text === text)?.features[slot];
    const said = read("Who said that 12 clinics will open?");
    expect([...said.question.verbStems]).toEqual(expect.arrayContaining(["say", "said"]));
    expect(slotOf(said, "Health officials")).toBe(1);
    const open = read("What will open late this month?");
    expect(slotOf(open, "12 clinics")).toBe(1);
    expect(slotOf(open, "harbour city")).toBe(0);
  });
});

describe("the role a wh-word asks for", () => {
  it("is the doer or the object only for who, what and which", () => {
    const asks = (q: string) => kb.engine.pipeline.read(q).question.asksFor;
    expect(asks("What did the officials say?")).toBe("object");
    expect(asks("Who said that 12 clinics will open?")).toBe("actor");
    expect(asks("Why did the officials open the clinics?")).toBeNull();
    expect(asks("When did the officials open the clinics?")).toBeNull();
  });
});
