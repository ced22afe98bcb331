import { describe, expect, it } from "vitest";
import { analyseArticle } from "../../src/knowledge/extract.ts";
import { eventFact, whyNotWhole } from "../../src/knowledge/whole-fact.ts";

/** The facts /facts, /timeline and the digest would show for a text of our own (published Friday 8 December 2023). */
function factsOf(text: string, published = "2023-12-08") {
  const { events } = analyseArticle({
    articleId: "own",
    title: "Own article",
    published,
    text,
    paragraphs: [{ start: 0, end: text.length }],
    toSource: (o) => o,
  });
  return events.map((e) => ({ fact: eventFact(e), date: e.date?.value ?? null, why: whyNotWhole(e) }));
}
const facts = (text: string) => factsOf(text).map((f) => f.fact);

describe("events as whole clauses", () => {
  it("keeps what the verb needs: its object with an amount, its complement, its date", () => {
    expect(facts("The airline laid off about a third of its pilots last month.")).toEqual([
      "The airline laid off about a third of its pilots last month",
    ]);
    expect(facts("The merger is expected to close in 2024.")).toEqual([
      "The merger is expected to close in 2024",
    ]);
    expect(facts("The board recovered less than half the missing money.")).toEqual([
      "The board recovered less than half the missing money",
    ]);
  });

  it("keeps the clause a verb of saying or knowing reports, and the infinitive's clause", () => {
    expect(facts("The regulator warned that fares would rise.")).toContain(
      "The regulator warned that fares would rise",
    );
    expect(facts("The inspectors refused to say whether the dam was safe.")).toEqual([
      "The inspectors refused to say whether the dam was safe",
    ]);
  });

  it("ends a clause before the next clause's subject, and reads the main clause after a fronted subordinate one", () => {
    expect(facts("The hiker was found alive, the rangers said.")).toEqual(["The hiker was found alive"]);
    expect(facts("When the council opened the pool in 2019, the town held a fair.")).toEqual([
      "the council opened the pool in 2019",
      "the town held a fair",
    ]);
  });

  it("tells a passive by what was acted on, its doer after the verb, and no condition as a fact", () => {
    expect(facts("The lead will be sung by the understudy Mara Quist until the tour ends.")).toEqual([
      "The lead will be sung by the understudy Mara Quist until the tour ends",
    ]);
    expect(facts("If the talks fail, the union will strike.")).toEqual(["the union will strike"]);
    // A fronted subordinate clause ends at its comma.
    expect(facts("Before the storm reached the coast, officials closed the port.")).toEqual([
      "the storm reached the coast",
      "officials closed the port",
    ]);
    expect(facts("The province, which Serbia reclaimed in 1999, is calm.")).toEqual([
      "Serbia reclaimed the province in 1999",
    ]);
  });

  it("reads the subject of a relative clause after its pronoun, and a participle after a noun as no clause", () => {
    expect(facts("The survey found 40 towns in which prices fell twice in a year.")).toEqual([
      "prices fell twice in a year",
    ]);
    expect(
      facts(
        "The mayor won support, because of her fundraising, her campaigning and years of patient work designed to rebuild the harbour.",
      ),
    ).toEqual(["The mayor won support"]);
    expect(facts("Maria Jones volunteered to coach the team.")).toEqual([
      "Maria Jones volunteered to coach the team",
    ]);
  });

  it("makes no event of a clause that cannot stand alone: a bare pronoun, a possessive that refers back, a cut infinitive", () => {
    expect(facts("It comes after the vote.")).toEqual([]);
    expect(facts("Their lawyers filed an appeal.")).toEqual([]);
    expect(facts("The firm made the chip, and the company announced it.")).toEqual([
      "The firm made the chip",
    ]);
    expect(facts("Some towns banned the scooters, while others taxed the rental firms.")).toEqual([
      "Some towns banned the scooters",
    ]);
    expect(facts("The firm is also being asked to review.")).toEqual([]);
  });

  it("leaves nothing dangling at the end of any fact of a longer text", () => {
    const text =
      "The harbour authority said on Tuesday that the new ferry would enter service in May. " +
      "Its owners, who bought the vessel in 2021, paid more than $40 million for it. " +
      "The ferry carries up to 600 passengers, and the crossing takes 50 minutes. " +
      "Critics argued that the port should have invested in its ageing piers instead.";
    const all = factsOf(text);
    expect(all.map((f) => f.fact)).toContain("The ferry carries up to 600 passengers");
    for (const f of all) expect(f.why, f.fact).toBeNull();
    for (const f of all)
      expect(f.fact, f.fact).not.toMatch(/\b(?:the|a|an|of|to|for|and|his|its|their|than|more)$/i);
  });

  it("dates a bare weekday to the latest such day on or before publication, though the sentence turns to the future", () => {
    const [storm] = factsOf("The storm hit the coast on Saturday, and the port will reopen next week.");
    expect(storm).toEqual({ fact: "The storm hit the coast on Saturday", date: "2023-12-02", why: null });
  });
});
