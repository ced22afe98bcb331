/**
 * Wires and outlets credited inside the text: `according to AFP`, `(Reuters)`, `told the BBC`,
 * `AP reported`. A person after `according to` is a speaker (the quotation module's business), so
 * only names of the curated wire list, or organisations whose name ends like an outlet's
 * (`… News`, `… Times`, `… Agency`), count.
 */
import { lexKey, OUTLET_HEADS, WIRES } from "./lexicon.ts";
import { type Token, verbLemma } from "./nlp.ts";
import type { Attribution } from "./schema.ts";
import type { SentenceTokens } from "./sentences.ts";

const REPORT_VERBS = new Set(["report", "tell", "quote", "cite", "say"]);

/** Finds the attributions of one sentence. */
export function findAttributions(st: SentenceTokens): Attribution[] {
  const toks = st.tokens;
  const found: string[] = [];
  const add = (name: string | null) => {
    if (name && !found.includes(name)) found.push(name);
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.normal === "according" && toks[i + 1]?.normal === "to") add(outletAt(toks, i + 2));
    else if (/\(/.test(t.pre)) {
      // `(Reuters)`, `(AFP)`: a credit in parentheses.
      const name = outletAt(toks, i);
      if (
        name &&
        /\)/.test(
          toks
            .slice(i, i + 4)
            .map((x) => x.post)
            .join(""),
        )
      )
        add(name);
    } else if (t.tags.has("Verb") && REPORT_VERBS.has(verbLemma(t))) {
      const lemma = verbLemma(t);
      // `told the BBC`, `told Reuters`.
      if (lemma === "tell") add(outletAt(toks, i + 1));
      // `reported by AFP`, `quoted by TASS`.
      if (toks[i + 1]?.normal === "by") add(outletAt(toks, i + 2));
      // `AP reported`, `Reuters said`.
      if (lemma !== "tell") add(outletEndingAt(toks, i - 1));
    }
  }
  return found.map((name) => ({ name, sentenceId: st.sentence.id }));
}

/** The outlet named by the capitalised words starting at `i` (an optional `the` first). */
function outletAt(toks: Token[], i: number): string | null {
  let k = i;
  if (toks[k]?.normal === "the") k++;
  const words: Token[] = [];
  while (k < toks.length && /^[\p{Lu}]/u.test(toks[k]!.text) && words.length < 6) {
    words.push(toks[k]!);
    if (/[,.;:()"”]/.test(toks[k]!.post) || /['’]s$/.test(toks[k]!.text)) break;
    k++;
  }
  return outletName(words, toks[i]?.normal === "the");
}

function outletEndingAt(toks: Token[], i: number): string | null {
  const words: Token[] = [];
  let k = i;
  while (k >= 0 && /^[\p{Lu}]/u.test(toks[k]!.text) && words.length < 6) {
    // `Pearson's Financial Times said`: the owner is not part of the outlet's name.
    if (words.length > 0 && (/[,.;:()"”]/.test(toks[k]!.post) || /['’]s$/.test(toks[k]!.text))) break;
    words.unshift(toks[k]!);
    k--;
  }
  return outletName(words, toks[k]?.normal === "the");
}

function outletName(words: Token[], withThe: boolean): string | null {
  // Longest prefix that is a known wire, else a name ending like an outlet.
  for (let n = words.length; n > 0; n--) {
    const name = words
      .slice(0, n)
      .map((w) => w.text.replace(/['’]s$/, ""))
      .join(" ");
    const known =
      WIRES.get(name.toLowerCase()) ?? (withThe ? WIRES.get(`the ${name.toLowerCase()}`) : undefined);
    if (known) return known;
  }
  const last = words[words.length - 1];
  if (
    words.length >= 2 &&
    last &&
    OUTLET_HEADS.has(lexKey(last.text)) &&
    !words.some((w) => w.tags.has("Person"))
  )
    return `${withThe ? "The " : ""}${words.map((w) => w.text.replace(/['’]s$/, "")).join(" ")}`;
  return null;
}
