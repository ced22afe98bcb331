/**
 * Registers the slash and context-menu commands with Discord in one bulk PUT: to one guild when
 * `DISCORD_GUILD_ID` is set (instant, for development), globally otherwise. Run by
 * `npx newsdesk deploy-commands`, never at start-up (Discord rate-limits command registration).
 */
import { REST, Routes } from "discord.js";
import type { Config } from "../config.ts";
import { apiBase } from "./client.ts";
import type { CommandRegistry } from "./loader.ts";
import { DEPLOY_NO_CREDENTIALS } from "./messages.ts";

/** What a deploy did. */
export interface DeployResult {
  scope: "guild" | "global";
  route: string;
  count: number;
  names: string[];
}

/** A deploy that cannot run (credentials missing). */
export class DeployError extends Error {
  override name = "DeployError";
}

/** PUTs every loaded command's payload, replacing the registered set. */
export async function deployCommands(config: Config, registry: CommandRegistry): Promise<DeployResult> {
  const token = config.DISCORD_TOKEN;
  const appId = config.DISCORD_APPLICATION_ID;
  if (!token || !appId) throw new DeployError(DEPLOY_NO_CREDENTIALS);
  const rest = new REST({ api: apiBase(config) }).setToken(token);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(appId, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(appId);
  const body = registry.payloads();
  const answer = (await rest.put(route, { body })) as { name: string }[];
  return {
    scope: config.DISCORD_GUILD_ID ? "guild" : "global",
    route,
    count: Array.isArray(answer) ? answer.length : body.length,
    names: body.map((p) => p.name),
  };
}
