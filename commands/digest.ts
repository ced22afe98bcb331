/**
 * `/digest`: daily news digests in channels. Thin: reads options, checks the preconditions, calls
 * `services.digests`, returns neutral replies.
 */
import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { Command, CommandContext } from "../src/command.ts";
import { DIGEST_CHANNEL_REQUIRED, DIGEST_NOT_SUBSCRIBED } from "../src/digest/errors.ts";
import { hasDigests, mayManageDigests } from "../src/digest/preconditions.ts";
import { previewReplies } from "../src/digest/preview.ts";
import { nextSlot } from "../src/digest/schedule.ts";
import { describeFailure } from "../src/digest/scheduler.ts";
import type { DigestService } from "../src/digest/service.ts";
import { type Subscription, SubscriptionInputError } from "../src/digest/subscriptions.ts";
import { errorReply, type Reply } from "../src/reply.ts";

const POSTABLE = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

function describeSchedule(s: Subscription, now: Date): string {
  const next = nextSlot(s, now);
  const topics = s.topics.length ? `topics: ${s.topics.join(", ")}` : "all topics";
  const quiet = s.quietDays ? "silent on days with nothing new" : "a one-line note on days with nothing new";
  return `every day at ${s.time} (${s.timezone}) · ${topics} · ${quiet}${next ? ` · next: ${next.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}`;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function subscribe(ctx: CommandContext, digests: DigestService): Reply {
  const channelId = str(ctx.options.channel);
  if (!channelId) return errorReply("Missing channel", DIGEST_CHANNEL_REQUIRED);
  try {
    const sub = digests.subscribe({
      guildId: ctx.guildId!,
      channelId,
      time: str(ctx.options.time) ?? "",
      timezone: str(ctx.options.timezone) ?? "",
      topics: str(ctx.options.topics),
      quietDays: ctx.options.quiet_days === true,
      createdBy: ctx.invoker.id,
    });
    return {
      kind: "info",
      title: "Digest scheduled",
      text: `<#${sub.channelId}> gets a digest ${describeSchedule(sub, new Date())}.`,
      citations: [],
      ephemeral: true,
    };
  } catch (err) {
    if (err instanceof SubscriptionInputError) return errorReply("Cannot subscribe", err.message);
    throw err;
  }
}

function unsubscribe(ctx: CommandContext, digests: DigestService): Reply {
  const channelId = str(ctx.options.channel);
  if (!channelId) return errorReply("Missing channel", DIGEST_CHANNEL_REQUIRED);
  const sub = digests.subscriptions.byChannel(channelId);
  if (!sub || sub.guildId !== ctx.guildId)
    return errorReply("Not subscribed", DIGEST_NOT_SUBSCRIBED(channelId));
  digests.unsubscribe(channelId);
  return {
    kind: "info",
    title: "Digest stopped",
    text: `<#${channelId}> gets no more digests.`,
    citations: [],
    ephemeral: true,
  };
}

function list(ctx: CommandContext, digests: DigestService): Reply {
  const subs = digests.subscriptions.list(ctx.guildId!);
  const now = new Date();
  if (!subs.length) {
    return {
      kind: "info",
      title: "Digests",
      text: "No channel of this server gets a digest.",
      citations: [],
      ephemeral: true,
    };
  }
  return {
    kind: "info",
    title: "Digests",
    text: subs
      .map((s) => {
        const last = digests.deliveries.lastSentAt(s.channelId);
        const status =
          s.status === "failing" ? `FAILING since ${s.failingSince?.slice(0, 10)}: ${s.failure}` : "active";
        return `<#${s.channelId}>: ${describeSchedule(s, now)} · ${status}${last ? ` · last posted ${last.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}`;
      })
      .join("\n"),
    citations: [],
    ephemeral: true,
  };
}

async function now(ctx: CommandContext, digests: DigestService): Promise<Reply> {
  const channelId = str(ctx.options.channel);
  if (!channelId) return errorReply("Missing channel", DIGEST_CHANNEL_REQUIRED);
  const sub = digests.subscriptions.byChannel(channelId);
  if (!sub || sub.guildId !== ctx.guildId)
    return errorReply("Not subscribed", DIGEST_NOT_SUBSCRIBED(channelId));
  const scheduler = digests.scheduler;
  if (!scheduler)
    return errorReply("Not connected", "digest: the bot is not connected to Discord, nothing can be posted");
  try {
    const sent = await scheduler.sendNow(sub);
    return {
      kind: "info",
      title: "Digest posted",
      text: `Posted in <#${channelId}>: ${sent.articles} article${sent.articles === 1 ? "" : "s"}.`,
      citations: [],
      ephemeral: true,
    };
  } catch (err) {
    return errorReply("Not posted", `digest: could not post in <#${channelId}>: ${describeFailure(err)}`);
  }
}

const digest = {
  data: new SlashCommandBuilder()
    .setName("digest")
    .setDescription("Daily news digests in channels")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName("subscribe")
        .setDescription("Post a daily digest in a channel")
        .addChannelOption((o) =>
          o
            .setName("channel")
            .setDescription("Where to post")
            .setRequired(true)
            .addChannelTypes(...POSTABLE),
        )
        .addStringOption((o) =>
          o
            .setName("time")
            .setDescription("Local time, 24-hour HH:MM (07:30)")
            .setRequired(true)
            .setMaxLength(5),
        )
        .addStringOption((o) =>
          o
            .setName("timezone")
            .setDescription("IANA time zone (Europe/Paris)")
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(64),
        )
        .addStringOption((o) =>
          o
            .setName("topics")
            .setDescription("Only these topics, comma-separated (Armenia, climate)")
            .setMaxLength(300),
        )
        .addBooleanOption((o) =>
          o
            .setName("quiet_days")
            .setDescription("Post nothing (instead of one line) when there is nothing new"),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("unsubscribe")
        .setDescription("Stop a channel's digest")
        .addChannelOption((o) =>
          o
            .setName("channel")
            .setDescription("The channel")
            .setRequired(true)
            .addChannelTypes(...POSTABLE),
        ),
    )
    .addSubcommand((s) => s.setName("list").setDescription("This server's digests and their state"))
    .addSubcommand((s) =>
      s
        .setName("preview")
        .setDescription("What this channel's digest would say now (only you see it)")
        .addStringOption((o) =>
          o
            .setName("topics")
            .setDescription("Only these topics, comma-separated (default: the channel's)")
            .setMaxLength(200),
        )
        .addStringOption((o) =>
          o
            .setName("since")
            .setDescription("From this day, YYYY-MM-DD (default: the last digest, else 24 hours)")
            .setMaxLength(30),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("now")
        .setDescription("Post a channel's digest now")
        .addChannelOption((o) =>
          o
            .setName("channel")
            .setDescription("The channel")
            .setRequired(true)
            .addChannelTypes(...POSTABLE),
        ),
    ),
  defer: true,
  examples: [
    "/digest subscribe channel:#news time:07:30 timezone:Europe/Paris",
    "/digest subscribe channel:#news time:08:00 timezone:America/New_York topics:Armenia, climate quiet_days:true",
    "/digest list",
    "/digest preview",
    "/digest preview topics:Armenia since:2023-12-01",
  ],

  async execute(ctx) {
    // A preview changes nothing: anyone may see it, in a server, a DM or the console twin.
    if (ctx.subcommand === "preview") return previewReplies(ctx);
    const refused = hasDigests(ctx) ?? mayManageDigests(ctx);
    if (refused) return refused;
    const digests = ctx.services.digests!;
    switch (ctx.subcommand) {
      case "subscribe":
        return subscribe(ctx, digests);
      case "unsubscribe":
        return unsubscribe(ctx, digests);
      case "list":
        return list(ctx, digests);
      case "now":
        return now(ctx, digests);
      default:
        return errorReply("Unknown subcommand", `digest: unknown subcommand "${ctx.subcommand ?? ""}"`);
    }
  },

  autocomplete(ctx) {
    if (ctx.focused.name !== "timezone") return [];
    const q = ctx.focused.value.toLowerCase().replace(/\s+/g, "_");
    return Intl.supportedValuesOf("timeZone")
      .filter((z) => z.toLowerCase().includes(q))
      .slice(0, 25)
      .map((z) => ({ name: z, value: z }));
  },
} satisfies Command;

export default digest;
