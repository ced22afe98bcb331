import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import { CommandLoadError, isCommandFile, loadCommands } from "../../src/discord/loader.ts";
import { payloadProblem, payloadSetProblem } from "../../src/discord/payload.ts";
import { emptyKnowledgeDir } from "./harness.ts";

const fixtures = resolve(import.meta.dirname, "../fixtures");
const services = () =>
  bootstrap({ env: { KNOWLEDGE_DIR: emptyKnowledgeDir(), LOG_LEVEL: "silent" }, dotenv: false }).services;

describe("the command loader", () => {
  it("loads every real command of commands/, each with a payload Discord accepts", async () => {
    const s = services();
    const registry = await loadCommands(s);
    expect(registry.get("help")).toBeDefined();
    for (const l of registry.all()) expect(payloadProblem(l.payload)).toBeNull();
    expect(payloadSetProblem(registry.payloads())).toBeNull();
    expect(s.commands?.().map((c) => c.data.name)).toEqual(registry.all().map((l) => l.command.data.name));
  });

  it("when a module has no execute, it refuses it with a message naming the file", async () => {
    const load = loadCommands(services(), resolve(fixtures, "commands-malformed"));
    await expect(load).rejects.toThrow(CommandLoadError);
    await expect(loadCommands(services(), resolve(fixtures, "commands-malformed"))).rejects.toThrow(
      /^loader: .*commands-malformed\/broken\.ts: not a valid command module \(execute: execute must be a function\)/,
    );
  });

  it("when a command's name breaks Discord's rules, it refuses it naming the file and the rule", async () => {
    await expect(loadCommands(services(), resolve(fixtures, "commands-bad-name"))).rejects.toThrow(
      /shouty\.ts: the command payload breaks Discord's rules \(name "Shouty" must be lowercase\)/,
    );
  });

  it("when the folder does not exist, it says so", async () => {
    await expect(loadCommands(services(), resolve(fixtures, "no-such-folder"))).rejects.toThrow(
      /no commands folder here/,
    );
  });

  it("reads only module files, not declarations or _helpers", () => {
    expect(
      ["ask.ts", "x.d.ts", "_shared.ts", ".hidden.ts", "notes.md", "q.js"].filter(isCommandFile),
    ).toEqual(["ask.ts", "q.js"]);
  });
});

describe("Discord's rules for command payloads", () => {
  const ok = { name: "when", description: "When did it happen", type: 1 };
  it("accepts a valid slash command and a message command", () => {
    expect(payloadProblem(ok)).toBeNull();
    expect(payloadProblem({ name: "Check in the news", type: 3 })).toBeNull();
  });
  it("refuses descriptions over 100 characters, missing descriptions and long names", () => {
    expect(payloadProblem({ ...ok, description: "x".repeat(101) })).toMatch(/description/);
    expect(payloadProblem({ name: "when", type: 1 })).toMatch(/needs a description/);
    expect(payloadProblem({ ...ok, name: "a".repeat(33) })).toMatch(/name/);
  });
  it("refuses a required option after an optional one, and more than 25 choices", () => {
    const opt = (name: string, required: boolean) => ({ type: 3, name, description: "d", required });
    expect(payloadProblem({ ...ok, options: [opt("a", false), opt("b", true)] })).toMatch(
      /required option "b" comes after an optional one/,
    );
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(payloadProblem({ ...ok, options: [{ ...opt("a", true), choices }] })).toMatch(/choices/);
  });
  it("refuses a context-menu command with a description, and two commands of the same name", () => {
    expect(payloadProblem({ name: "Check", type: 3, description: "no" })).toMatch(/context-menu/);
    expect(payloadSetProblem([ok, ok])).toMatch(/defined twice/);
  });
});
