/**
 * `npm run eval:digest`: scores the digest's extractive summariser against the BBC reference summaries
 * (../shared/corpus/bbc-cc0/summaries) with ROUGE-1/2/L F1, beside the lead-3 baseline on the same articles.
 *
 * Length: both systems are scored at the same budget, 3 sentences (lead-3's), so the comparison is fair;
 * a second table scores both at the reference's own sentence count. The Discord digest itself shows 2.
 * Sentences are split with compromise, the same split for both systems.
 *
 * Usage: npm run eval:digest [-- --corpus DIR] [--json]
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import nlp from "compromise";
import { type RougeScores, rouge } from "../src/digest/rouge.ts";
import { leadSentences, type SummarySentence, summarise } from "../src/digest/summarise.ts";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: resolve(import.meta.dirname, "../../shared/corpus/bbc-cc0") },
    json: { type: "boolean", default: false },
  },
});
const corpus = values.corpus!;

interface Doc {
  name: string;
  title: string;
  sentences: SummarySentence[];
  reference: string;
  referenceSentences: number;
}

function readDoc(file: string): Doc {
  const raw = readFileSync(join(corpus, "articles", file), "utf8");
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  const title = fm ? (/^title:\s*"?(.*?)"?\s*$/m.exec(fm[1]!)?.[1] ?? "") : "";
  const body = fm ? raw.slice(fm[0].length) : raw;
  const sentences: SummarySentence[] = [];
  for (const paragraph of body.split(/\n\s*\n/)) {
    for (const text of nlp(paragraph.replace(/\s+/g, " ").trim()).sentences().out("array") as string[]) {
      if (text.trim()) sentences.push({ text: text.trim(), index: sentences.length });
    }
  }
  const name = basename(file, ".md");
  const refLines = readFileSync(join(corpus, "summaries", `${name}.txt`), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return { name, title, sentences, reference: refLines.join(" "), referenceSentences: refLines.length };
}

const docs = readdirSync(join(corpus, "articles"))
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map(readDoc);

type Row = { system: string; budget: string } & RougeScores;
const mean = (xs: RougeScores[]): RougeScores => ({
  rouge1: xs.reduce((a, x) => a + x.rouge1, 0) / xs.length,
  rouge2: xs.reduce((a, x) => a + x.rouge2, 0) / xs.length,
  rougeL: xs.reduce((a, x) => a + x.rougeL, 0) / xs.length,
});
const join_ = (ss: SummarySentence[]) => ss.map((s) => s.text).join(" ");

const rows: Row[] = [];
const wins = { three: 0, ref: 0 };
const ties = { three: 0, ref: 0 };
/** Per category (business, politics…), 3-sentence budget: ROUGE-1 of both systems. */
const byCategory = new Map<string, { ours: RougeScores[]; lead: RougeScores[] }>();
for (const budget of ["3 sentences", "reference length"] as const) {
  const ours: RougeScores[] = [];
  const lead: RougeScores[] = [];
  for (const d of docs) {
    const k = budget === "3 sentences" ? 3 : d.referenceSentences;
    const o = rouge(join_(summarise(d.title, d.sentences, k)), d.reference);
    const l = rouge(join_(leadSentences(d.sentences, k)), d.reference);
    ours.push(o);
    lead.push(l);
    if (budget === "3 sentences") {
      const c = d.name.replace(/-\d+$/, "");
      const entry = byCategory.get(c) ?? { ours: [], lead: [] };
      entry.ours.push(o);
      entry.lead.push(l);
      byCategory.set(c, entry);
    }
    if (o.rouge1 > l.rouge1) wins[budget === "3 sentences" ? "three" : "ref"]++;
    else if (o.rouge1 === l.rouge1) ties[budget === "3 sentences" ? "three" : "ref"]++;
  }
  rows.push({ system: "newsdesk (centroid+title+position, MMR)", budget, ...mean(ours) });
  rows.push({ system: "lead baseline", budget, ...mean(lead) });
}

if (values.json) {
  const categories = Object.fromEntries(
    [...byCategory].map(([c, v]) => [
      c,
      { newsdesk: mean(v.ours), lead: mean(v.lead), articles: v.ours.length },
    ]),
  );
  process.stdout.write(
    `${JSON.stringify({ articles: docs.length, rows, wins, ties, categories }, null, 2)}\n`,
  );
} else {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  process.stdout.write(`ROUGE F1 (%) on ${docs.length} BBC articles, ${corpus}\n`);
  process.stdout.write(`${"budget".padEnd(18)} ${"system".padEnd(42)} ROUGE-1 ROUGE-2 ROUGE-L\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.budget.padEnd(18)} ${r.system.padEnd(42)} ${pct(r.rouge1)}  ${pct(r.rouge2)}  ${pct(r.rougeL)}\n`,
    );
  }
  process.stdout.write("\nby category, 3 sentences (ROUGE-1 / ROUGE-2 / ROUGE-L F1 %, newsdesk vs lead):\n");
  for (const [c, v] of byCategory) {
    const o = mean(v.ours);
    const l = mean(v.lead);
    process.stdout.write(
      `  ${c.padEnd(14)} ${pct(o.rouge1)} ${pct(o.rouge2)} ${pct(o.rougeL)}   vs ${pct(l.rouge1)} ${pct(l.rouge2)} ${pct(l.rougeL)}\n`,
    );
  }
  process.stdout.write(
    `articles where newsdesk beats / ties lead on ROUGE-1: ${wins.three} / ${ties.three} of ${docs.length} at 3 sentences, ${wins.ref} / ${ties.ref} at reference length\n`,
  );
}
