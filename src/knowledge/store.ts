/**
 * The fact base in memory: loaded from `DIR/facts.json` (format version 2, compact; version 1 is
 * still read), validated with zod, and swappable when the folder changes (a new ingest) without a
 * restart.
 */
import { type FSWatcher, readFileSync, watch, writeSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "../files.ts";
import {
  CompactEncodeError,
  type CompactFactBase,
  CompactFactBaseSchema,
  compactJson,
  decodeFactBase,
  encodeFactBase,
  isSealed,
  sealCompactJson,
  sealedDigest,
} from "./compact.ts";
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
 * The SHA-256 digest sealing the file this fact base was read from (or last written to by
 * {@link writeFactBase}), or undefined when it was not read from a sealed file (built in memory
 * and never written, version 1, damaged or edited). Two fact bases with the same seal were read
 * from (or are) the same bytes: what is derived from one (an index) holds for the other.
 */
export function sealOf(facts: FactBase): string | undefined {
  return SEALS.get(facts);
}

/**
 * Reads and validates `DIR/facts.json`: version 2 (compact, see `compact.ts`) is validated in its
 * compact form and expanded (unless it is sealed and unchanged since a validated write, see
 * `sealCompactJson`); version 1 is validated with {@link FactBaseV1Schema} and converted.
 */
export function readFactBase(dir: string): FactBase {
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

  /** Re-reads the folder; keeps the current fact base when the new one is invalid, and throws. */
  reload(): void {
    this.replace(readFactBase(this.dir));
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
          this.reload();
          onReload?.(this.#facts);
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
