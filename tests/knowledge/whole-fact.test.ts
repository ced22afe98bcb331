import { describe, expect, it } from "vitest";
import type { Event } from "../../src/knowledge/schema.ts";
import { endsDangling, eventFact, isWholeEvent, whyNotWhole } from "../../src/knowledge/whole-fact.ts";

const event = (over: Partial<Event>): Event => ({
  id: "e1",
  articleId: "a",
  sentenceId: "a#s0",
  actor: { text: "The council", entityId: null },
  action: "approve",
  verb: "approved",
  object: { text: "the new budget", entityId: null },
  date: null,
  place: null,
  quantities: [],
  tense: "past",
  negated: false,
  text: "",
  ...over,
});

describe("whole facts", () => {
  it("takes actor, verb and a complete object as a whole fact, and a passive by what was acted on", () => {
    expect(isWholeEvent(event({}))).toBe(true);
    const signed = event({
      actor: null,
      verb: "was signed",
      action: "sign",
      object: { text: "A peace deal", entityId: null },
      text: "A peace deal was signed in the capital on Friday",
    });
    expect(isWholeEvent(signed)).toBe(true);
    expect(eventFact(signed)).toBe("A peace deal was signed in the capital on Friday");
    // A passive whose subject is a bare pronoun still needs the sentence before it.
    expect(isWholeEvent({ ...signed, object: { text: "It", entityId: null }, text: "It was signed" })).toBe(
      false,
    );
  });

  it("tells an event by its whole clause: the object and complement the verb needs, its date and place", () => {
    const ev = event({
      actor: { text: "The airline", entityId: null },
      action: "lay off",
      verb: "laid off",
      object: { text: "about a third of its pilots", entityId: null },
      text: "In March, the airline laid off about a third of its pilots in Lisbon",
    });
    expect(eventFact(ev)).toBe("The airline laid off about a third of its pilots in Lisbon");
    expect(isWholeEvent(ev)).toBe(true);
    // `never` between the actor and the verb is kept; a relative clause's actor is named.
    const never = event({
      actor: { text: "The mayor", entityId: null },
      action: "approve",
      verb: "approved",
      object: { text: "the tower", entityId: null },
      negated: true,
      text: "The mayor never approved the tower",
    });
    expect(eventFact(never)).toBe("The mayor never approved the tower");
    const relative = event({
      actor: { text: "Dana Reyes", entityId: null },
      action: "lead",
      verb: "leads",
      object: { text: "the research unit", entityId: null },
      text: "who leads the research unit at the hospital",
    });
    expect(eventFact(relative)).toBe("Dana Reyes leads the research unit at the hospital");
  });

  it("refuses a fact cut short: a verb left without its object, a comparative with nothing compared", () => {
    const cut = event({
      actor: { text: "The inspectors", entityId: null },
      action: "refuse",
      verb: "refused",
      object: null,
      text: "The inspectors refused to say",
    });
    expect(whyNotWhole(cut)).toBe("ends in a verb without its object");
    const more = event({ object: { text: "more", entityId: null }, text: "The council approved more" });
    expect(whyNotWhole(more)).toBe("ends in a function word");
    const possessive = event({
      actor: { text: "its lawyers", entityId: null },
      text: "its lawyers approved the new budget",
    });
    expect(whyNotWhole(possessive)).toBe("actor refers back");
  });

  it("refuses an object that dangles: a possessive, a determiner, a preposition, a comparative", () => {
    for (const object of ["his", "the", "an average of more", "plans for"])
      expect(isWholeEvent(event({ object: { text: object, entityId: null } })), object).toBe(false);
    expect(endsDangling("half of Twitter's staff")).toBe(false);
  });

  it("refuses a transitive verb without its object, and keeps an intransitive one (WordNet's frames)", () => {
    expect(
      isWholeEvent(
        event({ actor: { text: "Musk", entityId: null }, action: "lay off", verb: "laid off", object: null }),
      ),
    ).toBe(false);
    expect(
      isWholeEvent(
        event({
          actor: { text: "The minister", entityId: null },
          action: "resign",
          verb: "resigned",
          object: null,
        }),
      ),
    ).toBe(true);
  });

  it("refuses a bare pronoun for an actor, and an event with no actor that is not a passive", () => {
    expect(
      isWholeEvent(
        event({ actor: { text: "It", entityId: null }, action: "come", verb: "comes", object: null }),
      ),
    ).toBe(false);
    expect(isWholeEvent(event({ actor: null }))).toBe(false);
  });
});
