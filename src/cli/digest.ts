/**
 * `newsdesk digest [--since DATE] [--topics A,B] [--knowledge DIR] [--json]`: the digest a channel would
 * get, in the terminal: what was ingested since DATE (default: the last 24 hours), grouped by topic.
 */
import { loadConfig } from "../config.ts";
import { renderRepliesText } from "../console/render.ts";
import { buildDigest, renderDigest } from "../digest/compose.ts";
import { DIGEST_SINCE_INVALID } from "../digest/errors.ts";
import { nothingIn, sinceOf } from "../digest/preview.ts";
import { firstWindowStart } from "../digest/scheduler.ts";
import { TopicsSchema } from "../digest/subscriptions.ts";
import { readFactBase } from "../knowledge/store.ts";
import { CliError, parseCli } from "./args.ts";

const USAGE = "newsdesk digest [--since DATE] [--topics A,B] [--knowledge DIR] [--json]";

/** A `--since` value: `YYYY-MM-DD` (midnight UTC) or an ISO date-time. */
export function parseSince(value: string): Date {
  const since = sinceOf(value);
  if (!since) throw new CliError(`${DIGEST_SINCE_INVALID(value)}\nusage: ${USAGE}`);
  return since;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    {
      since: { type: "string" },
      topics: { type: "string", multiple: true },
      knowledge: { type: "string" },
      json: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (positionals.length)
    throw new CliError(`digest: unexpected argument "${positionals[0]}"\nusage: ${USAGE}`);
  const config = loadConfig();
  const now = new Date();
  const since = values.since ? parseSince(values.since) : firstWindowStart(now);
  const topics = TopicsSchema.safeParse((values.topics ?? []).join(","));
  if (!topics.success) throw new CliError(topics.error.issues[0]!.message);
  const facts = readFactBase(values.knowledge ?? config.KNOWLEDGE_DIR);
  const digest = buildDigest(facts, { since, until: now, topics: topics.data });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${renderRepliesText(renderDigest(digest, { nothingNew: nothingIn(facts, since, now, values.since === undefined, "--since ") }))}\n`,
    );
  }
  return 0;
}
