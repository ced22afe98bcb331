/**
 * Scoring of questions with acceptable answers (the rules of `shared/eval/README.md`): after
 * lower-casing and dropping punctuation and the articles a/an/the, an answer is correct when one
 * acceptable answer appears in the answer text and a citation contains the evidence phrase; an
 * empty list of answers means the right reply is to abstain.
 */
import { z } from "zod";
import type { AnswerResult } from "./engine.ts";

/** One evaluation question. */
export const EvalQuestionSchema = z.object({
  id: z.string().optional(),
  question: z.string().min(1),
  answers: z.array(z.string()),
  evidence: z.string().nullable(),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

/** How one question went. */
export type EvalOutcome =
  | "answered-correctly"
  | "correctly-abstained"
  | "wrongly-answered"
  | "wrongly-abstained";

/** A scored question. */
export interface EvalRecord {
  item: EvalQuestion;
  result: AnswerResult;
  outcome: EvalOutcome;
  /** Whether a citation holds the evidence (null when there is no evidence to check or no answer). */
  citationCorrect: boolean | null;
}

/** The figures of one run. */
export interface EvalSummary {
  questions: number;
  answeredCorrectly: number;
  correctlyAbstained: number;
  wronglyAnswered: number;
  wronglyAbstained: number;
  /** Answered questions with evidence whose citation holds it, over those questions. */
  citationsCorrect: number;
  citationsChecked: number;
}

/** The longest answer the scorer accepts, in words (`shared/eval/README.md`). */
export const MAX_ANSWER_WORDS = 25;

/** Error text for a bad line of a questions file. */
export function evaluateBadLine(file: string, line: number, why: string): string {
  return `evaluate: ${file}:${line}: ${why}`;
}

/** Lower-case, punctuation and the articles a/an/the dropped, spaces collapsed. */
export function normaliseForScoring(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}\s]+/gu, "")
    .split(/\s+/)
    .filter((w) => w && w !== "a" && w !== "an" && w !== "the")
    .join(" ");
}

function contains(haystack: string, needle: string): boolean {
  const h = ` ${normaliseForScoring(haystack)} `;
  const n = normaliseForScoring(needle);
  return n.length > 0 && h.includes(n);
}

/** Scores one answer against its question. */
export function scoreAnswer(item: EvalQuestion, result: AnswerResult): EvalRecord {
  if (item.answers.length === 0) {
    return {
      item,
      result,
      outcome: result.answer === null ? "correctly-abstained" : "wrongly-answered",
      citationCorrect: null,
    };
  }
  if (result.answer === null) return { item, result, outcome: "wrongly-abstained", citationCorrect: null };
  const citationCorrect =
    item.evidence === null ? null : result.citations.some((c) => contains(c.sentence, item.evidence!));
  // The scorer reads at most 25 words of an answer: a paragraph that happens to hold the answer is not one.
  const answerOk =
    result.answer.split(/\s+/).length <= MAX_ANSWER_WORDS &&
    item.answers.some((a) => contains(result.answer!, a));
  const correct = answerOk && citationCorrect !== false;
  return { item, result, outcome: correct ? "answered-correctly" : "wrongly-answered", citationCorrect };
}

/** Parses a questions file (JSON lines); throws with the file and line of the first bad one. */
export function parseQuestions(file: string, text: string): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new Error(evaluateBadLine(file, i + 1, `not JSON (${(err as Error).message})`));
    }
    const parsed = EvalQuestionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(evaluateBadLine(file, i + 1, `${issue.path.join(".") || "line"}: ${issue.message}`));
    }
    out.push(parsed.data);
  });
  return out;
}

/** Adds up the records. */
export function summarise(records: EvalRecord[]): EvalSummary {
  const count = (o: EvalOutcome) => records.filter((r) => r.outcome === o).length;
  const checked = records.filter((r) => r.citationCorrect !== null);
  return {
    questions: records.length,
    answeredCorrectly: count("answered-correctly"),
    correctlyAbstained: count("correctly-abstained"),
    wronglyAnswered: count("wrongly-answered"),
    wronglyAbstained: count("wrongly-abstained"),
    citationsCorrect: checked.filter((r) => r.citationCorrect).length,
    citationsChecked: checked.length,
  };
}
