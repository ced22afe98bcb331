/** `error`: a client error is logged (without request bodies or tokens); the process stays up. */
import { Events } from "discord.js";
import { errorForLog } from "../boundary.ts";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.Error,
  execute({ services }, error) {
    services.logger.error({ error: errorForLog(error) }, "discord: client error");
  },
} satisfies BotEvent<Events.Error>;
