/**
 * Page furniture: the paragraphs a news page carries around its story that are not the story
 * (photo captions with their credits, galleries, video embeds, "Read more" and "Related:" links,
 * bylines, a wire credit on its own line). Their sentences would become facts, answers and digest bullets that stand for
 * nothing ("John Normile/Getty Images Hundreds of unclaimed suitcases"), so `normalise.ts` leaves
 * them out of the text while its offset map still points into the whole source.
 *
 * Every test here is about the shape news sites give these lines, not about any one article.
 */

import { isWireLine } from "./formats/common.ts";

/** Why a paragraph was left out. */
export type FurnitureKind = "caption" | "gallery" | "video" | "link" | "byline" | "wire";

/** A line linking elsewhere: the words alone (`Read More`, `Prev Next`) or before a link's title (`Related: …`). */
const LINK_LINE =
  /^(?:read more|related(?: (?:stories|articles|content|coverage))?|more on this(?: story)?|see also|advertisement|prev(?:ious)?(?: next)?|next|share(?: this(?: article)?)?|click here|sign up|subscribe)(?:\s*$|\s*[:|–-]\s*\S)/i;
/** A heading that labels an embedded item rather than telling the story (`Photo: …`, `Watch: …`). */
const LABEL = /^(?:photos?|images?|pictures?|video|watch|listen|graphic|gallery)\s*:/i;
/** A video player's text: its "Ad Feedback" line, or a running time and its source (`01:37 - Source: CNN`). */
const VIDEO = /^video ad feedback\b|\b\d{1,2}:\d{2}\s*[-–•]\s*source:/i;
/** A video playlist's labels, in the capitals players print them (`JUST WATCHED <title> Replay More Videos ... MUST WATCH <title>`). */
const PLAYLIST = /^(?:JUST WATCHED|MUST WATCH)\b|\bReplay More Videos\b/;
/** A gallery's per-slide controls, or its slide buttons ending the gallery's heading (`In pictures: … Prev Next`). */
const GALLERY = /\bhide caption \d+ of \d+\b|\S\s+Prev Next$/i;
/** A byline alone on its line: `By Jane Doe and John Roe, CNN`. */
const BYLINE = /^[Bb]y\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|and|&))*(?:\s*,\s*\p{Lu}[\p{L} ]*)?$/u;

/**
 * A photo credit at the end of a caption: name-like parts joined by slashes
 * (`Nic Coury/AP`, `David Orrell/CNBC/NBCU Photo Bank/NBCUniversal/Getty Images`, `mpi34/MediaPunch /IPX/AP`),
 * after the caption's last full stop. No sentence punctuation inside, at most a dozen words.
 */
function endsWithCredit(paragraph: string): boolean {
  const m = /(?:^|[.!?”")]\s+)([^.!?,;:"“”]{2,120})$/u.exec(paragraph.trim());
  if (!m) return false;
  const credit = m[1]!.trim();
  if (!credit.includes("/") || /https?:|www\./i.test(credit)) return false;
  const words = credit.split(/[\s/]+/).filter(Boolean);
  if (words.length > 12) return false;
  // Every part reads as a name (capitalised, or a handle with a digit): `and`, `or` between words are prose.
  return words.every((w) => /^[\p{Lu}\d]/u.test(w) || /\d/.test(w));
}

/** The kind of page furniture a paragraph is, or null for a paragraph of the story. */
export function furnitureOf(paragraph: string): FurnitureKind | null {
  const p = paragraph.trim();
  if (!p) return null;
  if (GALLERY.test(p)) return "gallery";
  if (VIDEO.test(p) || PLAYLIST.test(p)) return "video";
  const words = p.split(/\s+/).length;
  if (LABEL.test(p)) return "link";
  if (words <= 12 && LINK_LINE.test(p)) return "link";
  if (words <= 10 && BYLINE.test(p)) return "byline";
  // The wire credit on a line of its own above the story (`Washington CNN —`); the dateline is read before this.
  if (isWireLine(p)) return "wire";
  if (endsWithCredit(p)) return "caption";
  return null;
}
