/**
 * `newsdesk digest [--since DATE] [--topics A,B] [--knowledge DIR] [--json]`: the digest a channel would
 * get, in the terminal: what was ingested since DATE (default: the last 24 hours), grouped by topic.
 */
import { loadConfig } from "../config.ts";
import { renderRepliesText } from "../console/render.ts";
import { buildDigest, renderDigest } from "../digest/compose.ts";
import { DIGEST_SINCE_INVALID } from "../digest/errors.ts";
import { TopicsSchema } from "../digest/subscriptions.ts";
import type { FactBase } from "../knowledge/schema.ts";
import { readFactBase } from "../knowledge/store.ts";
import { CliError, parseCli } from "./args.ts";

const USAGE = "newsdesk digest [--since DATE] [--topics A,B] [--knowledge DIR] [--json]";

/** A `--since` value: `YYYY-MM-DD` (midnight UTC) or an ISO date-time. */
export function parseSince(value: string): Date {
  const v = value.trim();
  const t = /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? Date.parse(`${v}T00:00:00Z`)
    : /^\d{4}-\d{2}-\d{2}T/.test(v)
      ? Date.parse(v)
      : Number.NaN;
  if (Number.isNaN(t)) throw new CliError(`${DIGEST_SINCE_INVALID(value)}\nusage: ${USAGE}`);
  return new Date(t);
}

/** What an empty window says: the window it used, the newest article there is, and how to widen it. */
export function nothingIn(facts: FactBase, since: Date, until: Date, defaultWindow: boolean): string {
  const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const window = `${utc(since)} and ${utc(until)}${defaultWindow ? " (the last 24 hours)" : ""}`;
  const newest = [...facts.articles].sort((a, b) => b.ingestedAt.localeCompare(a.ingestedAt))[0];
  if (!newest) return `Nothing was ingested between ${window}: the fact base holds no article yet.`;
  return (
    `Nothing was ingested between ${window}. The newest article, "${newest.title}", ` +
    `was ingested on ${newest.ingestedAt.slice(0, 10)}: widen the window with --since ${newest.ingestedAt.slice(0, 10)}.`
  );
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
  const since = values.since ? parseSince(values.since) : new Date(now.getTime() - 24 * 3_600_000);
  const topics = TopicsSchema.safeParse((values.topics ?? []).join(","));
  if (!topics.success) throw new CliError(topics.error.issues[0]!.message);
  const facts = readFactBase(values.knowledge ?? config.KNOWLEDGE_DIR);
  const digest = buildDigest(facts, { since, until: now, topics: topics.data });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${renderRepliesText(renderDigest(digest, { nothingNew: nothingIn(facts, since, now, values.since === undefined) }))}\n`,
    );
  }
  return 0;
}
