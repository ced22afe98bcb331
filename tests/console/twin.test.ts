import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import { ConsoleTwin } from "../../src/console/twin.ts";
import { loadCommands } from "../../src/discord/loader.ts";
import { emptyKnowledgeDir } from "../discord/harness.ts";

const root = resolve(import.meta.dirname, "../..");
const fixtures = resolve(root, "tests/fixtures");

async function twin(commandsDir?: string): Promise<ConsoleTwin> {
  const { services } = bootstrap({
    env: { KNOWLEDGE_DIR: emptyKnowledgeDir(), LOG_LEVEL: "silent" },
    dotenv: false,
  });
  return new ConsoleTwin(await loadCommands(services, commandsDir), services);
}

/** Runs the real CLI with stdin piped; no Discord credentials. */
function cli(args: string[], stdin = ""): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["bin/newsdesk.js", ...args], {
      cwd: root,
      env: {
        ...process.env,
        DISCORD_TOKEN: "",
        DISCORD_APPLICATION_ID: "",
        LOG_LEVEL: "warn",
        DATA_DIR: mkdtempSync(join(tmpdir(), "newsdesk-data-")),
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("the console twin", () => {
  it("runs /help and prints the same reply the bot would send, as text", async () => {
    const result = await (await twin()).runLine("/help");
    expect(result.failed).toBe(false);
    expect(result.replies[0]!.kind).toBe("info");
    expect(result.text.split("\n")[0]).toBe("newsdesk: questions about the news, with sources");
    expect(result.text).toContain("/help:");
  });

  it("when a line is a plain question, it answers it as /ask from the shipped fact base", async () => {
    const { services } = bootstrap({
      env: { KNOWLEDGE_DIR: resolve(root, "knowledge"), LOG_LEVEL: "silent" },
      dotenv: false,
    });
    const t = new ConsoleTwin(await loadCommands(services), services);
    const result = await t.runLine("how many prisoners of war will azerbaijan release?");
    expect(result.failed).toBe(false);
    expect(result.replies[0]!.kind).toBe("answer");
    expect(result.text).toContain("32");
    expect(result.text).toContain("ThanhNien Newspaper");
    const typo = await t.runLine("/whenn event:x");
    expect(typo.failed).toBe(true);
    expect(typo.text).toMatch(/unknown command \/whenn/);
  });

  it("abstains in plain words: one heading for the closest facts, no blank headings and no debug line", async () => {
    const { services } = bootstrap({
      env: { KNOWLEDGE_DIR: resolve(root, "knowledge"), LOG_LEVEL: "silent" },
      dotenv: false,
    });
    const t = new ConsoleTwin(await loadCommands(services), services);
    for (const q of [
      "/ask question:Who won the 2022 World Cup?",
      "/ask question:How many people live in Tokyo?",
    ]) {
      const result = await t.runLine(q);
      expect(result.replies[0]!.kind, q).toBe("abstain");
      expect(result.text, q).toContain("I could not find this in my articles.");
      expect(result.text, q).not.toMatch(/\u200b|threshold|confidence/);
      expect(result.text.match(/^\s*:\s*$/m), q).toBeNull();
      expect(result.text.split("Closest facts I have").length - 1, q).toBeLessThanOrEqual(1);
      if (q.includes("Tokyo")) expect(result.text).toMatch(/Closest facts I have:\n {2}• .+\n {2}• /);
    }
  });

  it("previews the digest off Discord: the articles of a window, or which window was empty and how to widen it", async () => {
    const { services } = bootstrap({
      env: { KNOWLEDGE_DIR: resolve(root, "knowledge"), LOG_LEVEL: "silent" },
      dotenv: false,
    });
    const t = new ConsoleTwin(await loadCommands(services), services);
    const seed = services.knowledge.facts.articles[0]!;
    const day = seed.ingestedAt.slice(0, 10);
    const shown = await t.runLine(`/digest preview since:${day} topics:Armenia`);
    expect(shown.failed).toBe(false);
    expect(shown.text).toContain(`▸ ${seed.title}`);
    expect(shown.text).not.toMatch(/Not here|inside a server/);
    const empty = await t.runLine("/digest preview since:2099-01-01");
    expect(empty.text).toContain("Nothing was ingested between 2099-01-01 00:00 UTC and ");
    expect(empty.text).toContain(`widen the window with since:${day}.`);
    const bad = await t.runLine("/digest preview since:yesterday");
    expect(bad.text).toContain('digest: since "yesterday" is not a date (use YYYY-MM-DD)');
  });

  it("treats a bare 'help' as /help and 'exit' as leaving", async () => {
    const t = await twin();
    expect((await t.runLine("help")).text).toContain("newsdesk: questions about the news");
    expect((await t.runLine("exit")).exit).toBe(true);
  });

  it("when a command throws, it prints one line and the session goes on", async () => {
    const t = await twin(resolve(fixtures, "commands-throwing"));
    const failed = await t.runLine("/boom");
    expect(failed.failed).toBe(true);
    expect(failed.text).toBe("/boom failed: the error has been logged (LOG_LEVEL=error or lower shows it).");
    expect((await t.runLine("/echo text:still here")).text).toContain("Sentence 1 says still here.");
  });

  it("renders citations with outlet, date, link and the quoted sentence", async () => {
    const result = await (await twin(resolve(fixtures, "commands-throwing"))).runLine("/echo text:It rained");
    expect(result.text).toContain("Sources:\n  [1] A [bracketed] title about *news* — Wire, 2023-12-08");
    expect(result.text).toContain("      https://example.com/news/(1)\n      “It rained”");
  });

  it("reads piped lines until the end of input", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d) => (printed += d));
    const session = (await twin()).session(input, output, false);
    input.end("/help command:help\n/nope\n");
    expect(await session).toBe(1);
    expect(printed).toContain("Usage:\n  /help [command:…]");
    expect(printed).toContain("console: unknown command /nope; type help for the list");
  });
});

// Spawned processes start tsx, discord.js and every command: seconds on an idle machine, far more on a
// loaded one, hence the generous timeout (a timeout here says nothing about the code under test).
const SPAWN_TIMEOUT = 90_000;

describe("npm start without a token, and newsdesk run", { timeout: SPAWN_TIMEOUT }, () => {
  it("opens the console twin, says so on its first line, answers piped lines and exits 0 at the end", async () => {
    const r = await cli(["start", "--knowledge", emptyKnowledgeDir()], "/help\n");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(
      /^newsdesk: console twin \(no DISCORD_TOKEN set\) over .+\/ — 0 articles$/,
    );
    expect(r.stdout).toContain("newsdesk: questions about the news, with sources");
  });

  it("run prints one command's reply, or its JSON with --json", async () => {
    // A small commands folder keeps the start-up of the spawned process short.
    const r = await cli([
      "run",
      "/help command:help",
      "--knowledge",
      emptyKnowledgeDir(),
      "--commands",
      resolve(fixtures, "commands-throwing"),
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "info", title: "/help" });
  });

  it("start refuses a malformed commands folder with one line naming the file", async () => {
    const r = await cli([
      "start",
      "--knowledge",
      emptyKnowledgeDir(),
      "--commands",
      resolve(fixtures, "commands-malformed"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^newsdesk: loader: .*broken\.ts: not a valid command module/);
  });
});
