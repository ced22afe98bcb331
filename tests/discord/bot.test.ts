import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordApiStandIn, InteractionCallback, WireMessage } from "../discord-api/server.ts";
import { type Harness, startHarness, TEST_TOKEN } from "./harness.ts";

const STRING = 3;
const INTEGER = 4;
const EPHEMERAL = 1 << 6;

const root = resolve(import.meta.dirname, "../..");

/** The shipped fact base, or one built from the seed with the real ingest when it is not there. */
function knowledgeDir(): string {
  const shipped = join(root, "knowledge");
  if (existsSync(join(shipped, "facts.json"))) return shipped;
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-seed-"));
  execFileSync(process.execPath, ["bin/newsdesk.js", "ingest", "../shared/seed", "--knowledge", dir], {
    cwd: root,
  });
  return dir;
}

/** The message finally shown for an interaction: the reply itself, or the edit after a defer. */
async function shown(api: DiscordApiStandIn, id: string): Promise<{ type: number; message: WireMessage }> {
  const cb = await api.waitForCallback(id, 15_000);
  if (cb.type !== 5) return { type: cb.type, message: cb.data ?? {} };
  await api.waitFor(() => api.webhookMessages(id).length > 0, 15_000, "the edit after the defer");
  return { type: cb.type, message: api.webhookMessages(id)[0]!.body as WireMessage };
}

function embedText(m: WireMessage | undefined): string {
  return (m?.embeds ?? [])
    .flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text,
    ])
    .filter(Boolean)
    .join("\n");
}

describe("the bot on a local Discord API, with the real commands", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ knowledgeDir: knowledgeDir() });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("logs in through GET /gateway/bot, identifies once and reaches ready", () => {
    expect(h.api.requestsTo("GET", /\/gateway\/bot$/).length).toBeGreaterThanOrEqual(1);
    expect(h.api.identifies).toBe(1);
    expect(h.client.isReady()).toBe(true);
    expect(h.client.guilds.cache.has(h.api.guildId)).toBe(true);
    // Commands are registered by deploy-commands only, never at start.
    expect(h.api.requestsTo("PUT", /\/commands$/)).toHaveLength(0);
  });

  it("when /help arrives, it answers with an embed listing the commands, and parses no mention", async () => {
    const id = h.api.sendChatInput("help");
    const cb = await h.api.waitForCallback(id);
    expect(cb.type).toBe(4);
    expect(cb.data?.embeds?.[0]?.title).toMatch(/newsdesk/);
    // Every served command is named, none dropped for want of room (25 fields at most).
    const text = embedText(cb.data);
    for (const l of h.registry.all()) expect(text).toContain(l.payload.name);
    expect(cb.data?.embeds?.[0]?.fields?.length).toBeLessThanOrEqual(25);
    expect(text).not.toMatch(/more fields? not shown/);
    expect(cb.data?.allowed_mentions?.parse).toEqual([]);
  });

  it("when an autocomplete arrives, it answers directly with at most 25 choices", async () => {
    const id = h.api.sendAutocomplete("help", [
      { name: "command", type: STRING, value: "he", focused: true },
    ]);
    const cb = await h.api.waitForCallback(id);
    expect(cb.type).toBe(8);
    const choices = (cb.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices).toContainEqual({ name: "help", value: "help" });
  });

  it("suggests events for /when (`joint sta` → the joint statement) and topics for /timeline", async () => {
    const when = h.api.sendAutocomplete("when", [
      { name: "event", type: STRING, value: "joint sta", focused: true },
    ]);
    const whenChoices = ((await h.api.waitForCallback(when)).data as { choices: { name: string }[] }).choices;
    expect(whenChoices.map((c) => c.name)).toContain("joint statement");
    expect(whenChoices.length).toBeLessThanOrEqual(25);
    const timeline = h.api.sendAutocomplete("timeline", [
      { name: "topic", type: STRING, value: "Armen", focused: true },
    ]);
    const topics = ((await h.api.waitForCallback(timeline)).data as { choices: { name: string }[] }).choices;
    expect(topics.map((c) => c.name)).toContain("Armenia");
  });

  it("when /ask arrives, it answers from the articles with the citation in the embed", async () => {
    const question = "How many prisoners of war will Azerbaijan release?";
    const id = h.api.sendChatInput("ask", [{ name: "question", type: STRING, value: question }]);
    const { message } = await shown(h.api, id);
    const embed = message.embeds![0]!;
    expect(embed.title).toBe(question);
    expect(embed.description).toContain("32");
    const citation = embed.fields!.find((f) => f.name.startsWith("[1] "))!;
    expect(citation.name).toMatch(/^\[1\] .+, \d{4}-\d{2}-\d{2}/);
    expect(citation.value).toMatch(/\n> “.*32 Armenian prisoners of war.*”$/);
    expect(message.allowed_mentions?.parse).toEqual([]);
  });

  it("when an /ask autocomplete arrives, it answers directly with at most 25 choices of at most 100 characters", async () => {
    const id = h.api.sendAutocomplete("ask", [
      { name: "question", type: STRING, value: "who rel", focused: true },
    ]);
    const cb = await h.api.waitForCallback(id);
    expect(cb.type).toBe(8);
    const choices = (cb.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it("when a question holds @everyone and a user mention, the answer parses no mention and echoes none", async () => {
    const question = "@everyone who did <@123456789012345678> say released prisoners?";
    const id = h.api.sendChatInput("ask", [{ name: "question", type: STRING, value: question }]);
    const { message } = await shown(h.api, id);
    expect(message.allowed_mentions?.parse).toEqual([]);
    const text = embedText(message);
    expect(text).toContain("@\u200beveryone");
    expect(text).not.toMatch(/@everyone|<@\d/);
  });

  it("when the message command Check in the news arrives with a message, it answers", async () => {
    const id = h.api.sendMessageCommand(
      "Check in the news",
      "Azerbaijan will release 32 Armenian prisoners of war.",
    );
    const { message } = await shown(h.api, id);
    expect(message.embeds?.length).toBeGreaterThan(0);
    expect(embedText(message)).toMatch(/32/);
    expect(message.allowed_mentions?.parse).toEqual([]);
  });

  it("when /help echoes a name holding mentions, nothing can ping", async () => {
    const id = h.api.sendChatInput("help", [{ name: "command", type: STRING, value: "@here <@&42>" }]);
    const cb = await h.api.waitForCallback(id);
    expect(cb.data?.allowed_mentions?.parse).toEqual([]);
    expect(embedText(cb.data)).toContain("@\u200bhere <@\u200b&42>");
  });

  it("when the gateway drops the connection with 4000, it resumes and answers the next interaction", async () => {
    const before = h.api.resumes + h.api.identifies;
    const identifies = h.api.identifies;
    h.api.dropConnection(4000);
    await h.api.waitFor(
      () => h.api.resumes + h.api.identifies > before && h.api.liveSessions === 1,
      15_000,
      "reconnect",
    );
    // 4000 is resumable: the same session goes on, no new IDENTIFY.
    expect(h.api.identifies).toBe(identifies);
    expect(h.api.resumes).toBeGreaterThanOrEqual(1);
    const id = h.api.sendChatInput("help");
    expect((await h.api.waitForCallback(id)).type).toBe(4);
  });

  it("when the connection dies abnormally (1006), it reconnects and answers", async () => {
    const before = h.api.resumes + h.api.identifies;
    h.api.dropConnection(1006);
    await h.api.waitFor(
      () => h.api.resumes + h.api.identifies > before && h.api.liveSessions === 1,
      15_000,
      "reconnect",
    );
    const id = h.api.sendChatInput("help");
    expect((await h.api.waitForCallback(id)).type).toBe(4);
  });

  it("when the callback route answers 429 with retry-after, the reply still arrives", async () => {
    h.api.rateLimitNext("POST", /\/interactions\/\d+\/[^/]+\/callback$/, 1, 0.3);
    const id = h.api.sendChatInput("help");
    const cb = await h.api.waitForCallback(id);
    expect(cb.type).toBe(4);
    const attempts = h.api.requestsTo("POST", new RegExp(`/interactions/${id}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(250);
  });

  it("never writes the token to the log, even at trace level", () => {
    expect(h.logs().length).toBeGreaterThan(0);
    expect(h.logs()).not.toContain(TEST_TOKEN);
  });
});

describe("the error boundary, with a fixture commands folder", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commandsDir: resolve(import.meta.dirname, "../fixtures/commands-throwing") });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("when a command throws, the user gets a short ephemeral error, the log names the command, and the next command works", async () => {
    const id = h.api.sendChatInput("boom");
    const cb: InteractionCallback = await h.api.waitForCallback(id);
    expect(cb.type).toBe(4);
    expect(cb.data?.flags).toBe(EPHEMERAL);
    expect(cb.data?.embeds?.[0]?.title).toBe("Something went wrong");
    expect(cb.data?.allowed_mentions?.parse).toEqual([]);
    expect(h.logs()).toMatch(/"command":"boom"/);
    expect(h.logs()).toContain("[redacted]");
    expect(h.logs()).not.toContain(TEST_TOKEN);

    const next = h.api.sendChatInput("help");
    expect((await h.api.waitForCallback(next)).type).toBe(4);
  });

  it("when a synchronous command blocked past the defer threshold, it is deferred up-front the next time", async () => {
    const first = h.api.sendChatInput("blocking");
    expect((await h.api.waitForCallback(first, 10_000)).type).toBe(4);
    const second = h.api.sendChatInput("blocking");
    expect((await h.api.waitForCallback(second, 10_000)).type).toBe(5);
    await h.api.waitFor(() => h.api.webhookMessages(second).length > 0, 10_000, "the edit");
    expect((h.api.webhookMessages(second)[0]!.body as WireMessage).embeds?.[0]?.title).toBe("Blocked");
  });

  it("when a deferred command throws, the error is a private follow-up and the placeholder goes", async () => {
    const id = h.api.sendChatInput("late-boom");
    expect((await h.api.waitForCallback(id)).type).toBe(5);
    await h.api.waitFor(() => h.api.webhookMessages(id).length >= 2, 10_000, "the follow-up and the delete");
    const [followUp, removal] = h.api.webhookMessages(id);
    expect((followUp!.body as WireMessage).flags).toBe(EPHEMERAL);
    expect((followUp!.body as WireMessage).embeds?.[0]?.title).toBe("Something went wrong");
    expect(removal!.method).toBe("DELETE");
    expect(h.logs()).toMatch(/"command":"late-boom"/);
  });

  it("when a command takes longer than the defer threshold, it defers and then edits the original reply", async () => {
    const id = h.api.sendChatInput("slow");
    const cb = await h.api.waitForCallback(id, 5000);
    expect(cb.type).toBe(5);
    await h.api.waitFor(() => h.api.webhookMessages(id).length > 0, 5000, "the edit");
    const [edit] = h.api.webhookMessages(id);
    expect(edit!.method).toBe("PATCH");
    expect(decodeURIComponent(edit!.path)).toMatch(/\/messages\/@original$/);
    expect((edit!.body as WireMessage).embeds?.[0]?.title).toBe("Slow answer");
    expect((edit!.body as WireMessage).allowed_mentions?.parse).toEqual([]);
  });

  it("when a deferred command answers privately, the answer is a private follow-up and the placeholder goes", async () => {
    const id = h.api.sendChatInput("private");
    expect((await h.api.waitForCallback(id)).type).toBe(5);
    await h.api.waitFor(() => h.api.webhookMessages(id).length >= 2, 10_000, "the follow-up and the delete");
    const [followUp, removal] = h.api.webhookMessages(id);
    expect(followUp!.method).toBe("POST");
    expect((followUp!.body as WireMessage).flags).toBe(EPHEMERAL);
    expect((followUp!.body as WireMessage).embeds?.[0]?.title).toBe("Only you");
    expect(removal!.method).toBe("DELETE");
    expect(decodeURIComponent(removal!.path)).toMatch(/\/messages\/@original$/);
  });

  it("when a command gives more replies than one message holds, the rest follow, and a 429 on the webhook only delays them", async () => {
    h.api.rateLimitNext("POST", /^\/api\/v10\/webhooks\//, 1, 0.2);
    const id = h.api.sendChatInput("many");
    const cb = await h.api.waitForCallback(id);
    expect(cb.data?.embeds).toHaveLength(10);
    await h.api.waitFor(() => h.api.webhookMessages(id).length >= 1, 10_000, "the follow-up");
    const [followUp] = h.api.webhookMessages(id);
    expect((followUp!.body as WireMessage).embeds?.map((e) => e.title)).toEqual(["Part 11", "Part 12"]);
    expect((followUp!.body as WireMessage).allowed_mentions?.parse).toEqual([]);
    expect(h.api.requestsTo("POST", /^\/api\/v10\/webhooks\//).filter((r) => r.status === 429)).toHaveLength(
      1,
    );
  });

  it("when an answer is far over Discord's limits, it is cut to fit and still sent", async () => {
    const text = "The minister said *everything* about @here and more";
    const id = h.api.sendChatInput("echo", [
      { name: "text", type: STRING, value: text },
      { name: "repeat", type: INTEGER, value: 400 },
    ]);
    const cb = await h.api.waitForCallback(id);
    expect(cb.type).toBe(4);
    const embed = cb.data!.embeds![0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    // Cut after a whole sentence, with the hint, and a note for the citations that did not fit.
    expect(embed.description).toMatch(
      /and more\. … \(more: cut to fit Discord\)\n\n\(\d+ more fields not shown\)$/,
    );
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    expect(embedText(cb.data).length).toBeLessThanOrEqual(6000);
    expect(embed.description).toContain("\\*everything\\*");
    expect(embed.description).toContain("@\u200bhere");
  });
});
