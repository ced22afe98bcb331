/**
 * Files read ahead on a worker thread while the main thread does other start-up work, then taken
 * by their reader as if read there and then.
 *
 * On the machines newsdesk is measured on, most of reading a large file is the memory it lands in:
 * the first write to each fresh page (the kernel's read) and the first read of it from the process
 * both cost (36 MB of `facts.cache`: ~180 ms to read, ~100 ms more for the first pass over it). A
 * worker is the same process: the pages it reads and touches are the main thread's too. So the
 * worker reads each file and touches every page of it, hands the memory over (transferred, not
 * copied), and the main thread meanwhile warms the date reader and decodes what it already has.
 *
 * Only for files whose reader checks them against another (the fact base cache and the postings
 * file are both checked against the seal of `facts.json`): the bytes are those of the moment the
 * worker read them.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

/** The worker: plain CommonJS (nothing to compile), one message per file, in order. */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const { paths, port } = workerData;
const done = new Int32Array(workerData.done);
for (let i = 0; i < paths.length; i++) {
  let buffer = null;
  let code = null;
  let message = null;
  try {
    const bytes = readFileSync(paths[i]);
    // One byte of each page read, and the sum used below, so that the loop is not optimised away.
    let sum = 0;
    for (let k = 0; k < bytes.length; k += 4096) sum += bytes[k];
    buffer =
      bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length
        ? bytes.buffer
        : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    if (sum < 0) buffer = null;
  } catch (err) {
    code = err && err.code ? String(err.code) : null;
    message = err && err.message ? String(err.message) : String(err);
  }
  port.postMessage({ i, buffer, code, message }, buffer ? [buffer] : []);
  Atomics.store(done, i, 1);
  Atomics.notify(done, i);
}
port.close();
`;

interface Entry {
  batch: Batch;
  index: number;
}

interface Batch {
  port: MessagePort;
  done: Int32Array;
  worker: Worker;
  /** What arrived so far, by index: the bytes, or the error the read gave. */
  arrived: Map<number, { buffer: ArrayBuffer | null; code: string | null; message: string | null }>;
  ended: Promise<void>;
}

/** How long a reader waits for the worker before reading the file itself. */
const WAIT_LIMIT_MS = 10_000;

/** Files being read ahead, by absolute path; taken (and removed) by {@link readFileAhead}. */
const pending = new Map<string, Entry>();

/** A read ahead started by {@link readAhead}; close it when start-up is over. */
export interface ReadAhead {
  /** Settles when the worker has ended (every file read, or the worker gone). */
  readonly ended: Promise<void>;
  /** Forgets the files not taken (their memory goes with them) and lets the worker end. */
  close(): void;
}

const NOTHING: ReadAhead = { ended: Promise.resolve(), close() {} };

/**
 * Starts reading `paths` on a worker thread, in order. A path already being read ahead is left to
 * that read. Never throws: a worker that cannot start leaves every path to be read when asked.
 */
export function readAhead(paths: readonly string[]): ReadAhead {
  const files = [...new Set(paths.map((p) => resolve(p)))].filter((p) => !pending.has(p));
  if (files.length === 0) return NOTHING;
  let batch: Batch;
  try {
    const done = new Int32Array(new SharedArrayBuffer(4 * files.length));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { paths: files, port: port2, done: done.buffer },
      transferList: [port2],
    });
    worker.unref();
    batch = {
      port: port1,
      done,
      worker,
      arrived: new Map(),
      // A worker that fails is no error of ours: its files are read when asked.
      ended: new Promise<void>((settle) => {
        worker.once("exit", () => settle());
        worker.once("error", () => settle());
      }),
    };
  } catch {
    return NOTHING;
  }
  for (let index = 0; index < files.length; index++) pending.set(files[index]!, { batch, index });
  return {
    ended: batch.ended,
    close() {
      for (const path of files) if (pending.get(path)?.batch === batch) pending.delete(path);
      batch.port.close();
      void batch.worker.terminate();
    },
  };
}

/**
 * The bytes of `path`: read ahead by {@link readAhead} (waiting for the worker if it is not done
 * yet), else read now. Throws what `readFileSync` throws for a file that cannot be read (an error
 * with the same `code`), whichever thread read it.
 */
export function readFileAhead(path: string): Buffer {
  const key = resolve(path);
  const entry = pending.get(key);
  if (!entry) return readFileSync(path);
  pending.delete(key);
  const { batch, index } = entry;
  // A worker that died (it cannot say so while this thread waits) leaves the file to be read here.
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (Atomics.load(batch.done, index) === 0) {
    if (Date.now() > deadline) return readFileSync(path);
    Atomics.wait(batch.done, index, 0, 100);
  }
  while (!batch.arrived.has(index)) {
    const received = receiveMessageOnPort(batch.port);
    if (!received) return readFileSync(path);
    const m = received.message as {
      i: number;
      buffer: ArrayBuffer | null;
      code: string | null;
      message: string | null;
    };
    batch.arrived.set(m.i, m);
  }
  const got = batch.arrived.get(index)!;
  batch.arrived.delete(index);
  if (got.buffer) return Buffer.from(got.buffer);
  const err = new Error(got.message ?? `could not read ${path}`) as NodeJS.ErrnoException;
  if (got.code) err.code = got.code;
  throw err;
}
