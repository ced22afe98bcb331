/**
 * MiniSearch over every sentence: an inverted index with fuzzy and prefix terms, the library a
 * user would pick when plain fuse.js gets slow.
 */
import MiniSearch from "minisearch";
import type { BenchSentence, Peer, PeerHit } from "./types.ts";

/** Search options: fuzzy terms within 20% edit distance, prefixes match (from the MiniSearch docs). */
export const MINISEARCH_SEARCH_OPTIONS = Object.freeze({ fuzzy: 0.2, prefix: true });

/** Builds the MiniSearch peer over the sentences. */
export function createMiniSearch(sentences: readonly BenchSentence[]): Peer {
  const index = new MiniSearch<BenchSentence>({
    fields: ["text"],
    storeFields: ["text"],
    searchOptions: { ...MINISEARCH_SEARCH_OPTIONS },
  });
  index.addAll(sentences as BenchSentence[]);
  return {
    name: "MiniSearch",
    top(question: string): PeerHit | null {
      const [best] = index.search(question);
      return best ? { id: String(best.id), text: String(best.text), score: best.score } : null;
    },
    suggest(prefix: string, limit: number): string[] {
      return index
        .autoSuggest(prefix)
        .slice(0, limit)
        .map((s) => s.suggestion);
    },
  };
}
