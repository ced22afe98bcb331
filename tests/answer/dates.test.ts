import { describe, expect, it } from "vitest";
import { datesIn } from "../../src/answer/extract.ts";

describe("dates read from a sentence at question time", () => {
  it("an instant such as 'up until now' is not a date, with or without a publication date", () => {
    expect(datesIn("It's worked very well up until now.", null)).toEqual([]);
    expect(datesIn("It's worked very well up until now.", "2023-12-08")).toEqual([]);
  });

  it("a relative date in an undated article is said as written, never placed against today", () => {
    const [found] = datesIn("She made her debut speech in Bournemouth last October.", null);
    expect(found).toMatchObject({ text: "October", value: "" });
  });

  it("a relative date in a dated article is placed against its publication date", () => {
    const [found] = datesIn("She made her debut speech in Bournemouth last October.", "2005-02-10");
    expect(found).toMatchObject({ text: "October", value: "2004-10", precision: "month" });
  });

  it("a full date needs no publication date", () => {
    const [found] = datesIn("The talks began on 12 March 2004 in Geneva.", null);
    expect(found).toMatchObject({ value: "2004-03-12", precision: "day" });
  });
});
