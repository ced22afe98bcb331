/**
 * Events: who did what to whom, when and where, one per clause, read from compromise's tags.
 *
 * A verb group (`will release`, `has refused`, `laid down`) is found from the verb tags; its
 * subject is the noun phrase before it in the same clause, past parentheticals (`, who had
 * controlled that area for three decades,`), fronted adverbials (`after just a day of fighting,`)
 * and appositives; its object is the noun phrase after it, or the `to`-clause of a verb such as
 * `refuse` or `agree`. Passives (`was achieved`) take their actor from `by …` or have none.
 * Precision comes before recall: a group whose subject cannot be read cleanly gets no actor, words
 * inside quotation marks (the speaker's, not the article's) yield no event, and verbs of saying are
 * left to the quotation module.
 */
import type { DateMention } from "./dates.ts";
import { CONTROL_VERBS, SPEECH_VERBS } from "./lexicon.ts";
import type { EntitySpan } from "./names.ts";
import { type Token, verbLemma } from "./nlp.ts";
import type { QuantitySpan } from "./quantities.ts";
import type { Argument, Entity, Event } from "./schema.ts";
import type { SentenceTokens } from "./sentences.ts";
import { isWholeEvent } from "./whole-fact.ts";
import { mayTakeNoObject } from "./wordnet.ts";

/** Everything the event reader needs about one sentence. */
export interface EventSentence {
  st: SentenceTokens;
  dates: DateMention[];
  quantities: QuantitySpan[];
  /** Entity spans of the whole article, sorted by start. */
  spans: EntitySpan[];
}

const AUX = new Set([
  "will",
  "shall",
  "would",
  "could",
  "can",
  "may",
  "might",
  "must",
  "should",
  "has",
  "have",
  "had",
  "having",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "am",
  "do",
  "does",
  "did",
  "'ll",
  "'s",
  "'re",
  "'ve",
  "'d",
  "get",
  "got",
]);
const BE = new Set(["is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "get", "got"]);
const NEGATIONS = new Set(["not", "n't", "never", "no"]);
const FUTURE_AUX = new Set(["will", "shall", "'ll"]);
const MODAL_AUX = new Set(["would", "could", "may", "might", "can", "should", "must"]);
const PAST_AUX = new Set(["has", "have", "had", "was", "were", "did", "'ve", "'d"]);
const LIGHT_VERBS = new Set(["be", "have", "do", "get"]);
// Words that open a new clause; after/before/as/since/until double as prepositions and are not here.
const STRONG_STARTERS = new Set([
  "while",
  "whereas",
  "but",
  "because",
  "although",
  "though",
  "unless",
  "whether",
  "if",
  "that",
  "so",
]);
// Words that open a subordinate clause (`When the minister resigned, …`): the clause after its comma is the main one.
const SUBORDINATORS = new Set([
  "when",
  "whenever",
  "once",
  "while",
  "if",
  "because",
  "although",
  "though",
  "unless",
  "after",
  "before",
  "since",
  "until",
  "as",
]);
// Subordinators that, inside the words before a verb, open the clause that verb belongs to.
const CLAUSE_OPENERS = new Set([
  "as",
  "when",
  "while",
  "because",
  "although",
  "though",
  "once",
  "whenever",
  "if",
  "unless",
]);
// Words that open a condition or an embedded question (`if …`, `unless …`, `how objects behave`):
// what follows is not told as having happened.
const CONDITIONS = new Set(["if", "unless", "whether", "how", "why", "what"]);
const PREPOSITIONS = new Set([
  "in",
  "on",
  "at",
  "to",
  "into",
  "onto",
  "from",
  "by",
  "with",
  "without",
  "over",
  "under",
  "about",
  "after",
  "before",
  "since",
  "until",
  "during",
  "due",
  "against",
  "between",
  "among",
  "across",
  "through",
  "throughout",
  "towards",
  "toward",
  "for",
  "despite",
  "amid",
  "within",
  "beyond",
  "near",
  "per",
  "via",
  "following",
  "including",
  "as",
  "like",
  "than",
  "upon",
  "around",
]);
// Verbs whose object is a clause (`said sales rose`): what follows them starts a new clause.
const REPORTING = new Set([
  ...SPEECH_VERBS,
  "think",
  "believe",
  "expect",
  "hope",
  "fear",
  "warn",
  "announce",
  "report",
  "show",
  "find",
  "suggest",
  "insist",
  "argue",
  "know",
  "feel",
  "confirm",
  "deny",
  "admit",
  "reveal",
  "predict",
  "estimate",
  "mean",
  "see",
  "hear",
  "learn",
  "agree",
  "claim",
  "accept",
  "recognise",
  "recognize",
  "realise",
  "realize",
  "ensure",
  "indicate",
]);
const isPreposition = (t: Token) => t.tags.has("Preposition") || PREPOSITIONS.has(t.normal);
// A full stop after `Mr`, `Dr`, an initial: not the end of anything.
const ends = (t: Token, marks = /[,;:!?]/) =>
  marks.test(t.post) ||
  (/\./.test(t.post) && !(t.tags.has("Honorific") || t.tags.has("Abbreviation") || /^[A-Z]$/.test(t.text)));
const RELATIVES = new Set(["who", "which", "whose", "whom", "where"]);
const LOCATIVE_PARTICIPLES = new Set([
  "base",
  "born",
  "bear",
  "make",
  "build",
  "headquarter",
  "register",
  "list",
  "locate",
  "grow",
  "breed",
  "raise",
  "produce",
  "manufacture",
  "educate",
  "train",
  "bred",
  "made",
]);
const SUBJECT_PRONOUNS = new Set(["he", "she", "it", "they", "we", "i", "you"]);
const PRONOUNS_PERSON = new Set(["he", "she"]);
const PRONOUNS_THING = new Set(["it"]);
const PLACE_PREPOSITIONS = new Set([
  "in",
  "at",
  "to",
  "into",
  "inside",
  "near",
  "across",
  "throughout",
  "from",
]);
const FRONT_ADVERBS = new Set([
  "also",
  "so",
  "however",
  "meanwhile",
  "but",
  "and",
  "then",
  "now",
  "still",
  "yet",
  "previously",
  "later",
  "earlier",
  "far",
  "instead",
  "thus",
  "therefore",
  "moreover",
  "furthermore",
  "separately",
  "already",
  "now",
  "currently",
  "again",
  "finally",
  "just",
  "only",
  "even",
  "easily",
]);

interface VerbGroup {
  from: number;
  to: number; // exclusive, token index within the sentence
  main: number;
  particles: number[];
  lemma: string;
  passive: boolean;
  future: boolean;
  modal: boolean;
  past: boolean;
  negated: boolean;
  relative: boolean;
  /** `to`-complement span for control verbs (`refused to attend …`). */
  complement: [number, number] | null;
}

/** Reads the events of one sentence. `state` carries the event count and the pronoun referents. */
export function findEvents(
  articleId: string,
  text: string,
  input: EventSentence,
  entities: ReadonlyMap<string, Entity>,
  state: { count: number; lastPerson: string | null; lastThing: string | null },
): Event[] {
  const { st } = input;
  const toks = repairPastTense(st.tokens);
  const quoted = quotedMask(text, st.sentence.start, st.sentence.end, toks);
  const relatives = relativeSpans(toks);
  const relativeAt = (k: number) => relatives.find(([a, b]) => k >= a && k < b) ?? null;
  // A word inside a name (`Time Warner`, `Foreign Office`) is not a verb, whatever its tag.
  const named = toks.map((t) => input.spans.some((sp) => t.start >= sp.start && t.start < sp.end));
  const groups = verbGroups(
    toks,
    quoted.map((q, k) => q || named[k]!),
  ).filter((g) => toks[g.from - 1]?.normal !== "to");
  const skipOrNamed = (extra: (k: number) => boolean) => ({ skip: extra, named: (k: number) => named[k]! });
  for (const g of groups) g.relative = relativeAt(g.from) !== null;
  const events: Event[] = [];
  // Each event's clause as tokens, and where each main clause's subject starts: a clause ends
  // before the next one's subject (`When X married Y in 2005, the couple moved`).
  const clauses = new Map<Event, { from: number; to: number; verbTo: number; reports: boolean }>();
  const subjectStarts: number[] = [];
  let prevMain: { group: VerbGroup; event: Event | null; subordinate: boolean } | null = null;
  let thingHere: string | null = null;
  for (const [gi, g] of groups.entries()) {
    const rel = relativeAt(g.from);
    const nextMain = groups.slice(gi + 1).find((x) => !x.relative);
    let subject: [number, number] | null = null;
    let inherited: Argument | null = null;
    let antecedentObject: [number, number] | null = null;
    let regionStart: number;
    if (rel) {
      const pronoun = toks[rel[0]]!.normal === "in" ? rel[0] + 1 : rel[0];
      regionStart = rel[0];
      if (g.from === pronoun + 1) {
        // `forces, who had controlled …`: the relative pronoun is the subject; `that` is too
        // ambiguous about its antecedent to name an actor.
        subject =
          toks[pronoun]!.normal === "who" || toks[pronoun]!.normal === "which"
            ? antecedent(toks, rel[0])
            : null;
      } else {
        // `…region, which Azerbaijan reclaimed`: its own subject, the antecedent as object.
        subject = findSubject(
          toks,
          pronoun + 1,
          g.from,
          quoted,
          skipOrNamed(() => false),
        );
        // `Wuhan, where residents called for …`: where it happened, not what was acted on.
        if (toks[pronoun]!.normal !== "whose" && toks[pronoun]!.normal !== "where")
          antecedentObject = antecedent(toks, rel[0]);
      }
    } else {
      // Where this clause may start: after the previous main verb, or a clause word after it.
      let boundary: number = prevMain ? (prevMain.group.complement?.[1] ?? prevMain.group.to) : 0;
      for (let k = g.from - 1; k >= boundary; k--) {
        if (relativeAt(k)) continue;
        const t = toks[k]!;
        if (
          // A fronted subordinate clause ends at its comma: what follows is the main clause.
          (prevMain?.subordinate === true && /,/.test(t.post) && k >= prevMain.group.to) ||
          STRONG_STARTERS.has(t.normal) ||
          /[;:]/.test(t.post) ||
          (t.normal === "and" && /,/.test(toks[k - 1]?.post ?? ""))
        ) {
          boundary = k + 1;
          break;
        }
      }
      const before = toks[g.from - 1];
      if (
        prevMain &&
        before &&
        ["and", "or", "then"].includes(before.normal) &&
        boundary <= prevMain.group.to
      ) {
        // `laid down their weapons and agreed to …`: the same subject.
        inherited = prevMain.event?.actor ?? null;
      } else if (
        prevMain &&
        !prevMain.subordinate &&
        boundary === (prevMain.group.complement?.[1] ?? prevMain.group.to) &&
        !REPORTING.has(prevMain.group.lemma)
      ) {
        // Two clauses with nothing between them (`It lost 464,000 subscribers in the fourth
        // quarter profits were lower`) cannot be read safely: no subject.
        subject = null;
      } else {
        subject = findSubject(
          toks,
          boundary,
          g.from,
          quoted,
          skipOrNamed((k) => relativeAt(k) !== null),
        );
      }
      regionStart = boundary;
      if (subject) subjectStarts.push(subject[0]);
      const opener: Token | undefined = toks
        .slice(boundary, g.from)
        .find((t) => !FRONT_ADVERBS.has(t.normal));
      prevMain = {
        group: g,
        event: null,
        subordinate: [opener, toks[boundary - 1]].some((t) => t !== undefined && SUBORDINATORS.has(t.normal)),
      };
    }
    if (SPEECH_VERBS.has(g.lemma) || LIGHT_VERBS.has(g.lemma) || !/[a-z]/.test(g.lemma)) continue;
    const afterVerb = g.complement?.[1] ?? g.to;
    // A verb whose object is a clause (`warned that growth would slow`) keeps that clause.
    // So does any verb a complementizer `that` follows (`recommended in 2018 that holders reject …`):
    // after a noun, `that` opens a relative clause instead.
    let thatClause = false;
    for (let k = afterVerb; k < (nextMain?.from ?? toks.length) && !thatClause; k++)
      thatClause = toks[k]!.normal === "that" && opensComplement(toks[k - 1]);
    const bareReport = REPORTING.has(g.lemma) && findObject(toks, g, toks.length, quoted) === null;
    const reports = bareReport || thatClause;
    let regionEnd = rel ? rel[1] : reports ? toks.length : (nextMain?.from ?? toks.length);
    // `comes after a source familiar with the deal said …`: a clause opened inside this one by a
    // subordinator is part of it, up to the main clause after it.
    if (
      !rel &&
      !reports &&
      nextMain &&
      toks.slice(afterVerb, nextMain.from).some((t) => SUBORDINATORS.has(t.normal))
    )
      regionEnd = groups.slice(groups.indexOf(nextMain) + 1).find((x) => !x.relative)?.from ?? toks.length;
    // `Before Russia invaded Ukraine, Le Pen was …`: a subordinate clause ends at its comma.
    const subordinate = !rel && prevMain?.group === g && prevMain.subordinate;
    for (let k = afterVerb; k < regionEnd; k++) {
      const t = toks[k]!;
      if (subordinate && k > afterVerb && /,/.test(toks[k - 1]!.post)) {
        regionEnd = k;
        break;
      }
      if (!rel && !reports && relativeAt(k)) {
        regionEnd = k;
        break;
      }
      // `which subpoenaed him in October and which Trump is now battling`: the second relative is another clause.
      if (rel && t.normal === "and" && RELATIVES.has(toks[k + 1]?.normal ?? "")) {
        regionEnd = k;
        break;
      }
      if (reports && (/;/.test(toks[k - 1]?.post ?? "") || (k > afterVerb && quoted[k]))) {
        regionEnd = k;
        break;
      }
      if (
        (!reports && STRONG_STARTERS.has(t.normal)) ||
        (t.normal === "and" && /,/.test(toks[k - 1]?.post ?? "") && k > afterVerb && opensClause(toks, k + 1))
      ) {
        regionEnd = k;
        break;
      }
    }
    // A quotation the clause reaches into is told whole (`refer to "airborne objects that …"`).
    while (regionEnd < toks.length && regionEnd > afterVerb && quoted[regionEnd - 1] && quoted[regionEnd])
      regionEnd++;
    // Ended by the next verb: the noun phrase right before that verb is its subject, not ours
    // (`…was rescued, the outlet reported`, `…stock grants they receive`).
    let cut = false;
    if (!rel && !reports && nextMain && regionEnd === nextMain.from) {
      const before = regionEnd;
      regionEnd = beforeNextSubject(toks, afterVerb, regionEnd);
      cut = regionEnd !== before;
    }
    // `released a trial tool which is concerning …`: the relative word opens the next clause.
    let relativeNext = false;
    if (
      regionEnd - 1 > afterVerb &&
      (RELATIVES.has(toks[regionEnd - 1]!.normal) || toks[regionEnd - 1]!.normal === "that")
    ) {
      regionEnd--;
      relativeNext = true;
    }
    regionEnd = Math.max(regionEnd, g.to);
    // `a seminar organised by the EOC`: a participle after a noun, then a preposition, describes it.
    const reducedRelative =
      toks[regionEnd]?.tags.has("PastTense") === true &&
      toks[regionEnd - 1]!.tags.has("Noun") &&
      toks[regionEnd + 1] !== undefined &&
      isPreposition(toks[regionEnd + 1]!);
    // Only a clause that ends where a clause can end is told alone: at the sentence's end, a mark,
    // a clause word, or before the next clause's subject. Ended by a verb right after a noun
    // (`took a 3-2 | lead`, `enacted their TikTok | bans`), it is a misread: the sentence tells it.
    let next = toks[regionEnd];
    let clean =
      rel !== null ||
      reports ||
      cut ||
      relativeNext ||
      reducedRelative ||
      !next ||
      /[,;:–—.!?)"”(]/.test(toks[regionEnd - 1]!.post) ||
      // `laid down their weapons and | agreed to …`: the next verb shares this clause's subject.
      ["and", "or", "but", "then"].includes(toks[regionEnd - 1]!.normal) ||
      /^[–—-]/.test(next.pre) ||
      STRONG_STARTERS.has(next.normal) ||
      RELATIVES.has(next.normal) ||
      SUBORDINATORS.has(next.normal) ||
      ["and", "or", "but", "nor", "then"].includes(next.normal) ||
      isPreposition(next) ||
      quoted[regionEnd] === true;
    // Else a participle clause after a comma ends it (`announced a new drive …, saying sexism at
    // work | was …`): the words up to that comma are the clause.
    if (!clean)
      for (let k = regionEnd - 1; k > afterVerb; k--)
        if (/[,;:–—]/.test(toks[k - 1]!.post) && toks[k]!.tags.has("Gerund")) {
          regionEnd = k;
          next = toks[k];
          clean = true;
          break;
        }
    if (!clean) continue;
    // `years of preparatory work designed to realize his ambition`: a verb that needs an object,
    // alone and straight before a `to`-infinitive, is a participle describing the noun before it.
    const mainTok = toks[g.main]!;
    if (
      !g.passive &&
      g.main === g.from &&
      mainTok.tags.has("PastTense") &&
      !CONTROL_VERBS.has(g.lemma) &&
      !REPORTING.has(g.lemma) &&
      toks[g.to]?.normal === "to" &&
      toks[g.from - 1]?.tags.has("Noun") === true &&
      !toks[g.from - 1]!.tags.has("ProperNoun") &&
      !mayTakeNoObject(g.lemma, 2)
    )
      continue;
    // `if someone was wrongly given an order`: a condition, not something that happened.
    if (!rel && [regionStart - 1, regionStart].some((k) => CONDITIONS.has(toks[k]?.normal ?? ""))) continue;
    // `…, Cambridge and became a professor`: a verb right after `and` with no subject to share has none.
    if (!inherited && !rel && ["and", "or", "but"].includes(toks[g.from - 1]?.normal ?? "")) continue;
    // `He began his career in 2007`: who he is, the sentence before says, and a guess at it here
    // would make a fact of another person's deed. The sentence is the fact.
    const pronounSubject =
      subject !== null && subject[1] - subject[0] === 1 && SUBJECT_PRONOUNS.has(toks[subject[0]]!.normal);
    if (pronounSubject) continue;
    // `announced later Sunday` with its clause lost: a verb of saying or knowing needs what it reports.
    if (bareReport && !toks.slice(afterVerb, regionEnd).some((t) => isVerbToken(t) && !t.tags.has("Noun")))
      continue;
    // `should enhance … and strengthen`: the shared auxiliary stays with the first verb, and the
    // second alone (`China strengthen`) misreads; so does a bare verb after `to … and`.
    if (
      inherited &&
      g.main === g.from &&
      toks[g.main]!.tags.has("Infinitive") &&
      !toks[g.main]!.tags.has("PastTense")
    )
      continue;
    const from = toks[Math.min(regionStart, g.from)]!.start;
    const to = toks[regionEnd - 1]!.end;
    const dateHere = (k: number) =>
      input.dates.some((d) => toks[k]!.start >= d.start && toks[k]!.start < d.end);
    const objectSpan = findObject(toks, g, regionEnd, quoted) ?? antecedentObject;
    let actor = inherited ?? (subject ? argument(text, toks, subject, input.spans, entities, state) : null);
    let object = objectSpan ? argument(text, toks, objectSpan, input.spans, entities, state) : null;
    if (g.passive) {
      // `The above progress was achieved …`: the grammatical subject is what was acted on.
      object = actor;
      const by = byAgent(toks, g.to, regionEnd, dateHere);
      actor = by ? argument(text, toks, by, input.spans, entities, state) : null;
      if (!object) continue;
    } else if (!actor) continue;
    const clauseText = text.slice(from, to).replace(/[\s,;:]+$/, "");
    const ownDates = input.dates.filter((d) => d.start >= from && d.start < to);
    // Else the sentence's date, unless that date sits in a relative clause (another clause's) or
    // this event is itself in one.
    const sentenceDates = rel
      ? []
      : input.dates.filter(
          (d) => !relatives.some(([a, b]) => d.start >= toks[a]!.start && d.start < toks[b - 1]!.end),
        );
    const date =
      ownDates.length > 0
        ? ownDates[ownDates.length - 1]!.date
        : sentenceDate(sentenceDates, toks[g.from]!.start);
    const quantities = input.quantities.filter((q) => q.start >= from && q.start < to).map((q) => q.quantity);
    const event: Event = {
      id: "",
      articleId,
      sentenceId: st.sentence.id,
      actor,
      action: g.lemma,
      verb: text.slice(toks[g.from]!.start, toks[g.to - 1]!.end),
      object,
      date,
      place: findPlace(text, toks, g.to, regionEnd, input.spans, entities),
      quantities,
      tense: g.future || g.modal ? "future" : g.past ? "past" : "present",
      negated: g.negated,
      text: clauseText,
    };
    events.push(event);
    // The next clause's subject cannot start inside this one's object.
    const verbTo = Math.max(afterVerb, objectSpan && objectSpan[0] >= afterVerb ? objectSpan[1] : afterVerb);
    clauses.set(event, { from: Math.min(regionStart, g.from), to: regionEnd, verbTo, reports });
    if (!rel && prevMain) prevMain.event = event;
    if (actor?.entityId) {
      const e = entities.get(actor.entityId);
      if (e?.type === "person") state.lastPerson = e.id;
      else if (e) thingHere = e.id;
    }
  }
  // `it` looks back to an earlier sentence's subject only: inside one sentence it is as often
  // the object just named (`Google released a tool … because it directs people`).
  if (thingHere) state.lastThing = thingHere;
  const whole: Event[] = [];
  for (const event of events) {
    const clause = clauses.get(event)!;
    const next = subjectStarts.find((k) => k >= clause.verbTo && k < clause.to);
    if (next !== undefined && next > clause.from && !clause.reports)
      event.text = text.slice(toks[clause.from]!.start, toks[next - 1]!.end).replace(/[\s,;:]+$/, "");
    // A clause a reader could not take alone is no event: the sentence tells it instead.
    if (!isWholeEvent(event)) continue;
    event.id = `${articleId}#e${state.count++}`;
    whole.push(event);
  }
  whole.push(
    ...compoundEvents(articleId, text, input, entities, quoted, state).filter((e) => isWholeEvent(e)),
  );
  return whole;
}

/**
 * Events packed into a hyphenated modifier: `EU-brokered negotiations` (the EU brokered the
 * negotiations), `US-led coalition`, `Kremlin-backed forces`. The name before the hyphen is the
 * actor, the participle after it the action, the noun phrase it modifies the object.
 */
function compoundEvents(
  articleId: string,
  text: string,
  input: EventSentence,
  entities: ReadonlyMap<string, Entity>,
  quoted: boolean[],
  state: { count: number },
): Event[] {
  const toks = input.st.tokens;
  const out: Event[] = [];
  for (let k = 0; k + 1 < toks.length; k++) {
    const t = toks[k]!;
    const next = toks[k + 1]!;
    if (t.post !== "-" || quoted[k] || !/^[a-z]+$/.test(next.text)) continue;
    // Only a past participle (`brokered`, `led`), whatever compromise tagged it as.
    const lemma = verbLemma({ ...next, tags: new Set(["Verb", "PastTense"]) });
    if (lemma === next.normal || !(next.tags.has("Verb") || next.tags.has("Adjective"))) continue;
    // `Moscow-based lawyer`, `London-born writer`: where, not who did what.
    if (LOCATIVE_PARTICIPLES.has(lemma) || LOCATIVE_PARTICIPLES.has(next.normal)) continue;
    const span = input.spans.find((sp) => sp.end === t.end && sp.start <= t.start);
    const entity = span ? entities.get(span.entityId) : undefined;
    if (!span || !entity) continue;
    let b = k + 2;
    while (
      b < toks.length &&
      (toks[b]!.tags.has("Noun") || toks[b]!.tags.has("Adjective")) &&
      !isPreposition(toks[b]!)
    ) {
      b++;
      if (/[,;:.!?)"”]/.test(toks[b - 1]!.post)) break;
    }
    if (b === k + 2) continue;
    const object = text.slice(toks[k + 2]!.start, toks[b - 1]!.end);
    out.push({
      id: `${articleId}#e${state.count++}`,
      articleId,
      sentenceId: input.st.sentence.id,
      actor: { text: text.slice(span.start, span.end), entityId: entity.id },
      action: lemma,
      verb: next.text,
      object: { text: object, entityId: null },
      date: null,
      place: null,
      quantities: [],
      tense: "past",
      negated: false,
      text: text.slice(t.start, toks[b - 1]!.end),
    });
  }
  return out;
}

/**
 * compromise reads `sales rose 2%` with `rose` as the flower. A word tagged as a singular noun that
 * is a past-tense form, between a noun and a figure, is the verb.
 */
function repairPastTense(toks: Token[]): Token[] {
  let out: Token[] | null = null;
  for (let k = 1; k + 1 < toks.length; k++) {
    const t = toks[k]!;
    if (!t.tags.has("Noun") || t.tags.has("Verb") || t.tags.has("ProperNoun") || t.tags.has("Plural"))
      continue;
    const before = toks[k - 1]!;
    if (!before.tags.has("Noun") || before.tags.has("Pronoun") || /[,;:]/.test(before.post)) continue;
    if (!toks[k + 1]!.tags.has("Value") || /[,;:]/.test(t.post)) continue;
    if (verbLemma({ ...t, tags: new Set(["Verb", "PastTense"]) }) === t.normal) continue;
    out ??= [...toks];
    out[k] = { ...t, tags: new Set(["Verb", "PastTense"]) };
  }
  return out ?? toks;
}

/** Relative clauses opened after a comma (`, who …,`, `, in which …`), as token ranges. */
function relativeSpans(toks: Token[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let k = 1; k < toks.length; k++) {
    if (!RELATIVES.has(toks[k]!.normal)) continue;
    let open = k;
    if (toks[k - 1]!.tags.has("Preposition") && k >= 2 && /,/.test(toks[k - 2]!.post)) open = k - 1;
    else if (!/,/.test(toks[k - 1]!.post)) continue;
    let close = k;
    while (close < toks.length && !/[,;]/.test(toks[close]!.post)) close++;
    spans.push([open, Math.min(close + 1, toks.length)]);
    k = close;
  }
  return spans;
}

/** Marks the tokens inside quotation marks. */
function quotedMask(text: string, from: number, to: number, toks: Token[]): boolean[] {
  const ranges: [number, number][] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(/["“]([^"“”]*)["”]/g))
    ranges.push([from + m.index!, from + m.index! + m[0].length]);
  // An unclosed quote runs to the sentence end (a quotation over several sentences).
  const opens = (slice.match(/["“]/g) ?? []).length + (slice.match(/”/g) ?? []).length;
  if (opens % 2 === 1) {
    const last = Math.max(slice.lastIndexOf('"'), slice.lastIndexOf("“"));
    if (last >= 0 && !ranges.some(([a, b]) => from + last >= a && from + last < b))
      ranges.push([from + last, to]);
  }
  return toks.map(
    (t) =>
      ranges.some(([a, b]) => t.start > a && t.start < b) ||
      (/["“]/.test(t.pre) && ranges.some(([a]) => a === t.start - 1)),
  );
}

function isVerbToken(t: Token): boolean {
  // News prose outside quotes has no imperatives: compromise's `Search/Imperative engine firm
  // Google has released…` is a noun.
  if (t.tags.has("Imperative")) return false;
  return t.tags.has("Verb") || t.tags.has("Auxiliary") || t.tags.has("Modal") || AUX.has(t.normal);
}

/** True when a verb-tagged word sits inside a noun phrase that follows a verb or preposition (`in a social media post`). */
function readsAsNoun(toks: Token[], i: number): boolean {
  const t = toks[i]!;
  if (AUX.has(t.normal) || t.tags.has("Auxiliary") || t.tags.has("Modal")) return false;
  // A past form is a verb (`Time Warner jumped 76%`) unless it heads a reduced relative
  // (`negotiations with Armenia planned in the US`).
  if (t.tags.has("PastTense") && !t.tags.has("Noun")) {
    const next = toks[i + 1];
    if (!next || !isPreposition(next) || /[,;:]/.test(t.post)) return false;
  }
  let k = i - 1;
  let sawNoun = false;
  while (k >= 0) {
    const p = toks[k]!;
    if (/[,;:"“”()]/.test(p.post)) return false;
    if (
      p.normal === "of" ||
      p.tags.has("Determiner") ||
      p.tags.has("Adjective") ||
      p.tags.has("Value") ||
      (p.tags.has("Noun") && !p.tags.has("Pronoun"))
    ) {
      if (p.tags.has("Determiner") && !sawNoun && k === i - 1) return true; // `the post`
      sawNoun = true;
      k--;
      continue;
    }
    return sawNoun && (p.tags.has("Preposition") || (p.tags.has("Verb") && !p.tags.has("Auxiliary")));
  }
  return false;
}

function verbGroups(toks: Token[], quoted: boolean[]): VerbGroup[] {
  const groups: VerbGroup[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (quoted[i] || !isVerbToken(t) || t.normal === "to" || readsAsNoun(toks, i) || t.tags.has("Gerund")) {
      i++;
      continue;
    }
    // A participle right after a noun without an auxiliary is a reduced relative (`negotiations
    // planned in the US`), and a bare gerund a participial phrase: neither is a clause here.
    let j = i;
    const members: number[] = [];
    while (j < toks.length && !quoted[j]) {
      const u = toks[j]!;
      // `which have paid were listed`: an auxiliary after a content verb starts another group.
      if (AUX.has(u.normal) && members.some((k) => !AUX.has(toks[k]!.normal))) break;
      if (
        isVerbToken(u) &&
        u.normal !== "to" &&
        (j === i || !u.tags.has("Gerund") || BE.has(toks[j - 1]!.normal))
      ) {
        members.push(j);
        j++;
        if (/[,;:.!?"”]/.test(u.post)) break;
        continue;
      }
      if (NEGATIONS.has(u.normal) || u.tags.has("Negative")) {
        j++;
        continue;
      }
      if (u.tags.has("Particle") && members.length > 0) {
        members.push(j);
        j++;
        if (/[,;:.!?"”]/.test(u.post)) break;
        continue;
      }
      if (u.tags.has("Adverb") && j + 1 < toks.length && isVerbToken(toks[j + 1]!) && !/[,]/.test(u.post)) {
        j++;
        continue;
      }
      break;
    }
    const group = makeGroup(toks, i, j, members);
    if (group) groups.push(group);
    i = Math.max(j, i + 1);
  }
  return groups;
}

function makeGroup(toks: Token[], from: number, to: number, members: number[]): VerbGroup | null {
  const words = members.map((k) => toks[k]!);
  const contentIdx = members.filter((k) => !AUX.has(toks[k]!.normal) && !toks[k]!.tags.has("Particle"));
  const auxWords = words.filter((w) => AUX.has(w.normal)).map((w) => w.normal);
  let main = contentIdx[contentIdx.length - 1];
  let complement: [number, number] | null = null;
  let end = to;
  let future = auxWords.some((a) => FUTURE_AUX.has(a));
  // `is to restate`, `has to pay`: the verb after `to` is the action.
  if (main === undefined) {
    if (
      toks[to]?.normal === "to" &&
      toks[to + 1] &&
      isVerbToken(toks[to + 1]!) &&
      !AUX.has(toks[to + 1]!.normal)
    ) {
      main = to + 1;
      if (auxWords.some((a) => BE.has(a))) future = true;
      end = to + 2;
      while (toks[end]?.tags.has("Particle")) end++;
    } else return null;
  }
  const mainTok = toks[main]!;
  const particles: number[] = [];
  for (let k = main + 1; k < end; k++) if (toks[k]!.tags.has("Particle")) particles.push(k);
  const lemma = [verbLemma(mainTok), ...particles.map((k) => toks[k]!.normal)].join(" ");
  const beforeMain = words.filter((w) => w.i < mainTok.i).map((w) => w.normal);
  const passive =
    (mainTok.tags.has("PastTense") || mainTok.tags.has("Participle") || mainTok.tags.has("Passive")) &&
    beforeMain.some((a) => BE.has(a));
  const relative =
    from > 0 &&
    (RELATIVES.has(toks[from - 1]!.normal) ||
      (toks[from - 1]!.normal === "that" &&
        toks[from - 2]?.tags.has("Noun") === true &&
        !toks[from - 2]!.tags.has("Pronoun")));
  const baseLemma = verbLemma(mainTok);
  if (CONTROL_VERBS.has(baseLemma)) {
    // `refused to attend the round of negotiations`: the refusal's object is the `to`-clause.
    let k = end;
    while (
      k < toks.length &&
      !/[,;:]/.test(toks[k - 1]?.post ?? "") &&
      toks[k]!.normal !== "to" &&
      k - end < 6
    )
      k++;
    if (toks[k]?.normal === "to" && toks[k + 1] && toks[k + 1]!.tags.has("Verb")) {
      let c = k + 2;
      // `refused to say whether the plant was safe`: a verb of saying or knowing keeps its clause.
      const reports = REPORTING.has(verbLemma(toks[k + 1]!));
      while (c < toks.length && !ends(toks[c - 1]!) && (reports || !STRONG_STARTERS.has(toks[c]!.normal)))
        c++;
      complement = [k, c];
    }
  }
  return {
    from,
    to: end,
    main,
    particles,
    lemma,
    passive,
    future,
    modal: auxWords.some((a) => MODAL_AUX.has(a)),
    past: mainTok.tags.has("PastTense") || auxWords.some((a) => PAST_AUX.has(a)),
    negated:
      toks.slice(from, end).some((u) => NEGATIONS.has(u.normal) || u.tags.has("Negative")) ||
      toks[from - 1]?.normal === "never",
    relative,
    complement,
  };
}

/** The subject noun phrase before a verb group, or null when it cannot be read cleanly. */
function findSubject(
  toks: Token[],
  boundary: number,
  verbFrom: number,
  quoted: boolean[],
  { skip, named }: { skip: (k: number) => boolean; named: (k: number) => boolean },
): [number, number] | null {
  if (verbFrom <= boundary) return null;
  // `forces, who had controlled that area for three decades, laid down`: a relative clause right
  // before the verb is a parenthesis; the subject is what comes before it.
  const afterParenthesis = skip(verbFrom - 1);
  const kept: number[] = [];
  for (let k = boundary; k < verbFrom; k++) if (!skip(k)) kept.push(k);
  if (kept.length === 0) return null;
  // Comma-separated segments between the clause start and the verb.
  const segments: number[][] = [];
  let current: number[] = [];
  for (const [x, k] of kept.entries()) {
    current.push(k);
    const lastKept = x === kept.length - 1;
    if (!lastKept && /[,;:]/.test(toks[k]!.post)) {
      segments.push(current);
      current = [];
    }
  }
  segments.push(current);
  const lastTok = toks[kept[kept.length - 1]!]!;
  const adjacent = afterParenthesis || !/[,;:]/.test(lastTok.post);
  let idx = segments.length - 1;
  // `almost all ethnic Armenians, more than 100,000 people, left`: the appositive is skipped.
  if (!adjacent) idx--;
  while (idx >= 0) {
    const seg = segments[idx]!;
    let a = 0;
    while (
      a < seg.length &&
      (FRONT_ADVERBS.has(toks[seg[a]!]!.normal) ||
        toks[seg[a]!]!.tags.has("Conjunction") ||
        // `When the minister resigned`: the clause's own subject follows its subordinator.
        (SUBORDINATORS.has(toks[seg[a]!]!.normal) && !PREPOSITIONS.has(toks[seg[a]!]!.normal)))
    )
      a++;
    if (a >= seg.length) return null;
    let first = toks[seg[a]!]!;
    if (RELATIVES.has(first.normal)) {
      idx--;
      continue;
    }
    if (seg.some((k) => quoted[k])) return null;
    if (isPreposition(first)) {
      // A fronted adverbial without a comma (`On December 7 Armenia …`): skip its date words.
      let k = a + (isPreposition(first) ? 1 : 0);
      while (k < seg.length && ["Date", "Value", "Determiner"].some((tag) => toks[seg[k]!]!.tags.has(tag)))
        k++;
      if (k === a + 1 && isPreposition(first) && !toks[seg[k] ?? -1]?.tags.has("Noun")) return null;
      if (k >= seg.length || isPreposition(toks[seg[k]!]!)) return null;
      // What follows a preposition is its object unless dates were skipped (`after the company` is
      // an adverbial whose noun is not the subject).
      if (
        k === a + 1 ||
        (k > a + 1 && !toks[seg[k - 1]!]!.tags.has("Date") && !toks[seg[k - 1]!]!.tags.has("Value"))
      ) {
        if (isPreposition(first)) return null;
      }
      a = k;
      first = toks[seg[a]!]!;
    }
    const rest = seg.slice(a);
    const words = rest.map((k) => toks[k]!);
    // compromise sometimes tags a noun after a determiner as an adjective (`The firm`).
    const nominal =
      words.some(
        (t) => t.tags.has("Noun") || t.tags.has("Pronoun") || t.tags.has("ProperNoun") || t.tags.has("Value"),
      ) ||
      (words.length >= 2 && words[0]!.tags.has("Determiner"));
    if (!nominal) return null;
    if (
      rest.some((k) => {
        const t = toks[k]!;
        return (
          !named(k) &&
          isVerbToken(t) &&
          !t.tags.has("Noun") &&
          !t.tags.has("Adjective") &&
          !t.tags.has("ProperNoun")
        );
      })
    )
      return null;
    let from = seg[a]!;
    let to = seg[seg.length - 1]! + 1;
    // `Last year Pernod tried`: a leading date is an adverbial.
    while (from < to - 1 && toks[from]!.tags.has("Date")) from++;
    // `told CNN the deal had closed`, `As a relatively unknown author this award will`: a determiner
    // after a noun opens the subject; the noun before it ends another phrase.
    for (let k = from + 1; k < to - 1; k++) {
      const p = toks[k - 1]!;
      if (
        toks[k]!.tags.has("Determiner") &&
        p.tags.has("Noun") &&
        !p.tags.has("Value") &&
        !p.tags.has("Pronoun") &&
        !/^(?:half|all|both)$/.test(p.normal) &&
        !/[,;:]/.test(p.post) &&
        !p.tags.has("Possessive")
      ) {
        from = k;
        break;
      }
    }
    // `Ms Hewitt also`, `it now`: an adverb before the verb is not part of the subject.
    while (
      to - 1 > from &&
      ((toks[to - 1]!.tags.has("Adverb") && !toks[to - 1]!.tags.has("Noun")) ||
        FRONT_ADVERBS.has(toks[to - 1]!.normal))
    )
      to--;
    // `Websites which have paid`: the relative pronoun stands for the noun before it.
    if (to - 1 > from && (RELATIVES.has(toks[to - 1]!.normal) || toks[to - 1]!.normal === "that")) to--;
    // `I say this as the knife only made No 20`: a clause opened inside the words before the verb
    // has its own subject (`such as` lists examples instead).
    for (let k = to - 2; k > from; k--)
      if (CLAUSE_OPENERS.has(toks[k]!.normal) && toks[k - 1]!.normal !== "such") {
        from = k + 1;
        break;
      }
    // `1,739 cases in which people tested`: a relative clause's own subject follows its pronoun.
    for (let k = to - 2; k > from; k--)
      if (RELATIVES.has(toks[k]!.normal)) {
        from = k + 1;
        break;
      }
    // `…told the BBC programme Go Digital he hoped`: a subject pronoun at the end is the subject.
    if (to - from > 1 && SUBJECT_PRONOUNS.has(toks[to - 1]!.normal)) from = to - 1;
    // The subject is contiguous: a skipped parenthesis inside it means it is not one phrase.
    if (to - from > seg.length - a) return null;
    return [from, to];
  }
  return null;
}

/** Whether the words from `k` to the next `;`, `:` or the end hold a verb: `, and the mayor closed …` is a clause, `, and pink and white` the end of a list. */
function opensClause(toks: Token[], k: number): boolean {
  for (let j = k; j < toks.length; j++) {
    const t = toks[j]!;
    if (isVerbToken(t) && !t.tags.has("Noun") && !t.tags.has("Adjective")) return true;
    if (/[;:.!?]/.test(t.post)) return false;
  }
  return false;
}

/** Whether `that` after this word opens a clause (`warned that`, `in 2018 that`), not a relative one (`the order that`). */
function opensComplement(before: Token | undefined): boolean {
  if (!before) return false;
  return !before.tags.has("Noun") || before.tags.has("Date") || before.tags.has("Pronoun");
}

/**
 * Where a clause ended by the next verb group at `end` stops: before that verb's subject when the
 * subject stands apart (after a comma or dash, or right after another noun phrase, or a subject pronoun).
 */
function beforeNextSubject(toks: Token[], from: number, end: number): number {
  const last = toks[end - 1];
  if (last && SUBJECT_PRONOUNS.has(last.normal) && end - 1 > from) return end - 1;
  let k = end;
  while (
    k - 1 >= from &&
    !/[,;:–—]/.test(toks[k - 1]!.post) &&
    (toks[k - 1]!.tags.has("Noun") ||
      toks[k - 1]!.tags.has("Determiner") ||
      toks[k - 1]!.tags.has("Adjective") ||
      toks[k - 1]!.tags.has("Value") ||
      toks[k - 1]!.tags.has("ProperNoun")) &&
    !isPreposition(toks[k - 1]!)
  )
    k--;
  if (k === end || k < 1) return end;
  const before = toks[k - 1]!;
  const apart = /[,–—]/.test(before.post) || (k > from && before.tags.has("Noun") && !isPreposition(before));
  return apart ? k : end;
}

/** The noun phrase right before a relative clause that opens at `open` (after its comma). */
function antecedent(toks: Token[], open: number): [number, number] | null {
  const b = open;
  let a = b - 1;
  while (
    a >= 0 &&
    (a === b - 1 || !/[,;:.!?]/.test(toks[a]!.post)) &&
    (toks[a]!.tags.has("Noun") ||
      toks[a]!.tags.has("Adjective") ||
      toks[a]!.tags.has("ProperNoun") ||
      toks[a]!.tags.has("Value") ||
      toks[a]!.normal === "of")
  )
    a--;
  a++;
  while (a < b && (toks[a]!.normal === "of" || isPreposition(toks[a]!))) a++;
  // `The committee, which …`: the determiner belongs to the antecedent.
  if (a > 0 && a < b && toks[a - 1]!.tags.has("Determiner") && !/[,;:]/.test(toks[a - 1]!.post)) a--;
  return a < b ? [a, b] : null;
}

const COMPARATIVES = /^(?:more|less|fewer|greater|higher|lower|larger|smaller|[a-z]+er)$/;
const APPROXIMATORS = new Set([
  "about",
  "around",
  "over",
  "under",
  "nearly",
  "almost",
  "roughly",
  "some",
  "up",
]);
const isAmount = (t: Token | undefined) =>
  t !== undefined && (t.tags.has("Value") || t.tags.has("Money") || t.normal === "half" || t.normal === "to");

/** The object after a verb group: the `to`-clause of a control verb, or the noun phrase that follows. */
function findObject(toks: Token[], g: VerbGroup, limit: number, quoted: boolean[]): [number, number] | null {
  if (g.complement) return g.complement;
  let a = g.to;
  if (toks[g.to - 1] && ends(toks[g.to - 1]!, /[,;:.!?]/)) return null;
  if (g.passive && toks[a]?.normal === "by") a++;
  let b = a;
  while (b < Math.min(limit, toks.length)) {
    const t = toks[b]!;
    if (quoted[b] && b === a) {
      // A quoted object (`considered an "important step"`) is kept as written.
      while (b < toks.length && quoted[b]) b++;
      break;
    }
    if (quoted[b]) {
      // `considered an "important step"`: a quotation finishing the object belongs to it.
      if (toks[b - 1]!.tags.has("Determiner") || toks[b - 1]!.tags.has("Adjective"))
        while (b < toks.length && quoted[b]) b++;
      break;
    }
    // `less than half the stolen wealth`: what is compared belongs to the comparative.
    const compares =
      (t.normal === "than" && b > a && COMPARATIVES.test(toks[b - 1]!.normal)) ||
      (t.normal === "to" && b === a + 1 && toks[a]!.normal === "up");
    // `about half of its staff`, `over 200 jobs`: an approximate amount, not a preposition.
    const approximates = b === a && APPROXIMATORS.has(t.normal) && isAmount(toks[b + 1]);
    if (isPreposition(t) && t.normal !== "of" && b > a && !compares) break;
    if (isPreposition(t) && b === a && !approximates) return null;
    if (STRONG_STARTERS.has(t.normal) || RELATIVES.has(t.normal) || (isVerbToken(t) && !t.tags.has("Noun")))
      break;
    b++;
    // `a closed-door, classified briefing`: a comma between adjectives is inside the phrase.
    const listsAdjectives =
      /^,\s*$/.test(t.post) &&
      t.tags.has("Adjective") &&
      !t.tags.has("Noun") &&
      toks[b]?.tags.has("Adjective") === true;
    if (ends(t, /[,;:!?)"”]/) && !listsAdjectives) break;
  }
  while (b > a && ["and", "or", "of"].includes(toks[b - 1]!.normal)) b--;
  return b > a ? [a, b] : null;
}

function byAgent(
  toks: Token[],
  from: number,
  to: number,
  isDate: (k: number) => boolean,
): [number, number] | null {
  for (let k = from; k < to; k++) {
    if (toks[k]!.normal !== "by") continue;
    let b = k + 1;
    while (b < to && ((!isPreposition(toks[b]!) && !isVerbToken(toks[b]!)) || toks[b - 1]!.post === "-")) {
      b++;
      if (ends(toks[b - 1]!, /[,;:.!?]/)) break;
    }
    // `by the end of the year` is a date, not an agent.
    if (b === k + 1 || toks.slice(k + 1, b).some((_, x) => isDate(k + 1 + x))) return null;
    return [k + 1, b];
  }
  return null;
}

/** Builds an argument: its words, and the entity (or entities, when coordinated) it names. */
function argument(
  text: string,
  toks: Token[],
  [a, b]: [number, number],
  spans: EntitySpan[],
  entities: ReadonlyMap<string, Entity>,
  state: { lastPerson: string | null; lastThing: string | null },
): Argument | null {
  const start = toks[a]!.start;
  const end = toks[b - 1]!.end;
  let words = text
    .slice(start, end)
    .replace(/[\s,;:.]+$/, "")
    .replace(/\s+(?:and|or|but)(?:\s+\w+ly|\s+later|\s+then)?$/i, "");
  // A quote mark opened or closed outside the argument is not part of its words.
  if ((words.match(/["“”]/g) ?? []).length % 2 === 1) words = words.replace(/["“”]/g, "");
  if (!words) return null;
  const lower = words.toLowerCase();
  if (b - a === 1 && PRONOUNS_PERSON.has(lower) && state.lastPerson) {
    const e = entities.get(state.lastPerson);
    return e ? { text: e.name, entityId: e.id } : null;
  }
  if (b - a === 1 && PRONOUNS_THING.has(lower) && state.lastThing) {
    const e = entities.get(state.lastThing);
    return e ? { text: e.name, entityId: e.id } : null;
  }
  // The head: words up to the first preposition (`Quarterly profits` of `Quarterly profits at
  // US media giant TimeWarner`), with entity names kept whole (`Secretary of State`).
  const inside = spans.filter((s) => s.start >= start && s.end <= end);
  let headEnd = end;
  for (let k = a; k < b; k++) {
    const t = toks[k]!;
    if (!t.tags.has("Preposition") || inside.some((s) => t.start > s.start && t.start < s.end)) continue;
    if (k === a) continue;
    headEnd = t.start;
    break;
  }
  // `Azerbaijan's victory`, `the EU's efforts`: a possessor is not the head.
  const inHead = inside.filter((s) => s.end <= headEnd && !/^['’]s\b/.test(text.slice(s.end, s.end + 3)));
  if (inHead.length === 0) return { text: words, entityId: null };
  // Coordinated heads (`Armenia and Azerbaijan`): one entity per conjunct, the last name of each
  // (`European Council President Charles Michel` is Charles Michel).
  const ids: string[] = [];
  let conjunctStart = start;
  for (let k = a; k <= b; k++) {
    const t = toks[k];
    const cut =
      !t || t.start >= headEnd || ((t.normal === "and" || /,/.test(toks[k - 1]?.post ?? "")) && k > a);
    if (!cut) continue;
    const cutAt = t ? t.start : end;
    const inConjunct = inHead.filter((s) => s.start >= conjunctStart && s.end <= cutAt);
    // The name must end its conjunct: in `London Marathon organisers` or `the TV industry` the
    // head is a common noun and the name only qualifies it.
    const pick = inConjunct[inConjunct.length - 1];
    const tail = pick ? text.slice(pick.end, cutAt).replace(/^['’]s\b/, "#") : "";
    if (pick && !/[\p{L}\d#]/u.test(tail) && !ids.includes(pick.entityId)) ids.push(pick.entityId);
    if (!t || t.start >= headEnd) break;
    conjunctStart = cutAt;
  }
  if (ids.length === 0) return { text: words, entityId: null };
  const arg: Argument = { text: words, entityId: ids[0]! };
  if (ids.length > 1) arg.entityIds = ids;
  return arg;
}

function findPlace(
  text: string,
  toks: Token[],
  from: number,
  to: number,
  spans: EntitySpan[],
  entities: ReadonlyMap<string, Entity>,
): Argument | null {
  for (let k = from; k < to; k++) {
    const t = toks[k]!;
    // Past a comma the phrase is another's (`…the mark set by Adera, in Stuttgart`).
    if (k > from && /[,;:]/.test(toks[k - 1]!.post)) break;
    if (!PLACE_PREPOSITIONS.has(t.normal)) continue;
    const next = toks[k + 1];
    if (!next || isVerbToken(next)) continue;
    let m = k + 1;
    while (m < to && toks[m]!.tags.has("Determiner")) m++;
    const at = toks[m];
    if (!at) continue;
    const span = spans.find((s) => s.start === at.start);
    const entity = span ? entities.get(span.entityId) : undefined;
    if (span && entity?.type === "place")
      return { text: text.slice(span.start, span.end), entityId: entity.id };
  }
  return null;
}

/** The date of a clause without its own: the sentence's single date, or the nearest before the verb. */
function sentenceDate(dates: DateMention[], at: number): Event["date"] {
  if (dates.length === 0) return null;
  if (dates.length === 1) return dates[0]!.date;
  const before = dates.filter((d) => d.end <= at);
  return before.length > 0 ? before[before.length - 1]!.date : null;
}
