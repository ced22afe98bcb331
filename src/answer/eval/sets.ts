/**
 * The dev sets the answers are measured on (`../shared/eval`, read from there, never copied in),
 * each split once into a train and a test half by a seeded hash of the item's id, and the
 * knowledge base each is asked over (ingested once into a temporary folder, reused while the
 * articles and the fact-base format are unchanged).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ingest } from "../../knowledge/ingest.ts";
import { FACT_BASE_VERSION } from "../../knowledge/schema.ts";
import { KnowledgeStore } from "../../knowledge/store.ts";
import { type EvalQuestion, parseQuestions } from "../evaluate.ts";

/** The seed of the split: changing it would re-deal the halves, which must never happen after tuning. */
export const SPLIT_SEED = "newsdesk-dev-split-1";

/** Which half an item is in: the first byte of SHA-256(seed + id), even → train. */
export function halfOf(id: string): "train" | "test" {
  const byte = createHash("sha256").update(`${SPLIT_SEED}:${id}`).digest()[0]!;
  return byte % 2 === 0 ? "train" : "test";
}

/** One dev set. */
export interface DevSet {
  name: string;
  /** The questions file, relative to the project root. */
  questions: string;
  /** The articles folder the knowledge base is built from; null for the knowledge folder that ships. */
  articles: string | null;
  /** Ask each question again without its own article: the right reply is then to abstain. */
  withoutOwnArticle: boolean;
}

const SHARED = "../shared";

export const DEV_SETS: readonly DevSet[] = [
  { name: "seed-dev", questions: `${SHARED}/eval/seed-dev.jsonl`, articles: null, withoutOwnArticle: false },
  {
    name: "cnn-quiz",
    questions: `${SHARED}/eval/cnn-quiz/questions.jsonl`,
    articles: `${SHARED}/eval/cnn-quiz/articles`,
    withoutOwnArticle: true,
  },
  {
    name: "reuters-datelines",
    questions: `${SHARED}/eval/reuters-datelines/questions.jsonl`,
    articles: `${SHARED}/eval/reuters-datelines/articles`,
    withoutOwnArticle: false,
  },
  {
    name: "bbc-dev",
    questions: "tests/fixtures/answer/bbc-dev.jsonl",
    articles: `${SHARED}/corpus/bbc-cc0/articles`,
    withoutOwnArticle: false,
  },
];

/** A dev-set question, with the article it was written about where the set says. */
export interface DevQuestion extends EvalQuestion {
  id: string;
  /** The file name of its article (`20220107_20.md`), where known. */
  article: string | null;
}

/** Why a dev set could not be read. */
export const setsMissing = (set: string, path: string) =>
  `eval: the ${set} set is not at ${path}; the dev sets are read from ../shared/eval beside the project`;

/** The questions of a set, in one half or both. */
export function questionsOf(set: DevSet, root: string, half: "train" | "test" | "all"): DevQuestion[] {
  const file = resolve(root, set.questions);
  if (!existsSync(file)) throw new Error(setsMissing(set.name, file));
  const text = readFileSync(file, "utf8");
  const raw = text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id?: string; article?: string });
  return parseQuestions(file, text)
    .map((q, i) => ({ ...q, id: q.id ?? `${set.name}-${i + 1}`, article: raw[i]?.article ?? null }))
    .filter((q) => half === "all" || halfOf(`${set.name}:${q.id}`) === half);
}

/** Each article's id by the name of the file it came from (`20220107_20.md`), as the sets name them. */
export function articleIdsByFile(articles: readonly { file: string; id: string }[]): Map<string, string> {
  return new Map(articles.map((a) => [a.file.replace(/^articles\//, ""), a.id]));
}

/** The extraction code (`src/knowledge`), whose every change may change a fact base built before it. */
const KNOWLEDGE_CODE = fileURLToPath(new URL("../../knowledge/", import.meta.url));

/** The files of a folder and its subfolders, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/**
 * A fingerprint of an articles folder (names and sizes of its files) and of what reads it (the
 * fact-base format and the extraction code), so that a cached knowledge base is rebuilt when either changes.
 */
function fingerprint(dir: string): string {
  const h = createHash("sha256").update(`v${FACT_BASE_VERSION}`);
  for (const name of readdirSync(dir).sort()) h.update(`${name}:${statSync(join(dir, name)).size};`);
  for (const name of filesUnder(KNOWLEDGE_CODE))
    h.update(name).update(readFileSync(join(KNOWLEDGE_CODE, name)));
  return h.digest("hex").slice(0, 16);
}

/** The knowledge base a set is asked over, ingested on first use. */
export async function knowledgeOf(
  set: DevSet,
  root: string,
  onProgress?: (line: string) => void,
): Promise<KnowledgeStore> {
  if (set.articles === null) return KnowledgeStore.load(resolve(root, "knowledge"));
  const articles = resolve(root, set.articles);
  if (!existsSync(articles)) throw new Error(setsMissing(set.name, articles));
  const dir = join(tmpdir(), "newsdesk-eval", `${set.name}-${fingerprint(articles)}`);
  if (!existsSync(join(dir, "facts.json"))) {
    onProgress?.(`eval: building the ${set.name} knowledge base in ${dir} (once)`);
    const result = await ingest({ inputs: [articles], knowledgeDir: dir });
    if (result.failures.length) throw new Error(result.failures.map((f) => f.message).join("\n"));
  }
  return KnowledgeStore.load(dir);
}
