/**
 * `newsdesk eval [--questions FILE] [--knowledge DIR] [--json] [--verbose]` (`npm run eval`): scores
 * the engine on questions with acceptable answers and prints the figures.
 */
import { readFileSync } from "node:fs";
import { AnswerEngine } from "../answer/engine.ts";
import { parseQuestions, scoreAnswer, summarise } from "../answer/evaluate.ts";
import { KnowledgeStore } from "../knowledge/store.ts";
import { CliError, parseCli } from "./args.ts";
import { knowledgeDir } from "./ask.ts";

const USAGE = "newsdesk eval [--questions FILE] [--knowledge DIR] [--json] [--verbose]";
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
    },
    USAGE,
  );
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
