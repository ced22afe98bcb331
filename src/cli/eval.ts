/**
 * `newsdesk eval` (`npm run eval`): the dev sets of ../shared/eval, each on its test half (or
 * `--split train` while tuning), in one table; `--questions FILE [--knowledge DIR]` scores one
 * questions file instead.
 */
import { readFileSync } from "node:fs";
import { AnswerEngine } from "../answer/engine.ts";
import { evaluateSet, riskCoverage, type SetFigures } from "../answer/eval/run.ts";
import { DEV_SETS, knowledgeOf, questionsOf } from "../answer/eval/sets.ts";
import { parseQuestions, scoreAnswer, summarise } from "../answer/evaluate.ts";
import { KnowledgeStore } from "../knowledge/store.ts";
import { CliError, parseCli } from "./args.ts";
import { knowledgeDir } from "./ask.ts";

const USAGE =
  "newsdesk eval [--split test|train] [--set NAME] [--json] [--verbose] | newsdesk eval --questions FILE [--knowledge DIR]";
/** Default questions file (relative to the working directory, as `npm run eval` runs it). */
export const DEFAULT_QUESTIONS = "../shared/eval/seed-dev.jsonl";

function pct(n: number, d: number): string {
  return d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseCli(
    args,
    {
      questions: { type: "string" },
      knowledge: { type: "string" },
      json: { type: "boolean" },
      verbose: { type: "boolean" },
      split: { type: "string" },
      set: { type: "string" },
    },
    USAGE,
  );
  if (values.questions === undefined) return runDevSets(values);
  const file = values.questions ?? DEFAULT_QUESTIONS;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(
      `eval: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  let items: ReturnType<typeof parseQuestions>;
  try {
    items = parseQuestions(file, text);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const engine = new AnswerEngine(KnowledgeStore.load(knowledgeDir(values.knowledge)));
  const records = items.map((item) => scoreAnswer(item, engine.answerQuestion(item.question)));
  const s = summarise(records);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ file, ...s, records: records.map((r) => ({ id: r.item.id, question: r.item.question, outcome: r.outcome, answer: r.result.answer, citationCorrect: r.citationCorrect })) })}\n`,
    );
    return 0;
  }
  for (const r of records) {
    if (r.outcome === "answered-correctly" || r.outcome === "correctly-abstained") {
      if (!values.verbose) continue;
    }
    process.stdout.write(
      `${r.outcome.padEnd(19)} ${r.item.id ?? ""} ${r.item.question}\n    answer: ${r.result.answer ?? "(abstained)"} [${r.result.confidence}]\n` +
        `    cited: ${r.result.citations.map((c) => c.sentence).join(" | ") || "-"}\n`,
    );
  }
  process.stdout.write(
    `${[
      `questions:            ${s.questions} (${file})`,
      `answered correctly:   ${s.answeredCorrectly}`,
      `correctly abstained:  ${s.correctlyAbstained}`,
      `wrongly answered:     ${s.wronglyAnswered}`,
      `wrongly abstained:    ${s.wronglyAbstained}`,
      `correct overall:      ${pct(s.answeredCorrectly + s.correctlyAbstained, s.questions)}`,
      `citation correctness: ${s.citationsCorrect}/${s.citationsChecked} (${pct(s.citationsCorrect, s.citationsChecked)})`,
    ].join("\n")}\n`,
  );
  return 0;
}

/** The dev sets' table (test halves unless `--split train`). */
async function runDevSets(values: {
  split?: string;
  set?: string;
  json?: boolean;
  verbose?: boolean;
}): Promise<number> {
  const split = values.split ?? "test";
  if (split !== "test" && split !== "train")
    throw new CliError(`eval: --split is test or train, got "${split}"`);
  const sets = DEV_SETS.filter((s) => !values.set || s.name === values.set);
  if (sets.length === 0)
    throw new CliError(
      `eval: no set "${values.set}"; the sets are ${DEV_SETS.map((s) => s.name).join(", ")}`,
    );
  const rows: SetFigures[] = [];
  const risk: Record<string, ReturnType<typeof riskCoverage>> = {};
  for (const set of sets) {
    let store: KnowledgeStore;
    try {
      store = await knowledgeOf(set, process.cwd(), (line) => process.stderr.write(`${line}\n`));
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const engine = new AnswerEngine(store);
    const { figures, scored } = evaluateSet(set, engine, questionsOf(set, process.cwd(), split));
    rows.push(figures);
    risk[set.name] = riskCoverage(scored);
    if (values.verbose) {
      for (const s of scored) {
        if (s.record.outcome === "answered-correctly" || s.record.outcome === "correctly-abstained") continue;
        process.stdout.write(
          `${s.record.outcome.padEnd(19)} ${set.name} ${s.question.id} ${s.question.question}\n` +
            `    expected: ${s.question.answers.join(" | ") || "(abstain)"}\n` +
            `    answer: ${s.record.result.answer ?? "(abstained)"} [${s.record.result.confidence}]\n` +
            `    cited: ${s.record.result.citations.map((c) => c.sentence).join(" | ") || "-"}\n`,
        );
      }
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ split, sets: rows, riskCoverage: risk })}\n`);
    return 0;
  }
  process.stdout.write(`${devSetTable(split, rows)}\n\n${riskCoverageTable(risk)}\n`);
  return 0;
}

/** Risk–coverage: for each confidence threshold, how many answers each set gives at or above it, and how many are right. */
export function riskCoverageTable(risk: Record<string, ReturnType<typeof riskCoverage>>): string {
  const sets = Object.keys(risk);
  const lines = [
    `| answers with confidence ≥ | ${sets.map((s) => `${s}: right / given`).join(" | ")} |`,
    `|---|${sets.map(() => "---|").join("")}`,
  ];
  for (const [i, { from }] of (risk[sets[0]!] ?? []).entries()) {
    const cells = sets.map((s) => {
      const r = risk[s]![i]!;
      return `${r.right}/${r.answered}${r.answered ? ` (${pct(r.right, r.answered)})` : ""}`;
    });
    lines.push(`| ${from.toFixed(1)} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The table `npm run eval` prints (and the README's Quality section shows). */
export function devSetTable(split: string, rows: readonly SetFigures[]): string {
  const lines = [
    `| set (${split} half) | questions | right | wrong | abstained | rightly abstained | citations right | confidence ≥ 0.8: right / given | without its article: answered / asked |`,
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.set} | ${r.questions} | ${r.right} (${pct(r.right, r.questions)}) | ${r.wrong} | ${r.abstained} | ${r.rightlyAbstained} | ` +
        `${r.citationsChecked ? `${r.citationsRight}/${r.citationsChecked}` : "–"} | ${r.confidentRight}/${r.confident} | ` +
        `${r.withoutArticle ? `${r.withoutArticle.answered}/${r.withoutArticle.asked}` : "–"} |`,
    );
  }
  return lines.join("\n");
}
