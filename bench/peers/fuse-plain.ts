/**
 * Plain fuse.js over every sentence: what a first version of a news bot would do. fuse.js scans
 * the whole list on every search, so its cost grows with the corpus; this is the baseline that
 * newsdesk must beat by 20× at equal or better hit rate.
 */
import Fuse from "fuse.js";
import type { BenchSentence, Peer, PeerHit } from "./types.ts";

/** The options a first version would write (from the fuse.js docs); fixed so runs compare. */
export const FUSE_PLAIN_OPTIONS = Object.freeze({
  keys: ["text"],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
});

/** Builds the plain fuse.js peer over the sentences. */
export function createFusePlain(sentences: readonly BenchSentence[]): Peer {
  const fuse = new Fuse(sentences as BenchSentence[], FUSE_PLAIN_OPTIONS);
  return {
    name: "fuse.js (plain)",
    top(question: string): PeerHit | null {
      const [best] = fuse.search(question, { limit: 1 });
      return best ? { id: best.item.id, text: best.item.text, score: best.score ?? 0 } : null;
    },
    suggest(prefix: string, limit: number): string[] {
      return fuse.search(prefix, { limit }).map((r) => r.item.text);
    },
  };
}
