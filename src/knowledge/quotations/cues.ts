/**
 * The words that attribute speech: a curated list of verbs (data, not a regex pile), conjugated once
 * with compromise so that `says`, `said`, `saying` and `has said` are all known.
 */
import nlp from "compromise";

/** Verbs that introduce speech or writing, direct or reported. */
export const SPEECH_VERBS: readonly string[] = Object.freeze([
  "say",
  "tell",
  "add",
  "write",
  "read",
  "state",
  "announce",
  "warn",
  "insist",
  "argue",
  "claim",
  "note",
  "explain",
  "ask",
  "reply",
  "respond",
  "praise",
  "call",
  "describe",
  "comment",
  "remark",
  "confirm",
  "admit",
  "acknowledge",
  "declare",
  "suggest",
  "urge",
  "continue",
  "conclude",
  "stress",
  "emphasise",
  "emphasize",
  "tweet",
  "post",
  "predict",
  "promise",
  "pledge",
  "vow",
  "deny",
  "complain",
  "recall",
  "reveal",
  "report",
  "testify",
  "quip",
  "joke",
  "exclaim",
  "shout",
  "boast",
  "concede",
  "admonish",
  "agree",
  "confess",
  "retort",
  "scoff",
  "counter",
]);

/**
 * Verbs of judging or naming that govern a partial quote (`considered an "important step"`,
 * `dismissed the plan as "desperate"`): their subject owns the quoted word, though they are not
 * speech cues for a whole quotation.
 */
export const STANCE_VERBS: readonly string[] = Object.freeze([
  "consider",
  "deem",
  "dismiss",
  "label",
  "brand",
  "dub",
  "term",
  "hail",
  "welcome",
  "condemn",
  "criticise",
  "criticize",
  "accuse",
  "reject",
  "believe",
  "think",
  "see",
  "regard",
  "view",
  "demand",
  "propose",
  "seek",
  "promise",
]);

/** Verbs whose subject is a listener, not the speaker, when they follow a quote's own cue. */
const SPEECH_VERB_EXCLUDED_FORMS = new Set(["calls", "called", "call", "post", "posts", "posted", "report"]);

// compromise's conjugation model, used directly: the same forms as tagging the word as a verb and
// asking `doc.verbs().conjugate()` (checked for every verb here), without a parse per verb, which
// cost every ingest worker about a second at start.
const { conjugate } = (nlp.world() as unknown as { methods: VerbTransform }).methods.two.transform.verb;
const model = (nlp.world() as unknown as { model: unknown }).model;

interface VerbTransform {
  two: { transform: { verb: { conjugate(infinitive: string, model: unknown): Record<string, string> } } };
}

/** A verb's forms (past, present, gerund) as compromise conjugates it. */
export function verbForms(lemma: string): Record<string, string> {
  return conjugate(lemma, model);
}

function forms(lemmas: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const lemma of lemmas) {
    const conj = verbForms(lemma);
    // compromise gives some regular verbs no past (`tweet` → `tweet`, `quip` → `quip`): the gerund's
    // stem takes `-ed` (`tweeting` → `tweeted`, `quipping` → `quipped`).
    const regularPast = conj.PastTense === lemma && conj.Gerund ? conj.Gerund.replace(/ing$/u, "ed") : null;
    const all = [lemma, conj.PastTense, conj.PresentTense, conj.Gerund, regularPast];
    for (const f of all) if (f) map.set(f.toLowerCase(), lemma);
  }
  // compromise spells British forms American; news uses both.
  map.set("criticised", "criticise");
  map.set("emphasised", "emphasise");
  map.set("read", "read");
  return map;
}

const SPEECH_FORMS = forms(SPEECH_VERBS);
const STANCE_FORMS = forms(STANCE_VERBS);

/** The lemma of a speech verb form (`wrote` → `write`), or null. */
export function speechLemma(word: string): string | null {
  return SPEECH_FORMS.get(word.toLowerCase()) ?? null;
}

/** The lemma of a speech or stance verb form, or null. */
export function reportingLemma(word: string): string | null {
  const w = word.toLowerCase();
  return SPEECH_FORMS.get(w) ?? STANCE_FORMS.get(w) ?? null;
}

/**
 * Whether a form may cue a whole (direct) quotation: `called` and `posted` mostly do not
 * (`called it an "important step"` is a partial quote; `posted` is a verb of the post, not the words).
 */
export function isDirectCue(word: string): boolean {
  return speechLemma(word) !== null && !SPEECH_VERB_EXCLUDED_FORMS.has(word.toLowerCase());
}

/** Whether a form is a gerund or participle (`calling`, `saying`): its subject is the clause's subject. */
export function isGerund(word: string): boolean {
  return /ing$/iu.test(word);
}

/** Words between a subject and its verb that are not part of either (`has also said`). */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  "has",
  "have",
  "had",
  "was",
  "were",
  "is",
  "are",
  "will",
  "would",
  "could",
  "may",
  "might",
  "also",
  "later",
  "then",
  "previously",
  "further",
  "again",
  "once",
  "recently",
  "repeatedly",
  "earlier",
  "not",
  "never",
  "had",
  "publicly",
  "separately",
  "simply",
  "reportedly",
  "quickly",
]);

/** Nouns naming a document that can be the speaker of a quotation (`the statement read`). */
export const DOCUMENT_NOUNS: ReadonlySet<string> = new Set([
  "statement",
  "communique",
  "communiqué",
  "declaration",
  "report",
  "letter",
  "post",
  "message",
  "e-mail",
  "email",
  "announcement",
  "document",
  "note",
  "memo",
  "tweet",
  "resolution",
  "agreement",
]);

/** Words that open a clause: the subject of a verb starts after the last of them. */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  "that",
  "which",
  "who",
  "whom",
  "what",
  "because",
  "while",
  "when",
  "where",
  "although",
  "though",
  "if",
  "but",
  "whereas",
  "since",
  "after",
  "before",
  "as",
  "so",
  "and",
]);

/** Words that start an adverbial phrase before a sentence's subject (`On December 7, …`). */
export const ADVERBIAL_OPENERS: ReadonlySet<string> = new Set([
  "on",
  "in",
  "at",
  "during",
  "after",
  "before",
  "since",
  "also",
  "however",
  "previously",
  "later",
  "meanwhile",
  "but",
  "and",
  "so",
  "earlier",
  "then",
  "now",
  "yesterday",
  "today",
  "last",
  "this",
  "for",
  "by",
  "with",
  "under",
  "according",
  "although",
  "though",
  "while",
  "when",
  "as",
  "despite",
  "instead",
  "still",
  "yet",
  "indeed",
  "further",
  "furthermore",
  "moreover",
  "separately",
  "elsewhere",
  "overall",
  "from",
  "to",
  "among",
  "amid",
  "until",
]);

/** Courtesy titles: they mark a person, and `Ms`/`Mrs` a woman, `Mr` a man. */
export const HONORIFICS: ReadonlyMap<string, "male" | "female" | null> = new Map([
  ["mr", "male"],
  ["mr.", "male"],
  ["sir", "male"],
  ["lord", "male"],
  ["ms", "female"],
  ["ms.", "female"],
  ["mrs", "female"],
  ["mrs.", "female"],
  ["miss", "female"],
  ["lady", "female"],
  ["dame", "female"],
  ["dr", null],
  ["dr.", null],
  ["prof", null],
  ["prof.", null],
  ["professor", null],
]);

/**
 * Title words that belong to a role, not to a name (`European Council President Charles Michel`):
 * a name is the capitalised words after the last of these.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  "president",
  "prime",
  "minister",
  "secretary",
  "chancellor",
  "king",
  "queen",
  "prince",
  "princess",
  "pope",
  "general",
  "governor",
  "senator",
  "mayor",
  "judge",
  "justice",
  "chairman",
  "chairwoman",
  "chair",
  "chief",
  "executive",
  "director",
  "editor",
  "leader",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "official",
  "ambassador",
  "commissioner",
  "coach",
  "manager",
  "captain",
  "boss",
  "head",
  "founder",
  "deputy",
  "vice",
  "foreign",
  "home",
  "defence",
  "defense",
  "state",
  "council",
  "commission",
  "party",
  "mp",
  "mep",
  "sheriff",
  "inspector",
  "detective",
  "officer",
  "constable",
  "sergeant",
  "colonel",
  "lieutenant",
  "admiral",
  "major",
  "analyst",
  "economist",
  "correspondent",
  "reporter",
  "journalist",
  "blogger",
  "lawyer",
  "attorney",
  "adviser",
  "advisor",
  "shadow",
  "co-chairman",
  "striker",
  "midfielder",
  "defender",
  "goalkeeper",
  "star",
  "singer",
  "actor",
  "actress",
  "producer",
  "president-elect",
  "emir",
  "sultan",
  "sheikh",
  "ayatollah",
  "bishop",
  "archbishop",
  "rabbi",
  "imam",
  "father",
  "rev",
  "reverend",
  "premier",
  "envoy",
  "trade",
  "industry",
  // Abbreviated titles of US news (`Sen. Claire McCaskill`, `Rep.`, `Gov.`).
  "sen",
  "rep",
  "gov",
  // Roles of political news that stand before a name (`MSNBC host Chris Matthews`, `Clinton aide Huma Abedin`).
  "host",
  "anchor",
  "strategist",
  "aide",
  "pollster",
  "commentator",
  "candidate",
  "nominee",
  "congressman",
  "congresswoman",
  "activist",
]);

/** Title words that modify a role without being one (`Foreign`, `Trade and Industry`). */
const ROLE_MODIFIERS = new Set([
  "foreign",
  "home",
  "state",
  "council",
  "commission",
  "party",
  "trade",
  "industry",
  "vice",
  "deputy",
  "prime",
  "shadow",
  "chief",
  "executive",
  "head",
]);

/** Nouns that make a noun phrase a person or group of people (`the spokesman`, `officials`). */
export const PERSON_NOUNS: ReadonlySet<string> = new Set([
  ...[...TITLE_WORDS].filter((w) => !ROLE_MODIFIERS.has(w)),
  "spokesman",
  "spokeswoman",
  "man",
  "woman",
  "officials",
  "source",
  "sources",
  "expert",
  "experts",
  "critics",
  "campaigners",
  "residents",
  "witnesses",
  "researchers",
  "scientists",
  "artist",
  "artists",
  "chef",
  "author",
  "writer",
  "player",
  "runner",
  "athlete",
  "director",
  "chancellor",
]);

/** Nouns for what someone said (`His message to the chancellor was: "…"`). */
export const SPEECH_NOUNS: ReadonlySet<string> = new Set([
  "message",
  "statement",
  "words",
  "reply",
  "response",
  "answer",
  "verdict",
  "advice",
  "comment",
  "comments",
  "remarks",
  "warning",
  "plea",
  "view",
  "conclusion",
  "assessment",
]);
