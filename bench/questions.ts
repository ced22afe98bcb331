/**
 * The benchmark's question sets.
 *
 * - Latency questions: generated deterministically from real sentences of the real bbc-cc0
 *   articles (which are in every corpus size): who / when / how many / how much / what questions
 *   worded as a user would type them, a share with a typo. Each keeps the sentence it came from.
 * - Dev questions with evidence: `/work/shared/eval/seed-dev.jsonl` and `bench/questions/bbc-dev.jsonl`
 *   (written by hand), used for the supporting-sentence hit rate.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nlp from "compromise";
import { type BaseArticle, hash, prng, splitSentences } from "./corpus.ts";

export { containsEvidence, normaliseForEvidence } from "./evidence.ts";

/** A question with the phrase its supporting sentence must contain (null: none). */
export interface BenchQuestion {
  id: string;
  question: string;
  /** Phrase the top hit's sentence must contain; null when the question has no supporting sentence. */
  evidence: string | null;
  kind?: string;
  /** Article the question was written from. */
  articleId?: string;
}

/** The dev questions on the seed article. */
export const SEED_DEV_FILE = "/work/shared/eval/seed-dev.jsonl";
/** The hand-written dev questions on bbc-cc0 articles. */
export const BBC_DEV_FILE = join(import.meta.dirname, "questions", "bbc-dev.jsonl");

/** The generated latency questions, as the last `npm run bench` wrote them. */
export const GENERATED_FILE = join(import.meta.dirname, "questions", "generated.jsonl");

/**
 * The questions a bench run asks newsdesk, in its order: the seed's dev questions, the bbc-cc0 dev
 * questions, then the generated ones (each file when it exists).
 */
export function benchQuestions(): BenchQuestion[] {
  return [
    ...readQuestions(SEED_DEV_FILE),
    ...(existsSync(BBC_DEV_FILE) ? readQuestions(BBC_DEV_FILE) : []),
    ...(existsSync(GENERATED_FILE) ? readQuestions(GENERATED_FILE) : []),
  ];
}

/** Reads a JSON-lines question file (`{id, question, evidence}` per line). */
export function readQuestions(file: string): BenchQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const q = JSON.parse(l) as Partial<BenchQuestion>;
      if (typeof q.question !== "string" || !q.question.trim()) {
        throw new Error(`bench questions: ${file}:${i + 1}: no question`);
      }
      return {
        id: String(q.id ?? i + 1),
        question: q.question,
        evidence: typeof q.evidence === "string" ? q.evidence : null,
        ...(q.articleId ? { articleId: q.articleId } : {}),
      };
    });
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: "sq",
  b: "vn",
  c: "xv",
  d: "sf",
  e: "wr",
  f: "dg",
  g: "fh",
  h: "gj",
  i: "uo",
  j: "hk",
  k: "jl",
  l: "k",
  m: "n",
  n: "bm",
  o: "ip",
  p: "o",
  q: "w",
  r: "et",
  s: "ad",
  t: "ry",
  u: "yi",
  v: "cb",
  w: "qe",
  x: "zc",
  y: "tu",
  z: "x",
};

/** Puts one typo (swap, drop, double or a neighbouring key) into a word of five letters or more. */
export function injectTypo(question: string, rand: () => number): string {
  const words = question.split(" ");
  const candidates = words.map((w, i) => (/^[a-z]{5,}$/i.test(w) ? i : -1)).filter((i) => i > 0);
  if (candidates.length === 0) return question;
  const wi = candidates[Math.floor(rand() * candidates.length)] as number;
  const w = words[wi] as string;
  const at = 1 + Math.floor(rand() * (w.length - 2));
  const kind = Math.floor(rand() * 4);
  let typo: string;
  if (kind === 0) typo = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  else if (kind === 1) typo = w.slice(0, at) + w.slice(at + 1);
  else if (kind === 2) typo = w.slice(0, at) + w[at] + w.slice(at);
  else {
    const near = KEYBOARD_NEIGHBOURS[(w[at] as string).toLowerCase()] ?? "e";
    typo = w.slice(0, at) + near[Math.floor(rand() * near.length)] + w.slice(at + 1);
  }
  words[wi] = typo;
  return words.join(" ");
}

const DATE_WORDS =
  /\b(?:(?:on|in|by|since|until|last|this|next)\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+\d{1,2})?|(?:19|20)\d\d)\b,?/g;

function words(text: string, max: number): string {
  return text
    .replace(/["“”]/g, "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, max)
    .join(" ")
    .replace(/[,.;:!?'’]+$/, "");
}

/** The clause with its verbs in the infinitive, ready for `did …`: `it lost` → `it lose`. */
function infinitive(clause: string): string {
  const doc = nlp(clause);
  doc.verbs().toInfinitive();
  const text = doc.text().trim();
  const first = doc.terms().first();
  return first.has("#ProperNoun") || first.has("#Acronym")
    ? text
    : text.charAt(0).toLowerCase() + text.slice(1);
}

const AUXILIARY =
  /\b(?:is|was|were|are|be|been|being|has|had|have|will|would|could|can|may|might|should|must|'s)\b/i;
const TRAILING_FUNCTION_WORDS =
  /(?:\s+(?:a|an|the|of|to|in|at|for|with|and|or|but|that|which|who|after|before|by|on|from|as|its|his|her|their|than|into|over|about|up))+$/i;

function tidy(text: string): string {
  let out = text.replace(/^[^A-Za-z0-9$£€]+/, "");
  for (let i = 0; i < 2; i++) {
    out = out.replace(/[^A-Za-z0-9%)]+$/, "").replace(TRAILING_FUNCTION_WORDS, "");
  }
  return out.trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Tries to write a question of the given kind from one sentence; null when it does not fit. */
function questionFrom(kind: string, sentence: string): string | null {
  const clauseOf = (index: number) => {
    const before = sentence.slice(0, index);
    const cut = Math.max(before.lastIndexOf(","), before.lastIndexOf(";"), before.lastIndexOf(":"));
    return tidy(before.slice(cut + 1));
  };
  switch (kind) {
    case "how-many": {
      const m = /\b(\d[\d,]*)\s+([a-z]{3,}s|people|children|men|women)\b/.exec(sentence);
      if (!m || /^(?:years|days|weeks|months|hours|minutes|seconds|times)$/.test(m[2] as string)) {
        return null;
      }
      const clause = clauseOf(m.index);
      if (wordCount(clause) < 2 || wordCount(clause) > 10 || AUXILIARY.test(clause)) return null;
      return `How many ${m[2]} did ${infinitive(clause)}?`;
    }
    case "how-much": {
      const m = /[$£€]\s?\d[\d,.]*\s?(?:bn|m|billion|million)?|\d[\d,.]*\s?%/.exec(sentence);
      if (!m) return null;
      const clause = clauseOf(m.index)
        .replace(/\s+(?:by|to|of|at|about|around|some|nearly|almost|just)$/i, "")
        .trim();
      if (wordCount(clause) < 3 || wordCount(clause) > 12 || AUXILIARY.test(clause)) return null;
      return `How much did ${infinitive(clause)}?`;
    }
    case "when": {
      if (!sentence.match(DATE_WORDS)) return null;
      const stripped = sentence.replace(DATE_WORDS, "").replace(/\s+/g, " ").trim();
      const clause = tidy(words(stripped.split(/[,;:]/)[0] ?? "", 10));
      if (wordCount(clause) < 3 || AUXILIARY.test(clause)) return null;
      return `When did ${infinitive(clause)}?`;
    }
    case "who": {
      const m = nlp(sentence).match("[<person>#Person+] #Verb");
      if (!m.found) return null;
      const person = (m.groups("person") as { text(): string } | undefined)?.text() ?? "";
      const at = person ? sentence.indexOf(person) : -1;
      if (at < 0) return null;
      const tail = tidy(words(sentence.slice(at + person.length).replace(/^['’]s\s+/, ""), 8));
      if (!/^[a-z]/.test(tail) || wordCount(tail) < 3) return null;
      return `Who ${tail}?`;
    }
    default: {
      const doc = nlp(sentence);
      const people = doc.people().out("array") as string[];
      const person = tidy((people[0] ?? "").replace(/['’]s\b.*$/, ""));
      if (person && /\bsaid\b/.test(sentence)) {
        const topic = tidy(words(sentence.split(/\bsaid\b/)[1] ?? "", 6));
        return wordCount(topic) >= 2
          ? `What did ${person} say about ${topic.replace(/^(?:that|the)\s+/i, "")}?`
          : `What did ${person} say?`;
      }
      const nouns = (doc.nouns().out("array") as string[])
        .map((n) => tidy(n))
        .filter((n) => wordCount(n) >= 2 && wordCount(n) <= 5 && !/["“]/.test(n));
      const topic = nouns.sort((a, b) => wordCount(b) - wordCount(a))[0];
      return topic ? `What happened to ${topic.replace(/^(?:the|a|an)\s+/i, "the ")}?` : null;
    }
  }
}

const KINDS = ["who", "when", "how-many", "how-much", "what"] as const;

/**
 * Generates `count` questions from real sentences of the real articles, round-robin over the
 * question kinds, one question per sentence, `typoShare` of them with a typo. Deterministic.
 */
export function generateQuestions(
  articles: readonly BaseArticle[],
  count: number,
  options: { seed?: number; typoShare?: number } = {},
): BenchQuestion[] {
  const seed = options.seed ?? 7;
  const typoShare = options.typoShare ?? 0.25;
  const rand = prng(hash(`questions:${seed}`));
  const pool: { articleId: string; sentence: string }[] = [];
  for (const a of articles) {
    for (const p of a.paragraphs) {
      for (const s of splitSentences(p)) {
        const n = s.split(/\s+/).length;
        if (n >= 6 && n <= 45) pool.push({ articleId: a.id, sentence: s });
      }
    }
  }
  // Deterministic shuffle, so the questions spread over all articles.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as (typeof pool)[0], pool[i] as (typeof pool)[0]];
  }
  const out: BenchQuestion[] = [];
  const used = new Set<number>();
  // One cursor per kind: each sentence is tried at most once per kind.
  const cursor = new Map<string, number>(KINDS.map((k) => [k, 0]));
  let misses = 0;
  for (let round = 0; out.length < count && misses < KINDS.length; round++) {
    const kind = KINDS[round % KINDS.length] as string;
    let i = cursor.get(kind) ?? 0;
    let question: string | null = null;
    for (; i < pool.length && !question; i++) {
      if (used.has(i)) continue;
      question = questionFrom(kind, (pool[i] as (typeof pool)[0]).sentence);
      if (question) used.add(i);
    }
    cursor.set(kind, i);
    if (!question) {
      misses++;
      continue;
    }
    misses = 0;
    const item = pool[i - 1] as (typeof pool)[0];
    const typo = rand() < typoShare;
    out.push({
      id: `g${out.length + 1}`,
      question: typo ? injectTypo(question, rand) : question,
      evidence: item.sentence,
      kind: typo ? `${kind}+typo` : kind,
      articleId: item.articleId,
    });
  }
  return out;
}

/**
 * Autocomplete inputs from questions: what a user has typed so far into a topic option — the
 * first 3 letters, and half, of the question's last long word, and the question cut mid-way.
 */
export function autocompletePrefixes(questions: readonly BenchQuestion[]): string[] {
  const out: string[] = [];
  for (const q of questions) {
    const text = q.question.replace(/\?$/, "");
    const long = text.split(" ").filter((w) => w.length >= 5);
    const last = long[long.length - 1];
    if (last) {
      out.push(last.slice(0, 3));
      out.push(last.slice(0, Math.ceil(last.length / 2)));
    }
    out.push(text.slice(0, Math.max(3, Math.floor(text.length / 2))));
  }
  return out;
}
