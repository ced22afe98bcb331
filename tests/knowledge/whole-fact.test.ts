import { describe, expect, it } from "vitest";
import type { Event } from "../../src/knowledge/schema.ts";
import { endsDangling, isWholeEvent } from "../../src/knowledge/whole-fact.ts";

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
  it("takes actor, verb and a complete object as a whole fact, and nothing without its actor", () => {
    expect(isWholeEvent(event({}))).toBe(true);
    expect(
      isWholeEvent(
        event({
          actor: null,
          verb: "was signed",
          action: "sign",
          object: { text: "A peace deal", entityId: null },
        }),
      ),
    ).toBe(false);
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
