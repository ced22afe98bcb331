import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FuzzyDictionary } from "../../src/answer/fuzzy.ts";
import { editDistance, execAll, stem, terms, tokenize, tokenSpans } from "../../src/answer/terms.ts";

describe("reading every match of a regex", () => {
  it("gives the same matches as matchAll, and leaves the regex ready for the next text", () => {
    const re = /\d+|\p{Lu}\p{Ll}+/gu;
    const text = "Zoë met Ann at 10, then Bob at 11";
    expect(execAll(re, text).map((m) => [m[0], m.index])).toEqual(
      [...text.matchAll(re)].map((m) => [m[0], m.index]),
    );
    expect(re.lastIndex).toBe(0);
    expect(execAll(re, "no capitals").map((m) => m[0])).toEqual([]);
  });

  it("moves past empty matches instead of finding them for ever", () => {
    expect(execAll(/x*/g, "axb").map((m) => [m[0], m.index])).toEqual([
      ["", 0],
      ["x", 1],
      ["", 2],
      ["", 3],
    ]);
  });

  it("refuses a regex without the global flag, which exec would never move on", () => {
    expect(() => execAll(/a/, "aaa")).toThrow(/needs a global regex/);
  });
});

describe("tokenizing article text", () => {
  it("splits names run together, folds case and diacritics, and joins thousands", () => {
    expect(tokenize("NikolPashinyan met Pashinyán; more than 100,000 people")).toEqual([
      "nikol",
      "pashinyan",
      "met",
      "pashinyan",
      "more",
      "than",
      "100000",
      "people",
    ]);
  });

  it("drops a possessive and splits hyphenated compounds", () => {
    expect(tokenize("Armenia's EU-brokered talks")).toEqual(["armenia", "eu", "brokered", "talks"]);
  });

  it("keeps each token's offsets into the original text", () => {
    const text = "Mr. IlhamAliyev refused";
    const spans = tokenSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["Mr", "Ilham", "Aliyev", "refused"]);
  });
});

describe("the fast tokenizer", () => {
  it("gives exactly the tokens of the offset-keeping one", () => {
    const text = fc.stringMatching(/^[A-Za-z0-9 ,.'’é“”–£-]{0,60}$/);
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(t)).toEqual(tokenSpans(t).map((s) => s.token));
      }),
      { numRuns: 500 },
    );
  });

  it("reads numbers, thousands groups, decimals and possessives as the offset-keeping one does", () => {
    const text = fc.stringMatching(/^[0-9,.'sSaZ ]{0,40}$/);
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(t)).toEqual(tokenSpans(t).map((s) => s.token));
      }),
      { numRuns: 2000 },
    );
  });

  it("joins only whole groups of three digits and keeps one decimal part", () => {
    expect(tokenize("1,2345 and 12,34 cost 3.5.6 or 1,234.5, then 7.")).toEqual([
      "1234",
      "5",
      "and",
      "12",
      "34",
      "cost",
      "3.5",
      "6",
      "or",
      "1234.5",
      "then",
      "7",
    ]);
  });

  it("gives the tokens of the offset-keeping one for ASCII text with curly quotes and dashes", () => {
    const text = fc.stringMatching(/^[A-Za-z0-9 ,.'’‘“”–—…s-]{0,60}$/);
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(t)).toEqual(tokenSpans(t).map((s) => s.token));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads curly quotes and dashes as separators, and a lone s after a curly apostrophe as no word", () => {
    const text = "“Armenia’s talks” – £5 at 20° — then… café’s";
    expect(tokenize(text)).toEqual(["armenia", "talks", "5", "at", "20", "then", "cafe"]);
    expect(tokenize(text)).toEqual(tokenSpans(text).map((s) => s.token));
  });

  it("splits runs of camel case with several capitals", () => {
    expect(tokenize("the BBCNews and iPhoneSales of McDonald's")).toEqual([
      "the",
      "bbcnews",
      "and",
      "i",
      "phone",
      "sales",
      "of",
      "mc",
      "donald",
    ]);
  });
});

describe("stemming", () => {
  it("meets the forms of a verb on one term", () => {
    expect(new Set(["release", "released", "releases", "releasing"].map(stem))).toEqual(new Set(["releas"]));
    expect(stem("prisoners")).toBe(stem("prisoner"));
    expect(stem("stopped")).toBe("stop");
  });

  it("leaves numbers and short words alone", () => {
    expect(stem("2023")).toBe("2023");
    expect(stem("eu")).toBe("eu");
  });

  it("drops stop words from index terms", () => {
    expect(terms("Who will release the prisoners of war?")).toEqual(["releas", "prisoner", "war"]);
  });

  it("gives the same terms whatever the case of plain words", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{0,40}$/), (text) => {
        expect(terms(text.toUpperCase())).toEqual(terms(text));
      }),
    );
  });
});

describe("the fuzzy term dictionary", () => {
  it("finds a misspelt name within its typo allowance", () => {
    const dict = new FuzzyDictionary();
    for (const t of ["pashinyan", "aliyev", "azerbaijan", "armenia"]) dict.add(t);
    expect(dict.lookup("pashinian")[0]).toEqual({ term: "pashinyan", distance: 1 });
    expect(dict.lookup("aliev")[0]).toEqual({ term: "aliyev", distance: 1 });
    expect(dict.lookup("brazil")).toEqual([]);
  });

  it("finds exactly the terms a brute-force edit distance finds", () => {
    const word = fc.stringMatching(/^[a-e]{4,8}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 40 }), word, (known, query) => {
        const dict = new FuzzyDictionary();
        for (const t of known) dict.add(t);
        const found = dict
          .lookup(query, 1, 1000)
          .map((m) => m.term)
          .sort();
        const expected = known.filter((t) => editDistance(query, t, 1) <= 1).sort();
        expect(found).toEqual(expected);
      }),
    );
  });

  it("lists the terms with a prefix in order", () => {
    const dict = new FuzzyDictionary();
    for (const t of ["release", "relief", "refuse", "praise"]) dict.add(t);
    expect(dict.withPrefix("rel")).toEqual(["release", "relief"]);
  });
});
