/**
 * `newsdesk ask "QUESTION" [--knowledge DIR] [--json]`: answers one question, or one question per
 * line of standard input when none is given (one JSON object a line with `--json`).
 */
import { createInterface } from "node:readline";
import { AnswerEngine, type AnswerResult } from "../answer/engine.ts";
import { loadConfig } from "../config.ts";
import { KnowledgeStore } from "../knowledge/store.ts";
import { parseCli } from "./args.ts";

const USAGE = 'newsdesk ask ["QUESTION"] [--knowledge DIR] [--json]';

/** The knowledge folder: `--knowledge`, else `KNOWLEDGE_DIR` from the configuration. */
export function knowledgeDir(option: string | undefined): string {
  return option ?? loadConfig(process.env).KNOWLEDGE_DIR;
}

/** The JSON object of one answer (the issue's contract). */
export function answerJson(result: AnswerResult): unknown {
  return {
    question: result.question,
    answer: result.answer,
    type: result.type,
    confidence: result.confidence,
    citations: result.citations.map((c) => ({
      articleId: c.articleId,
      title: c.title,
      source: c.source,
      published: c.published,
      url: c.url,
      attribution: c.attribution,
      sentence: c.sentence,
    })),
    suggestions: result.suggestions,
  };
}

/** The answer as text: the answer (or the abstention), then each citation. */
export function answerText(result: AnswerResult): string {
  const lines: string[] = [];
  if (result.answer === null) {
    lines.push("I could not find this in my articles.");
    if (result.suggestions.length) {
      lines.push("Closest facts:");
      for (const s of result.suggestions) lines.push(`  - ${s}`);
    }
  } else {
    lines.push(result.answer);
    for (const c of result.citations) {
      const credit = [c.source, c.published, c.attribution ? `via ${c.attribution}` : null]
        .filter(Boolean)
        .join(", ");
      lines.push(`  — "${c.sentence}"`);
      lines.push(`    ${c.title} (${credit})${c.url ? ` ${c.url}` : ""}`);
    }
  }
  return lines.join("\n");
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    { knowledge: { type: "string" }, json: { type: "boolean" } },
    USAGE,
  );
  const engine = new AnswerEngine(KnowledgeStore.load(knowledgeDir(values.knowledge)));
  const print = (question: string) => {
    const result = engine.answerQuestion(question);
    process.stdout.write(values.json ? `${JSON.stringify(answerJson(result))}\n` : `${answerText(result)}\n`);
  };
  if (positionals.length) {
    print(positionals.join(" "));
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  for await (const line of lines) {
    const question = line.trim();
    if (!question) continue;
    if (!values.json && !first) process.stdout.write("\n");
    if (!values.json) process.stdout.write(`Q: ${question}\n`);
    first = false;
    print(question);
  }
  return 0;
}
