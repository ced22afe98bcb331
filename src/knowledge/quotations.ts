/**
 * Quotations and reported speech: who said what, in which words.
 *
 * A quotation is the exact words between quote marks (found by `quotations/marks.ts`), with the
 * speaker named by the speech cue around it: before it (`X said: "…"`), after it (`"…," X said`,
 * `"…," said X`, `"…," the statement read`), through a pronoun (`he wrote` → the last fitting
 * person), or, for a quoted fragment inside the article's own words (`calling it an "important
 * step"`), the subject of the reporting or judging verb that governs it. A quote with no cue at all
 * carries on the previous speaker only when it directly follows that speaker's quotation; otherwise
 * its speaker stays null — never a made-up one.
 *
 * A statement is reported speech in the article's own words (`Both Armenia and Azerbaijan have said a
 * peace deal could be signed…`): speaker, cue and content, with no quote marks.
 */
import { isDirectCue, isGerund, reportingLemma, SPEECH_NOUNS, speechLemma } from "./quotations/cues.ts";
import { findQuoteSpans, groupQuoteSpans, groupText, type QuoteGroup } from "./quotations/marks.ts";
import {
  type Phrase,
  phraseAfter,
  Referents,
  resolveSpeaker,
  type Speaker,
  subjectBefore,
  type Token,
  tokenize,
} from "./quotations/speakers.ts";
import { tagsAt, verbsBetween } from "./quotations/tagged.ts";
import type { Entity, Quotation, Sentence, Span, Statement } from "./schema.ts";

/** What quotation extraction needs from one analysed article. */
export interface QuotationInput {
  articleId: string;
  published: string | null;
  text: string;
  paragraphs: Span[];
  sentences: Sentence[];
  /** The article's entities (article-local ids), to resolve speakers and pronouns. */
  entities: Entity[];
}

/** Lemmas that report speech in a statement (`X said a deal could be signed`). */
const STATEMENT_LEMMAS = new Set([
  "say",
  "tell",
  "add",
  "state",
  "announce",
  "warn",
  "insist",
  "argue",
  "claim",
  "note",
  "explain",
  "confirm",
  "admit",
  "acknowledge",
  "declare",
  "suggest",
  "predict",
  "deny",
  "reveal",
  "stress",
  "emphasise",
  "emphasize",
  "report",
  "write",
  "promise",
  "pledge",
  "vow",
]);

/** Words opening a clause whose subject comes into focus (`but McIlroy is unfazed`). */
const CLAUSE_SUBJECT_OPENERS = new Set([
  "but",
  "while",
  "whereas",
  "although",
  "though",
  "after",
  "when",
  "as",
]);

/** Verbs that, as a participle right before a quote, name a thing (`a film called "X"`). */
const NAMING_LEMMAS = new Set(["call", "dub", "label", "term", "brand", "title", "name"]);
const AUX_BEFORE_PARTICIPLE = /^(has|have|had|was|were|is|are|be|been|being)$/u;

/** Most words of a cue's object before a quote (`Limbaugh told his radio audience of Monday, "…"`). */
const MAX_LEFT_CUE_OBJECT_TOKENS = 7;

/** A sentence closed by its speech cue: `…, Tschauner said.`, `…, Ms Lev says.` */
const TRAILING_SPEAKER =
  /,\s+((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}'’-]*)\s+(?:said|says|added|told\s+\p{L}+|wrote)(?:\s+\p{L}+)?[.!]?$/u;

/** Most words of a participle cue's object (`telling CNN's Wolf Blitzer on Wednesday evening, "…"`). */
const GERUND_OBJECT_TOKENS = 7;

/** Most words before the cue that closes a sentence with a partial quote (`…," the country's Speaker of the House Lord Fakafanua said`). */
const MAX_WORDS_BEFORE_PARTIAL_CUE = 10;

/** Most words before the cue verb after a quote (`Curt Hopkins, director of the Committee, told`). */
const MAX_WORDS_BEFORE_TRAILING_CUE = 24;

const ABBREVIATION =
  /(?:^|\s)(?:mr|mrs|ms|dr|st|jr|sr|prof|gen|col|lt|no|vs|inc|co|corp|ltd|u\.s|sen|rep|gov|rev|sgt|capt|fr|supt|atty|\p{L})$/iu;

/** Offset where the sentence holding `pos` starts, not before `floor`. */
function sentenceStart(text: string, pos: number, floor: number): number {
  for (let i = pos - 1; i > floor; i--) {
    const c = text[i]!;
    if (c !== "." && c !== "!" && c !== "?") continue;
    let j = i + 1;
    if (/["”’]/u.test(text[j] ?? "")) j++;
    if (!/\s/u.test(text[j] ?? "")) continue;
    if (c === "." && ABBREVIATION.test(text.slice(Math.max(floor, i - 6), i))) continue;
    while (j < pos && /\s/u.test(text[j]!)) j++;
    return j;
  }
  return floor;
}

/** Offset where the sentence holding `pos` ends, not after `ceil`. */
function sentenceEnd(text: string, pos: number, ceil: number): number {
  for (let i = pos; i < ceil; i++) {
    const c = text[i]!;
    if (c !== "." && c !== "!" && c !== "?") continue;
    if (c === "." && ABBREVIATION.test(text.slice(Math.max(0, i - 6), i))) continue;
    if (i + 1 >= ceil || /\s/u.test(text[i + 1]!)) return i + 1;
  }
  return ceil;
}

interface Attributed {
  speaker: Speaker | null;
  cue: string | null;
}

/** Extracts the quotations (exact words) and statements (reported speech) of one article. */
export function extractQuotations(input: QuotationInput): {
  quotations: Quotation[];
  statements: Statement[];
} {
  const { text, paragraphs, sentences } = input;
  const refs = new Referents(text, input.entities);
  const groups = groupQuoteSpans(text, findQuoteSpans(text, paragraphs), paragraphs);
  const insideQuote = (pos: number) => groups.some((g) => pos > g.open && pos < g.close);
  const paragraphOf = (pos: number) =>
    Math.max(
      0,
      paragraphs.findIndex((p) => pos >= p.start && pos <= p.end),
    );

  const quotations: Quotation[] = [];
  const speakers: (Attributed & { group: QuoteGroup; kind: "direct" | "partial" })[] = [];
  let g = 0;
  const noteSubject = (s: Sentence) => {
    if (insideQuote(s.start)) return;
    // `…, Tschauner said.`: the speaker of reported speech is in focus, and a following `he said` is theirs.
    const trailing = s.text.match(TRAILING_SPEAKER);
    if (trailing && trailing.index !== undefined && !/["“”]/u.test(s.text)) {
      const start = s.start + trailing.index + trailing[0].indexOf(trailing[1]!);
      const speaker = resolveSpeaker(
        [{ text: trailing[1]!, start, end: start + trailing[1]!.length }],
        refs,
        sentences,
        s.paragraph,
      );
      if (speaker?.kind === "person" && speaker.entityId !== null)
        refs.note(start, speaker, true, s.paragraph);
    }
    if (/^["“‘']/u.test(s.text)) return;
    const first = verbsBetween(text, s.start, s.end)[0];
    if (first === undefined || first === s.start) return;
    const phrases = subjectBefore(text, s.start, first);
    if (!phrases) return;
    const speaker = resolveSpeaker(phrases, refs, sentences, s.paragraph);
    if (speaker) refs.note(phrases[0]!.start, speaker, true, s.paragraph);
    // Subjects of later clauses (`… but McIlroy is unfazed`, `after Sir Digby Jones said`) are in
    // focus too: a following `he` often means them.
    const tokens = tokenize(s.text, s.start);
    const verbAt = verbStarts(s.start, s.end);
    tokens.forEach((t, i) => {
      if (!CLAUSE_SUBJECT_OPENERS.has(t.lower) || insideQuote(t.start)) return;
      let j = i + 1;
      while (j < tokens.length && j - i <= 4 && /^\p{Lu}/u.test(tokens[j]!.text)) j++;
      const verb = tokens[j];
      if (j === i + 1 || !verb || !verbAt.has(verb.start)) return;
      const clauseSubject = resolveSpeaker(
        subjectBefore(text, tokens[i + 1]!.start, verb.start) ?? [],
        refs,
        sentences,
        s.paragraph,
      );
      if (clauseSubject?.kind === "person") refs.note(tokens[i + 1]!.start, clauseSubject, true, s.paragraph);
    });
  };

  for (const s of sentences) {
    noteSubject(s);
    while (g < groups.length && groups[g]!.open < s.end) {
      const group = groups[g]!;
      const previous = speakers[speakers.length - 1] ?? null;
      const q = attribute(group, g, previous);
      speakers.push({ ...q, group });
      if (q.speaker) refs.note(group.open, q.speaker, true, group.paragraph);
      const words = groupText(text, group);
      if (words) {
        const ids = sentences.filter((x) => x.end > group.open && x.start < group.close).map((x) => x.id);
        const sentenceIds = ids.length ? ids : [s.id];
        quotations.push({
          id: `${input.articleId}#q${quotations.length}`,
          articleId: input.articleId,
          sentenceId: sentenceIds[0]!,
          sentenceIds,
          text: words,
          speaker: q.speaker ? { text: q.speaker.name, entityId: q.speaker.entityId } : null,
          speakerRole: q.speaker?.role ?? null,
          cue: q.cue,
          kind: q.kind,
          date: null,
        });
      }
      g++;
    }
  }

  /** Attributes one quote group: its kind, speaker and cue. */
  function attribute(
    group: QuoteGroup,
    index: number,
    previous: (Attributed & { group: QuoteGroup; kind: "direct" | "partial" }) | null,
  ): Attributed & { kind: "direct" | "partial" } {
    const para = paragraphs[group.paragraph]!;
    const lastPara = paragraphs[group.lastParagraph]!;
    const prevGroup = index > 0 ? groups[index - 1]! : null;
    const nextGroup = groups[index + 1] ?? null;
    const floor = prevGroup && prevGroup.lastParagraph === group.paragraph ? prevGroup.close : para.start;
    const leftStart = sentenceStart(text, group.open, floor);
    const left = text.slice(leftStart, group.open);
    // What the previous quote left behind (`…region". "The two…`) is not a frame.
    const leftTrim = left.trim().replace(/^[.!?]+\s*/u, "");
    const leftTokens = tokenize(left, leftStart);
    const lastSpan = group.spans[group.spans.length - 1]!;
    const lastWords = text.slice(lastSpan.start, lastSpan.end);
    const ceil = nextGroup && nextGroup.paragraph === group.lastParagraph ? nextGroup.open : lastPara.end;
    const rightEnd = sentenceEnd(text, group.close, ceil);
    // A quote that ends its own sentence (`…end."`) takes no cue from the words after it.
    // …except a short cue sentence of its own that follows (`…warming." Hammes said.`).
    const cueSentence =
      /^\s*\p{Lu}[\p{L}.'’ -]{0,40}\s(?:said|says|added|wrote|told\s+\p{L}+)\.(?:\s|$)/u.test(
        text.slice(group.close, rightEnd + 1),
      );
    const rightOpen = !/\.$/u.test(lastWords) || /[?!]$/u.test(lastWords) || cueSentence;
    const rightTokens = rightOpen ? tokenize(text.slice(group.close, rightEnd), group.close) : [];

    // `"The inescapable conclusion," Alito wrote, according to the draft, "is that…"`: the second part of
    // a quote split around its cue, in the same sentence as the first part, is the first part's speaker's.
    const splitPart =
      previous?.speaker &&
      prevGroup === previous.group &&
      prevGroup.lastParagraph === group.paragraph &&
      leftStart === floor &&
      leftTrim.endsWith(",")
        ? { speaker: previous.speaker, cue: previous.cue }
        : null;
    const leftCue = findLeftCue(leftTokens, group.open);
    const direct =
      leftTrim === "" ||
      leftTrim.endsWith(":") ||
      leftCue !== null ||
      group.spans.length > 1 ||
      (leftTrim.endsWith(",") &&
        /^\p{Lu}/u.test(text.slice(group.spans[0]!.start, group.spans[0]!.start + 1)));
    const kind = direct ? "direct" : "partial";

    if (direct) {
      if (leftCue) {
        // `He went on to say, "…"`: the subject is the one of the verb `to say` hangs on.
        const infinitive =
          text.slice(Math.max(leftStart, leftCue.verb.start - 4), leftCue.verb.start) === " to ";
        // `The president called Warnock … and tweeted: "…"`: a coordinated verb shares the first one's subject.
        const coordinated = /\sand\s$/u.test(
          text.slice(Math.max(leftStart, leftCue.verb.start - 5), leftCue.verb.start),
        );
        const subjectEnd =
          infinitive || coordinated
            ? (firstVerb(leftStart, leftCue.verb.start) ?? leftCue.verb.start)
            : leftCue.verb.start;
        const phrases = leftCue.inverted ?? subjectBefore(text, leftStart, subjectEnd);
        const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, group.paragraph) : null;
        if (speaker) return { kind, speaker, cue: leftCue.cue ?? leftCue.verb.lower };
      }
      const gerund = gerundCue(leftTokens, leftStart, group);
      if (gerund) return { kind, ...gerund };
      const right = findRightCue(rightTokens, rightEnd);
      if (right) return { kind, ...right };
      if (leftTrim.endsWith(":")) {
        const owner = speechNounOwner(leftTokens, group.paragraph);
        if (owner) return { kind, ...owner };
      }
      if (splitPart) return { kind, ...splitPart };
      if (leftTrim !== "") return { kind, speaker: null, cue: null };
      // No cue. If the sentence before reports someone's words or views (`Ms Robinson tells
      // Cockerell that…`, `Greene believes…`) and holds no quote, the quote is theirs…
      const prevSentence = previousSentenceSpeaker(group, floor, para.start);
      if (prevSentence) return { kind, speaker: prevSentence, cue: null };
      // …else a quote that follows the previous quotation (in this paragraph, or a whole quotation
      // in the paragraph before) carries on its speaker.
      if (
        previous?.speaker &&
        (previous.group.lastParagraph === group.paragraph ||
          (previous.kind === "direct" && group.paragraph - previous.group.lastParagraph === 1))
      ) {
        return { kind, speaker: previous.speaker, cue: null };
      }
      const reporter = previousParagraphSpeaker(group);
      if (reporter) return { kind, speaker: reporter, cue: null };
      return { kind, speaker: null, cue: null };
    }
    // A partial quote's verb may come before an earlier quote of the same sentence
    // (`said that … "off the mark", they were bound to "come back…"`).
    const sentStart = sentenceStart(text, group.open, para.start);
    const sentTokens = tokenize(text.slice(sentStart, group.open), sentStart).filter(
      (t) => !groups.some((o) => o !== group && t.start > o.open && t.start < o.close),
    );
    const partial = attributePartial(sentTokens, sentStart, group);
    if (partial.speaker || partial.cue) return { kind, ...partial };
    // `According to Sean Spicer, the RNC spokesman, the debate was "a clear win."`: the sentence's source.
    if (sentTokens[0]?.lower === "according" && sentTokens[1]?.lower === "to") {
      const phrases = phraseAfter(text, sentTokens[1].end, group.open);
      const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, group.paragraph) : null;
      if (speaker) return { kind, speaker, cue: "according to" };
    }
    // No verb before it: a cue closing the sentence (`Suggestions that "outsourcing" … are wrong,
    // Ms Diemont says.`).
    const sentEnd = sentenceEnd(text, group.close, lastPara.end);
    const tail = text.slice(group.close, sentEnd);
    // American style puts the comma inside the marks (`… "spreading out," Weintraub said.`): the
    // words after the quote are then a trailing cue as if the comma stood outside.
    const commaInside = /,$/u.test(lastWords);
    // `The art world is "fantastically rich", said Mr Stone, with…`
    if (/^\s*,/u.test(tail) || commaInside) {
      const after = tokenize(tail, group.close).filter((t) => t.text !== ",");
      if (after[0] && isDirectCue(after[0].text)) {
        const right = findRightCue(after.slice(0, 8), sentEnd);
        if (right) return { kind, ...right };
      }
    }
    // The cue follows the quote's own comma, or the sentence's last comma; a subject of a few words
    // (`the US Ambassador to OSCE Michael Carpenter said on Monday`) comes before the cue verb.
    const segments: [number, number][] = [];
    if (commaInside) segments.push([0, tail.includes(",") ? tail.indexOf(",") : tail.length]);
    if (tail.includes(",")) segments.push([tail.lastIndexOf(",") + 1, tail.length]);
    for (const [from, to] of segments) {
      const trailing = tokenize(tail.slice(from, to), group.close + from);
      const cueAt = trailing.findIndex((t) => isDirectCue(t.text) || t.lower === "according");
      if (cueAt < 0 || cueAt > MAX_WORDS_BEFORE_PARTIAL_CUE) continue;
      // `, and analysts said many of her policies…`: a cue with a clause after it reports other words.
      const next = trailing[cueAt + 1];
      const nextTags = next ? tagsAt(text, next.start) : null;
      // A cue's own object (`Bourla told CBS`) or an adjunct (`said on Monday`) may follow.
      const adjunct = (tags: ReadonlySet<string>) =>
        ["Preposition", "Date", "Adverb", "ProperNoun"].some((tag) => tags.has(tag));
      const cue = trailing[cueAt]!.lower;
      if (cue !== "according" && speechLemma(cue) !== "tell" && nextTags && !adjunct(nextTags)) continue;
      const right = findRightCue(trailing, sentEnd);
      if (right) return { kind, ...right };
    }
    return partial.speaker || !splitPart ? { kind, ...partial } : { kind, ...splitPart };
  }

  /**
   * `His message to the chancellor was: "…"`, `Mr Brown's reply was: "…"`: the owner of a noun
   * for speech, before a colon.
   */
  function speechNounOwner(tokens: Token[], paragraph: number): Attributed | null {
    for (let i = 0; i < tokens.length; i++) {
      const noun = tokens[i]!;
      if (!SPEECH_NOUNS.has(noun.lower)) continue;
      const owner = tokens[i - 1];
      if (!owner) return null;
      let phrases: Phrase[] | null = null;
      const possessive = /^(his|her|their|its)$/u.exec(owner.lower);
      if (possessive) {
        const pronoun = { his: "he", her: "she", their: "they", its: "it" }[possessive[1] as "his"];
        phrases = [{ text: pronoun, start: owner.start, end: owner.end }];
      } else if (/['’]s$/u.test(owner.text)) {
        phrases = subjectBefore(text, tokens[0]!.start, owner.end - 2);
      }
      const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, paragraph) : null;
      return speaker ? { speaker, cue: noun.lower } : null;
    }
    return null;
  }

  /**
   * The speaker of the sentence before a quote with no cue, when that sentence reports speech or a
   * view (a speech or judging verb with a person as subject) and holds no quote of its own.
   */
  function previousSentenceSpeaker(group: QuoteGroup, floor: number, paraStart: number): Speaker | null {
    const end = sentenceStart(text, group.open, floor);
    if (end <= paraStart) return null;
    const start = sentenceStart(text, Math.max(paraStart, end - 1), paraStart);
    return reporterOf(start, end, group.paragraph);
  }

  /**
   * A quote that opens a paragraph with no cue, after a paragraph that ends by reporting someone's
   * words (`Smith said the plan would fail.` ¶ `"It's a disaster…"`): theirs.
   */
  function previousParagraphSpeaker(group: QuoteGroup): Speaker | null {
    const para = paragraphs[group.paragraph]!;
    const prev = paragraphs[group.paragraph - 1];
    if (!prev || text.slice(para.start, group.open).trim() !== "") return null;
    const start = sentenceStart(text, Math.max(prev.start, prev.end - 1), prev.start);
    return reporterOf(start, prev.end, group.paragraph - 1);
  }

  /** The person a sentence reports the words or views of, when it holds no quote of its own. */
  function reporterOf(start: number, end: number, paragraph: number): Speaker | null {
    if (groups.some((o) => o.close > start && o.open < end)) return null;
    const tokens = tokenize(text.slice(start, end), start);
    const verbs = verbStarts(start, end);
    const verb = tokens.find((t) => verbs.has(t.start) && reportingLemma(t.text) && !isGerund(t.text));
    if (!verb) return null;
    const phrases = subjectBefore(text, start, verb.start);
    const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, paragraph) : null;
    return speaker?.kind === "person" ? speaker : null;
  }

  /**
   * A speech verb at the end of the words before a quote (`X said:`, `he told Ms Sturgeon:`), or an
   * inverted cue (`which, said Mr Hopkins, "…"`).
   */
  function findLeftCue(
    tokens: Token[],
    open: number,
  ): { verb: Token; inverted: Phrase[] | null; cue?: string } | null {
    const verbs = verbStarts(tokens[0]?.start ?? open, open);
    // `According to Limbaugh, "…"`.
    const according = tokens.findIndex((t, i) => t.lower === "according" && tokens[i + 1]?.lower === "to");
    if (according >= 0 && tokens[tokens.length - 1]?.text === ",") {
      const phrases = phraseAfter(text, tokens[according + 1]!.end, open);
      if (phrases) return { verb: tokens[according]!, inverted: phrases, cue: "according to" };
    }
    for (let i = tokens.length - 1; i >= 0 && tokens.length - 1 - i <= MAX_LEFT_CUE_OBJECT_TOKENS; i--) {
      const t = tokens[i]!;
      if (isDirectCue(t.text) && !isGerund(t.text) && verbs.has(t.start)) {
        const after = text.slice(t.end, open).trim();
        // `X said "…"`, `X said: "…"`, `X told Ms Sturgeon: "…"`; not `X said Yerevan "…"`.
        if (after === "" || after === "," || after === ":" || (after.endsWith(":") && i < tokens.length - 1))
          return { verb: t, inverted: null };
        // `which, said Mr Hopkins, "…"`: a cue after a comma (or opening the frame) is inverted;
        // `Mook told CBS, "…"`, `Limbaugh told his radio audience, "…"`: after a subject, the words
        // between the verb and the comma are its object.
        const invertedCue = i === 0 || tokens[i - 1]!.text === ",";
        if (after.endsWith(",") && invertedCue && /^\p{Lu}/u.test(after)) {
          const phrases = phraseAfter(text, t.end, open);
          if (phrases) return { verb: t, inverted: phrases };
        }
        // `Joe Kahn, executive editor of The Times, said in a note to staff, "…"`: after an appositive
        // the cue looks inverted, but what follows it is no name.
        if ((after.endsWith(",") || after.endsWith(":")) && (!invertedCue || /^\p{Ll}/u.test(after)))
          return { verb: t, inverted: null };
        return null;
      }
    }
    return null;
  }

  /**
   * A participle cue before a quote (`footage of Hillary Clinton asking, "…"`, `Dean … poked at
   * Trump, tweeting, "…"`): the person named right before it, else the subject of the clause.
   */
  function gerundCue(tokens: Token[], leftStart: number, group: QuoteGroup): Attributed | null {
    const n = tokens.length;
    if (n < 2 || (tokens[n - 1]!.text !== "," && tokens[n - 1]!.text !== ":")) return null;
    // `telling reporters: "…"`: the participle may have a short object.
    let at = n - 2;
    while (at > n - 2 - GERUND_OBJECT_TOKENS && at > 0 && !isGerund(tokens[at]!.text)) at--;
    const t = tokens[at]!;
    if (!isGerund(t.text) || !isDirectCue(t.text)) return null;
    const before = at >= 1 && tokens[at - 1]!.text !== "," ? subjectBefore(text, leftStart, t.start) : null;
    const named = before ? resolveSpeaker(before, refs, sentences, group.paragraph) : null;
    if (named?.kind === "person" && named.entityId !== null) return { speaker: named, cue: t.lower };
    const finite = firstVerb(leftStart, t.start);
    if (finite === null) return null;
    const phrases = subjectBefore(text, leftStart, finite);
    const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, group.paragraph) : null;
    return speaker ? { speaker, cue: t.lower } : null;
  }

  /** Offsets of the words compromise reads as verbs in `[from, to)` (so `comment` the noun is no cue). */
  function verbStarts(from: number, to: number): Set<number> {
    return new Set(verbsBetween(text, from, to));
  }

  /** A cue after a quote: `, X said`, `, said X`, `, the statement read`, `, according to X`. */
  function findRightCue(tokens: Token[], end: number): Attributed | null {
    const words = tokens.filter((t) => t.text !== ",");
    const verbs = words.length ? verbStarts(words[0]!.start, end) : new Set<number>();
    for (let i = 0; i < Math.min(words.length, MAX_WORDS_BEFORE_TRAILING_CUE); i++) {
      const t = words[i]!;
      if (t.lower === "according" && words[i + 1]?.lower === "to") {
        if (i > 0) return null;
        const phrases = phraseAfter(text, words[i + 1]!.end, end);
        const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, paragraphOf(t.start)) : null;
        return speaker ? { speaker, cue: "according to" } : null;
      }
      if (!isDirectCue(t.text) || isGerund(t.text)) continue;
      // `said` after a quote is a verb even when compromise, seeing `, said X`, is unsure; so is a
      // cue right after a name (`Depp added`).
      const afterName = i > 0 && i <= 4 && words.slice(0, i).every((w) => /^\p{Lu}/u.test(w.text));
      if (!verbs.has(t.start) && i > 0 && !afterName) continue;
      let phrases: Phrase[] | null;
      if (i === 0) phrases = phraseAfter(text, t.end, end);
      else phrases = subjectBefore(text, words[0]!.start, t.start);
      const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, paragraphOf(t.start)) : null;
      return speaker ? { speaker, cue: t.lower } : null;
    }
    return null;
  }

  /**
   * A partial quote's speaker: the subject of the last reporting or judging verb before it in its
   * sentence (`the European Union considered an "important step"`); for a participle (`calling it
   * an "important step"`) the subject of the clause it hangs on; for an inverted cue (`which, said
   * Mr Hopkins, "is part…"`) the name after the verb.
   */
  function attributePartial(tokens: Token[], leftStart: number, group: QuoteGroup): Attributed {
    const verbs = verbStarts(leftStart, group.open);
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (!reportingLemma(t.text) || !verbs.has(t.start)) continue;
      const progressive = i > 0 && /^(is|are|was|were|been|be)$/u.test(tokens[i - 1]!.lower);
      // `a documentary called 'No More Mr Nasty'`: a participle naming a thing, not anyone's words.
      if (
        i === tokens.length - 1 &&
        /ed$/u.test(t.lower) &&
        NAMING_LEMMAS.has(reportingLemma(t.text)!) &&
        !(i > 0 && AUX_BEFORE_PARTICIPLE.test(tokens[i - 1]!.lower))
      )
        return { speaker: null, cue: null };
      if (isGerund(t.text) && !progressive) {
        // The participle's subject: the subject of an earlier finite verb of the sentence.
        const finite = firstVerb(leftStart, t.start);
        if (finite === null) continue;
        const phrases = subjectBefore(text, leftStart, finite);
        const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, group.paragraph) : null;
        return { speaker, cue: t.lower };
      }
      const next = tokens[i + 1];
      // `said Mr Hopkins, "…"` names the speaker; `told POLITICO, …` names the listener.
      if (next && /^\p{Lu}/u.test(next.text) && speechLemma(t.text) && speechLemma(t.text) !== "tell") {
        const after = phraseAfter(text, t.end, group.open);
        if (after && text.slice(after[0]!.end, group.open).trim().startsWith(",")) {
          const speaker = resolveSpeaker(after.slice(0, 1), refs, sentences, group.paragraph);
          if (speaker) return { speaker, cue: t.lower };
        }
      }
      const phrases = subjectBefore(text, leftStart, progressive ? tokens[i - 1]!.start : t.start);
      const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, group.paragraph) : null;
      return { speaker, cue: t.lower };
    }
    return { speaker: null, cue: null };
  }

  /**
   * Offset of the first verb in `[from, to)`, by compromise, or null. A participle clause that opens
   * the sentence (`Speaking about aid to Ukraine, Biden paraphrased…`) is passed over to its comma.
   */
  function firstVerb(from: number, to: number): number | null {
    const verbs = verbsBetween(text, from, to);
    const v = verbs[0];
    if (v === from && isGerund(text.slice(v, to).split(/[\s,]/u)[0]!)) {
      const comma = text.indexOf(",", v);
      const after = comma >= 0 && comma < to ? verbs.find((x) => x > comma) : undefined;
      return after ?? null;
    }
    return v !== undefined && v > from ? v : null;
  }

  const statements = extractStatements(input, refs, groups);
  return { quotations, statements };
}

/**
 * Reported speech: a sentence whose speech verb has a subject and a clause (`X have said a peace deal
 * could be signed`), or a clause followed by its cue (`…, Mr Law said.`), or `according to X`.
 */
function extractStatements(input: QuotationInput, refs: Referents, groups: QuoteGroup[]): Statement[] {
  const { text, sentences } = input;
  const out: Statement[] = [];
  for (const s of sentences) {
    // A sentence that is mostly a direct quotation is not reported speech.
    if (groups.some((g) => g.open <= s.start + 1 && g.close >= s.end - 1)) continue;
    if (groups.some((g) => g.open < s.end && g.close > s.start && /^["“]/u.test(s.text))) continue;
    const tokens = tokenize(s.text, s.start).filter(
      (t) => !groups.some((g) => t.start > g.open && t.start < g.close),
    );
    const add = (speaker: Speaker | null, cue: string, content: string) => {
      const c = content
        .trim()
        .replace(/^that\s+/iu, "")
        .replace(/[,.\s]+$/u, "");
      if (!speaker || c.split(/\s+/u).length < 3) return;
      out.push({
        id: `${input.articleId}#st${out.length}`,
        articleId: input.articleId,
        sentenceId: s.id,
        speaker: { text: speaker.name, entityId: speaker.entityId },
        cue,
        content: c,
      });
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.lower === "according" && tokens[i + 1]?.lower === "to") {
        const phrases = phraseAfter(text, tokens[i + 1]!.end, s.end);
        const speaker = phrases ? resolveSpeaker(phrases.slice(0, 1), refs, sentences, s.paragraph) : null;
        const before = text.slice(s.start, t.start);
        const after = phrases ? text.slice(phrases[0]!.end, s.end) : "";
        add(speaker, "according to", before.trim().length > after.trim().length ? before : after);
        break;
      }
      const lemma = speechLemma(t.text);
      if (!lemma || !STATEMENT_LEMMAS.has(lemma) || isGerund(t.text)) continue;
      const prev = text.slice(s.start, t.start).trimEnd();
      if (prev.endsWith(",") && i >= 1) {
        // `…, Mr Law said.`: the clause before the comma is the content.
        const comma = prev.lastIndexOf(",");
        const phrases = subjectBefore(text, s.start + comma + 1, t.start);
        const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, s.paragraph) : null;
        if (speaker && text.slice(t.end, s.end).trim().split(/\s+/u).length <= 4) {
          add(speaker, t.lower, text.slice(s.start, s.start + comma));
          break;
        }
      }
      const phrases = subjectBefore(text, s.start, t.start);
      const speaker = phrases ? resolveSpeaker(phrases, refs, sentences, s.paragraph) : null;
      const rest = text.slice(t.end, s.end);
      // The reported clause: after `that`, or straight after the verb (`said a deal could…`), past
      // a listener for `told` (`told reporters that…`).
      const m = rest.match(/^\s*(?:[\p{L}'’\s]{0,40}?\s)?that\s+(.+)$/su) ?? rest.match(/^\s+(.+)$/su);
      const content = m?.[1] ?? "";
      if (/^(?:in|on|at|to|by|of|with|for|from|after|before)\b/iu.test(content.trim())) continue;
      if (/^[:"“]/u.test(rest.trim())) continue;
      add(speaker, t.lower, content);
      break;
    }
  }
  return out;
}
