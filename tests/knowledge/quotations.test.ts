import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseArticle } from "../../src/knowledge/extract.ts";
import { parseArticleFile } from "../../src/knowledge/formats/index.ts";
import { normaliseBody } from "../../src/knowledge/normalise.ts";
import { findQuoteSpans, groupQuoteSpans, groupText } from "../../src/knowledge/quotations/marks.ts";
import { extractQuotations } from "../../src/knowledge/quotations.ts";
import type { Quotation } from "../../src/knowledge/schema.ts";
import { bbc, SEED } from "../fixtures/quotations/facts.ts";

/** Runs the real analysis and quotation extraction on an article file. */
function extract(file: string) {
  const [parsed] = parseArticleFile(readFileSync(file), file);
  const body = normaliseBody(parsed!.body, parsed!.title);
  const analysis = analyseArticle({
    articleId: "a",
    title: parsed!.title,
    published: parsed!.published,
    text: body.text,
    paragraphs: body.paragraphs,
    toSource: body.toSource,
  });
  return extractQuotations({
    articleId: "a",
    published: parsed!.published,
    text: body.text,
    paragraphs: body.paragraphs,
    sentences: analysis.sentences,
    entities: analysis.entities,
  });
}

/** Extraction on a plain text, one paragraph per blank-line block, with a naive sentence split. */
function extractText(text: string) {
  const paragraphs: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) paragraphs.push({ start: m.index!, end: m.index! + m[0].length });
  const sentences = paragraphs.map((p, i) => ({
    id: `t#s${i}`,
    index: i,
    paragraph: i,
    start: p.start,
    end: p.end,
    text: text.slice(p.start, p.end),
    source: p,
  }));
  return extractQuotations({ articleId: "t", published: null, text, paragraphs, sentences, entities: [] });
}

const starting = (qs: Quotation[], words: string, nth = 0) => qs.filter((q) => q.text.startsWith(words))[nth];

describe("quotations of the seed article", () => {
  const { quotations, statements } = extract(SEED);

  it("attributes Michel's partial quote 'important step' to him through the participle 'calling'", () => {
    const q = starting(quotations, "important step", 1)!;
    expect(q.speaker?.text).toBe("Charles Michel");
    expect(q.speakerRole).toBe("European Council President");
    expect(q.cue).toBe("calling");
    expect(q.kind).toBe("partial");
  });

  it("attributes 'Welcome a major breakthrough…' to Michel through 'he wrote'", () => {
    const q = starting(quotations, "Welcome a major breakthrough")!;
    expect(q.text).toBe(
      "Welcome a major breakthrough in Armenia-Azerbaijan relations as they issue a joint statement",
    );
    expect(q.speaker?.text).toBe("Charles Michel");
    expect(q.speakerRole).toBe("European Council President");
    expect(q.cue).toBe("wrote");
    expect(q.kind).toBe("direct");
  });

  it("gives the joint statement's words to the statement of Armenia and Azerbaijan, cue 'read'", () => {
    const q = starting(quotations, "The two countries reaffirmed their intention")!;
    expect(q.speaker?.text).toBe("joint statement of Armenia and Azerbaijan");
    expect(q.cue).toBe("read");
    expect(q.kind).toBe("direct");
    expect(q.text.endsWith("sovereignty and territorial integrity")).toBe(true);
  });

  it("attributes the Foreign Ministry's reply 'responded positively…' as a partial quote", () => {
    const q = starting(quotations, "responded positively")!;
    expect(q.speaker?.text).toBe("Armenia's Foreign Ministry");
    expect(q.cue).toBe("said");
    expect(q.kind).toBe("partial");
  });

  it("attributes 'biased' to Azerbaijan through 'what it considers'", () => {
    const q = starting(quotations, "biased")!;
    expect(q.speaker?.text).toBe("Azerbaijan");
    expect(q.cue).toBe("considers");
    expect(q.kind).toBe("partial");
  });

  it("gives the first 'important step' to the European Union, the subject of 'considered'", () => {
    const q = starting(quotations, "important step", 0)!;
    expect(q.speaker?.text).toBe("European Union");
    expect(q.cue).toBe("considered");
  });

  it("keeps reported speech apart as a statement, not a quotation", () => {
    expect(quotations.some((q) => q.text.startsWith("a peace deal could be signed"))).toBe(false);
    const s = statements.find((x) => x.content.startsWith("a peace deal could be signed"))!;
    expect(s.speaker?.text).toBe("Armenia and Azerbaijan");
    expect(s.cue).toBe("said");
  });

  it("points every quotation back to its sentence", () => {
    for (const q of quotations) expect(q.sentenceIds).toContain(q.sentenceId);
  });
});

describe("quotations of BBC articles", () => {
  it('reads `"…," said Mr Hopkins` and resolves Mr Hopkins to Curt Hopkins with his role', () => {
    const { quotations } = extract(bbc("tech-016.md"));
    const q = starting(quotations, "If you have a blog")!;
    expect(q.speaker?.text).toBe("Curt Hopkins");
    expect(q.cue).toBe("said");
    expect(q.speakerRole).toBe("director of the Committee");
    // The nested single-quoted name stays inside the quotation.
    expect(q.text).toContain("'Free Mojtaba and Arash Day'");
  });

  it('reads `"…," Curt Hopkins, director of the Committee, told the BBC`', () => {
    const { quotations } = extract(bbc("tech-016.md"));
    const q = starting(quotations, "I hope this day will focus people")!;
    expect(q.speaker?.text).toBe("Curt Hopkins");
    expect(q.cue).toBe("told");
  });

  it('reads a title before the name and `X said: "…"`', () => {
    const { quotations } = extract(bbc("politics-001.md"));
    const q = starting(quotations, "While mothers would welcome")!;
    expect(q.speaker?.text).toBe("Sandra Gidley");
    expect(q.speakerRole).toBe("Liberal Democrat spokeswoman for women");
    expect(q.cue).toBe("said");
  });

  it("joins a quote left open at a paragraph's end with the next paragraph's quote", () => {
    const { quotations } = extract(bbc("politics-019.md"));
    const q = starting(quotations, "I think the remark was ill-advised")!;
    expect(q.text).toContain("We don't want to preach to young people");
    expect(q.text).toContain("tackling our drinking culture");
    expect(q.speaker?.text).toBe("Jack Law");
    expect(q.cue).toBe("added");
    expect(q.sentenceIds.length).toBeGreaterThan(2);
  });

  it('resolves `he described as "very talented"` to Jack Straw', () => {
    const { quotations } = extract(bbc("politics-009.md"));
    const q = starting(quotations, "very talented")!;
    expect(q.speaker?.text).toBe("Jack Straw");
    expect(q.cue).toBe("described");
    expect(q.kind).toBe("partial");
  });

  it("carries the speaker over to a following quote that has no cue, with a null cue", () => {
    const { quotations } = extract(bbc("politics-001.md"));
    const q = starting(quotations, "We have made a firm commitment")!;
    expect(q.speaker?.text).toBe("Patricia Hewitt");
    expect(q.cue).toBeNull();
  });
});

describe("quote marks", () => {
  it("reads curly quotes with a nested single quote, and `according to X`", () => {
    const { quotations } = extractText("“We said ‘no’ to the plan,” according to the Finance Ministry.");
    expect(quotations).toHaveLength(1);
    expect(quotations[0]!.text).toBe("We said ‘no’ to the plan");
    expect(quotations[0]!.cue).toBe("according to");
    expect(quotations[0]!.speaker?.text).toBe("Finance Ministry");
  });

  it("does not take apostrophes for quote marks", () => {
    const text = "The minister's plan won't pass, Maria Lopez said.";
    const spans = findQuoteSpans(text, [{ start: 0, end: text.length }]);
    expect(spans).toHaveLength(0);
  });

  it("joins quotes split into sentences (nothing between them) into one quotation", () => {
    const text = 'Anna Berg said: "First part." "Second part."';
    const p = [{ start: 0, end: text.length }];
    const groups = groupQuoteSpans(text, findQuoteSpans(text, p), p);
    expect(groups).toHaveLength(1);
    expect(groupText(text, groups[0]!)).toBe("First part. Second part.");
  });

  it("leaves a scare quote with no speech cue without a speaker rather than inventing one", () => {
    const { quotations } = extractText('The so-called "peace dividend" never arrived in the valley.');
    expect(quotations).toHaveLength(1);
    expect(quotations[0]!.kind).toBe("partial");
    expect(quotations[0]!.speaker).toBeNull();
  });

  it("resolves `she said` to the last woman named, not the last man", () => {
    const { quotations } = extractText(
      'Ms Anna Berg met Mr Tom Hale on Monday. "The talks went well," she said.',
    );
    expect(quotations[0]!.speaker?.text).toBe("Anna Berg");
    expect(quotations[0]!.cue).toBe("said");
  });

  it("reads a trailing cue after a partial quote whose comma stands inside the marks", () => {
    const { quotations } = extractText(
      "Anna Berg met the press.\nThe lava was moving into a flat area – “so it is slowing down,” Anna Berg said.",
    );
    expect(quotations[0]!.kind).toBe("partial");
    expect(quotations[0]!.speaker?.text).toBe("Anna Berg");
    expect(quotations[0]!.cue).toBe("said");
  });

  it("names a report by its issuer when the cue does (`the IMF report stated`), not by a later mention", () => {
    const { quotations } = extractText(
      '"The impact remains very unclear," the IMF report stated.\nOver 90% of "samples tested positive," the report said.',
    );
    expect(quotations.map((q) => q.speaker?.text)).toEqual(["the IMF report", "the IMF report"]);
  });

  it("reads lower-case modifiers and a role before the name after an inverted cue", () => {
    const { quotations } = extractText(
      [
        "“We’re not immune,” said former CDC Director Dr. Tom Frieden, who now runs a nonprofit.",
        "“We’re good,” said longtime Clinton aide John Podesta.",
        "“We’re fine,” said former Secretary of State Colin Powell.",
      ].join("\n"),
    );
    expect(quotations.map((q) => q.speaker?.text)).toEqual(["Tom Frieden", "John Podesta", "Colin Powell"]);
  });

  it("reads a longer subject before the cue closing a sentence with a partial quote", () => {
    const { quotations } = extractText(
      "Tonga “needs immediate assistance to provide fresh water,” the country’s Speaker of the House Lord Fakafanua said in a statement.",
    );
    expect(quotations[0]!.speaker?.text).toMatch(/Fakafanua$/u);
    expect(quotations[0]!.cue).toBe("said");
  });

  it("takes no cue from a later clause that reports other words (`, and analysts said many…`)", () => {
    const { quotations } = extractText(
      "“Stopping uncontrolled immigration” was her manifesto’s priority, and analysts said many of her policies would fail.",
    );
    expect(quotations[0]!.speaker).toBeNull();
  });

  it("reads a coordinated cue, and the regular past of a verb compromise leaves unconjugated (`and tweeted:`)", () => {
    const { quotations } = extractText(
      "Mary Lou Smith called her rival after arriving in Washington and tweeted: “We stood up for democracy.”",
    );
    expect(quotations[0]!.speaker?.text).toBe("Mary Lou Smith");
    expect(quotations[0]!.cue).toBe("tweeted");
  });

  it("gives a participle cue the subject after an opening participle clause", () => {
    const { quotations } = extractText(
      "Speaking about aid to Ukraine, Mary Lou Smith quoted Theodore Roosevelt, telling reporters: “We will speak softly.”",
    );
    expect(quotations[0]!.speaker?.text).toBe("Mary Lou Smith");
    expect(quotations[0]!.cue).toBe("telling");
  });

  it("gives the second part of a quote split around its cue the first part's speaker", () => {
    const { quotations } = extractText(
      '"The inescapable conclusion," Mary Lou Smith wrote, according to the draft, "is that the right is not rooted."',
    );
    expect(quotations.map((q) => q.speaker?.text)).toEqual(["Mary Lou Smith", "Mary Lou Smith"]);
  });

  it("takes the name after `told` for the listener, not the speaker, of a partial quote", () => {
    const { quotations } = extractText(
      "The stand-in, several people in her orbit told POLITICO, has been chosen and is an “outsider” to politics.",
    );
    expect(quotations[0]!.speaker?.text).not.toBe("POLITICO");
  });

  it("reads a capitalised modifier and a lower-case role before the name (`said Clinton campaign chairman John Podesta`)", () => {
    const { quotations } = extractText(
      "Hillary Clinton spoke in Ohio.\n“No comment,” said Clinton campaign chairman John Podesta.",
    );
    expect(quotations[0]!.speaker?.text).toBe("John Podesta");
  });

  it("takes an outlet whose name ends in a document noun for the outlet (`The New York Post reports`)", () => {
    const { quotations } = extractText("“It is fake news,” The New York Post reports.");
    expect(quotations[0]!.speaker?.text).toBe("New York Post");
  });

  it("resolves a description to the person it last stood before as a title (`the Republican nominee`)", () => {
    const { quotations } = extractText(
      [
        "Republican nominee Donald Trump and Democratic nominee Hillary Clinton campaigned in Ohio.",
        "“He is unfit,” Clinton said.",
        "“We have to win,” the Republican nominee told reporters.",
      ].join("\n"),
    );
    expect(quotations.map((q) => q.speaker?.text)).toEqual(["Hillary Clinton", "Donald Trump"]);
  });

  it("gives a partial quote in a sentence opened by `According to X,` to X", () => {
    const { quotations } = extractText(
      "According to Sean Spicer, the party's spokesman, the debate was “a clear win.”",
    );
    expect(quotations[0]!.speaker?.text).toBe("Sean Spicer");
    expect(quotations[0]!.cue).toBe("according to");
  });
});
