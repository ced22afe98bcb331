/**
 * Worker threads running TypeScript sources: no build step compiles them, so each worker boots as
 * CommonJS (eval), registers tsx's ESM loader inside itself, then imports the TypeScript body.
 * Used by the ingest's build pool and by the writer of the derived files.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";

const tsxApiUrl = import.meta.resolve("tsx/esm/api");

/** A worker thread running the TypeScript module at `body` (a file URL). */
export function typescriptWorker(body: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const boot = `import(${JSON.stringify(tsxApiUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(body.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
