/**
 * `newsdesk run "/when event:joint statement" [--knowledge DIR] [--json]`: one command through the
 * console twin, printed as text (or the neutral replies as JSON). Exit 1 when the command failed.
 */
import { bootstrap } from "../bootstrap.ts";
import { ConsoleTwin } from "../console/twin.ts";
import { CommandLoadError, loadCommands } from "../discord/loader.ts";
import { CliError, parseCli } from "./args.ts";

const USAGE = 'newsdesk run "/command name:value …" [--knowledge DIR] [--commands DIR] [--json]';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    { knowledge: { type: "string" }, commands: { type: "string" }, json: { type: "boolean" } },
    USAGE,
  );
  const line = positionals.join(" ").trim();
  if (!line) throw new CliError(`run: give a command line\nusage: ${USAGE}`);
  const { services } = bootstrap({ knowledgeDir: values.knowledge });
  let twin: ConsoleTwin;
  try {
    twin = new ConsoleTwin(await loadCommands(services, values.commands), services);
  } catch (err) {
    if (err instanceof CommandLoadError) throw new CliError(err.message);
    throw err;
  }
  const result = await twin.runLine(line);
  if (values.json && result.replies.length) {
    process.stdout.write(
      `${JSON.stringify(result.replies.length === 1 ? result.replies[0] : result.replies, null, 2)}\n`,
    );
  } else if (result.failed && result.replies.length === 0) {
    process.stderr.write(`newsdesk: ${result.text}\n`);
  } else {
    process.stdout.write(`${result.text}\n`);
  }
  return result.failed ? 1 : 0;
}
