/** `newsdesk facts`: not built yet. */
import { CliError } from "./args.ts";

export async function run(_args: string[]): Promise<number> {
  throw new CliError("facts: not available yet");
}
