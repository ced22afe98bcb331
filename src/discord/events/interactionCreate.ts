/** `interactionCreate`: slash and message commands through the error boundary; autocomplete directly. */
import { Events } from "discord.js";
import { handleAutocomplete, handleCommand } from "../boundary.ts";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.InteractionCreate,
  async execute({ registry, services }, interaction) {
    if (interaction.isAutocomplete()) {
      await handleAutocomplete(interaction, registry, services);
    } else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      await handleCommand(interaction, registry, services);
    }
  },
} satisfies BotEvent<Events.InteractionCreate>;
