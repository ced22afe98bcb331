import { describe, expect, it } from "vitest";
import checkInTheNews from "../../commands/check-in-the-news.ts";
import { checkClaim, compareNumbers, splitClaims } from "../../src/answer/check.ts";
import type { CommandContext } from "../../src/command.ts";
import type { Reply } from "../../src/reply.ts";
import { factsFrom, SEED, servicesWith } from "../fixtures/quotations/facts.ts";

const facts = factsFrom([SEED]);

function run(content: string | null): Reply {
  const ctx: CommandContext = {
    commandName: "Check in the news",
    subcommand: null,
    options: {},
    invoker: { id: "1", name: "tester", canManage: false },
    guildId: "g",
    channelId: "c",
    targetMessage: content === null ? null : { id: "m1", content, authorName: "someone" },
    services: servicesWith(facts),
  };
  return checkInTheNews.execute(ctx) as Reply;
}

describe("Check in the news", () => {
  it("is a message context-menu command named 'Check in the news'", () => {
    expect(checkInTheNews.data.toJSON()).toMatchObject({ name: "Check in the news", type: 3 });
  });

  it("finds the sentence that supports a claim, and labels it a match", () => {
    const c = checkClaim(facts, "Michel welcomed a major breakthrough in Armenia-Azerbaijan relations");
    expect(c.label).toBe("matches");
    expect(c.best?.sentence).toContain("Welcome a major breakthrough");
    expect(c.best?.speaker).toBe("Charles Michel");
    expect(c.best?.citation.source).toBe("ThanhNien Newspaper");
  });

  it("calls a claim with another number a contradiction (50 prisoners, the article says 32)", () => {
    const c = checkClaim(facts, "Baku will release 50 prisoners");
    expect(c.label).toBe("contradicts");
    expect(c.contradiction).toEqual({
      kind: "number",
      claim: "50 prisoners",
      article: "32 Armenian prisoners of war",
    });
    expect(c.best?.sentence).toContain("32 Armenian prisoners of war");
    expect(c.numbers).toEqual([{ claim: "50 prisoners", article: "32 Armenian prisoners of war" }]);
  });

  it("tells a reversed verb from a match, through WordNet's antonyms (criticised against praised)", () => {
    const c = checkClaim(facts, "Michel criticised the joint statement");
    expect(c.label).toBe("contradicts");
    expect(c.contradiction).toEqual({ kind: "verb", claim: "criticised", article: "praised" });
    expect(c.best?.sentence).toContain("Charles Michel praised the December 7 joint statement");
    expect(checkClaim(facts, "Michel praised the joint statement").label).toBe("matches");
  });

  it("calls a negated claim, another date and another actor contradictions, each with what changed", () => {
    expect(checkClaim(facts, "Armenia and Azerbaijan did not issue a joint statement").contradiction).toEqual(
      {
        kind: "negation",
        claim: "not issue",
        article: "issued",
      },
    );
    expect(
      checkClaim(facts, "Armenia and Azerbaijan issued a joint statement on December 9").contradiction?.kind,
    ).toBe("date");
    const actor = checkClaim(facts, "Russia issued a joint statement on December 7");
    expect(actor.label).toBe("contradicts");
    expect(actor.contradiction).toEqual({ kind: "actor", claim: "russia", article: "armenia, azerbaijan" });
  });

  it("says when nothing in the articles matches", () => {
    const c = checkClaim(facts, "The football final ended with a penalty shootout");
    expect(c.label).toBe("no match");
    expect(c.best).toBeNull();
  });

  it("checks each claim of a message and replies privately with the sources", () => {
    const reply = run(
      "Armenia and Azerbaijan issued a joint statement on December 7. Baku will release 50 prisoners. My cat likes tuna.",
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.fields).toHaveLength(3);
    expect(reply.fields![0]!.name).toMatch(/^Claim 1: matches \(\d+%\)$/);
    expect(reply.fields![1]!.name).toMatch(/^Claim 2: contradicts \(\d+%\)$/);
    expect(reply.fields![1]!.value).toContain(
      "Contradicts the cited sentence: the numbers differ (the message says 50 prisoners, the article 32 Armenian prisoners of war)",
    );
    expect(reply.fields![2]!.name).toBe("Claim 3: no match");
    expect(reply.text).toContain("1 contradicts what the articles say");
    expect(reply.citations[0]!.title).toBe("Armenia and Azerbaijan aim to normalize relations");
  });

  it("answers with an error when there is no message or nothing to check", () => {
    expect(run(null).kind).toBe("error");
    expect(run("https://example.com <@123>").kind).toBe("error");
  });

  it("splits a message into claims and compares numbers written as words", () => {
    expect(splitClaims("Prices rose sharply. Shares fell 3%!")).toEqual([
      "Prices rose sharply.",
      "Shares fell 3%!",
    ]);
    expect(
      compareNumbers("Yerevan will release three soldiers", "Yerevan will release two Azerbaijani soldiers"),
    ).toEqual([{ claim: "three soldiers", article: "two Azerbaijani soldiers" }]);
  });
});
