/**
 * `newsdesk ingest PATH... [--knowledge DIR] [--workers N]`: reads articles into the fact base.
 * With no PATH it rebuilds DIR/facts.json from the copies in DIR/articles/ (how a broken fact
 * base is repaired). Exit code 1 when any file failed; every other file is still ingested.
 * Unchanged articles reuse their analysis while the extraction code is unchanged; `--fresh`
 * analyses everything again. `--upgrade` only rewrites DIR/facts.json in the current format
 * version (an older version is still read), without reading or analysing any article.
 * Every mode then writes DIR/facts.cache, that facts.json in binary (see
 * src/knowledge/facts-cache.ts), and DIR/facts.postings, its term postings (see
 * src/answer/postings-file.ts), which a start reads instead of parsing and building them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { POSTINGS_FILE } from "../answer/postings-file.ts";
import { loadConfig } from "../config.ts";
import { writeDerivedFiles } from "../derived-files.ts";
import { FACTS_CACHE_FILE } from "../knowledge/facts-cache.ts";
import { IngestMessages } from "../knowledge/formats/errors.ts";
import { ingest } from "../knowledge/ingest.ts";
import type { FactBase } from "../knowledge/schema.ts";
import { FACT_BASE_VERSION } from "../knowledge/schema.ts";
import { FACTS_FILE, readFactBase, writeFactBase } from "../knowledge/store.ts";
import { CliError, parseCli } from "./args.ts";
import { fetchInputs, isUrl } from "./fetch-inputs.ts";

const USAGE =
  "newsdesk ingest PATH|URL... [--knowledge DIR] [--workers N] [--fresh] | newsdesk ingest --upgrade [--knowledge DIR]";

/** What `newsdesk ingest --help` prints. */
export const HELP = `usage: ${USAGE}

Reads articles (files or folders: text, Markdown, HTML, JSON, RSS/Atom feeds; or http(s) URLs of
an article page or a feed, every item of a feed an article) into DIR/facts.json, the fact base,
keeping a copy of each in DIR/articles/. With no PATH, rebuilds DIR/facts.json from those copies.

  --knowledge DIR  the knowledge folder (default: KNOWLEDGE_DIR, else knowledge)
  --workers N      worker threads for the analysis (0: none; default: up to 4 from 40 articles)
  --fresh          analyse every article again (default: reuse the analysis of unchanged ones)
  --upgrade        only rewrite DIR/facts.json in the current format version

Then writes DIR/${POSTINGS_FILE}: the term postings (which sentences hold each word) and the
typo-lookup vocabulary of that facts.json, so that the bot's start reads them instead of
building them. The bot uses it only while it matches facts.json (same seal, same format, same
term processing) and builds them itself otherwise; deleting it only makes the start slower.

And DIR/${FACTS_CACHE_FILE}: that facts.json in binary, which the bot reads instead of parsing
facts.json while it is the cache of that very file (same size and seal); the bot then hashes
facts.json after its start and reads it in full if it was edited. Deleting it too only makes the
start slower.
`;

/** Messages of `newsdesk ingest --upgrade`. */
export const UpgradeMessages = {
  withPaths: "ingest: --upgrade rewrites the fact base as it is; give it no article paths",
  done: (file: string, articles: number, ms: number) =>
    `ingest: rewrote ${file} in format version ${FACT_BASE_VERSION} (${articles} articles, ${Math.round(ms)} ms)`,
} as const;

/** Writes the derived files (facts.cache, facts.postings) and reports, on stderr, those that failed. */
function writeDerived(dir: string, facts: FactBase): void {
  for (const failure of writeDerivedFiles(dir, facts).failures) process.stderr.write(`${failure}\n`);
}

/** Progress is shown from this many items on; without a terminal, one line per this many. */
const PROGRESS_MIN = 20;
const PROGRESS_EVERY = 25;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    {
      knowledge: { type: "string" },
      workers: { type: "string" },
      fresh: { type: "boolean" },
      upgrade: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const knowledgeDir = values.knowledge ?? loadConfig().KNOWLEDGE_DIR;
  if (values.upgrade) {
    if (positionals.length) throw new CliError(UpgradeMessages.withPaths);
    const started = performance.now();
    // A damaged file throws a FactBaseError here: one line, saying how to rebuild. The cache is
    // not read: this rewrites facts.json from facts.json itself.
    const facts = readFactBase(knowledgeDir, { cache: false });
    writeFactBase(knowledgeDir, facts);
    writeDerived(knowledgeDir, facts);
    process.stderr.write(
      `${UpgradeMessages.done(join(knowledgeDir, FACTS_FILE), facts.articles.length, performance.now() - started)}\n`,
    );
    return 0;
  }
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0) {
      throw new CliError(
        `ingest: --workers must be a whole number (0 = no worker threads), got "${values.workers}"`,
      );
    }
  }
  const urls = positionals.filter(isUrl);
  const paths = positionals.filter((p) => !isUrl(p));
  const fetched = await fetchInputs(urls);
  // Nothing to read: say so, and leave the knowledge folder as it was (not even created).
  if (positionals.length && !fetched.files.length && paths.every((p) => !existsSync(p))) {
    for (const f of fetched.failures) process.stderr.write(`${f.message}\n`);
    for (const p of paths) process.stderr.write(`${IngestMessages.noInputs(p)}\n`);
    fetched.cleanup();
    return 1;
  }
  if (values.knowledge === undefined && process.env.KNOWLEDGE_DIR === undefined) {
    process.stderr.write(
      `ingest: into ${knowledgeDir}/ (the default; --knowledge DIR or KNOWLEDGE_DIR writes elsewhere)\n`,
    );
  }
  const tty = Boolean(process.stderr.isTTY);
  let pending = false;
  let result: Awaited<ReturnType<typeof ingest>>;
  try {
    result = await ingest({
      inputs: [...paths, ...fetched.files],
      knowledgeDir,
      workers,
      cache: !values.fresh,
      onProgress: (stage, done, total) => {
        if (total < PROGRESS_MIN) return;
        const unit = stage === "reading" ? "files" : "articles";
        if (tty) {
          process.stderr.write(`\ringest: ${stage} ${done}/${total} ${unit}`);
          pending = done < total;
          if (!pending) process.stderr.write("\n");
        } else if (done % PROGRESS_EVERY === 0 || done === total) {
          process.stderr.write(`ingest: ${stage} ${done}/${total} ${unit}\n`);
        }
      },
    });
  } finally {
    fetched.cleanup();
  }
  if (pending) process.stderr.write("\n");
  result.failures.unshift(...fetched.failures);
  writeDerived(knowledgeDir, result.facts);
  for (const notice of result.notices) process.stderr.write(`${notice}\n`);
  for (const failure of result.failures) process.stderr.write(`${failure.message}\n`);
  const failedFiles = new Set(result.failures.map((f) => f.file)).size;
  process.stderr.write(
    `ingest: ${result.added} added, ${result.updated} updated, ${result.kept} kept, ` +
      `${result.skipped} skipped as duplicate, ${failedFiles} failed; ` +
      `${result.facts.articles.length} articles in ${knowledgeDir}/${FACTS_FILE} (${result.seconds.toFixed(1)} s` +
      `${result.cached ? `; ${result.cached} unchanged, analysis reused` : ""})\n`,
  );
  return failedFiles ? 1 : 0;
}
