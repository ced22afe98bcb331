/**
 * Turns discord.js interactions into the neutral contexts of `src/command.ts`, so commands never
 * see a Discord object.
 */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type MessageContextMenuCommandInteraction,
  PermissionFlagsBits,
} from "discord.js";
import type { AutocompleteContext, CommandContext, Invoker, OptionValue } from "../command.ts";
import type { Services } from "../services.ts";

type AnyCommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/** Leaf option values; subcommands and groups are walked through. */
export function flattenOptions(
  data: readonly CommandInteractionOption[],
): Record<string, OptionValue | undefined> {
  const out: Record<string, OptionValue | undefined> = {};
  for (const o of data) {
    if (o.options?.length) Object.assign(out, flattenOptions(o.options));
    else if (o.value !== undefined && o.value !== null) out[o.name] = o.value;
  }
  return out;
}

function invokerOf(i: AnyCommandInteraction | AutocompleteInteraction): Invoker {
  const perms = i.memberPermissions;
  return {
    id: i.user.id,
    name: i.user.globalName ?? i.user.username,
    canManage: Boolean(
      perms?.has(PermissionFlagsBits.ManageGuild) || perms?.has(PermissionFlagsBits.ManageChannels),
    ),
  };
}

/** The neutral context of a slash or message command. */
export function commandContext(interaction: AnyCommandInteraction, services: Services): CommandContext {
  const isChat = interaction.isChatInputCommand();
  const target = interaction.isMessageContextMenuCommand() ? interaction.targetMessage : null;
  return {
    commandName: interaction.commandName,
    subcommand: isChat ? interaction.options.getSubcommand(false) : null,
    options: isChat ? flattenOptions(interaction.options.data) : {},
    invoker: invokerOf(interaction),
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    targetMessage: target
      ? {
          id: target.id,
          content: target.content,
          authorName: target.author?.globalName ?? target.author?.username ?? "unknown",
        }
      : null,
    services,
  };
}

/** The neutral context of an autocomplete request. */
export function autocompleteContext(
  interaction: AutocompleteInteraction,
  services: Services,
): AutocompleteContext {
  const focused = interaction.options.getFocused(true);
  return {
    commandName: interaction.commandName,
    subcommand: interaction.options.getSubcommand(false),
    focused: { name: focused.name, value: String(focused.value ?? "") },
    options: flattenOptions(interaction.options.data),
    services,
  };
}
