/**
 * SIGTERM on the real bot process (`newsdesk start`) against the local Discord API stand-in: what is in
 * flight is finished, the gateway and the database are closed cleanly, and it exits 0 within 10 s.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DIGEST_DB_FILE } from "../../src/digest/db.ts";
import { emptyFactBase } from "../../src/knowledge/schema.ts";
import { DiscordApiStandIn } from "../discord-api/server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.shutdown.TOKEN-never-logged-31bb";
const APP = "1100000000000000001";

let api: DiscordApiStandIn | undefined;
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await api?.close();
});

describe("SIGTERM on the running bot", () => {
  it("finishes the command in flight, closes the gateway and the database, and exits 0 within 10 s", async () => {
    api = await DiscordApiStandIn.start({ token: TOKEN, applicationId: APP });
    const knowledge = mkdtempSync(join(tmpdir(), "newsdesk-shutdown-kb-"));
    writeFileSync(join(knowledge, "facts.json"), JSON.stringify(emptyFactBase()));
    const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-shutdown-data-"));
    child = spawn(
      process.execPath,
      ["bin/newsdesk.js", "start", "--commands", resolve(import.meta.dirname, "fixtures/commands")],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: APP,
          DISCORD_API_URL: api.apiUrl,
          KNOWLEDGE_DIR: knowledge,
          DATA_DIR: dataDir,
          LOG_LEVEL: "info",
        },
      },
    );
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((done) => child!.once("exit", (code) => done(code)));
    await api.waitFor(() => api!.liveSessions === 1, 85_000, "the bot to log in");

    // A command still working (deferred) when the signal comes.
    const id = api.sendChatInput("slow", [{ name: "ms", type: 4, value: 3000 }]);
    expect((await api.waitForCallback(id, 15_000)).type).toBe(5);
    const signalled = performance.now();
    child.kill("SIGTERM");
    const code = await exited;
    const seconds = (performance.now() - signalled) / 1000;

    expect(code).toBe(0);
    expect(seconds).toBeLessThan(10);
    // The answer in flight was delivered before the process ended.
    const edits = api.webhookMessages(id).filter((r) => r.method === "PATCH");
    expect(edits).toHaveLength(1);
    // The gateway was closed by the bot, and the database closed cleanly (no WAL left behind).
    expect(api.openConnections).toBe(0);
    expect(existsSync(join(dataDir, DIGEST_DB_FILE))).toBe(true);
    expect(existsSync(join(dataDir, `${DIGEST_DB_FILE}-wal`))).toBe(false);
    expect(output).not.toContain(TOKEN);
  }, 120_000);
});
