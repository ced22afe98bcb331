/**
 * Whether an event reads as a whole fact on its own, and the words it is told in. `/timeline`,
 * `/facts`, the digest's bullets and event autocomplete show {@link eventFact}: the actor, then
 * the clause from its verb on (its object, complement, date, place and numbers, as the article
 * wrote them: "The deal is expected to close in 2022"). The extractor keeps only events that pass
 * {@link whyNotWhole}; where it cannot make a whole clause the sentence is the fact.
 *
 * An event without an object or complement is whole when its verb may take none: WordNet's verb
 * frames say so (`stall`, `resign`: "Somebody ----s"), where "Musk laid off" lacks what was laid
 * off. An actor that is a bare pronoun ("It comes") says nothing alone either, and a fact that ends
 * on a word asking for another ("described his", "an average of more") is cut short.
 */
import nlp from "compromise";
import type { Argument, Event } from "./schema.ts";
import { mayTakeNoObject, nounKinds } from "./wordnet.ts";

/** Word kinds (compromise's tags) that leave a phrase hanging when they end it: `his`, `the`, `of`, `more`, and a preposition it reads as a particle (`plans for`). */
const DANGLING = [
  "Determiner",
  "Preposition",
  "Particle",
  "Conjunction",
  "Possessive",
  "Auxiliary",
  "Comparative",
];

/** Word kinds a clause boundary may leave at the end of a fact's words (`…and`): dropped, where a preposition left hanging is a cut the check refuses. */
const TRAILING = ["Conjunction"];

/** Whether a phrase ends in a word that needs another after it. */
export function endsDangling(phrase: string): boolean {
  const terms = nlp(phrase).docs.flat();
  const last = terms[terms.length - 1];
  if (!last) return true;
  const tags = last.tags as Set<string>;
  // `more` is an adverb and a comparative; `than` a preposition: both ask for what is compared.
  return DANGLING.some((t) => tags.has(t)) || /^(?:more|less|fewer|than)$/i.test(last.text);
}

/** A passive verb group (`was signed`, `is expected`): its subject is what was acted on. */
export function isPassiveVerb(verb: string): boolean {
  const words = verb.trim().toLowerCase().split(/\s+/);
  const last = words[words.length - 1] ?? "";
  // `is to play`: a duty or a plan, not a passive.
  return (
    words.length > 1 &&
    words.slice(0, -1).some((w) => BE.has(w)) &&
    !words.includes("to") &&
    !BE.has(last) &&
    !last.endsWith("ing")
  );
}

const BE = new Set(["be", "been", "being", "is", "are", "was", "were", "am", "get", "got", "gets"]);

/** Whether words after a verb hold what it acts on (a noun, a number, a clause), not only a date. */
function holdsComplement(words: string): boolean {
  return nlp(words)
    .docs.flat()
    .some((t) => {
      const tags = t.tags as Set<string>;
      return !tags.has("Date") && ["Noun", "Value", "Verb", "Adjective", "Pronoun"].some((k) => tags.has(k));
    });
}

/** Where the verb starts in the event's clause, or -1. */
function verbAt(ev: Event, after: number): number {
  if (!ev.verb) return -1;
  const re = new RegExp(
    `(?<![\\p{L}\\d])${ev.verb.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\d])`,
    "gu",
  );
  let first = -1;
  for (const m of ev.text.matchAll(re)) {
    if (first < 0) first = m.index;
    if (m.index >= after) return m.index;
  }
  return first;
}

/** Where a phrase ends in the clause when it stands before `before`, else -1. */
function endOf(text: string, phrase: string, before: number): number {
  if (!phrase) return -1;
  const at = text.indexOf(phrase);
  return at >= 0 && at + phrase.length <= before ? at + phrase.length : -1;
}

/**
 * The words a reader is shown for an event: who (named by `name`, the argument's words unless a
 * caller names entities its own way), then the clause from the verb on. A passive with no doer
 * leads with what was acted on (`A peace deal was signed`). Words a clause boundary left hanging
 * at the end (`and`, `as`) are dropped; what is left is what {@link whyNotWhole} judges.
 */
export function eventFact(ev: Event, name: (arg: Argument) => string = (arg) => arg.text): string {
  const lead = leadOf(ev);
  const text = ev.text;
  const verbFrom = verbAt(ev, lead ? Math.max(0, text.indexOf(lead.text)) : 0);
  let rest: string;
  if (verbFrom > 0 && text[verbFrom - 1] === "-" && ev.object) {
    // `EU-brokered negotiations`: the EU brokered the negotiations.
    rest = `${ev.verb} the ${ev.object.text}`;
  } else if (verbFrom < 0) {
    // No clause to read from (an event made by hand): actor, verb and object.
    rest = [ev.negated && !/\b(?:not|n't|never|no)\b/i.test(ev.verb) ? "did not" : "", ev.verb]
      .concat(ev.object && lead !== ev.object ? [ev.object.text] : [])
      .filter(Boolean)
      .join(" ");
  } else {
    // From the end of the lead's own words when they stand right before the verb (so `never`,
    // `also` between them stay), else from the verb (a pronoun or relative pronoun stood there).
    const leadEnd = lead ? endOf(text, lead.text, verbFrom) : -1;
    const gap = leadEnd >= 0 ? text.slice(leadEnd, verbFrom) : "";
    rest =
      (/^[\s\p{L}'’-]*$/u.test(gap) && gap.split(/\s+/).filter(Boolean).length <= 2 ? gap : " ") +
      text.slice(verbFrom);
    // `…region, which Azerbaijan reclaimed`: the antecedent a relative clause acts on follows its verb.
    if (ev.object && ev.object !== lead && RELATIVE_START.test(text) && !text.includes(ev.object.text)) {
      const verbEnd = rest.indexOf(ev.verb) + ev.verb.length;
      const object = ev.object.text.replace(/^(?:The|A|An)\b/, (d) => d.toLowerCase());
      rest = `${rest.slice(0, verbEnd)} ${object}${rest.slice(verbEnd)}`;
    }
  }
  const words = `${lead ? name(lead) : ""} ${rest}`.replace(/\s+/g, " ").replace(/^\s+/, "");
  return closeQuotes(trimTrailing(words));
}

const RELATIVE_START = /^(?:\p{L}+\s+)?(?:which|who|whom|that)\b/iu;

/**
 * Who a fact is told from: a passive leads with what was acted on, its doer after the verb as the
 * article put it (`The role will be played by understudy Joey Collins`); else the actor.
 */
function leadOf(ev: Event): Argument | null {
  if (ev.object && isPassiveVerb(ev.verb)) return ev.object;
  return ev.actor;
}

/** A quotation or a bracket the clause ends inside is closed (the article closes it right after). */
function closeQuotes(words: string): string {
  let out = words;
  if ((out.match(/\(/g) ?? []).length > (out.match(/\)/g) ?? []).length) out += ")";
  const opened = (out.match(/“/g) ?? []).length - (out.match(/”/g) ?? []).length;
  if (opened > 0) return `${out}”`;
  return (out.match(/"/g) ?? []).length % 2 === 1 ? `${out}"` : out;
}

/** Drops the conjunctions and punctuation a clause boundary left at the end. */
function trimTrailing(words: string): string {
  let out = words.replace(/[\s,;:–—-]+$/, "");
  for (let i = 0; i < 3; i++) {
    const terms = nlp(out).docs.flat();
    const last = terms[terms.length - 1];
    if (!last || terms.length < 3 || !TRAILING.some((t) => (last.tags as Set<string>).has(t))) break;
    const cut = out.toLowerCase().lastIndexOf(String(last.text).toLowerCase());
    if (cut <= 0) break;
    out = out.slice(0, cut).replace(/[\s,;:–—-]+$/, "");
  }
  return out;
}

/**
 * Why an event does not stand alone as a fact (see the module comment), or null when it does:
 * the first reason that applies, which `npm run eval:facts` counts.
 */
export function whyNotWhole(ev: Event): string | null {
  if (!ev.verb.trim()) return "no verb";
  const passive = ev.object !== null && isPassiveVerb(ev.verb);
  // Without its actor only a passive stands (`A peace deal was signed`), and then its subject must.
  const lead = leadOf(ev);
  if (!lead) return "no actor";
  if (endsDangling(lead.text)) return "actor dangles";
  if (isBarePronoun(lead.text)) return "bare pronoun actor";
  if (refersBack(lead.text)) return "actor refers back";
  const fact = eventFact(ev);
  const afterVerb = fact.slice(fact.indexOf(ev.verb) + ev.verb.length).trim();
  if (!ev.object && !holdsComplement(afterVerb) && !mayTakeNoObject(ev.action, 2))
    return "transitive verb without object";
  if (endsDangling(fact)) return "ends in a function word";
  // `the company announced it`: an object that only points back, with nothing after it.
  const objectText = ev.object && ev.object !== lead ? ev.object.text : "";
  if (isPronoun(afterVerb) || (objectText && isPronoun(objectText) && fact.endsWith(objectText)))
    return "object refers back";
  // A verb at the end that is not the event's own intransitive one asks for its object (`refused
  // to say`, `is being asked to review`, `…, noting`).
  const terms = nlp(fact).docs.flat() as { text: string; tags: Set<string> }[];
  const end = terms[terms.length - 1];
  if (end?.tags.has("Verb") && !end.tags.has("Adjective")) {
    const own = ev.verb.toLowerCase().split(/\s+/).pop() === end.text.toLowerCase();
    // Another clause's verb at the end (`warned that prices would rise`) may be one that needs
    // nothing more; an infinitive or a participle left there is a cut (`refused to say`, `, noting`).
    const infinitive = terms[terms.length - 2]?.text.toLowerCase() === "to" || end.tags.has("Gerund");
    const lemma = own ? ev.action : String(nlp(end.text).verbs().toInfinitive().text() || end.text);
    const complete = own
      ? passive || isPassiveVerb(ev.verb) || mayTakeNoObject(lemma, 2)
      : !infinitive && mayTakeNoObject(lemma, 2);
    if (!complete) return "ends in a verb without its object";
  }
  return null;
}

/** Whether an event stands alone as a fact. */
export function isWholeEvent(ev: Event): boolean {
  return whyNotWhole(ev) === null;
}

/** `it`, `them`, `this`: one word that only points to another. */
function isPronoun(phrase: string): boolean {
  const terms = nlp(phrase).docs.flat();
  return terms.length === 1 && (terms[0]!.tags as Set<string>).has("Pronoun");
}

/** `its new owner`, `their lawyers`: an actor whose possessor is in another sentence. */
function refersBack(phrase: string): boolean {
  const first = nlp(phrase).docs.flat()[0];
  const tags = (first?.tags ?? new Set()) as Set<string>;
  // compromise tags `its` a possessive noun, not a pronoun.
  return tags.has("Possessive") && (tags.has("Pronoun") || /^its$/i.test(first?.text ?? ""));
}

/** `it`, `they`, `he`, `some`, `others`: an actor that needs the sentence before it. */
function isBarePronoun(phrase: string): boolean {
  const terms = nlp(phrase).docs.flat();
  if (terms.length !== 1) return false;
  const tags = terms[0]!.tags as Set<string>;
  if (tags.has("Pronoun") || (tags.has("Determiner") && !tags.has("Noun"))) return true;
  // `others`, `many`, `most`: a word WordNet knows as no noun stands for one named elsewhere.
  return !tags.has("ProperNoun") && /^[a-z]+$/.test(phrase.trim()) && nounKinds(phrase.trim()).length === 0;
}
