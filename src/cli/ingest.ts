/** `newsdesk ingest`: not built yet. */
import { CliError } from "./args.ts";

export async function run(_args: string[]): Promise<number> {
  throw new CliError("ingest: not available yet");
}
