import { describe, expect, it } from "vitest";
import type { AnswerResult } from "../../src/answer/engine.ts";
import { normaliseForScoring, parseQuestions, scoreAnswer, summarise } from "../../src/answer/evaluate.ts";

const citation = (sentence: string) => ({
  articleId: "a",
  title: "T",
  source: "S",
  published: null,
  url: null,
  attribution: null,
  sentence,
});
const result = (answer: string | null, sentence = ""): AnswerResult => ({
  question: "q",
  answer,
  type: "person",
  confidence: answer ? 0.9 : 0.1,
  notSure: false,
  citations: answer ? [citation(sentence)] : [],
  suggestions: [],
});

describe("scoring an answer", () => {
  it("lower-cases and drops punctuation and the articles a/an/the", () => {
    expect(normaliseForScoring("The EU-brokered, an Important step!")).toBe("eubrokered important step");
  });

  it("counts an answer correct when an acceptable answer is in it and the citation holds the evidence", () => {
    const item = { question: "Who?", answers: ["Michel"], evidence: "praised the joint statement" };
    expect(scoreAnswer(item, result("Charles Michel", "Michel praised the joint statement.")).outcome).toBe(
      "answered-correctly",
    );
    const wrongCitation = scoreAnswer(item, result("Charles Michel", "Something else."));
    expect(wrongCitation.outcome).toBe("wrongly-answered");
    expect(wrongCitation.citationCorrect).toBe(false);
  });

  it("counts an abstention correct only when no answer is acceptable", () => {
    expect(scoreAnswer({ question: "?", answers: [], evidence: null }, result(null)).outcome).toBe(
      "correctly-abstained",
    );
    expect(scoreAnswer({ question: "?", answers: [], evidence: null }, result("Brazil")).outcome).toBe(
      "wrongly-answered",
    );
    expect(scoreAnswer({ question: "?", answers: ["x"], evidence: null }, result(null)).outcome).toBe(
      "wrongly-abstained",
    );
  });

  it("adds the figures up", () => {
    const s = summarise([
      scoreAnswer({ question: "a", answers: ["x"], evidence: "e" }, result("x", "e")),
      scoreAnswer({ question: "b", answers: [], evidence: null }, result(null)),
    ]);
    expect(s).toEqual({
      questions: 2,
      answeredCorrectly: 1,
      correctlyAbstained: 1,
      wronglyAnswered: 0,
      wronglyAbstained: 0,
      citationsCorrect: 1,
      citationsChecked: 1,
    });
  });

  it("names the file and line of a bad question line", () => {
    expect(() => parseQuestions("q.jsonl", '{"question":"a","answers":[],"evidence":null}\n{oops')).toThrow(
      /^evaluate: q\.jsonl:2: not JSON/,
    );
    expect(() => parseQuestions("q.jsonl", '{"question":"a","evidence":null}')).toThrow(
      /q\.jsonl:1: answers/,
    );
  });
});
