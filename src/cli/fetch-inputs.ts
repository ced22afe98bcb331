/**
 * `newsdesk ingest URL`: an article page or a feed fetched with the feed poller's timeout and size
 * caps (`src/digest/fetch.ts`), written into a temporary folder as a file the ingest reads like any
 * other: a feed as it came (every item an article), a page as the article Readability finds in it,
 * with the URL it was fetched from when the page names none. Dedupe is the ingest's own.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FEED_DEFAULTS } from "../digest/feeds.ts";
import { FetchError, fetchText } from "../digest/fetch.ts";
import { looksLikeFeed } from "../knowledge/formats/feed.ts";
import { parseHtmlArticle } from "../knowledge/formats/html.ts";

/** Whether an input is a web address rather than a path. */
export const isUrl = (input: string) => /^https?:\/\//i.test(input);

/** The fetched inputs as files, and the lines for those that failed. */
export interface FetchedInputs {
  files: string[];
  failures: { file: string; message: string }[];
  /** Removes the temporary folder. */
  cleanup: () => void;
}

/** A file name for a URL: its host and path, in safe characters. */
function fileNameOf(url: string, ext: string): string {
  const u = new URL(url);
  const slug = `${u.hostname}${u.pathname}`.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${slug.slice(0, 80).replace(/\.(html?|xml|rss|atom)$/i, "") || "page"}${ext}`;
}

/** Fetches each URL; one that fails gets one line and does not stop the others. */
export async function fetchInputs(urls: readonly string[]): Promise<FetchedInputs> {
  if (!urls.length) return { files: [], failures: [], cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-fetch-"));
  const files: string[] = [];
  const failures: { file: string; message: string }[] = [];
  for (const [i, url] of urls.entries()) {
    try {
      const raw = await fetchText(url, {
        timeoutMs: FEED_DEFAULTS.timeoutMs,
        maxBytes: FEED_DEFAULTS.maxFeedBytes,
        accept: "text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
      });
      if (looksLikeFeed(raw)) {
        const file = join(dir, `${i}-${fileNameOf(url, ".xml")}`);
        writeFileSync(file, raw);
        files.push(file);
        continue;
      }
      const page = parseHtmlArticle(raw, url);
      const file = join(dir, `${i}-${fileNameOf(url, ".json")}`);
      const { title, source, published, section, body } = page;
      writeFileSync(
        file,
        JSON.stringify({ title, source, published, url: page.url ?? url, section, body }, null, 2),
      );
      files.push(file);
    } catch (err) {
      const why =
        err instanceof FetchError ? err.message.replace(/^feeds: /, "") : `${url}: ${(err as Error).message}`;
      failures.push({ file: url, message: `ingest: ${why}` });
    }
  }
  return { files, failures, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
