/**
 * Runs the dev sets: each question of a half asked through the engine and scored by the rules of
 * `shared/eval/README.md`; for sets whose questions name their article, each question asked again
 * without that article (the right reply is then to abstain). The figures: right, wrong and
 * abstained apart, citations right, the confident answers and how many of them are right, and a
 * risk–coverage table over the confidence.
 */
import type { AnswerEngine, AnswerResult } from "../engine.ts";
import { type EvalRecord, scoreAnswer } from "../evaluate.ts";
import { Tuning } from "../tuning.ts";
import { articleIdsByFile, type DevQuestion, type DevSet } from "./sets.ts";

/** The figures of one set on one half. */
export interface SetFigures {
  set: string;
  questions: number;
  right: number;
  wrong: number;
  /** Abstained on a question the articles answer. */
  abstained: number;
  /** Abstained, rightly, on a question they do not. */
  rightlyAbstained: number;
  citationsRight: number;
  citationsChecked: number;
  /** Answers given with confidence ≥ {@link Tuning.confidentFrom}, and the right ones among them. */
  confident: number;
  confidentRight: number;
  /** The questions asked without their own article: how many were (wrongly) answered. */
  withoutArticle: { asked: number; answered: number } | null;
}

/** One scored question, with what the engine said. */
export interface ScoredQuestion {
  question: DevQuestion;
  record: EvalRecord;
  /** The answer to the same question without its article, when asked. */
  without: AnswerResult | null;
}

export function evaluateSet(
  set: DevSet,
  engine: AnswerEngine,
  questions: readonly DevQuestion[],
): { figures: SetFigures; scored: ScoredQuestion[] } {
  const articleIds = articleIdsByFile(engine.pipeline.facts.articles);
  const scored = questions.map((question) => {
    const record = scoreAnswer(question, engine.answerQuestion(question.question));
    const own = question.article ? articleIds.get(question.article) : undefined;
    const without =
      set.withoutOwnArticle && own ? engine.answerQuestion(question.question, { excludeArticle: own }) : null;
    return { question, record, without };
  });
  const count = (o: EvalRecord["outcome"]) => scored.filter((s) => s.record.outcome === o).length;
  const answered = scored.filter((s) => s.record.result.answer !== null);
  const confident = answered.filter((s) => s.record.result.confidence >= Tuning.confidentFrom);
  const checked = scored.filter((s) => s.record.citationCorrect !== null);
  const asked = scored.filter((s) => s.without);
  return {
    scored,
    figures: {
      set: set.name,
      questions: scored.length,
      right: count("answered-correctly"),
      wrong: count("wrongly-answered"),
      abstained: count("wrongly-abstained"),
      rightlyAbstained: count("correctly-abstained"),
      citationsRight: checked.filter((s) => s.record.citationCorrect).length,
      citationsChecked: checked.length,
      confident: confident.length,
      confidentRight: confident.filter((s) => s.record.outcome === "answered-correctly").length,
      withoutArticle: asked.length
        ? { asked: asked.length, answered: asked.filter((s) => s.without!.answer !== null).length }
        : null,
    },
  };
}

/** Risk–coverage: for each confidence threshold, the share of questions answered and the share of those right. */
export function riskCoverage(
  scored: readonly ScoredQuestion[],
  thresholds = [0, 0.2, 0.4, 0.6, 0.8],
): { from: number; answered: number; right: number }[] {
  return thresholds.map((from) => {
    const given = scored.filter((s) => s.record.result.answer !== null && s.record.result.confidence >= from);
    return {
      from,
      answered: given.length,
      right: given.filter((s) => s.record.outcome === "answered-correctly").length,
    };
  });
}
