/**
 * The fact base in memory: loaded from `DIR/facts.json` (format version 2, compact; version 1 is
 * still read), validated with zod, and swappable when the folder changes (a new ingest) without a
 * restart.
 */
import { type FSWatcher, readFileSync, watch, writeSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { writeFileAtomically } from "../files.ts";
import {
  CompactEncodeError,
  type CompactFactBase,
  CompactFactBaseSchema,
  compactJson,
  decodeFactBase,
  encodeFactBase,
  isSealed,
  SEAL_LENGTH,
  sealCompactJson,
  sealedDigest,
} from "./compact.ts";
import { FactsCacheMessages, readFactsCache, readFactsHead } from "./facts-cache.ts";
import {
  emptyFactBase,
  FACT_BASE_FORMAT,
  FACT_BASE_VERSION,
  type FactBase,
  FactBaseSchema,
  FactBaseV1Schema,
} from "./schema.ts";

/** The fact base file inside a knowledge folder. */
export const FACTS_FILE = "facts.json";

/** A fact base that is missing, unreadable or invalid; the message names the file and the first bad field. */
export class FactBaseError extends Error {
  override name = "FactBaseError";
}

/** Format versions {@link readFactBase} reads; it writes only {@link FACT_BASE_VERSION}. */
export const READABLE_VERSIONS: readonly number[] = [1, FACT_BASE_VERSION];

/** Messages of the fact base store, each naming the file and saying how to repair it. */
export const StoreMessages = {
  missing: (file: string, dir: string) =>
    `${file}: no fact base here; build one with: npx newsdesk ingest ARTICLES... --knowledge ${dir}`,
  unreadable: (file: string, why: string) => `${file}: cannot read (${why})`,
  notJson: (file: string, dir: string, why: string) =>
    `${file}: not valid JSON (${why}); rebuild it with: npx newsdesk ingest --knowledge ${dir}`,
  otherVersion: (file: string, dir: string, version: unknown) =>
    `${file}: fact base format version ${String(version)}, this newsdesk reads version${READABLE_VERSIONS.length > 1 ? "s" : ""} ${READABLE_VERSIONS.join(" and ")}; rebuild it with: npx newsdesk ingest --knowledge ${dir}`,
  invalid: (file: string, dir: string, where: string, why: string) =>
    `${file}: invalid at ${where}: ${why}; rebuild it with: npx newsdesk ingest --knowledge ${dir}`,
  refused: (file: string, where: string, why: string) =>
    `${file}: refusing to write an invalid fact base (at ${where}: ${why})`,
} as const;

const where = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "(top level)");

/** The seal (SHA-256 digest) of each fact base read from, or written to, a sealed file. */
const SEALS = new WeakMap<FactBase, string>();
/**
 * The size in bytes of the sealed `facts.json` a fact base was read from or written to (with its
 * seal in {@link SEALS}): {@link KnowledgeStore.reload} leaves the fact base as it is while the
 * file on disk still has that size and seal.
 */
const SEALED_SIZES = new WeakMap<FactBase, number>();

/**
 * The SHA-256 digest sealing the file this fact base was read from (or last written to by
 * {@link writeFactBase}), or undefined when it was not read from a sealed file (built in memory
 * and never written, version 1, damaged or edited). Two fact bases with the same seal were read
 * from (or are) the same bytes: what is derived from one (an index) holds for the other.
 */
export function sealOf(facts: FactBase): string | undefined {
  return SEALS.get(facts);
}

/** How a fact base was read: through `facts.cache`, or from `facts.json` and why not the cache. */
export type CacheUse =
  | {
      used: true;
      /** The seal of the `facts.json` the cache was made of (and that the fact base carries). */
      seal: string;
      /** The size in bytes of that `facts.json`. */
      size: number;
    }
  | {
      used: false;
      /** Why the cache was not used (a {@link FactsCacheMessages} message). */
      reason: string;
    };

/** How each fact base {@link readFactBase} returned was read. */
const CACHE_USE = new WeakMap<FactBase, CacheUse>();

/**
 * Whether this fact base was read through `facts.cache` (and of which `facts.json`), or why not;
 * undefined for one {@link readFactBase} did not return.
 */
export function cacheUseOf(facts: FactBase): CacheUse | undefined {
  return CACHE_USE.get(facts);
}

/** Options of {@link readFactBase}. */
export interface ReadOptions {
  /** Read through `facts.cache` when it matches `facts.json` (default true); false reads `facts.json`. */
  cache?: boolean;
}

/**
 * Reads the folder's fact base: through `DIR/facts.cache` when it is the cache of the sealed
 * `DIR/facts.json` there (same size and seal in its head, see `facts-cache.ts`; the rest of
 * `facts.json` is not read, and {@link KnowledgeStore.verify} hashes it later), otherwise from
 * `DIR/facts.json` itself (see {@link cacheUseOf} for which, and why).
 *
 * `facts.json` is read and validated: version 2 (compact, see `compact.ts`) is validated in its
 * compact form and expanded (unless it is sealed and unchanged since a validated write, see
 * `sealCompactJson`); version 1 is validated with {@link FactBaseV1Schema} and converted.
 */
export function readFactBase(dir: string, { cache = true }: ReadOptions = {}): FactBase {
  let reason: string = FactsCacheMessages.notAsked;
  if (cache) {
    const read = readFactsCache(dir, FACTS_FILE);
    if ("compact" in read) {
      try {
        const facts = decodeFactBase(read.compact);
        SEALS.set(facts, read.seal);
        SEALED_SIZES.set(facts, read.size);
        CACHE_USE.set(facts, { used: true, seal: read.seal, size: read.size });
        return facts;
      } catch (err) {
        // Not expected of a whole cache of a sealed file; facts.json is read instead.
        reason = FactsCacheMessages.inconsistent((err as Error).message);
      }
    } else {
      reason = read.ignored;
    }
  }
  const facts = readFactsJson(dir);
  CACHE_USE.set(facts, { used: false, reason });
  return facts;
}

/** Reads and validates `DIR/facts.json` (see {@link readFactBase}). */
function readFactsJson(dir: string): FactBase {
  const file = join(dir, FACTS_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT")
      throw new FactBaseError(StoreMessages.missing(file, dir));
    throw new FactBaseError(StoreMessages.unreadable(file, (err as Error).message));
  }
  // A sealed file is exactly what a validated write produced (compact.ts, `sealCompactJson`): it is
  // ASCII, read as one-byte text without decoding, and not validated again. Anything else (an
  // older or hand-made file, a damaged or edited one) is decoded as UTF-8 and validated in full.
  const sealed = isSealed(bytes);
  const size = bytes.length;
  let raw = sealed ? bytes.toString("latin1") : bytes.toString("utf8");
  bytes = Buffer.alloc(0);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new FactBaseError(StoreMessages.notJson(file, dir, (err as Error).message));
  }
  raw = "";
  const head = json as { format?: unknown; version?: unknown; events?: unknown } | null;
  const ours = head !== null && typeof head === "object" && head.format === FACT_BASE_FORMAT;
  if (ours && !READABLE_VERSIONS.includes(head.version as number)) {
    throw new FactBaseError(StoreMessages.otherVersion(file, dir, head.version));
  }
  const invalid = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
    new FactBaseError(StoreMessages.invalid(file, dir, where(issues[0]!.path), issues[0]!.message));
  if (ours && head.version === 1) {
    const parsed = FactBaseV1Schema.safeParse(json);
    if (!parsed.success) throw invalid(parsed.error.issues);
    return { ...parsed.data, version: FACT_BASE_VERSION };
  }
  if (ours && Array.isArray(head.events)) {
    // Version 2 in the plain layout (what JSON.stringify of an in-memory fact base gives).
    const parsed = FactBaseSchema.safeParse(json);
    if (!parsed.success) throw invalid(parsed.error.issues);
    return parsed.data;
  }
  if (sealed) {
    const facts = decodeFactBase(json as CompactFactBase);
    SEALS.set(facts, (json as { sha256: string }).sha256);
    SEALED_SIZES.set(facts, size);
    return facts;
  }
  const parsed = CompactFactBaseSchema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return decodeFactBase(parsed.data);
}

/**
 * Writes `DIR/facts.json` (format version 2, compact) atomically: the JSON goes to a temporary
 * file in the same folder, is flushed to disk, then renamed over the old file, so a reader (or a
 * crash) never sees half a fact base. Validates first: an invalid fact base is never written, and
 * what is written is sealed, so that a read of it can skip validation.
 */
export function writeFactBase(dir: string, facts: FactBase): void {
  const file = join(dir, FACTS_FILE);
  const checked = FactBaseSchema.safeParse(facts);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new FactBaseError(StoreMessages.refused(file, where(issue.path), issue.message));
  }
  let compact: CompactFactBase;
  try {
    compact = encodeFactBase(checked.data);
  } catch (err) {
    if (err instanceof CompactEncodeError)
      throw new FactBaseError(StoreMessages.refused(file, err.path, err.message));
    throw err;
  }
  // The seal lets every read skip validation, so what is sealed passes the reader's validation here.
  const valid = CompactFactBaseSchema.safeParse(compact);
  if (!valid.success) {
    const issue = valid.error.issues[0]!;
    throw new FactBaseError(StoreMessages.refused(file, where(issue.path), issue.message));
  }
  const sealed = sealCompactJson(compactJson(compact));
  writeFileAtomically(file, (fd) => writeSync(fd, sealed, null, "latin1"));
  // What was written is what a read of the file gives: it carries the file's seal as a read would.
  SEALS.set(facts, sealedDigest(sealed));
  // The text is ASCII, written as one byte a character.
  SEALED_SIZES.set(facts, sealed.length);
}

/**
 * Whether `DIR/facts.json` is still the sealed file `facts` was read from or written to: the same
 * size, and the same seal in its head (only the head is read).
 */
function stillOnDisk(dir: string, facts: FactBase): boolean {
  const seal = SEALS.get(facts);
  const size = SEALED_SIZES.get(facts);
  if (seal === undefined || size === undefined) return false;
  try {
    const head = readFactsHead(join(dir, FACTS_FILE));
    return head.size === size && head.seal === seal;
  } catch {
    return false;
  }
}

/** Options of {@link KnowledgeStore.watch}. */
export interface WatchOptions {
  /** Called after a successful reload with the new fact base. */
  onReload?: (facts: FactBase) => void;
  /** Called when the new file is invalid; the store keeps the fact base it had. */
  onError?: (error: Error) => void;
  /** Waits this long after the last change before reloading (a write may come in several events). */
  debounceMs?: number;
}

/** Messages of {@link KnowledgeStore.verify}, for whoever reports its outcome. */
export const VerifyMessages = {
  notCached: (reason: string) => `facts.json was read without the cache (${reason}): nothing to verify`,
  differs: (file: string) =>
    `${file} does not match its seal (edited since it was written?): the fact base read through facts.cache was replaced by a full read of ${file}`,
  replaced: "the fact base was replaced while facts.json was hashed: nothing to verify",
  verified: (file: string) => `${file} matches the seal of the fact base read through facts.cache`,
  failed: (file: string, why: string) =>
    `${file}: could not verify the fact base read through facts.cache (${why})`,
} as const;

/** The outcome of {@link KnowledgeStore.verify}. */
export type VerifyResult =
  | {
      /** The fact base was not read through the cache (or was replaced since): nothing to check. */
      outcome: "unchecked";
      message: string;
    }
  | {
      /** `facts.json` hashes to the seal the cache was made of. */
      outcome: "verified";
      message: string;
    }
  | {
      /** `facts.json` does not: the store now holds the fact base read from it in full. */
      outcome: "reloaded";
      message: string;
    }
  | {
      /** Hashing, or the full read after a mismatch, failed; the store keeps what it had. */
      outcome: "failed";
      message: string;
      error: Error;
    };

/**
 * The SHA-256 of a file's bytes from `from` on, and the file's size, computed in a worker thread
 * (hashing 51 MB takes ~115 ms at 10,000 articles: not on the bot's main thread). Plain CommonJS,
 * run with `eval`, and without the parent's loader flags (tsx is not needed to hash a file).
 */
const HASH_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
const hash = createHash("sha256");
let bytes = 0;
createReadStream(workerData.file, { start: workerData.from, highWaterMark: 1 << 20 })
  .on("data", (chunk) => { hash.update(chunk); bytes += chunk.length; })
  .on("error", (err) => parentPort.postMessage({ error: err.message }))
  .on("end", () => parentPort.postMessage({ sha256: hash.digest("hex"), size: workerData.from + bytes }));
`;

/** The SHA-256 of `file`'s bytes after its sealed head, and its size (see {@link HASH_WORKER}). */
function hashSealedPayload(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, {
      eval: true,
      execArgv: [],
      workerData: { file, from: SEAL_LENGTH },
    });
    // A start or a test that ends never waits for the hash.
    worker.unref();
    let settled = false;
    worker.once("message", (m: { sha256: string; size: number } | { error: string }) => {
      settled = true;
      if ("error" in m) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once("error", (err) => {
      settled = true;
      reject(err);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the hashing worker stopped (exit code ${code})`));
    });
  });
}

/** Holds the current fact base of one knowledge folder. */
export class KnowledgeStore {
  #facts: FactBase;
  #generation = 0;

  constructor(
    readonly dir: string,
    facts?: FactBase,
  ) {
    this.#facts = facts ?? emptyFactBase();
  }

  /** Loads the folder's fact base; throws a {@link FactBaseError} when it is missing or invalid. */
  static load(dir: string): KnowledgeStore {
    return new KnowledgeStore(dir, readFactBase(dir));
  }

  /** The current fact base. */
  get facts(): FactBase {
    return this.#facts;
  }

  /** Increments each time the fact base is replaced; caches key on it. */
  get generation(): number {
    return this.#generation;
  }

  /** Replaces the fact base (after an ingest or a reload). */
  replace(facts: FactBase): void {
    this.#facts = facts;
    this.#generation++;
  }

  /**
   * The deferred check of a fact base read through `facts.cache`: the cache is used when
   * `facts.json` has the size and sealed head it was made of, which a hand edit can keep. This
   * hashes `facts.json` in a worker thread and, when it no longer hashes to its seal, replaces the
   * fact base by a full read of `facts.json` (bypassing the cache), as a start without the cache
   * would have read it. Logs nothing and never rejects: the outcome says what happened.
   */
  async verify(): Promise<VerifyResult> {
    const facts = this.#facts;
    const use = CACHE_USE.get(facts);
    if (!use?.used)
      return { outcome: "unchecked", message: VerifyMessages.notCached(use?.reason ?? "built in memory") };
    const file = join(this.dir, FACTS_FILE);
    let hashed: { sha256: string; size: number };
    try {
      hashed = await hashSealedPayload(file);
    } catch (err) {
      return {
        outcome: "failed",
        message: VerifyMessages.failed(file, (err as Error).message),
        error: err as Error,
      };
    }
    if (this.#facts !== facts) return { outcome: "unchecked", message: VerifyMessages.replaced };
    if (hashed.sha256 === use.seal && hashed.size === use.size)
      return { outcome: "verified", message: VerifyMessages.verified(file) };
    try {
      this.replace(readFactBase(this.dir, { cache: false }));
    } catch (err) {
      return {
        outcome: "failed",
        message: VerifyMessages.failed(file, (err as Error).message),
        error: err as Error,
      };
    }
    return { outcome: "reloaded", message: VerifyMessages.differs(file) };
  }

  /**
   * Re-reads the folder; keeps the current fact base when the new one is invalid, and throws.
   * Returns false, reading nothing, when `facts.json` is still the file the fact base in use was
   * read from or written to: the watch sees this process's own writes too (the feed poller's
   * ingest), and reading 50 MB again would stop the bot for a second at 10,000 articles.
   */
  reload(): boolean {
    if (stillOnDisk(this.dir, this.#facts)) return false;
    this.replace(readFactBase(this.dir));
    return true;
  }

  /**
   * Hot reload: watches the folder and reloads when `facts.json` is replaced (an ingest writes it
   * by rename, which a watch on the file itself would miss). Returns a function that stops watching.
   */
  watch({ onReload, onError, debounceMs = 150 }: WatchOptions = {}): () => void {
    let timer: NodeJS.Timeout | undefined;
    const watcher: FSWatcher = watch(this.dir, { persistent: false }, (_event, name) => {
      if (name !== null && name !== FACTS_FILE) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          if (this.reload()) onReload?.(this.#facts);
        } catch (err) {
          onError?.(err as Error);
        }
      }, debounceMs);
    });
    watcher.on("error", (err) => onError?.(err));
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }
}
