import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseArticleFile } from "../../src/knowledge/formats/index.ts";
import { normaliseBody, normaliseText, shouldSplitJoinedName } from "../../src/knowledge/normalise.ts";

const SEED = "../shared/seed/2023-12-08-armenia-azerbaijan-normalize-relations.txt";
const [seed] = parseArticleFile(readFileSync(SEED), SEED);
const body = normaliseBody(seed!.body, seed!.title);

/** The original words behind a span of the repaired text. */
const original = (n: ReturnType<typeof normaliseBody>, start: number, end: number) =>
  n.source.slice(n.toSource(start), n.toSource(end));

describe("repairs of the seed's dirty text", () => {
  it("splits names run together", () => {
    expect(body.text).toContain("Armenian Prime Minister Nikol Pashinyan and");
    expect(body.text).toContain("Azerbaijani President Ilham Aliyev.");
    expect(body.text).not.toContain("NikolPashinyan");
    expect(body.repairs.filter((r) => r.kind === "joined-name").map((r) => [r.from, r.to])).toEqual([
      ["NikolPashinyan", "Nikol Pashinyan"],
      ["IlhamAliyev", "Ilham Aliyev"],
    ]);
  });

  it("removes the stray space before a comma", () => {
    expect(body.text).toContain("32 Armenian prisoners of war, while Yerevan");
    expect(body.text).toContain("the Nagorno-Karabakh region, which Azerbaijan");
  });

  it("removes the doubled full stop", () => {
    expect(body.text).toContain("agreed to reintegrate with Azerbaijan.\n\n");
    expect(body.text).not.toContain(". .");
  });

  it("keeps quote marks as written and the paragraphs apart", () => {
    expect(body.text).toContain('considered an "important step".');
    expect(body.paragraphs).toHaveLength(13);
    expect(body.text.slice(body.paragraphs[0]!.start, body.paragraphs[0]!.end)).toMatch(
      /^Yerevan \[Armenia\]/,
    );
  });
});

describe("the offset map back to the original text", () => {
  it("maps a repaired sentence to its dirty form in the original", () => {
    const sentence =
      "Also according to the above statement, Baku will release 32 Armenian prisoners of war, while Yerevan will release two Azerbaijani soldiers.";
    const start = body.text.indexOf(sentence);
    expect(original(body, start, start + sentence.length)).toBe(
      "Also according to the above statement, Baku will release 32 Armenian prisoners of war , while Yerevan will release two Azerbaijani soldiers.",
    );
  });

  it("maps a split name to the joined name as written", () => {
    const start = body.text.indexOf("Nikol Pashinyan");
    expect(original(body, start, start + "Nikol Pashinyan".length)).toBe("NikolPashinyan");
  });

  it("gives a sentence ending in a doubled stop its dirty tail", () => {
    const end = body.text.indexOf("reintegrate with Azerbaijan.") + "reintegrate with Azerbaijan.".length;
    const start = body.text.indexOf("Mr. Aliyev sent troops");
    expect(original(body, start, end)).toMatch(/^Mr\. Aliyev sent troops .* with Azerbaijan\. \.$/);
  });

  it("maps unrepaired text one to one, across paragraphs", () => {
    const p = body.paragraphs[6]!;
    expect(original(body, p.start, p.end)).toBe(body.text.slice(p.start, p.end));
    expect(body.toSource(0)).toBe(0);
    expect(body.toSource(body.text.length)).toBe(body.source.length);
  });

  it("is monotonic and within the source for any text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z .,:()\u00a0\u200b\t]{0,40}$/), { minLength: 1, maxLength: 4 }),
        (paragraphs) => {
          const n = normaliseBody(paragraphs);
          let last = 0;
          for (let i = 0; i <= n.text.length; i++) {
            const s = n.toSource(i);
            expect(s).toBeGreaterThanOrEqual(last);
            expect(s).toBeLessThanOrEqual(n.source.length);
            // Every character the repairs kept maps to itself in the original.
            if (i < n.text.length && n.text[i] !== " " && n.text[i] !== "\n")
              expect(n.source[s]).toBe(n.text[i]);
            last = s;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("other dirty text", () => {
  it("turns non-breaking and zero-width spaces, tabs and runs of spaces into single spaces", () => {
    const n = normaliseText("Ferry\u00a0service between\u200b Helsinki\tand  Tallinn resumed .");
    expect(n.text).toBe("Ferry service between Helsinki and Tallinn resumed.");
  });

  it("keeps an ellipsis and curly quotes", () => {
    expect(normaliseText("He paused… and then... “Yes,” she said.").text).toBe(
      "He paused… and then... “Yes,” she said.",
    );
  });

  it("removes a space before a colon after a word, a doubled comma, and keeps a score", () => {
    expect(normaliseText("The minister said : talks failed,, again. It ended 2 : 1.").text).toBe(
      "The minister said: talks failed, again. It ended 2 : 1.",
    );
    expect(normaliseText("an empty ( ) pair").text).toBe("an empty () pair");
  });

  it("removes spaces inside brackets", () => {
    expect(normaliseText("the Securities Commission ( SEC ) said").text).toBe(
      "the Securities Commission (SEC) said",
    );
  });

  it("splits a brand written apart elsewhere in the article, and keeps known brands and particles", () => {
    const text = "TimeWarner said profits rose. Time Warner owns AOL. Videos on YouTube and MacArthur Park.";
    expect(normaliseText(text).text).toBe(
      "Time Warner said profits rose. Time Warner owns AOL. Videos on YouTube and MacArthur Park.",
    );
    expect(shouldSplitJoinedName("You", "Tube")).toBe(false);
    expect(shouldSplitJoinedName("Mac", "Arthur")).toBe(false);
    expect(shouldSplitJoinedName("Nikol", "Pashinyan")).toBe(true);
  });

  it("never splits short halves or three-part names", () => {
    expect(normaliseText("McDonald and LinkedIn and GlaxoSmithKline and DiCaprio").text).toBe(
      "McDonald and LinkedIn and GlaxoSmithKline and DiCaprio",
    );
  });

  it("splits a possessive joined name", () => {
    expect(normaliseText("IlhamAliyev's office").text).toBe("Ilham Aliyev's office");
  });
});
