import { readdirSync } from "node:fs";
import { join } from "node:path";
import nlp from "compromise";
import { describe, expect, it } from "vitest";
import { compromiseBulkMatch, parseText, tagText } from "../../src/knowledge/nlp.ts";
import { SPEECH_VERBS, STANCE_VERBS, verbForms } from "../../src/knowledge/quotations/cues.ts";
import { BBC, inputFromFile, SEED } from "./extract-input.ts";

interface World {
  hooks: string[];
  methods: { one: { bulkMatch: unknown } };
}
const world = nlp.world() as unknown as World;

/** The parse as compromise gives it untouched: every default step, its own sweep, read through json(). */
function compromiseParse(text: string) {
  const fast = world.methods.one.bulkMatch;
  world.methods.one.bulkMatch = compromiseBulkMatch;
  try {
    const json = nlp(text).json({ offset: true, terms: { offset: true } }) as {
      offset: { start: number; length: number };
      terms: {
        text: string;
        normal: string;
        pre: string;
        post: string;
        tags: string[];
        offset: { start: number };
      }[];
    }[];
    return json.map((s) => ({
      span: [s.offset.start, s.offset.start + s.offset.length],
      terms: s.terms.map((t) => [t.text, t.normal, t.pre, t.post, t.offset.start, [...t.tags].sort()]),
    }));
  } finally {
    world.methods.one.bulkMatch = fast;
  }
}

const ourParse = (text: string) =>
  parseText(text).sentences.map((s) => ({
    span: [s.start, s.end],
    terms: s.tokens.map((t) => [t.text, t.normal, t.pre, t.post, t.start, [...t.tags].sort()]),
  }));

const texts = [
  SEED,
  ...readdirSync(BBC)
    .sort()
    .slice(0, 6)
    .map((f) => join(BBC, f)),
].map((file) => inputFromFile(file).text);
// Date phrases the dates plugin chains over its two sweeps, beside sentences with no date at all.
const DATES =
  "The talks ended 2 years, 4 months and 5 days ago. No one spoke. They resume at the end of the " +
  "summer, on the first Friday of March 2024 at 5pm EST, and again three weeks after that. " +
  "Ministers met in Geneva. A vote is due by mid-June or early next year.";

describe("the article parse", () => {
  it("gives real articles the same sentences, words, offsets and tags as compromise's own parse", () => {
    for (const text of [...texts, DATES]) expect(ourParse(text)).toEqual(compromiseParse(text));
    const dates = parseText(DATES)
      .tokens.filter((t) => t.tags.has("Date"))
      .map((t) => t.normal);
    expect(dates).toEqual(expect.arrayContaining(["march", "2024", "summer"]));
  });

  it("tags short phrases as compromise does", () => {
    for (const words of ["Charles Michel", "Ilham Aliyev", "Armenian", "Friday", "the Foreign Ministry"])
      for (const tag of ["Person", "Organization", "Demonym", "Date", "MaleName"])
        expect([words, tag, tagText(words).has(`#${tag}`)]).toEqual([words, tag, nlp(words).has(`#${tag}`)]);
  });

  it("finds the same matches as compromise's sweep, also when asked for the first match only", () => {
    const doc = nlp("The minister said on Friday that talks would resume in March 2024.");
    const { buildNet } = (
      nlp.world() as unknown as { methods: { one: { buildNet(m: object[], w: unknown): object } } }
    ).methods.one;
    const net = buildNet(
      [{ match: "#Month #Cardinal" }, { match: "said" }, { match: "on #WeekDay" }, { match: "#Holiday" }],
      nlp.world(),
    );
    const found = () =>
      [{}, { matchOne: true }].map((opts) =>
        (doc.sweep(net as never, { ...opts, tagger: false }) as { found: { match: string }[] }).found.map(
          (f) => f.match,
        ),
      );
    const ours = found();
    const fast = world.methods.one.bulkMatch;
    world.methods.one.bulkMatch = compromiseBulkMatch;
    let theirs: string[][];
    try {
      theirs = found();
    } finally {
      world.methods.one.bulkMatch = fast;
    }
    expect(ours[0]).toHaveLength(3);
    expect(ours[1]).toHaveLength(1);
    expect(ours).toEqual(theirs);
  });

  it("leaves compromise's default steps in place for every other caller", () => {
    parseText(texts[0]!);
    expect(world.hooks).toContain("chunks");
    expect(nlp("The minister announced a plan.").verbs().json()).toHaveLength(1);
  });

  it("conjugates the speech and stance verbs as compromise's verb API does", () => {
    for (const lemma of [...SPEECH_VERBS, ...STANCE_VERBS]) {
      const doc = nlp(lemma);
      doc.tag("Verb");
      const viaApi = doc.verbs().conjugate()[0] as Record<string, string>;
      const forms = verbForms(lemma);
      expect([forms.PastTense, forms.PresentTense, forms.Gerund]).toEqual([
        viaApi.PastTense,
        viaApi.PresentTense,
        viaApi.Gerund,
      ]);
    }
    expect(verbForms("say")).toMatchObject({ PastTense: "said", PresentTense: "says", Gerund: "saying" });
  });
});
