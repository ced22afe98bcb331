import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordApiStandIn } from "../discord-api/server.ts";
import { botEnv, emptyKnowledgeDir, TEST_APPLICATION_ID, TEST_TOKEN } from "./harness.ts";

const root = resolve(import.meta.dirname, "../..");

// Three processes (the manager and two shards), each starting tsx and discord.js: slow on a loaded machine.
describe("npm start with SHARDS=auto: discord.js's ShardingManager on the local Discord API", {
  timeout: 150_000,
}, () => {
  let api: DiscordApiStandIn;
  let child: ChildProcess;
  let stdout = "";
  let stderr = "";

  beforeAll(async () => {
    api = await DiscordApiStandIn.start({
      token: TEST_TOKEN,
      applicationId: TEST_APPLICATION_ID,
      recommendedShards: 2,
    });
    child = spawn(
      process.execPath,
      ["bin/newsdesk.js", "start", "--commands", resolve(root, "tests/fixtures/commands-throwing")],
      {
        cwd: root,
        env: {
          ...process.env,
          ...botEnv(api, {
            SHARDS: "auto",
            LOG_LEVEL: "info",
            KNOWLEDGE_DIR: emptyKnowledgeDir(),
            DATA_DIR: mkdtempSync(join(tmpdir(), "newsdesk-data-")),
          }),
        },
      },
    );
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    await api.waitFor(() => api.identifies === 2 && api.liveSessions === 2, 140_000, "both shards to log in");
  }, 150_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await api?.close();
  });

  it("asks the configured API for the shard count, identifies each shard, and the guild's shard answers", async () => {
    expect(stdout.split("\n")[0]).toMatch(/connecting to Discord as application \d+ in auto shard\(s\)/);
    const shardOfGuild = Number((BigInt(api.guildId) >> 22n) % 2n);
    const id = api.sendChatInput("help", [], undefined, shardOfGuild);
    expect((await api.waitForCallback(id, 20_000)).type).toBe(4);
    expect(stderr).not.toContain(TEST_TOKEN);
  });
});
