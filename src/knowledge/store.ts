/**
 * The fact base in memory: loaded from `DIR/facts.json`, validated with zod, and swappable
 * when the folder changes (a new ingest) without a restart.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  type FSWatcher,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  watch,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import {
  emptyFactBase,
  FACT_BASE_FORMAT,
  FACT_BASE_VERSION,
  type FactBase,
  FactBaseSchema,
} from "./schema.ts";

/** The fact base file inside a knowledge folder. */
export const FACTS_FILE = "facts.json";

/** A fact base that is missing, unreadable or invalid; the message names the file and the first bad field. */
export class FactBaseError extends Error {
  override name = "FactBaseError";
}

/** Reads and validates `DIR/facts.json`. */
export function readFactBase(dir: string): FactBase {
  const file = join(dir, FACTS_FILE);
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new FactBaseError(
        `${file}: no fact base here; build one with: npx newsdesk ingest ARTICLES... --knowledge ${dir}`,
      );
    }
    throw new FactBaseError(`${file}: cannot read (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new FactBaseError(
      `${file}: not valid JSON (${(err as Error).message}); rebuild it with: npx newsdesk ingest --knowledge ${dir}`,
    );
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (
    head &&
    typeof head === "object" &&
    head.format === FACT_BASE_FORMAT &&
    head.version !== FACT_BASE_VERSION
  ) {
    throw new FactBaseError(
      `${file}: fact base format version ${String(head.version)}, this newsdesk reads version ${FACT_BASE_VERSION}; rebuild it with: npx newsdesk ingest --knowledge ${dir}`,
    );
  }
  const parsed = FactBaseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join(".") : "(top level)";
    throw new FactBaseError(
      `${file}: invalid at ${where}: ${issue.message}; rebuild it with: npx newsdesk ingest --knowledge ${dir}`,
    );
  }
  return parsed.data;
}

/**
 * Writes `DIR/facts.json` atomically: the JSON goes to a temporary file in the same folder,
 * is flushed to disk, then renamed over the old file, so a reader (or a crash) never sees half
 * a fact base. Validates first: an invalid fact base is never written.
 */
export function writeFactBase(dir: string, facts: FactBase): void {
  const checked = FactBaseSchema.safeParse(facts);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new FactBaseError(
      `${join(dir, FACTS_FILE)}: refusing to write an invalid fact base (at ${issue.path.join(".") || "(top level)"}: ${issue.message})`,
    );
  }
  const file = join(dir, FACTS_FILE);
  const temp = join(dir, `.${FACTS_FILE}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(temp, "w");
  try {
    writeSync(fd, `${JSON.stringify(checked.data, null, 1)}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw err;
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
