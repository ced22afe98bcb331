/**
 * Every message `newsdesk ingest` prints about a file, in one place. Each is one line, names the
 * file first and says why, so a user can fix the file without reading code.
 */

/** A file that cannot be read as an article; the message is the whole line to print. */
export class ArticleParseError extends Error {
  override name = "ArticleParseError";
}

// A reason may quote the file (a JSON parser's message does): newlines and control characters
// (terminal escapes) are flattened so the message stays one safe line.
const line = (file: string, why: string) =>
  `ingest: ${file}: ${why.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")}`;

/** The messages, keyed by what went wrong. */
export const IngestMessages = {
  empty: (file: string) => line(file, "empty file (nothing to ingest)"),
  tooDeep: (file: string, depth: number, max: number) =>
    line(file, `markup nested ${depth} elements deep (at most ${max} are read)`),
  tooLong: (file: string, title: string, chars: number, max: number) =>
    line(
      file,
      `article "${title.slice(0, 60)}" too long to analyse (${chars.toLocaleString("en")} characters, at most ${max.toLocaleString("en")})`,
    ),
  binary: (file: string) =>
    line(file, "binary file, not an article (expected text, Markdown, JSON, HTML or a feed)"),
  unreadable: (file: string, why: string) => line(file, `cannot read (${why})`),
  unknownLayout: (file: string) =>
    line(
      file,
      "unknown layout (not a plain-text article with a date line and a `Source:` line, Markdown with front matter, JSON, HTML or an RSS/Atom feed)",
    ),
  markdownNoFrontMatter: (file: string) =>
    line(file, "Markdown without front matter (start the file with `---`, `title:`, `source:`, `---`)"),
  noBody: (file: string) => line(file, "no body text (the article has a title but no paragraphs)"),
  noTitle: (file: string) => line(file, "no title"),
  noSource: (file: string) => line(file, "no outlet (add a `Source:` line or a `source` field)"),
  frontMatterUnclosed: (file: string) => line(file, "broken front matter: the opening `---` is never closed"),
  frontMatterYaml: (file: string, why: string) => line(file, `broken front matter: ${why}`),
  frontMatterNotMap: (file: string) => line(file, "broken front matter: expected `key: value` lines"),
  frontMatterField: (file: string, field: string, why: string) =>
    line(file, `front matter field \`${field}\` ${why}`),
  json: (file: string, why: string) => line(file, `broken JSON: ${why}`),
  jsonField: (file: string, where: string, why: string) => line(file, `JSON ${where}: ${why}`),
  jsonEmptyArray: (file: string) => line(file, "JSON array holds no articles"),
  feedXml: (file: string, why: string) => line(file, `broken feed: ${why}`),
  feedEntities: (file: string) =>
    line(file, "refused feed: it declares XML entities (<!ENTITY>), which could expand without bound"),
  feedNoItems: (file: string) => line(file, "feed holds no items with a title and text"),
  feedUnknownRoot: (file: string, root: string) =>
    line(file, `broken feed: root element <${root}> is neither RSS (<rss>) nor Atom (<feed>)`),
  htmlNoArticle: (file: string) => line(file, "no article found in the HTML page"),
  badDate: (file: string, value: string) => line(file, `unreadable publication date "${value}"`),
  /** The rebuild could not read the existing fact base: it is rebuilt from the copies. */
  factBaseRebuilt: (file: string, why: string) =>
    `ingest: ${file}: ${why}; rebuilding it from the copies in articles/`,
  noInputs: (path: string) => `ingest: ${path}: no such file or folder`,
  duplicate: (path: string, of: string) => `ingest: skipped ${path}: the same article as ${of}`,
  notArticle: (path: string) =>
    `ingest: skipped ${path}: not an article file (.txt .md .json .html .xml .rss .atom)`,
  symlink: (path: string) =>
    `ingest: skipped ${path}: a symbolic link inside a folder (give its target itself)`,
  noArticleFiles: (path: string) =>
    `ingest: ${path}: no article files here (.txt .md .json .html .xml .rss .atom)`,
} as const;
