/**
 * Worker thread body of the build pool: receives `{ index, parsed, meta }`, answers
 * `{ index, checked }` (the facts after their schema check) or `{ index, error }`. Loaded through tsx by {@link ./pool.ts}.
 */
import { parentPort } from "node:worker_threads";
import { type BuildMeta, buildCheckedArticle } from "./build.ts";
import type { ParsedArticle } from "./formats/types.ts";

parentPort!.on("message", (job: { index: number; parsed: ParsedArticle; meta: BuildMeta }) => {
  try {
    parentPort!.postMessage({ index: job.index, checked: buildCheckedArticle(job.parsed, job.meta) });
  } catch (err) {
    parentPort!.postMessage({ index: job.index, error: (err as Error)?.message ?? String(err) });
  }
});
