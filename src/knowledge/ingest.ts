/**
 * Ingest: files in, fact base out. Reads every article file given (folders are walked), keeps
 * the articles already in the knowledge folder (re-built from their copies in `DIR/articles/`,
 * so extraction improvements apply), drops duplicates, copies new sources in, and writes
 * `DIR/facts.json` atomically. A file that cannot be read costs that file only: it is reported
 * with one line and everything else is still ingested.
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import { BuildCache } from "./build-cache.ts";
// Not build.ts: the analysis (compromise) is loaded only when this thread analyses (see below).
import { type ArticleFacts, articleId, articleIdentity, buildFactBase } from "./build-facts.ts";
import {
  ARTICLE_EXTENSIONS,
  ArticleParseError,
  IngestMessages,
  type ParsedArticle,
  parseArticleFile,
} from "./formats/index.ts";
import { type BuildJob, type BuildOutcome, runBuildPool } from "./pool.ts";
import type { FactBase } from "./schema.ts";
import { FACTS_FILE, FactBaseError, readFactBase, writeFactBase } from "./store.ts";

/** The folder, inside the knowledge folder, holding the copied sources. */
export const ARTICLES_DIR = "articles";

/** Defaults of ingest, in one place. */
export const IngestDefaults = Object.freeze({
  /** Below this many articles, worker start-up costs more than it saves. */
  poolThreshold: 40,
  /** Worker threads when the pool is used (the machine's cores, at most 4). */
  workers: Math.max(1, Math.min(4, availableParallelism())),
});

/** More ingest messages (the per-file ones live in `formats/errors.ts`). */
export const IngestRunMessages = {
  analysis: (file: string, why: string) => `ingest: ${file}: analysis failed (${why})`,
  parserFailed: (file: string, why: string) => `ingest: ${file}: could not be read as an article (${why})`,
  invalidArticle: (file: string, why: string) => `ingest: ${file}: the built article is invalid (${why})`,
  droppedFacts: (file: string, count: number, first: string) =>
    `ingest: ${file}: dropped ${count} invalid extracted item${count === 1 ? "" : "s"} (first: ${first})`,
} as const;

/** One file that failed, with the line to print. */
export interface IngestFailure {
  file: string;
  message: string;
}

/** What {@link ingest} did. */
export interface IngestResult {
  facts: FactBase;
  /** Articles new to the fact base. */
  added: number;
  /** Articles already there that a newer version replaced. */
  updated: number;
  /** Articles given again unchanged. */
  skipped: number;
  /** Articles kept from the knowledge folder (re-built from their copies). */
  kept: number;
  /** Articles whose analysis came from the build cache (unchanged article, unchanged code). */
  cached: number;
  failures: IngestFailure[];
  /** Lines worth telling the user that are not failures (a corrupt fact base being rebuilt). */
  notices: string[];
  seconds: number;
}

/** Options of {@link ingest}. */
export interface IngestOptions {
  /** Files and folders to ingest; none rebuilds from the knowledge folder's copies. */
  inputs: readonly string[];
  knowledgeDir: string;
  /** Progress: a stage name, done, total. */
  onProgress?: (stage: "reading" | "analysing", done: number, total: number) => void;
  /** Worker threads for the analysis; 0 runs in this thread; default: a pool when there are many articles. */
  workers?: number;
  /** Reuse analyses of unchanged articles made by the same code (default true); false re-analyses all. */
  cache?: boolean;
  now?: () => Date;
}

interface SourceFile {
  /** The path to print in messages. */
  display: string;
  path: string;
  /** Already inside `DIR/articles/` (a kept copy). */
  copy: boolean;
}

interface Candidate {
  parsed: ParsedArticle;
  file: SourceFile;
  identity: string;
}

const mtimeOf = (file: SourceFile) => {
  try {
    return statSync(file.path).mtimeMs;
  } catch {
    return 0;
  }
};
const sha = (data: Uint8Array | string) => createHash("sha1").update(data).digest("hex");
const fingerprint = (p: ParsedArticle) =>
  sha(JSON.stringify([p.title, p.source, p.published, p.url, p.body]));

/**
 * The article files under a folder, recursively, sorted; hidden entries are skipped. Other files
 * and symbolic links are passed to `onSkipped` with the line that says why.
 */
export function listArticleFiles(dir: string, onSkipped?: (line: string) => void): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listArticleFiles(path, onSkipped));
    else if (entry.isSymbolicLink()) onSkipped?.(IngestMessages.symlink(path));
    else if (entry.isFile() && ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
    else if (entry.isFile()) onSkipped?.(IngestMessages.notArticle(path));
  }
  return out;
}

const isInside = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep);
};

/** A name for the copy: the file's own name, or with a content hash when another file holds that name. */
function copyName(articlesDir: string, path: string, bytes: Uint8Array): string {
  const name = basename(path);
  const target = join(articlesDir, name);
  if (!existsSync(target) || sha(readFileSync(target)) === sha(bytes)) return name;
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)}-${sha(bytes).slice(0, 8)}${ext}`;
}

/** Ingests the inputs into the knowledge folder; never throws for a bad article file. */
export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const dir = options.knowledgeDir;
  const articlesDir = join(dir, ARTICLES_DIR);
  mkdirSync(articlesDir, { recursive: true });
  const articlesReal = realpathSync(articlesDir);
  const failures: IngestFailure[] = [];
  const notices: string[] = [];

  // What was there before: only to keep each article's ingestedAt across rebuilds.
  const ingestedAt = new Map<string, string>();
  if (existsSync(join(dir, FACTS_FILE))) {
    try {
      for (const a of readFactBase(dir).articles) ingestedAt.set(a.id, a.ingestedAt);
    } catch (err) {
      if (!(err instanceof FactBaseError)) throw err;
      notices.push(
        IngestMessages.factBaseRebuilt(
          join(dir, FACTS_FILE),
          err.message.replace(/^[^:]*: /, "").split(";")[0]!,
        ),
      );
    }
  }

  // The kept copies first, then the inputs (a file already in DIR/articles counts as a copy).
  const files: SourceFile[] = listArticleFiles(articlesDir)
    .filter((p) => !basename(p).startsWith("."))
    .map((p) => ({ display: p, path: p, copy: true }));
  const seenPaths = new Set(files.map((f) => realpathSync(f.path)));
  for (const input of options.inputs) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(input);
    } catch {
      failures.push({ file: input, message: IngestMessages.noInputs(input) });
      continue;
    }
    const paths = stat.isDirectory() ? listArticleFiles(input, (line) => notices.push(line)) : [input];
    if (stat.isDirectory() && !paths.length)
      failures.push({ file: input, message: IngestMessages.noArticleFiles(input) });
    for (const path of paths) {
      const real = realpathSync(path);
      if (seenPaths.has(real)) continue;
      seenPaths.add(real);
      files.push({ display: path, path, copy: isInside(real, articlesReal) });
    }
  }

  // Read and parse every file.
  const bytesOf = new Map<SourceFile, Uint8Array>();
  const candidates: Candidate[] = [];
  files.forEach((file, i) => {
    try {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file.path);
      } catch (err) {
        throw new ArticleParseError(
          IngestMessages.unreadable(file.display, (err as NodeJS.ErrnoException).code ?? String(err)),
        );
      }
      bytesOf.set(file, bytes);
      for (const parsed of parseArticleFile(bytes, file.display)) {
        candidates.push({ parsed, file, identity: articleIdentity(parsed) });
      }
    } catch (err) {
      // A parser failing in an unforeseen way (a library's stack overflow) costs that file only.
      const message =
        err instanceof ArticleParseError
          ? err.message
          : IngestRunMessages.parserFailed(file.display, (err as Error)?.message ?? String(err));
      failures.push({ file: file.display, message });
    }
    options.onProgress?.("reading", i + 1, files.length);
  });

  // Dedupe: one article per identity. A copy is what the fact base had; an input with the same
  // identity replaces it when its content differs (an update) and is skipped when it is the same.
  const chosen = new Map<string, Candidate>();
  const status = new Map<string, "added" | "updated" | "kept">();
  let skipped = 0;
  for (const c of candidates) {
    const prior = chosen.get(c.identity);
    if (!prior) {
      chosen.set(c.identity, c);
      status.set(c.identity, c.file.copy ? "kept" : "added");
      continue;
    }
    if (c.file.copy) {
      // Two copies of one article (a feed copy and a later, updated copy): the newer copy wins, so
      // a rebuild never brings back a version that an update replaced.
      if (prior.file.copy && mtimeOf(c.file) > mtimeOf(prior.file)) chosen.set(c.identity, c);
      continue;
    }
    skipped++; // counted once per article given again, whichever version wins
    if (fingerprint(prior.parsed) === fingerprint(c.parsed)) {
      notices.push(IngestMessages.duplicate(c.file.display, prior.file.display));
      continue;
    }
    // A newer version: it replaces the copy (an update), or an earlier input of this run.
    chosen.set(c.identity, c);
    if (prior.file.copy) {
      status.set(c.identity, "updated");
      skipped--;
    }
  }

  // Copy the inputs that contribute an article; drop copies that no article comes from any more.
  const fileName = new Map<SourceFile, string>();
  for (const c of chosen.values()) {
    if (fileName.has(c.file)) continue;
    if (c.file.copy) {
      fileName.set(c.file, relative(articlesReal, realpathSync(c.file.path)).split(sep).join("/"));
      continue;
    }
    const bytes = bytesOf.get(c.file)!;
    const name = copyName(articlesDir, c.file.path, bytes);
    copyFileSync(c.file.path, join(articlesDir, name));
    fileName.set(c.file, name);
  }
  const failed = new Set(failures.map((f) => f.file));
  for (const file of files) {
    if (file.copy && !fileName.has(file) && !failed.has(file.display)) rmSync(file.path, { force: true });
  }

  // Analyse every chosen article (in worker threads when there are many).
  const stamp = now().toISOString();
  const jobs: (BuildJob & { display: string; identity: string })[] = [...chosen.values()].map((c) => {
    const id = articleId(c.parsed);
    return {
      parsed: c.parsed,
      display: c.file.display,
      identity: c.identity,
      meta: { id, file: `${ARTICLES_DIR}/${fileName.get(c.file)!}`, ingestedAt: ingestedAt.get(id) ?? stamp },
    };
  });
  // Unchanged articles analysed by the same code come from the cache; the rest are analysed.
  const cache = options.cache === false ? null : new BuildCache(dir);
  const outcomes: (BuildOutcome | null)[] = jobs.map((job) => {
    const checked = cache?.get(job);
    return checked ? { checked } : null;
  });
  const todo = jobs.map((_, i) => i).filter((i) => !outcomes[i]);
  const workers =
    options.workers ?? (todo.length >= IngestDefaults.poolThreshold ? IngestDefaults.workers : 0);
  const progress = (done: number, total: number) => options.onProgress?.("analysing", done, total);
  let fresh: BuildOutcome[] = [];
  if (workers > 0 && todo.length) {
    fresh = await runBuildPool(
      // The raw file is not needed to build; a feed's items all share it, so it is not copied to workers.
      todo.map((i) => ({ parsed: { ...jobs[i]!.parsed, raw: "" }, meta: jobs[i]!.meta })),
      workers,
      progress,
    );
  } else if (todo.length) {
    const { buildCheckedArticle } = await import("./build.ts");
    fresh = todo.map((index, i) => {
      const job = jobs[index]!;
      let outcome: BuildOutcome;
      try {
        outcome = { checked: buildCheckedArticle(job.parsed, job.meta) };
      } catch (err) {
        outcome = { error: (err as Error)?.message ?? String(err) };
      }
      progress(i + 1, todo.length);
      return outcome;
    });
  }
  todo.forEach((index, i) => {
    const outcome = fresh[i]!;
    outcomes[index] = outcome;
    if ("checked" in outcome) cache?.set(jobs[index]!, outcome.checked);
  });
  cache?.prune();
  const built: ArticleFacts[] = [];
  const counts = { added: 0, updated: 0, kept: 0 };
  outcomes.forEach((maybe, i) => {
    const job = jobs[i]!;
    const outcome = maybe!;
    if ("error" in outcome) {
      failures.push({ file: job.display, message: IngestRunMessages.analysis(job.display, outcome.error) });
      return;
    }
    const { facts, problems } = outcome.checked;
    if (!facts) {
      failures.push({
        file: job.display,
        message: IngestRunMessages.invalidArticle(job.display, problems[0]!),
      });
      return;
    }
    if (problems.length)
      notices.push(IngestRunMessages.droppedFacts(job.display, problems.length, problems[0]!));
    built.push(facts);
    counts[status.get(job.identity)!]++;
  });

  const facts = buildFactBase(built, stamp, { checked: true });
  writeFactBase(dir, facts);
  return {
    facts,
    ...counts,
    skipped,
    cached: jobs.length - todo.length,
    failures,
    notices,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Resolves a knowledge folder path (relative to the working directory). */
export const knowledgePath = (dir: string) => resolve(dir);
