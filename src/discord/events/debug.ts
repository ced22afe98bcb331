/** `debug`: discord.js's own trace (gateway, REST), only at LOG_LEVEL=trace; the logger scrubs the token. */
import { Events } from "discord.js";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.Debug,
  execute({ services }, message) {
    services.logger.trace({ discord: message }, "discord: debug");
  },
} satisfies BotEvent<Events.Debug>;
