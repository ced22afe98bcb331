import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datesIn, numbersIn, tidy } from "../../src/answer/extract.ts";
import { tokenColumns, tokenSpans } from "../../src/answer/terms.ts";
import { BBC, SEED } from "./setup.ts";

/** tokenSpans' answer as columns, what tokenColumns must give. */
function spansAsColumns(text: string) {
  const spans = tokenSpans(text);
  return {
    tokens: spans.map((s) => s.token),
    starts: spans.map((s) => s.start),
    ends: spans.map((s) => s.end),
  };
}

describe("the column tokenizer of answer extraction", () => {
  it("gives tokenSpans' tokens and offsets over the seed article and the BBC articles", () => {
    const files = [SEED, ...readdirSync(BBC).map((f) => join(BBC, f))];
    let tokens = 0;
    for (const file of files) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        const expected = spansAsColumns(line);
        expect(tokenColumns(line)).toEqual(expected);
        tokens += expected.tokens.length;
      }
    }
    expect(tokens).toBeGreaterThan(30_000);
  });

  it("reads camel case, possessives, numbers and hyphens with tokenSpans' offsets", () => {
    const text = "Mr. IlhamAliyev's EU-brokered deal freed 1,200 (of 12,34) on 3.5.6 McDonaldsUSA";
    const columns = tokenColumns(text);
    expect(columns).toEqual(spansAsColumns(text));
    expect(columns.tokens).toEqual([
      "mr",
      "ilham",
      "aliyev",
      "eu",
      "brokered",
      "deal",
      "freed",
      "1200",
      "of",
      "12",
      "34",
      "on",
      "3.5",
      "6",
      "mc",
      "donalds",
      "usa",
    ]);
    expect(columns.tokens.map((_, i) => text.slice(columns.starts[i], columns.ends[i])).slice(0, 3)).toEqual([
      "Mr",
      "Ilham",
      "Aliyev",
    ]);
  });

  it("gives tokenSpans' tokens and offsets for any text, beyond ASCII included", () => {
    const text = fc.stringMatching(/^[A-Za-z0-9 ,.'’‘“”–—…sSé£°ß-]{0,60}$/);
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenColumns(t)).toEqual(spansAsColumns(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives each text its own columns, however long the text before it", () => {
    const long = tokenColumns("word ".repeat(200));
    const short = tokenColumns("Two words");
    expect(long.tokens).toHaveLength(200);
    expect(short).toEqual({ tokens: ["two", "words"], starts: [0, 4], ends: [3, 9] });
  });
});

describe("the number and bare-year readers", () => {
  const text =
    "More than 100,000 people left, one of them said; two hundred soldiers and 30 per cent of the town stayed in the 1990s.";

  it("read each number with what it counts, skipping `one of`", () => {
    // (A decade is read as a number too: the engine drops the numbers that are dates.)
    expect(numbersIn(text).map((n) => [n.text, n.value])).toEqual([
      ["More than 100,000 people left", 100000],
      ["two hundred soldiers", 200],
      ["30 per cent of the town stayed", 30],
      ["1990 s", 1990],
    ]);
  });

  it("read the same again, from any span, after a read that stopped early", () => {
    const first = numbersIn(text);
    // Stops after a few words: the shared pattern's position must not leak into the next read.
    numbersIn("5 a b c d e f g h i j k l m n o p");
    expect(numbersIn(text)).toEqual(first);
    const from = text.indexOf("two");
    expect(numbersIn(text, from).map((n) => n.start)).toEqual(first.slice(1).map((n) => n.start));
  });

  it("read bare years and decades chrono leaves alone, every time", () => {
    const years = (t: string) => datesIn(t, null).map((d) => [d.text, d.value]);
    expect(years(text)).toEqual([["1990s", "1990"]]);
    expect(years(text)).toEqual([["1990s", "1990"]]);
    expect(years("Between 2003 and 2005 prices rose.")).toEqual([
      ["2003", "2003"],
      ["2005", "2005"],
    ]);
  });
});

describe("tidy", () => {
  /** What tidy did before it skipped collapsing text whose spaces are all single. */
  const reference = (text: string) =>
    text
      .replace(/\s+([,.;:!?])/g, "$1")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^[,;:.\s]+|[,;:\s.]+$/g, "");

  it("drops spaces before punctuation, collapses runs of spaces and trims dangling marks", () => {
    expect(tidy(" , the war ,  they said\u00a0 today ;")).toBe("the war, they said today");
    expect(tidy("already tidy text")).toBe("already tidy text");
  });

  it("tidies any text as the plain chain of replacements did", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ,.;:!?\t\n\u00a0-]{0,40}$/), (t) => {
        expect(tidy(t)).toBe(reference(t));
      }),
      { numRuns: 2000 },
    );
  });
});
