/**
 * A small pool of worker threads running {@link buildCheckedArticle} (pure, so it parallelises
 * without shared state): the analysis and the schema check of each article's facts both run in
 * the workers, so the main thread only merges. Workers are TypeScript loaded through tsx's ESM loader, registered inside each
 * worker, since no build step compiles the sources.
 */
import { typescriptWorker } from "../typescript-worker.ts";
import type { BuildMeta, SanitisedFacts } from "./build-facts.ts";
import type { ParsedArticle } from "./formats/types.ts";

/** One unit of work: a parsed article and where it will be stored. */
export interface BuildJob {
  parsed: ParsedArticle;
  meta: BuildMeta;
}

/** The outcome of one job: its checked facts, or the message of what went wrong. */
export type BuildOutcome = { checked: SanitisedFacts } | { error: string };

const workerUrl = new URL("./build-worker.ts", import.meta.url);

/**
 * Runs the jobs on `size` worker threads, calling `onDone` as each finishes; resolves with the
 * outcomes in job order. The workers end when the jobs do.
 */
export async function runBuildPool(
  jobs: readonly BuildJob[],
  size: number,
  onDone?: (done: number, total: number) => void,
): Promise<BuildOutcome[]> {
  const outcomes: BuildOutcome[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(size, jobs.length)) }, () =>
    typescriptWorker(workerUrl),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= jobs.length) return resolve();
              const index = next++;
              worker.postMessage({ index, ...jobs[index]! });
            };
            worker.on("message", (msg: { index: number; checked?: SanitisedFacts; error?: string }) => {
              outcomes[msg.index] = msg.checked
                ? { checked: msg.checked }
                : { error: msg.error ?? "unknown error" };
              onDone?.(++done, jobs.length);
              feed();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => {
              if (next < jobs.length || done < jobs.length)
                reject(new Error(`build worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
