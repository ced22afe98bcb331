/** What every system in the benchmark searches: one sentence of one article. */
export interface BenchSentence {
  /** `${articleId}#s${index}`, as in the fact base. */
  id: string;
  articleId: string;
  text: string;
}

/** A peer's best hit for a question, or null when it finds nothing. */
export interface PeerHit {
  id: string;
  text: string;
  score: number;
}

/** A search engine a user could pick instead of newsdesk, over the same sentences. */
export interface Peer {
  readonly name: string;
  /** The best-scoring sentence for the question. */
  top(question: string): PeerHit | null;
  /** Up to `limit` suggestions for a typed prefix (autocomplete). */
  suggest(prefix: string, limit: number): string[];
}
