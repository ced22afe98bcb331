/**
 * `newsdesk feeds add URL [--every 30m] | list | remove URL`: the feeds the bot and the console
 * twin poll, kept in the database under DATA_DIR beside those of the `FEEDS` variable. `list`
 * shows each feed's last fetch, the items it added and its last error.
 */
import { loadConfig } from "../config.ts";
import { openDigestDb } from "../digest/db.ts";
import { FeedList, type FeedStatus, isFeedUrl, minutesOf } from "../digest/feed-list.ts";
import { CliError, parseCli } from "./args.ts";

const USAGE =
  "newsdesk feeds add URL [--every 30m] | newsdesk feeds list [--json] | newsdesk feeds remove URL";

/** One feed as a line of `feeds list`. */
export function feedLine(f: FeedStatus): string {
  const fetched = f.lastOkAt
    ? `last fetched ${f.lastOkAt.slice(0, 16).replace("T", " ")} UTC`
    : "not fetched yet";
  const error = f.lastError ? `; failing (${f.failures}×): ${f.lastError}` : "";
  const origin = f.origin === "FEEDS" ? ", from FEEDS" : "";
  return `${f.url} (every ${f.everyMinutes} min${origin}): ${fetched}, ${f.itemsAdded} item${f.itemsAdded === 1 ? "" : "s"} added${error}`;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    { every: { type: "string" }, json: { type: "boolean", default: false } },
    USAGE,
  );
  const [action, url, ...extra] = positionals;
  if (!action || !["add", "list", "remove"].includes(action) || extra.length)
    throw new CliError(`feeds: say add, list or remove\nusage: ${USAGE}`);
  const config = loadConfig();
  const db = openDigestDb(config.DATA_DIR);
  try {
    const feeds = new FeedList(db);
    if (action === "list") {
      const status = feeds.status(config.FEEDS, config.FEED_POLL_MINUTES);
      if (values.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      else if (!status.length)
        process.stdout.write("No feeds yet: newsdesk feeds add URL [--every 30m] (or the FEEDS variable).\n");
      else process.stdout.write(`${status.map(feedLine).join("\n")}\n`);
      return 0;
    }
    if (!url || !isFeedUrl(url)) throw new CliError(`feeds: ${action} takes an http(s) URL\nusage: ${USAGE}`);
    if (action === "remove") {
      if (!feeds.remove(url))
        throw new CliError(`feeds: ${url} is not among the added feeds (see newsdesk feeds list)`);
      process.stderr.write(`feeds: removed ${url}; its articles stay in the fact base\n`);
      return 0;
    }
    const every = values.every === undefined ? config.FEED_POLL_MINUTES : minutesOf(values.every);
    if (every === null)
      throw new CliError(
        `feeds: --every "${values.every}" is not an interval (say 30m, 2h or a number of minutes)`,
      );
    const added = feeds.add(url, every);
    process.stderr.write(
      `feeds: ${added ? "added" : "now polls"} ${url} every ${every} min; the bot and the console twin poll it (npm start)\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}
