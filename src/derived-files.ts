/**
 * The files a knowledge folder derives from its `facts.json` so that the bot's start reads them
 * instead of doing the work: `facts.cache`, that facts.json in binary (src/knowledge/facts-cache.ts),
 * and `facts.postings`, its term postings (src/answer/postings-file.ts). Both only spare work: the
 * bot ignores one that does not match facts.json, so a failure to write them is reported and
 * never fails what wrote facts.json.
 *
 * `newsdesk ingest` writes them in its own process ({@link writeDerivedFiles}); the feed poller,
 * which runs in the bot, writes them in a worker thread ({@link writeDerivedFilesInWorker}): at
 * 10,000 articles they take about two seconds, which would otherwise stop the bot's event loop.
 */
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { savePostings } from "./answer/postings.ts";
import { POSTINGS_FILE } from "./answer/postings-file.ts";
import { FACTS_CACHE_FILE, writeFactsCache } from "./knowledge/facts-cache.ts";
import type { FactBase } from "./knowledge/schema.ts";
import { FACTS_FILE, readFactBase } from "./knowledge/store.ts";
import { typescriptWorker } from "./typescript-worker.ts";

/** Messages of the derived files. */
export const DerivedFilesMessages = {
  cacheFailed: (dir: string, why: string) =>
    `ingest: could not write ${join(dir, FACTS_CACHE_FILE)} (${why}); the bot reads ${FACTS_FILE} instead`,
  postingsFailed: (dir: string, why: string) =>
    `ingest: could not write ${join(dir, POSTINGS_FILE)} (${why}); the bot builds the postings at start instead`,
  workerStopped: (code: number) => `the worker writing the derived files stopped (exit code ${code})`,
} as const;

/** What was written, and why what was not. */
export interface DerivedFilesOutcome {
  /** Paths of the files written. */
  written: string[];
  /** One message per file that could not be written (see {@link DerivedFilesMessages}). */
  failures: string[];
}

/**
 * Writes `facts.cache` and `facts.postings` of the folder's `facts.json`, as it is on disk. The cache
 * comes first, from the file's bytes (it holds exactly what a read of them gives); the postings
 * come from `facts` when given (the fact base just written), else from a read of the folder, which
 * then goes through the new cache.
 */
export function writeDerivedFiles(dir: string, facts?: FactBase): DerivedFilesOutcome {
  const outcome: DerivedFilesOutcome = { written: [], failures: [] };
  try {
    outcome.written.push(writeFactsCache(dir, FACTS_FILE).file);
  } catch (err) {
    outcome.failures.push(DerivedFilesMessages.cacheFailed(dir, (err as Error).message));
  }
  try {
    outcome.written.push(savePostings(dir, facts ?? readFactBase(dir)).file);
  } catch (err) {
    outcome.failures.push(DerivedFilesMessages.postingsFailed(dir, (err as Error).message));
  }
  return outcome;
}

const workerUrl = new URL("./derived-files-worker.ts", import.meta.url);

/**
 * {@link writeDerivedFiles} of the folder in a worker thread, which reads the fact base itself
 * (objects cannot be handed to a thread without copying them). Never rejects: a worker that fails
 * or stops is one more failure in the outcome.
 */
export function writeDerivedFilesInWorker(dir: string): Promise<DerivedFilesOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: DerivedFilesOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let worker: Worker;
    try {
      worker = typescriptWorker(workerUrl, { workerData: { dir } });
    } catch (err) {
      settle({ written: [], failures: [(err as Error).message] });
      return;
    }
    worker.once("message", (outcome: DerivedFilesOutcome) => settle(outcome));
    worker.once("error", (err) => settle({ written: [], failures: [err.message] }));
    worker.once("exit", (code) =>
      settle({ written: [], failures: [DerivedFilesMessages.workerStopped(code)] }),
    );
  });
}
