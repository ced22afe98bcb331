import { describe, expect, it } from "vitest";
import quote from "../../commands/quote.ts";
import {
  findQuotations,
  fragmentScore,
  quotationSpeakers,
  speakerWithRole,
  warmQuotations,
  whoSaidFragment,
} from "../../src/answer/quotes.ts";
import { tokenize } from "../../src/answer/terms.ts";
import type { CommandContext } from "../../src/command.ts";
import type { Reply } from "../../src/reply.ts";
import { bbc, factsFrom, SEED, servicesWith } from "../fixtures/quotations/facts.ts";

const facts = factsFrom([SEED, bbc("tech-016.md")]);
const services = servicesWith(facts);

function run(options: Record<string, string>): Reply {
  const ctx: CommandContext = {
    commandName: "quote",
    subcommand: null,
    options,
    invoker: { id: "1", name: "tester", canManage: false },
    guildId: null,
    channelId: null,
    targetMessage: null,
    services,
  };
  return quote.execute(ctx) as Reply;
}

describe("/quote", () => {
  it("with speaker:michel returns Michel's post first, with its citation", () => {
    const reply = run({ speaker: "michel" });
    expect(reply.kind).toBe("answer");
    expect(reply.text).toContain("Welcome a major breakthrough in Armenia-Azerbaijan relations");
    expect(reply.text).toContain("Charles Michel (European Council President) wrote");
    expect(reply.text).toContain("2023-12-08");
    const citation = reply.citations[0]!;
    expect(citation.source).toBe("ThanhNien Newspaper");
    expect(citation.title).toBe("Armenia and Azerbaijan aim to normalize relations");
    expect(citation.sentence).toContain('"Welcome a major breakthrough');
    // His other quotation, the partial "important step", comes next.
    expect(reply.fields?.[0]?.value).toContain("important step");
  });

  it("with text:major breakthrough returns Michel's post", () => {
    const reply = run({ text: "major breakthrough" });
    expect(reply.kind).toBe("answer");
    expect(reply.title).toContain("Charles Michel");
    expect(reply.text).toContain("Welcome a major breakthrough");
    expect(reply.citations[0]!.sentence).toContain("he wrote");
  });

  it("finds the same post from a fragment with typos", () => {
    for (const typed of ["majr braekthrough armenia", "majr breakthru"]) {
      const [best] = findQuotations(facts, { text: typed });
      expect(best?.speaker).toBe("Charles Michel");
      expect(best?.quotation.text.startsWith("Welcome a major breakthrough")).toBe(true);
    }
  });

  it("finds a quotation by topic words and speaker together", () => {
    const [best] = findQuotations(facts, { speaker: "hopkins", about: "blog" });
    expect(best?.speaker).toBe("Curt Hopkins");
    expect(best?.quotation.text.toLowerCase()).toContain("blog");
  });

  it("says when nothing matches, and offers the closest", () => {
    const reply = run({ text: "submarine cheese festival" });
    expect(reply.kind).toBe("abstain");
    expect(reply.text).toContain(
      'No quotation in my articles matches words like "submarine cheese festival"',
    );
  });

  it("refuses to run with no option at all", () => {
    const reply = run({});
    expect(reply.kind).toBe("error");
    expect(reply.text).toMatch(/^quote: /);
  });

  it("autocompletes speakers by fuzzy name, at most 25", async () => {
    const choices = await quote.autocomplete({
      commandName: "quote",
      subcommand: null,
      focused: { name: "speaker", value: "mishel" },
      options: {},
      services,
    });
    expect(choices[0]?.value).toBe("Charles Michel");
    expect(choices.length).toBeLessThanOrEqual(25);
    const all = quotationSpeakers(facts);
    expect(all.map((s) => s.name)).toContain("Curt Hopkins");
  });
});

describe("fragment matching", () => {
  it("finds the same best quotations as scoring every quotation, common words or not", () => {
    for (const typed of [
      "major breakthrough",
      "the",
      "we are the",
      "welcome a majr breakthru in relations",
      "it is a step",
      "blog",
    ]) {
      const all = findQuotations(facts, { text: typed }, 1000, { closest: true })
        .filter((m) => m.score >= 0.5)
        .slice(0, 3);
      const found = findQuotations(facts, { text: typed }, 3);
      expect(found.map((m) => [m.quotation.id, m.score])).toEqual(all.map((m) => [m.quotation.id, m.score]));
      expect(found.map((m) => m.citation)).toEqual(all.map((m) => m.citation));
    }
  });

  it("finds the same quotations after the start-up warm-up of the fragment search as before it", () => {
    const fresh = factsFrom([SEED, bbc("tech-016.md"), bbc("business-004.md")]);
    const before = ["major breakthrough", "we are the", "it is a step"].map((typed) =>
      findQuotations(fresh, { text: typed }, 3).map((m) => [m.quotation.id, m.score]),
    );
    warmQuotations(fresh);
    const after = ["major breakthrough", "we are the", "it is a step"].map((typed) =>
      findQuotations(fresh, { text: typed }, 3).map((m) => [m.quotation.id, m.score]),
    );
    expect(after).toEqual(before);
    expect(before.flat().length).toBeGreaterThan(0);
    // A fact base with too few quoted words to make a fragment of is left alone.
    expect(() => warmQuotations(factsFrom([]))).not.toThrow();
  });

  it("finds a speaker's quotations through a typo, as fuse.js over every speaker would", () => {
    const [best] = findQuotations(facts, { speaker: "charles mitchel" });
    expect(best?.speaker).toBe("Charles Michel");
    expect(quotationSpeakers(facts, "hopkns").map((s) => s.name)).toContain("Curt Hopkins");
  });

  it("reads quoted words as tokenize does, accents, possessives, camel case and grouped numbers too", () => {
    const text = "Zürich's café sold 100,000 iPhones, the ministry said";
    const odd = {
      ...facts,
      quotations: [...facts.quotations, { ...facts.quotations[0]!, id: "q-odd", text }],
    };
    const typed = "zurich cafe sold 100,000 iphones";
    const [best] = findQuotations(odd, { text: typed }, 1);
    expect(best?.quotation.id).toBe("q-odd");
    expect(best?.score).toBe(fragmentScore(tokenize(typed), tokenize(text)));
  });

  it("scores a fragment in order above the same words out of order", () => {
    const words = ["welcome", "a", "major", "breakthrough"];
    expect(fragmentScore(["major", "breakthrough"], words)).toBeGreaterThan(
      fragmentScore(["breakthrough", "major"], words),
    );
    expect(fragmentScore(["submarine"], words)).toBe(0);
  });
});

describe("the quotation tables", () => {
  const QUERIES = [
    { speaker: "michel" },
    { speaker: "hopkins", about: "blog" },
    { text: "major breakthrough" },
    { text: "majr breakthru" },
    { about: "peace" },
  ];
  /** A match as compared across fact bases: its quotation, article, speaker, score and citation. */
  const key = (m: ReturnType<typeof findQuotations>[number]) =>
    JSON.stringify([m.quotation.id, m.article.id, m.speaker, m.score, m.citation]);

  it("leave out a quotation whose article is not in the fact base, as if it were not there", () => {
    const orphan = { ...facts.quotations[0]!, id: "orphan#q0", articleId: "no-such-article" };
    const withOrphan = { ...facts, quotations: [orphan, ...facts.quotations] };
    for (const query of QUERIES)
      expect(findQuotations(withOrphan, query, 5, { closest: true }).map(key)).toEqual(
        findQuotations(facts, query, 5, { closest: true }).map(key),
      );
    expect(quotationSpeakers(withOrphan, "", 100)).toEqual(quotationSpeakers(facts, "", 100));
  });

  it("find each quotation's article when the quotations do not come article by article", () => {
    const reversed = { ...facts, quotations: [...facts.quotations].reverse() };
    for (const query of QUERIES) {
      const got = findQuotations(reversed, query, 100).map(key).sort();
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(findQuotations(facts, query, 100).map(key).sort());
    }
  });
});

describe("who-said questions that quote the words", () => {
  it("reads the quoted words of a who-said question, and nothing else", () => {
    expect(whoSaidFragment('Who said "we will not accept this"?')).toBe("we will not accept this");
    expect(whoSaidFragment("who said: we will not accept this?")).toBe("we will not accept this");
    expect(whoSaidFragment("Who signed the agreement?")).toBeNull();
    expect(whoSaidFragment('Who said "no"?')).toBeNull();
  });

  it("names the speaker with a title before the name and a description after it", () => {
    expect(speakerWithRole("Paul D. Ryan", "House Speaker")).toBe("House Speaker Paul D. Ryan");
    expect(speakerWithRole("Scott Pruitt", "Republican attorney general of Oklahoma")).toBe(
      "Scott Pruitt, Republican attorney general of Oklahoma",
    );
    expect(speakerWithRole("Quina Jones", "25")).toBe("Quina Jones");
    expect(speakerWithRole("Charles Michel", null)).toBe("Charles Michel");
  });
});
