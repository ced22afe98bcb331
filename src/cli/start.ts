/** `newsdesk start`: not built yet. */
import { CliError } from "./args.ts";

export async function run(_args: string[]): Promise<number> {
  throw new CliError("start: not available yet");
}
