import { describe, expect, it } from "vitest";
import { datesIn } from "../../src/answer/extract.ts";
import { mayNameCalendar, namesCalendar } from "../../src/knowledge/dates.ts";

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

  it("a sentence without a calendar word is not read by chrono, and its bare years are still found", () => {
    expect(mayNameCalendar("Sales doubled in the 1880s, officials said.")).toBe(false);
    expect(datesIn("Sales doubled in the 1880s, officials said.", "2024-01-15")).toEqual([
      { start: 21, end: 26, text: "1880s", value: "1880", precision: "year" },
    ]);
    expect(datesIn("The minister said the plan would work.", "2024-01-15")).toEqual([]);
  });

  it("every date text the calendar test accepts holds a calendar word, so skipping chrono loses none", () => {
    const dates = [
      "12 March 2004",
      "last October",
      "two days ago",
      "on Friday",
      "yesterday",
      "2005",
      "Dec 7",
      "now",
    ];
    for (const text of dates) {
      if (namesCalendar(text)) expect(mayNameCalendar(text)).toBe(true);
    }
    expect(dates.filter(namesCalendar)).toHaveLength(7);
  });

  it("spans counted from an event are not dated from the publication date; those counted from it are", () => {
    const published = "2005-02-10";
    expect(datesIn("Rival Google announced $204m earlier in the week.", published)).toEqual([]);
    expect(datesIn("The e-mail was revealed the day after Mr Mandelson warned the BBC.", published)).toEqual(
      [],
    );
    expect(datesIn("Output grew 15.7% in the year to October.", published)).toMatchObject([
      { text: "October", value: "2004-10", precision: "month" },
    ]);
    expect(
      datesIn("The firm was fined for violating takeover rules five years ago.", published),
    ).toMatchObject([{ text: "five years ago", value: "2000" }]);
  });
});
