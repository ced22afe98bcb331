import { describe, expect, it } from "vitest";
import { type ParsablePayload, parseSlashLine, SlashLineError } from "../../src/console/parse.ts";

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const SUBCOMMAND = 1;

const payloads: ParsablePayload[] = [
  { name: "when", type: 1, options: [{ type: STRING, name: "event", required: true }] },
  {
    name: "articles",
    type: 1,
    options: [
      { type: STRING, name: "source" },
      { type: INTEGER, name: "limit" },
      { type: BOOLEAN, name: "full" },
    ],
  },
  {
    name: "digest",
    type: 1,
    options: [
      { type: SUBCOMMAND, name: "subscribe", options: [{ type: STRING, name: "time", required: true }] },
      { type: SUBCOMMAND, name: "list", options: [] },
    ],
  },
  {
    name: "tone",
    type: 1,
    options: [{ type: STRING, name: "kind", choices: [{ name: "Neutral", value: "neutral" }] }],
  },
  { name: "Check in the news", type: 3 },
];

describe("parsing a slash line", () => {
  it("reads an option value with spaces up to the end of the line", () => {
    expect(parseSlashLine("/when event:joint statement", payloads)).toEqual({
      commandName: "when",
      subcommand: null,
      options: { event: "joint statement" },
      targetText: null,
    });
  });

  it("splits values at the next known option name only, so a value may hold a colon", () => {
    const p = parseSlashLine("/articles source:Wire: Asia limit:5 full:yes", payloads);
    expect(p.options).toEqual({ source: "Wire: Asia", limit: 5, full: true });
  });

  it("strips quotes around a value", () => {
    expect(parseSlashLine('/when event:"joint statement"', payloads).options).toEqual({
      event: "joint statement",
    });
  });

  it("gives bare text to the first string option", () => {
    expect(parseSlashLine("/when the joint statement", payloads).options).toEqual({
      event: "the joint statement",
    });
  });

  it("walks into a subcommand", () => {
    const p = parseSlashLine("/digest subscribe time:08:00", payloads);
    expect(p.subcommand).toBe("subscribe");
    expect(p.options).toEqual({ time: "08:00" });
  });

  it("maps a choice by its name to its value", () => {
    expect(parseSlashLine("/tone kind:neutral", payloads).options).toEqual({ kind: "neutral" });
    expect(parseSlashLine("/tone kind:Neutral", payloads).options).toEqual({ kind: "neutral" });
  });

  it("reads a message command as Name: TEXT", () => {
    expect(parseSlashLine("Check in the news: Armenia signed it", payloads)).toMatchObject({
      commandName: "Check in the news",
      targetText: "Armenia signed it",
    });
  });

  it("when the line is wrong, it throws one clear line", () => {
    const cases: [string, RegExp][] = [
      ["when event:x", /is not a command; commands start with \//],
      ["/nope", /unknown command \/nope/],
      ["/when", /\/when needs event:/],
      ["/articles limit:many", /limit must be a number, got "many"/],
      ["/articles limit:2.5", /limit must be a whole number/],
      ["/articles full:maybe", /full must be true or false/],
      ["/digest", /\/digest needs a subcommand: subscribe, list/],
      ["/digest remove", /"remove" is not one/],
      ["/tone kind:angry", /kind must be one of Neutral/],
    ];
    for (const [line, message] of cases) {
      expect(() => parseSlashLine(line, payloads)).toThrow(SlashLineError);
      expect(() => parseSlashLine(line, payloads)).toThrow(message);
    }
  });
});
