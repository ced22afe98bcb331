/**
 * Gateway and REST faults through real discord.js: the stand-in behind a fault-injecting proxy.
 * After each fault the bot answers the next interaction, and nothing is answered twice.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import { type RunningBot, startBot } from "../../src/discord/client.ts";
import { loadCommands } from "../../src/discord/loader.ts";
import { emptyFactBase } from "../../src/knowledge/schema.ts";
import { DiscordApiStandIn } from "../discord-api/server.ts";
import { FaultProxy } from "./fault-proxy.ts";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.hardening.TOKEN-never-logged-77aa";
const APP = "1100000000000000001";
const STRING = 3;
const EPHEMERAL = 1 << 6;

let api: DiscordApiStandIn;
let proxy: FaultProxy;
let bot: RunningBot;
let log = "";
const survived: string[] = [];

/** Sends /echo and waits for its answer; returns the interaction id. */
async function echo(text: string, timeoutMs = 20_000): Promise<string> {
  const id = api.sendChatInput("echo", [{ name: "text", type: STRING, value: text }]);
  const cb = await api.waitForCallback(id, timeoutMs);
  expect(cb.type).toBe(4);
  expect(cb.data?.embeds?.[0]?.description).toBe(text);
  return id;
}

/** Each interaction got exactly one accepted callback: none lost, none answered twice. */
function answeredOnce(): void {
  const accepted = api
    .requestsTo("POST", /\/interactions\/\d+\/[^/]+\/callback$/)
    .filter((r) => r.status < 300);
  const ids = accepted.map((r) => r.path.split("/")[4]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(api.requestsTo("POST", /\/callback$/).filter((r) => r.status === 400)).toHaveLength(0);
}

beforeAll(async () => {
  api = await DiscordApiStandIn.start({ token: TOKEN, applicationId: APP, heartbeatInterval: 1000 });
  proxy = await FaultProxy.start(api.apiUrl);
  const knowledge = mkdtempSync(join(tmpdir(), "newsdesk-faults-kb-"));
  writeFileSync(join(knowledge, "facts.json"), JSON.stringify(emptyFactBase()));
  const { services } = bootstrap({
    env: {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: proxy.apiUrl,
      KNOWLEDGE_DIR: knowledge,
      LOG_LEVEL: "debug",
    },
    dotenv: false,
    logDestination: new Writable({
      write(chunk, _e, done) {
        log += String(chunk);
        done();
      },
    }),
  });
  const registry = await loadCommands(services, resolve(import.meta.dirname, "fixtures/commands"));
  bot = await startBot(services, registry);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await proxy?.close();
  await api?.close();
  console.log(`hardening: faults survived: ${survived.join(", ")}`);
});

describe("gateway faults", () => {
  it("closed with a resumable code (4000), it resumes and answers the next interaction", async () => {
    await echo("before");
    const resumes = api.resumes;
    proxy.closeGateway(4000);
    await api.waitFor(() => api.resumes > resumes && api.liveSessions === 1, 20_000, "resume");
    await echo("after a 4000 close");
    answeredOnce();
    survived.push("gateway close 4000 (resumed)");
  }, 40_000);

  it("an interaction dispatched while the gateway is down is replayed on resume and answered once", async () => {
    const resumes = api.resumes;
    proxy.closeGateway(4000);
    // Dispatched while the bot is away: the stand-in keeps it for the RESUME replay, as Discord does.
    const id = api.sendChatInput("echo", [{ name: "text", type: STRING, value: "while away" }]);
    await api.waitFor(() => api.resumes > resumes, 20_000, "resume");
    expect((await api.waitForCallback(id, 20_000)).data?.embeds?.[0]?.description).toBe("while away");
    answeredOnce();
    survived.push("interaction during a disconnect (replayed, answered once)");
  }, 40_000);

  it("told its session is invalid (op 9), it identifies again and answers the next interaction", async () => {
    const identifies = api.identifies;
    proxy.invalidSession(false);
    await api.waitFor(() => api.identifies > identifies && api.liveSessions === 1, 20_000, "re-identify");
    await echo("after op 9");
    answeredOnce();
    survived.push("INVALID_SESSION (re-identified)");
  }, 40_000);

  it("silently stalled (no heartbeat ACK), it notices, reconnects and answers the next interaction", async () => {
    const connections = api.connections;
    proxy.stallAcks = true;
    await api.waitFor(() => api.connections > connections, 20_000, "a reconnect after missed ACKs");
    proxy.stallAcks = false;
    await api.waitFor(() => api.liveSessions === 1, 20_000, "a live session");
    await echo("after a stall");
    answeredOnce();
    survived.push("stalled gateway without heartbeat ACK (reconnected)");
  }, 40_000);
});

describe("REST faults", () => {
  it("a 429 on the callback route with retry-after: the reply still arrives", async () => {
    proxy.fail("POST", /\/callback$/, 1, { kind: "429", retryAfter: 0.5, global: false });
    await echo("after a route 429");
    expect(proxy.served["429"]).toBeGreaterThanOrEqual(1);
    survived.push("REST 429 per route");
  }, 30_000);

  it("a global 429 (x-ratelimit-global): the reply still arrives", async () => {
    const before = proxy.served["429"] ?? 0;
    proxy.fail("POST", /\/callback$/, 1, { kind: "429", retryAfter: 0.5, global: true });
    await echo("after a global 429");
    expect(proxy.served["429"]).toBe(before + 1);
    survived.push("REST 429 global");
  }, 30_000);

  it("500s on the callback (fewer than discord.js's retries): the reply still arrives", async () => {
    proxy.fail("POST", /\/callback$/, 2, { kind: "500" });
    await echo("after two 500s");
    expect(proxy.served["500"]).toBe(2);
    survived.push("REST 500 ×2 on the callback");
  }, 30_000);

  it("when the deferred answer cannot be delivered (500s on every try), the user gets a private error", async () => {
    proxy.fail("PATCH", /\/webhooks\/\d+\/[^/]+\/messages\/(@|%40)original$/, 10, { kind: "500" });
    const id = api.sendChatInput("slow", [{ name: "ms", type: 4, value: 1800 }]);
    const cb = await api.waitForCallback(id, 20_000);
    expect(cb.type).toBe(5);
    await api.waitFor(
      () => api.webhookMessages(id).some((r) => r.method === "POST"),
      30_000,
      "the ephemeral error followup",
    );
    const followup = api.webhookMessages(id).find((r) => r.method === "POST")!;
    expect(((followup.body as { flags?: number }).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(log).toMatch(/boundary: command failed/);
    await echo("and the next command works");
    survived.push("undeliverable answer (ephemeral error instead)");
  }, 60_000);

  it("a callback that hangs past Discord's 3 s is not retried into a second answer", async () => {
    proxy.fail("POST", /\/callback$/, 1, { kind: "hang", ms: 3500 });
    const id = api.sendChatInput("echo", [{ name: "text", type: STRING, value: "late" }]);
    const cb = await api.waitForCallback(id, 30_000);
    expect(cb.type).toBe(4);
    await echo("after a hung callback");
    answeredOnce();
    survived.push("interaction callback held 3.5 s");
  }, 60_000);

  it("never logged the token", () => {
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(TOKEN);
  });
});
