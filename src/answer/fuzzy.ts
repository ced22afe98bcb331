/**
 * A small fuzzy term dictionary: finds the known terms within a few typos of a query term without
 * comparing it with every term. Terms are indexed by their padded trigrams; only terms that share
 * enough trigrams with the query (and have a close length) get an edit-distance check.
 */
import { allowedTypos, editDistance } from "./terms.ts";

/** A known term near a query term. */
export interface FuzzyMatch {
  term: string;
  distance: number;
}

function trigrams(term: string): string[] {
  const padded = `^${term}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Terms by trigram, for typo-tolerant lookup. */
export class FuzzyDictionary {
  readonly #byTrigram = new Map<string, string[]>();
  readonly #terms = new Set<string>();
  /** Sorted terms, for prefix lookup (autocomplete). */
  #sorted: string[] | null = null;

  /** Adds a term (once). */
  add(term: string): void {
    if (this.#terms.has(term)) return;
    this.#terms.add(term);
    this.#sorted = null;
    // A trigram repeated in the term (`^banana$`) lists it once: its list already ends with it.
    const padded = `^${term}$`;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      const list = this.#byTrigram.get(g);
      if (!list) this.#byTrigram.set(g, [term]);
      else if (list[list.length - 1] !== term) list.push(term);
    }
  }

  /** Prepares the prefix table now (at load) rather than on the first keystroke. */
  seal(): void {
    if (!this.#sorted) this.#sorted = [...this.#terms].sort();
  }

  has(term: string): boolean {
    return this.#terms.has(term);
  }

  get size(): number {
    return this.#terms.size;
  }

  /**
   * Known terms within `maxDistance` edits of `term` (default: by length, see `allowedTypos`),
   * closest first; the term itself comes first with distance 0 when known.
   */
  lookup(term: string, maxDistance = allowedTypos(term), limit = 8): FuzzyMatch[] {
    const out: FuzzyMatch[] = [];
    if (this.#terms.has(term)) out.push({ term, distance: 0 });
    if (maxDistance <= 0) return out;
    const grams = [...new Set(trigrams(term))];
    // Each edit destroys at most three trigrams: a term sharing fewer cannot be that close.
    const needed = Math.max(1, grams.length - 3 * maxDistance);
    const shared = new Map<string, number>();
    for (const g of grams) {
      const list = this.#byTrigram.get(g);
      if (!list) continue;
      for (const t of list) shared.set(t, (shared.get(t) ?? 0) + 1);
    }
    for (const [candidate, count] of shared) {
      if (count < needed || candidate === term) continue;
      if (Math.abs(candidate.length - term.length) > maxDistance) continue;
      const d = editDistance(term, candidate, maxDistance);
      if (d <= maxDistance) out.push({ term: candidate, distance: d });
    }
    out.sort((a, b) => a.distance - b.distance || a.term.localeCompare(b.term));
    return out.slice(0, limit);
  }

  /** Known terms starting with `prefix`, at most `limit`, in alphabetical order. */
  withPrefix(prefix: string, limit = 50): string[] {
    this.seal();
    const sorted = this.#sorted!;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && out.length < limit && sorted[i]!.startsWith(prefix); i++) {
      out.push(sorted[i]!);
    }
    return out;
  }
}
