import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenColumns } from "../../src/answer/extract.ts";
import { tokenSpans } from "../../src/answer/terms.ts";
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
