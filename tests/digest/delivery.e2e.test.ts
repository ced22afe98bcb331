/**
 * Real delivery: the digest scheduler posting through a real discord.js client logged in to the local
 * Discord API stand-in (REST + gateway on 127.0.0.1), including a channel that is gone and one that
 * forbids the bot, next to one that works.
 */

import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client, GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { DIGEST_CHANNEL_FORBIDDEN, DIGEST_CHANNEL_MISSING } from "../../src/digest/errors.ts";
import type { DigestService } from "../../src/digest/service.ts";
import { DigestService as Digests } from "../../src/digest/service.ts";
import { DiscordDigestSender, startDigests } from "../../src/discord/digest-sender.ts";
import { KnowledgeStore } from "../../src/knowledge/store.ts";
import type { Services } from "../../src/services.ts";
import { DiscordApiStandIn, type WireMessage } from "../discord-api/server.ts";
import { startFeedServer } from "./feed-server.ts";
import { article, factBase, makeService, memoryLogger, tempDir, until } from "./helpers.ts";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.stand-in.digest-e2e-token-0000";
const APP = "1100000000000000001";
const GONE = "1300000000000000001";
const FORBIDDEN = "1300000000000000002";

let api: DiscordApiStandIn;
let client: Client;
let service: DigestService;
let cleanup: () => void;

beforeAll(async () => {
  api = await DiscordApiStandIn.start({ token: TOKEN, applicationId: APP });
  api.goneChannels.add(GONE);
  api.forbiddenChannels.add(FORBIDDEN);
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: api.apiUrl },
    allowedMentions: { parse: [] },
  });
  const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
  await client.login(TOKEN);
  await ready;
  const t = tempDir();
  cleanup = t.cleanup;
  const now = Date.now();
  const facts = factBase([
    article({
      id: "bridge",
      title: "Harbour bridge reopens @everyone",
      ingestedAt: new Date(now - 3_600_000).toISOString(),
    }),
  ]);
  service = makeService(t.dir, facts).service;
});
afterAll(async () => {
  service.close();
  await client.destroy();
  await api.close();
  cleanup();
});

/** The local time, in UTC, one minute ago: a slot that is due now and inside the grace window. */
function minuteAgo(): string {
  const d = new Date(Date.now() - 60_000);
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

describe("digest delivery through discord.js and the local Discord API", () => {
  it("posts the due digest in the channel, with no mention parsed, and marks broken channels failing", async () => {
    const earlier = new Date(Date.now() - 2 * 3_600_000);
    for (const channelId of [api.channelId, GONE, FORBIDDEN]) {
      service.subscriptions.subscribe(
        { guildId: api.guildId, channelId, time: minuteAgo(), timezone: "UTC", createdBy: "u" },
        earlier,
      );
    }
    const sender = new DiscordDigestSender(client);
    expect(sender.ownsGuild(api.guildId)).toBe(true);
    expect(sender.ownsGuild("1999999999999999999")).toBe(false);
    await service.start(sender);
    const status = (c: string) => service.deliveries.ofChannel(c).map((d) => d.status);
    expect([status(api.channelId), status(GONE), status(FORBIDDEN)]).toEqual([
      ["sent"],
      ["failed"],
      ["failed"],
    ]);

    const posts = api.requests.filter(
      (r) => r.method === "POST" && r.path === `/api/v10/channels/${api.channelId}/messages`,
    );
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as WireMessage;
    expect(body.allowed_mentions).toMatchObject({ parse: [] });
    expect(body.embeds?.[0]?.description).toContain("Harbour bridge reopens @\u200beveryone");
    expect(body.embeds?.[0]?.description).toContain("The council approved the new budget");

    expect(service.subscriptions.byChannel(GONE)).toMatchObject({
      status: "failing",
      failure: DIGEST_CHANNEL_MISSING,
    });
    expect(service.subscriptions.byChannel(FORBIDDEN)).toMatchObject({
      status: "failing",
      failure: DIGEST_CHANNEL_FORBIDDEN,
    });

    // Started again (a restart): the day is taken, nothing is posted twice.
    await service.start(sender);
    const again = api.requests.filter(
      (r) => r.method === "POST" && r.path === `/api/v10/channels/${api.channelId}/messages`,
    );
    expect(again).toHaveLength(1);
  });
});

describe("the digests of a running bot", () => {
  it("polls the feeds, picks up a new ingest without a restart, and posts what arrived", async () => {
    const feeds = await startFeedServer();
    const t = tempDir();
    try {
      const knowledgeDir = join(t.dir, "knowledge");
      mkdirSync(knowledgeDir);
      writeFileSync(join(knowledgeDir, "facts.json"), JSON.stringify(factBase([])));
      const config = loadConfig(
        {
          DATA_DIR: join(t.dir, "data"),
          KNOWLEDGE_DIR: knowledgeDir,
          FEEDS: `${feeds.base}/rss.xml`,
          LOG_LEVEL: "silent",
        },
        { dotenv: false },
      );
      const { logger, lines } = memoryLogger();
      const knowledge = KnowledgeStore.load(knowledgeDir);
      const digests = Digests.open(config.DATA_DIR, { knowledge, logger, graceHours: 6, staggerMs: 0 });
      const services: Services = { config, logger, knowledge, digests };
      const channel = "1300000000000000009";
      const sub = digests.subscribe({
        guildId: api.guildId,
        channelId: channel,
        time: "05:00",
        timezone: "UTC",
        createdBy: "u",
      });
      const stop = await startDigests(services, client);
      try {
        // The poller ran on start: the two feed items are ingested and in memory. The watch reloads
        // the poller's facts.json before the poller is done (it writes the derived files first, then
        // swaps its fact base in): wait for the end of its batch, or the write below would race it.
        await until(() => knowledge.facts.articles.length === 2, "the feed items to be ingested", 60_000);
        await until(
          () => lines.some((l) => l.msg === "feeds: new articles ingested"),
          "the poller to finish its batch",
          60_000,
        );
        await digests.scheduler!.sendNow(sub);
        const post = api.requests.find(
          (r) => r.method === "POST" && r.path === `/api/v10/channels/${channel}/messages`,
        );
        const text = ((post?.body as WireMessage | undefined)?.embeds ?? [])
          .map((e) => e.description)
          .join("\n");
        expect(text).toContain("Harbour bridge reopens after two years of repairs");
        expect(text).toContain("Council votes to extend the night bus service");

        // A new `newsdesk ingest` rewrites facts.json: the running bot sees it without a restart.
        const before = knowledge.generation;
        const fresh = factBase([
          article({ id: "late", title: "Late edition", ingestedAt: new Date().toISOString() }),
        ]);
        writeFileSync(join(knowledgeDir, "facts.json.tmp"), JSON.stringify(fresh));
        renameSync(join(knowledgeDir, "facts.json.tmp"), join(knowledgeDir, "facts.json"));
        const wrote = Date.now();
        await until(() => knowledge.generation > before, "the knowledge reload");
        expect(Date.now() - wrote).toBeLessThan(5_000);
        expect(lines.some((l) => l.msg === "digest: knowledge reloaded")).toBe(true);
        expect(knowledge.facts.articles.map((a) => a.title)).toEqual(["Late edition"]);
      } finally {
        stop();
        digests.close();
      }
    } finally {
      await feeds.close();
      t.cleanup();
    }
  }, 90_000);
});

describe("a scheduled digest through discord.js", () => {
  it("is posted at 07:00 Paris time on the day the clocks go forward, once", async () => {
    const t = tempDir();
    // Only Date is faked, moving with real time: discord.js keeps its real timers and sockets, croner
    // computes its wait from the faked clock.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(new Date("2026-03-29T04:59:57Z")); // 06:59:57 CEST, first morning of summer time
      const facts = factBase([
        article({ id: "dst", title: "Clocks went forward", ingestedAt: "2026-03-29T01:00:00.000Z" }),
      ]);
      const made = makeService(t.dir, facts);
      const channel = "1300000000000000007";
      made.service.subscribe(
        { guildId: api.guildId, channelId: channel, time: "07:00", timezone: "Europe/Paris", createdBy: "u" },
        new Date("2026-03-28T12:00:00Z"),
      );
      await made.service.start(new DiscordDigestSender(client));
      const posts = () =>
        api.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channel}/messages`);
      expect(posts()).toHaveLength(0);
      await until(() => posts().length > 0, "the 07:00 digest", 15_000);
      // The stand-in sees the message before discord.js has returned it to the sender, which then
      // records the day as sent: wait for that record, not only for the request.
      await until(
        () => made.service.deliveries.forDay(channel, "2026-03-29")?.status !== "claimed",
        "the delivery record",
        5_000,
      );
      const delivery = made.service.deliveries.forDay(channel, "2026-03-29")!;
      expect(delivery).toMatchObject({ status: "sent", scheduledFor: "2026-03-29T05:00:00.000Z" });
      expect(Date.parse(delivery.claimedAt)).toBeGreaterThanOrEqual(Date.parse("2026-03-29T05:00:00Z"));
      expect(((posts()[0]!.body as WireMessage).embeds ?? [])[0]?.description).toContain(
        "Clocks went forward",
      );
      await made.service.scheduler!.catchUp();
      expect(posts()).toHaveLength(1);
      made.service.close();
    } finally {
      vi.useRealTimers();
      t.cleanup();
    }
  }, 40_000);
});
