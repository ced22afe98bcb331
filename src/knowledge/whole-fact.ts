/**
 * Whether an event reads as a whole fact on its own: an actor, its verb, and an object that does
 * not dangle. `/timeline`, `/facts` and the digest's bullets show an
 * event that fails this as the sentence it came from instead ("It comes" is no fact; "It comes
 * after Musk revealed last week he had lined up $46.5 billion in financing" is).
 *
 * An event without an object is whole when its verb may take none: WordNet's verb frames say so
 * (`stall`, `resign`: "Somebody ----s"), where "Musk laid off" lacks what was laid off. An actor that
 * is a bare pronoun ("It comes") says nothing alone either.
 */
import nlp from "compromise";
import type { Event } from "./schema.ts";
import { mayTakeNoObject } from "./wordnet.ts";

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

/** Whether a phrase ends in a word that needs another after it. */
export function endsDangling(phrase: string): boolean {
  const terms = nlp(phrase).docs.flat();
  const last = terms[terms.length - 1];
  if (!last) return true;
  const tags = last.tags as Set<string>;
  // `more` is an adverb and a comparative; `than` a preposition: both ask for what is compared.
  return DANGLING.some((t) => tags.has(t)) || /^(?:more|less|than)$/i.test(last.text);
}

/**
 * Why an event does not stand alone as a fact (see the module comment), or null when it does:
 * the first reason that applies, which `npm run eval:facts` counts.
 */
export function whyNotWhole(ev: Event): string | null {
  if (!ev.verb.trim()) return "no verb";
  // Without its actor even a passive rarely stands ("The G7 meeting is thought"): the sentence does.
  if (!ev.actor) return "no actor";
  if (endsDangling(ev.actor.text)) return "actor dangles";
  if (isBarePronoun(ev.actor.text)) return "bare pronoun actor";
  if (!ev.object) return mayTakeNoObject(ev.action, 2) ? null : "transitive verb without object";
  return endsDangling(ev.object.text) ? "object ends in a function word" : null;
}

/** Whether an event stands alone as a fact. */
export function isWholeEvent(ev: Event): boolean {
  return whyNotWhole(ev) === null;
}

/** `it`, `they`, `he`: an actor that needs the sentence before it. */
function isBarePronoun(phrase: string): boolean {
  const terms = nlp(phrase).docs.flat();
  return terms.length === 1 && (terms[0]!.tags as Set<string>).has("Pronoun");
}
