/** `newsdesk deploy-commands [--commands DIR]`: registers the commands with Discord (guild or global). */
import { bootstrap } from "../bootstrap.ts";
import { DeployError, deployCommands } from "../discord/deploy.ts";
import { CommandLoadError, loadCommands } from "../discord/loader.ts";
import { scrub } from "../log.ts";
import { CliError, parseCli } from "./args.ts";

const USAGE = "newsdesk deploy-commands [--knowledge DIR] [--commands DIR]";

export async function run(args: string[]): Promise<number> {
  const { values } = parseCli(args, { knowledge: { type: "string" }, commands: { type: "string" } }, USAGE);
  const { config, services } = bootstrap({ knowledgeDir: values.knowledge });
  try {
    const registry = await loadCommands(services, values.commands);
    const result = await deployCommands(config, registry);
    process.stdout.write(
      `deploy-commands: registered ${result.count} command${result.count === 1 ? "" : "s"} ${
        result.scope === "guild"
          ? `to guild ${config.DISCORD_GUILD_ID}`
          : "globally (may take up to an hour to show)"
      }: ${result.names.join(", ")}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof CommandLoadError || err instanceof DeployError) throw new CliError(err.message);
    throw new CliError(
      `deploy-commands: Discord refused the commands (${scrub((err as Error).message, [config.DISCORD_TOKEN])})`,
    );
  }
}
