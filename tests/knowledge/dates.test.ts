import { describe, expect, it } from "vitest";
import { findDates, findRelativeSpans } from "../../src/knowledge/dates.ts";

const PUBLISHED = "2023-12-08";
const at = (text: string, published: string | null = PUBLISHED, future = false) =>
  findDates(text, 0, { published, future }).map((d) => d.date);

describe("resolving dates against the publication date", () => {
  it("reads a day of the month as the latest such day up to publication", () => {
    expect(at("On December 7, Armenia and Azerbaijan issued a joint statement.")).toEqual([
      { text: "On December 7", value: "2023-12-07", precision: "day" },
    ]);
    expect(at("Negotiations planned in the US on November 20 were called off.")).toEqual([
      { text: "on November 20", value: "2023-11-20", precision: "day" },
    ]);
  });

  it("keeps a month alone at month precision", () => {
    expect(at("Previously, in October, he refused.")).toEqual([
      { text: "in October", value: "2023-10", precision: "month" },
    ]);
    expect(at("Azerbaijan reclaimed the region in September.")).toEqual([
      { text: "in September", value: "2023-09", precision: "month" },
    ]);
  });

  it("moves a month that would fall after publication back a year, unless the sentence speaks of the future", () => {
    expect(at("The factory closed in May.")).toEqual([
      { text: "in May", value: "2023-05", precision: "month" },
    ]);
    expect(at("The factory will close in May.", PUBLISHED, true)).toEqual([
      { text: "in May", value: "2024-05", precision: "month" },
    ]);
  });

  it("reads a bare year and the end of the year at year precision", () => {
    expect(at("They fought two wars in 2020 and the 1990s.")).toEqual([
      { text: "in 2020", value: "2020", precision: "year" },
    ]);
    expect(at("A peace deal could be signed by the end of the year.")).toEqual([
      { text: "by the end of the year", value: "2023", precision: "year" },
    ]);
  });

  it("reads a weekday as the latest such day up to publication", () => {
    // 2023-12-08 was a Friday; the Tuesday before it was 2023-12-05.
    expect(at("The company said on Tuesday that profits rose.")).toEqual([
      { text: "on Tuesday", value: "2023-12-05", precision: "day" },
    ]);
  });

  it("reads a bare weekday as the latest such day on or before publication, even in a sentence about the future", () => {
    // 2023-12-08 was a Friday: `on Saturday` is the 2nd, not the day after publication.
    const text = "Officials said on Saturday that the bridge will reopen in spring.";
    const future = { published: PUBLISHED, future: true, futureAt: text.indexOf("will") };
    expect(findDates(text, 0, future).map((d) => d.date.value)).toEqual(["2023-12-02"]);
    // A weekday after the word of the future looks ahead.
    const ahead = "The minister will visit the plant on Saturday.";
    expect(
      findDates(ahead, 0, { published: PUBLISHED, future: true, futureAt: ahead.indexOf("will") }).map(
        (d) => d.date.value,
      ),
    ).toEqual(["2023-12-09"]);
  });

  it("reads a weekday followed by the span that led up to it as that weekday, not a week later", () => {
    const text = "The board approved the sale on Sunday after a week of talks.";
    const dates = at(text);
    expect(dates.map((d) => d.value)).toEqual(["2023-12-03"]);
    expect(findRelativeSpans(text, 0, findDates(text, 0, { published: PUBLISHED, future: false }))).toEqual(
      [],
    );
  });

  it("does not take durations, clock times or `now` for dates", () => {
    expect(at("The process has stalled over the past two months.")).toEqual([]);
    expect(at("Dibaba won in 14 minutes 32.93 seconds.")).toEqual([]);
    expect(at("It now owns 8% of Google.")).toEqual([]);
  });

  it("without a publication date keeps only what the text fixes on its own", () => {
    expect(at("On December 7, they met.", null)).toEqual([]);
    expect(at("Time Warner said on Friday that it now owns 8%.", null)).toEqual([]);
    expect(at("Results for 2003 were restated.", null)).toEqual([
      { text: "for 2003", value: "2003", precision: "year" },
    ]);
    expect(at("The law changed on 12 March 2004.", null)).toEqual([
      { text: "on 12 March 2004", value: "2004-03-12", precision: "day" },
    ]);
  });

  it("counts a span after a day-precise date of the same sentence", () => {
    const text =
      "Troops went in on September 19, and after just a day of fighting, the forces laid down their weapons.";
    const dates = findDates(text, 0, { published: PUBLISHED, future: false });
    expect(dates.map((d) => d.date.value)).toEqual(["2023-09-19"]);
    expect(findRelativeSpans(text, 0, dates).map((d) => [d.date.text, d.date.value])).toEqual([
      ["after just a day", "2023-09-20"],
    ]);
    expect(findRelativeSpans("Two days later they left.", 0, [])).toEqual([]);
  });
});
