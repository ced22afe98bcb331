/**
 * Real delivery: the digest scheduler posting through a real discord.js client logged in to the local
 * Discord API stand-in (REST + gateway on 127.0.0.1), including a channel that is gone and one that
 * forbids the bot, next to one that works.
 */
import { Client, GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIGEST_CHANNEL_FORBIDDEN, DIGEST_CHANNEL_MISSING } from "../../src/digest/errors.ts";
import type { DigestService } from "../../src/digest/service.ts";
import { DiscordDigestSender } from "../../src/discord/digest-sender.ts";
import { DiscordApiStandIn, type WireMessage } from "../discord-api/server.ts";
import { article, factBase, makeService, tempDir } from "./helpers.ts";

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
