import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import digest from "../../commands/digest.ts";
import type { CommandContext } from "../../src/command.ts";
import { CommandSchema } from "../../src/command.ts";
import { loadConfig } from "../../src/config.ts";
import { DIGEST_NO_DATABASE, DIGEST_REFUSED_PERMISSION } from "../../src/digest/errors.ts";
import { DigestSendError } from "../../src/digest/sender.ts";
import type { DigestService } from "../../src/digest/service.ts";
import { payloadProblem } from "../../src/discord/payload.ts";
import type { Reply } from "../../src/reply.ts";
import type { Services } from "../../src/services.ts";
import { article, factBase, makeService, RecordingSender, tempDir } from "./helpers.ts";

let cleanup: () => void;
let service: DigestService;
let services: Services;

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  const made = makeService(t.dir, factBase([article({ title: "Harbour bridge reopens" })]));
  service = made.service;
  services = {
    config: loadConfig({}, { dotenv: false }),
    logger: made.logger,
    knowledge: made.knowledge,
    digests: service,
  };
});
afterEach(() => {
  service.close();
  vi.useRealTimers();
  cleanup();
});

function ctx(subcommand: string, options: CommandContext["options"] = {}, canManage = true): CommandContext {
  return {
    commandName: "digest",
    subcommand,
    options,
    invoker: { id: "300000000000000001", name: "Editor", canManage },
    guildId: "100000000000000001",
    channelId: "110000000000000001",
    targetMessage: null,
    services,
  };
}
async function run(c: CommandContext): Promise<Reply[]> {
  const r = await digest.execute(c);
  return Array.isArray(r) ? r : [r];
}
const good = { channel: "120000000000000001", time: "07:30", timezone: "Europe/Paris" };

describe("/digest", () => {
  it("is a valid command module, hidden by default from members who cannot manage the server", () => {
    expect(CommandSchema.safeParse(digest).success).toBe(true);
    const payload = digest.data.toJSON() as {
      default_member_permissions: string;
      options: { name: string }[];
    };
    expect(payloadProblem(payload)).toBeNull();
    expect(payload.default_member_permissions).toBe("32"); // ManageGuild
    expect(payload.options.map((o) => o.name)).toEqual([
      "subscribe",
      "unsubscribe",
      "list",
      "preview",
      "now",
    ]);
  });

  it("subscribes a channel, lists it and unsubscribes it for a member who may manage", async () => {
    const [sub] = await run(ctx("subscribe", { ...good, topics: "harbour, transport", quiet_days: true }));
    expect(sub).toMatchObject({ kind: "info", title: "Digest scheduled", ephemeral: true });
    expect(sub!.text).toContain("every day at 07:30 (Europe/Paris)");
    expect(sub!.text).toContain("topics: harbour, transport");
    const [list] = await run(ctx("list"));
    expect(list!.text).toMatch(/^<#120000000000000001>: every day at 07:30 \(Europe\/Paris\).*· active$/);
    const [gone] = await run(ctx("unsubscribe", { channel: good.channel }));
    expect(gone!.title).toBe("Digest stopped");
    expect(service.subscriptions.list()).toEqual([]);
    const [again] = await run(ctx("unsubscribe", { channel: good.channel }));
    expect(again).toMatchObject({
      kind: "error",
      text: "digest: <#120000000000000001> has no digest subscription",
    });
  });

  it("refuses subscribe, unsubscribe and now to a member who may not manage, and says why", async () => {
    for (const sub of ["subscribe", "unsubscribe", "now"]) {
      const [r] = await run(ctx(sub, good, false));
      expect(r).toMatchObject({ kind: "error", text: DIGEST_REFUSED_PERMISSION, ephemeral: true });
    }
    expect(service.subscriptions.list()).toEqual([]);
    const [list] = await run(ctx("list", {}, false));
    expect(list!.kind).toBe("info");
  });

  it("answers a wrong time or time zone with a clear error and stores nothing", async () => {
    const [t] = await run(ctx("subscribe", { ...good, time: "7.30" }));
    expect(t).toMatchObject({
      kind: "error",
      text: 'digest: time "7.30" is not a 24-hour time HH:MM (for example 07:30 or 18:05)',
    });
    const [z] = await run(ctx("subscribe", { ...good, timezone: "Europe/Pariss" }));
    expect(z!.text).toBe(
      'digest: timezone "Europe/Pariss" is not an IANA time zone name (for example Europe/Paris or America/New_York)',
    );
    expect(service.subscriptions.list()).toEqual([]);
  });

  it("shows a failing channel with its reason in the list", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    await run(ctx("subscribe", good));
    const sender = new RecordingSender();
    sender.failures.set(good.channel, new DigestSendError("forbidden", "Missing Permissions"));
    await service.start(sender);
    const [now] = await run(ctx("now", { channel: good.channel }));
    expect(now).toMatchObject({ kind: "error" });
    expect(now!.text).toContain("the bot may not post in the channel (missing permission)");
    const [list] = await run(ctx("list"));
    expect(list!.text).toContain(
      "FAILING since 2026-06-01: the bot may not post in the channel (missing permission)",
    );
  });

  it("posts now, and previews privately what a channel would get", async () => {
    await run(ctx("subscribe", good));
    const sender = new RecordingSender();
    await service.start(sender);
    const [posted] = await run(ctx("now", { channel: good.channel }));
    expect(posted).toMatchObject({
      title: "Digest posted",
      text: "Posted in <#120000000000000001>: 1 article.",
    });
    expect(sender.to(good.channel)[0]!.replies[0]!.text).toContain("Harbour bridge reopens");
    const preview = await run({ ...ctx("preview"), channelId: good.channel });
    expect(preview.every((r) => r.ephemeral)).toBe(true);
    expect(preview[0]!.text).toBe("Nothing new since the last digest."); // the digest just posted took it
  });

  it("says digests are unavailable when the bot runs without its database", async () => {
    const { digests: _none, ...without } = services;
    const [r] = await run({ ...ctx("list"), services: without });
    expect(r).toMatchObject({ kind: "error", text: DIGEST_NO_DATABASE });
  });

  it("autocompletes time zones", async () => {
    const choices = await digest.autocomplete!({
      commandName: "digest",
      subcommand: "subscribe",
      focused: { name: "timezone", value: "new_y" },
      options: {},
      services,
    });
    expect(choices).toContainEqual({ name: "America/New_York", value: "America/New_York" });
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});
