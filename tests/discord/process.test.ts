import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordApiStandIn } from "../discord-api/server.ts";
import { botEnv, TEST_APPLICATION_ID, TEST_TOKEN } from "./harness.ts";

const root = resolve(import.meta.dirname, "../..");

// A spawned process starts tsx, discord.js and every command: seconds on an idle machine, far more on a
// loaded one, hence the generous timeouts.
describe("npm start with a token: the real bot process on the local Discord API", { timeout: 60_000 }, () => {
  let api: DiscordApiStandIn;
  let child: ChildProcess;
  let stdout = "";
  let stderr = "";
  let exited: Promise<number | null>;

  beforeAll(async () => {
    api = await DiscordApiStandIn.start({ token: TEST_TOKEN, applicationId: TEST_APPLICATION_ID });
    child = spawn(process.execPath, ["bin/newsdesk.js", "start"], {
      cwd: root,
      // trace: discord.js's own debug lines are logged too, and must not carry the token either.
      env: {
        ...process.env,
        ...botEnv(api, { LOG_LEVEL: "trace", DATA_DIR: mkdtempSync(join(tmpdir(), "newsdesk-data-")) }),
      },
    });
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    exited = new Promise((done) => child.on("exit", (code) => done(code)));
    await api.waitFor(() => api.identifies === 1 && api.liveSessions === 1, 85_000, "the bot to log in");
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await api?.close();
  });

  it("says on its first line that it connects to Discord, logs in and answers /help", async () => {
    expect(stdout.split("\n")[0]).toMatch(
      new RegExp(`^newsdesk: connecting to Discord as application ${TEST_APPLICATION_ID} — \\d+ commands$`),
    );
    const id = api.sendChatInput("help");
    const cb = await api.waitForCallback(id, 15_000);
    expect([4, 5]).toContain(cb.type);
    expect(api.requestsTo("PUT", /\/commands$/)).toHaveLength(0);
  });

  it("stops cleanly on SIGTERM, and the token never reached its output", async () => {
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr.length).toBeGreaterThan(0);
    expect(stderr).not.toContain(TEST_TOKEN);
    expect(stdout).not.toContain(TEST_TOKEN);
  });
});
