/**
 * A cache of per-article build results, so an ingest re-analyses only what changed. An entry is
 * keyed by the extraction code's version (a hash of `src/knowledge` and the package lock) and the
 * job (the parsed article and its meta): when the code changes, every article is re-built, so
 * extraction improvements still apply; when nothing changed (a feed poll adding two articles to a
 * hundred), the hundred come from the cache. The cache lives in `DIR/.tmp/` (ignored by git) and
 * can be deleted at any time.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { SanitisedFacts } from "./build-facts.ts";
import type { BuildJob } from "./pool.ts";

/** The cache folder inside a knowledge folder. */
export const BUILD_CACHE_DIR = join(".tmp", "build-cache");

const here = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) =>
      e.isDirectory()
        ? sourceFiles(join(dir, e.name))
        : /\.(ts|json)$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
    );
}

/** The version of the extraction: a hash of every source file under `src/knowledge` and the package lock. */
export function extractorVersion(): string {
  const hash = createHash("sha1");
  for (const file of sourceFiles(here))
    hash.update(relative(here, file)).update("\0").update(readFileSync(file));
  const lock = join(here, "..", "..", "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest("hex");
}

/** Build results on disk, one JSON file per article. */
export class BuildCache {
  readonly #dir: string;
  readonly #version: string;
  readonly #used = new Set<string>();

  constructor(knowledgeDir: string, version = extractorVersion()) {
    this.#dir = join(knowledgeDir, BUILD_CACHE_DIR);
    this.#version = version;
  }

  /** The key of a job: the code version and everything the build reads. */
  key(job: BuildJob): string {
    return createHash("sha1")
      .update(this.#version)
      .update(JSON.stringify({ parsed: { ...job.parsed, raw: "" }, meta: job.meta }))
      .digest("hex");
  }

  /** The cached checked facts of a job, or null (missing or unreadable entries are misses). */
  get(job: BuildJob): SanitisedFacts | null {
    const key = this.key(job);
    this.#used.add(key);
    try {
      return JSON.parse(readFileSync(join(this.#dir, `${key}.json`), "utf8")) as SanitisedFacts;
    } catch {
      return null;
    }
  }

  /** Stores a job's checked facts. A failed write only costs a later cache miss. */
  set(job: BuildJob, facts: SanitisedFacts): void {
    const key = this.key(job);
    this.#used.add(key);
    try {
      mkdirSync(this.#dir, { recursive: true });
      writeFileSync(join(this.#dir, `${key}.json`), JSON.stringify(facts));
    } catch {
      // The cache is an optimisation: a read-only or full disk must not fail the ingest.
    }
  }

  /** Removes the entries this run did not use (old code versions, articles gone). */
  prune(): void {
    if (!existsSync(this.#dir)) return;
    for (const name of readdirSync(this.#dir)) {
      if (!this.#used.has(name.replace(/\.json$/, ""))) rmSync(join(this.#dir, name), { force: true });
    }
  }
}
