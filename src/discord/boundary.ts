/**
 * The interaction error boundary and the reply flow: defer when the command asks or when it is not
 * done within {@link DEFER_AFTER_MS}, answer, and on failure answer privately with a short error
 * (followUp or reply depending on what was already sent), log it, and keep the process up.
 */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from "discord.js";
import type { Choice } from "../command.ts";
import type { Logger } from "../log.ts";
import { errorReply, type Reply } from "../reply.ts";
import type { Services } from "../services.ts";
import { autocompleteContext, commandContext } from "./context.ts";
import { invokeCommand } from "./invoke.ts";
import type { CommandRegistry } from "./loader.ts";
import { BOUNDARY_ERROR_TITLE, boundaryErrorText, boundaryUnknownCommand } from "./messages.ts";
import { NO_MENTIONS, type RenderedMessage, renderReplies } from "./render.ts";

/**
 * Discord drops an interaction not answered within 3 s. A command still working after this long is
 * deferred, leaving margin for the round trip of the defer itself.
 */
export const DEFER_AFTER_MS = 1500;

/** Autocomplete limits: 25 choices, 100 characters per name and value. */
export const AUTOCOMPLETE_LIMITS = Object.freeze({ choices: 25, length: 100 });

/** How long each command's execute last took, by command name. */
const lastRunMs = new Map<string, number>();

function recordRun(name: string, started: number): "done" {
  lastRunMs.set(name, performance.now() - started);
  return "done";
}

type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/** The bits of an error that are safe and useful in a log: no request bodies, no tokens in URLs. */
export function errorForLog(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: e.message };
  if (e.code !== undefined) out.code = e.code;
  if (typeof e.status === "number") out.status = e.status;
  if (typeof e.method === "string") out.method = e.method;
  // Interaction and webhook URLs carry the interaction token: keep the route, drop the token.
  if (typeof e.url === "string")
    out.url = e.url.replace(/(interactions\/\d+|webhooks\/\d+)\/[^/?]+/, "$1/[token]");
  if (e.stack) out.stack = e.stack.split("\n").slice(0, 6).join("\n");
  return out;
}

function ephemeral(m: RenderedMessage): boolean {
  return m.flags === MessageFlags.Ephemeral;
}

/** Sends rendered messages as the interaction's answer, whatever state it is in. */
async function send(interaction: CommandInteraction, messages: RenderedMessage[]): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  const body = { embeds: first.embeds, allowedMentions: { ...NO_MENTIONS, parse: [] } };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...body, ...(ephemeral(first) ? { flags: MessageFlags.Ephemeral } : {}) });
  } else if (interaction.deferred && !interaction.replied && !ephemeral(first)) {
    await interaction.editReply(body);
  } else {
    // Deferred in public but the answer is private: send it privately, then remove the placeholder
    // (read the state first: followUp marks the interaction replied).
    const placeholder = interaction.deferred && !interaction.replied;
    await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    if (placeholder) await interaction.deleteReply().catch(() => undefined);
  }
  for (const m of rest) {
    await interaction.followUp({
      embeds: m.embeds,
      allowedMentions: { ...NO_MENTIONS, parse: [] },
      ...(ephemeral(m) ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }
}

/** Answers with the short private error, choosing reply or followUp by the interaction's state. */
async function sendError(interaction: CommandInteraction, reply: Reply, logger: Logger): Promise<void> {
  const [message] = renderReplies(reply);
  try {
    if (interaction.deferred || interaction.replied) {
      const placeholder = interaction.deferred && !interaction.replied;
      await interaction.followUp({
        embeds: message!.embeds,
        allowedMentions: { ...NO_MENTIONS, parse: [] },
        flags: MessageFlags.Ephemeral,
      });
      if (placeholder) await interaction.deleteReply().catch(() => undefined);
    } else {
      await interaction.reply({
        embeds: message!.embeds,
        allowedMentions: { ...NO_MENTIONS, parse: [] },
        flags: MessageFlags.Ephemeral,
      });
    }
  } catch (err) {
    logger.error(
      { command: interaction.commandName, error: errorForLog(err) },
      "boundary: could not send the error reply",
    );
  }
}

/** Runs a slash or message command inside the error boundary. Never throws. */
export async function handleCommand(
  interaction: CommandInteraction,
  registry: CommandRegistry,
  services: Services,
  deferAfterMs: number = DEFER_AFTER_MS,
): Promise<void> {
  const { logger } = services;
  const loaded = registry.get(interaction.commandName);
  if (!loaded) {
    logger.warn({ command: interaction.commandName }, "boundary: unknown command");
    await sendError(
      interaction,
      errorReply("Unknown command", boundaryUnknownCommand(interaction.commandName)),
      logger,
    );
    return;
  }
  const started = performance.now();
  try {
    const ctx = commandContext(interaction, services);
    // A synchronous command blocks the event loop, so the timer below cannot fire while it runs: one
    // that blocked past the threshold last time is deferred before it starts this time.
    if (loaded.command.defer || (lastRunMs.get(loaded.payload.name) ?? 0) > deferAfterMs) {
      await interaction.deferReply();
    }
    const execStarted = performance.now();
    const work = invokeCommand(loaded, ctx);
    // A rejection is handled by `await work` below; here it only records the time (never unhandled).
    const done = work.then(
      () => recordRun(loaded.payload.name, execStarted),
      () => recordRun(loaded.payload.name, execStarted),
    );
    let timer: NodeJS.Timeout | undefined;
    if (!interaction.deferred) {
      const late = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), deferAfterMs);
      });
      const first = await Promise.race([done, late]);
      if (first === "late") await interaction.deferReply();
    }
    clearTimeout(timer);
    const replies = await work;
    await send(interaction, renderReplies(replies));
    logger.debug(
      {
        command: interaction.commandName,
        ms: Math.round(performance.now() - started),
        deferred: interaction.deferred,
      },
      "boundary: answered",
    );
  } catch (err) {
    logger.error(
      {
        command: interaction.commandName,
        subcommand: commandContextSafeSub(interaction),
        error: errorForLog(err),
      },
      "boundary: command failed",
    );
    await sendError(
      interaction,
      errorReply(BOUNDARY_ERROR_TITLE, boundaryErrorText(interaction.commandName)),
      logger,
    );
  }
}

function commandContextSafeSub(interaction: CommandInteraction): string | null {
  return interaction.isChatInputCommand() ? interaction.options.getSubcommand(false) : null;
}

/** Clips choices to Discord's limits (25, 100 characters each). */
export function clipChoices(choices: readonly Choice[]): Choice[] {
  return choices
    .filter((c) => c && typeof c.name === "string" && typeof c.value === "string" && c.name && c.value)
    .slice(0, AUTOCOMPLETE_LIMITS.choices)
    .map((c) => ({
      name: c.name.slice(0, AUTOCOMPLETE_LIMITS.length),
      value: c.value.slice(0, AUTOCOMPLETE_LIMITS.length),
    }));
}

/** Answers an autocomplete request directly (no defer exists for it); on failure, no choices. */
export async function handleAutocomplete(
  interaction: AutocompleteInteraction,
  registry: CommandRegistry,
  services: Services,
): Promise<void> {
  const loaded = registry.get(interaction.commandName);
  let choices: Choice[] = [];
  try {
    if (loaded?.command.autocomplete) {
      choices = clipChoices(await loaded.command.autocomplete(autocompleteContext(interaction, services)));
    }
  } catch (err) {
    services.logger.error(
      { command: interaction.commandName, error: errorForLog(err) },
      "boundary: autocomplete failed",
    );
  }
  try {
    await interaction.respond(choices);
  } catch (err) {
    services.logger.warn(
      { command: interaction.commandName, error: errorForLog(err) },
      "boundary: autocomplete not sent",
    );
  }
}
