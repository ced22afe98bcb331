import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newsdeskCli } from "../cli/newsdesk.ts";
import { type FeedServer, startFeedServer } from "../digest/feed-server.ts";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "newsdesk-console-feeds-"));
const env = {
  ...process.env,
  DISCORD_TOKEN: "",
  DISCORD_APPLICATION_ID: "",
  LOG_LEVEL: "warn",
  DATA_DIR: join(work, "data"),
  KNOWLEDGE_DIR: join(work, "knowledge"),
  FEEDS: "",
};
const newsdesk = newsdeskCli(env);
let server: FeedServer;

beforeAll(async () => {
  // A copy of the shipped knowledge folder: the poller writes into it.
  cpSync(join(root, "knowledge"), env.KNOWLEDGE_DIR, { recursive: true });
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe("feeds in the console twin", () => {
  it("adds a feed, lists it, polls it in the console twin, answers from its articles and previews their digest", async () => {
    const feed = `${server.base}/rss.xml`;
    const added = await newsdesk("feeds", "add", feed, "--every", "30m");
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(`feeds: added ${feed} every 30 min`);
    expect((await newsdesk("feeds", "list")).stdout).toContain(
      `${feed} (every 30 min): not fetched yet, 0 items added`,
    );

    const child = spawn(process.execPath, ["bin/newsdesk.js", "start"], {
      cwd: root,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    const closed = new Promise<number | null>((done) => child.on("close", done));
    // The twin polls at start: wait for its line saying the feed's articles arrived.
    for (let i = 0; i < 200 && !/feeds: 2 new articles/.test(stdout); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toContain("feeds: 2 new articles (3 in all)");
    child.stdin.write("/ask question:How much did the bridge repairs cost?\n");
    child.stdin.write("/digest preview\n");
    child.stdin.end("exit\n");
    expect(await closed).toBe(0);
    expect(stdout).toContain("48 million euros");
    expect(stdout).toContain("▸ Harbour bridge reopens after two years of repairs");
    expect(stdout).toContain("▸ Council votes to extend the night bus service");

    const listed = (await newsdesk("feeds", "list")).stdout;
    expect(listed).toMatch(
      new RegExp(
        `${feed.replace(/[.?*+^$()[\]{}|\\]/g, "\\$&")} \\(every 30 min\\): last fetched .+ UTC, 2 items added`,
      ),
    );
  }, 90_000);

  it("refuses a URL that is not http(s) and an interval that is not one, in one line each", async () => {
    const bad = await newsdesk("feeds", "add", "ftp://example.com/feed.xml");
    expect(bad.code).toBe(1);
    expect(bad.stderr.split("\n")[0]).toBe("newsdesk: feeds: add takes an http(s) URL");
    const every = await newsdesk("feeds", "add", `${server.base}/atom.xml`, "--every", "often");
    expect(every.stderr.split("\n")[0]).toBe(
      'newsdesk: feeds: --every "often" is not an interval (say 30m, 2h or a number of minutes)',
    );
    const gone = await newsdesk("feeds", "remove", "https://never.example/feed.xml");
    expect(gone.stderr.split("\n")[0]).toBe(
      "newsdesk: feeds: https://never.example/feed.xml is not among the added feeds (see newsdesk feeds list)",
    );
  });
});
