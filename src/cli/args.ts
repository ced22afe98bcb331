/** Small helpers shared by the subcommands. */
import { type ParseArgsConfig, parseArgs } from "node:util";

/** An error meant for the user: printed as one line, no stack trace. */
export class CliError extends Error {
  readonly cliError = true;
  override name = "CliError";
}

/** `node:util` parseArgs, with unknown options reported as one clear line. */
export function parseCli<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message.split("\n")[0]}\nusage: ${usage}`);
  }
}
