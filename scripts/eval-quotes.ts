/**
 * Scores quotation attribution against the hand-built gold set (`tests/fixtures/quotations/gold.jsonl`):
 * runs the real pipeline (read the file in its format, normalise, analyse, extract) on each gold article
 * and prints attribution precision and recall, cue accuracy and per-pattern results.
 *
 *   npm run eval:quotes [-- --gold FILE] [--shared DIR] [--verbose]
 *
 * A predicted quotation matches a gold one when its words contain the gold quote's first words
 * (case and punctuation ignored; equal quotes matched in order). It is correct when its speaker is the
 * gold speaker: by name or an alias the article uses (listed in the gold line).
 * Precision = correct / predicted quotations that name a speaker; recall = correct / gold quotations.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildArticle } from "../src/knowledge/build.ts";
import { parseArticleFile } from "../src/knowledge/formats/index.ts";
import type { Quotation } from "../src/knowledge/schema.ts";

interface Gold {
  article: string;
  quote: string;
  speaker: string | null;
  aliases: string[];
  cue: string | null;
  pattern: string;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const goldFile = opt("--gold", join(root, "tests/fixtures/quotations/gold.jsonl"));
const shared = opt("--shared", join(root, "../shared"));
const verbose = args.includes("--verbose");

/** Lower-case words only, so punctuation and quote styles do not matter. */
export const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/['’]/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Whether a predicted speaker names the gold speaker (name, alias, or a person's surname). */
export function sameSpeaker(predicted: string | null | undefined, gold: Gold): boolean {
  if (!predicted || !gold.speaker) return false;
  const p = norm(predicted).replace(/^the /u, "");
  const names = [gold.speaker, ...gold.aliases].map((n) => norm(n).replace(/^the /u, ""));
  if (names.includes(p)) return true;
  // A composite speaker (`joint statement of Armenia and Azerbaijan`) names the gold one in full.
  if (names.some((n) => n.split(" ").length >= 2 && ` ${p} `.includes(` ${n} `))) return true;
  return false;
}

const gold: Gold[] = readFileSync(goldFile, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Gold);

const byArticle = new Map<string, Gold[]>();
for (const g of gold) byArticle.set(g.article, [...(byArticle.get(g.article) ?? []), g]);

let predictedWithSpeaker = 0;
let correct = 0;
let matched = 0;
let cueRight = 0;
let falsePositives = 0;
const perPattern = new Map<string, { n: number; ok: number }>();
const problems: string[] = [];

for (const [article, golds] of byArticle) {
  const file = join(shared, article);
  const parsed = parseArticleFile(readFileSync(file), file)[0]!;
  const facts = buildArticle(parsed, { id: "eval", file: article, ingestedAt: new Date(0).toISOString() });
  const predictions: Quotation[] = facts.quotations;
  const used = new Set<number>();
  const matchOf = new Map<Gold, Quotation>();
  for (const g of golds) {
    const key = norm(g.quote);
    const i = predictions.findIndex((q, k) => !used.has(k) && norm(q.text).includes(key));
    if (i >= 0) {
      used.add(i);
      matchOf.set(g, predictions[i]!);
    }
  }
  for (const g of golds) {
    const q = matchOf.get(g);
    const ok = q ? sameSpeaker(q.speaker?.text, g) : false;
    const stat = perPattern.get(g.pattern) ?? { n: 0, ok: 0 };
    stat.n++;
    if (ok) stat.ok++;
    perPattern.set(g.pattern, stat);
    if (q) {
      matched++;
      if ((q.cue ?? null) === g.cue) cueRight++;
    }
    if (ok) correct++;
    else
      problems.push(
        `${article}: "${g.quote}" gold ${g.speaker} / ${q ? `got ${q.speaker?.text ?? "no speaker"}` : "not found"}`,
      );
  }
  predictions.forEach((q, k) => {
    if (q.speaker) predictedWithSpeaker++;
    if (!used.has(k)) {
      if (q.speaker) falsePositives++;
      problems.push(
        `${article}: extra quotation "${q.text.slice(0, 50)}" → ${q.speaker?.text ?? "no speaker"}`,
      );
    }
  });
}

const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
console.log(`gold quotations: ${gold.length} in ${byArticle.size} articles`);
console.log(`found (text matched): ${matched}/${gold.length} (${pct(matched, gold.length)})`);
console.log(
  `attribution precision: ${correct}/${predictedWithSpeaker} = ${pct(correct, predictedWithSpeaker)}`,
);
console.log(`attribution recall:    ${correct}/${gold.length} = ${pct(correct, gold.length)}`);
console.log(`cue accuracy (found quotations): ${cueRight}/${matched} = ${pct(cueRight, matched)}`);
console.log(`extra quotations with a speaker: ${falsePositives}`);
console.log("per pattern:");
for (const [pattern, s] of [...perPattern].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`  ${pattern.padEnd(30)} ${s.ok}/${s.n}`);
}
if (verbose || problems.length <= 12) {
  console.log("misses:");
  for (const p of problems) console.log(`  ${p}`);
}
