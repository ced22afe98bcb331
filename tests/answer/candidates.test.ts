import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("does not count a number written into a name", () => {
    const found = candidatesFor("How many clinics will open in Portside?");
    expect(found).toContain("12 clinics");
    expect(found).not.toContain("4");
    expect(kb.engine.answerQuestion("How many clinics will open in Portside?").answer).toMatch(/^12\b/);
  });
});
