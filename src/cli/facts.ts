/**
 * `newsdesk facts [--knowledge DIR] [--json]`: what the fact base holds, to inspect it:
 * articles, entities with aliases and roles, events, quotations. Human-readable by default.
 */
import { loadConfig } from "../config.ts";
import type { FactBase } from "../knowledge/schema.ts";
import { readFactBase } from "../knowledge/store.ts";
import { parseCli } from "./args.ts";

const USAGE = "newsdesk facts [--knowledge DIR] [--json]";

/** The summary printed by `newsdesk facts --json`. */
export function factsSummary(facts: FactBase) {
  const name = new Map(facts.entities.map((e) => [e.id, e.name]));
  const who = (arg: { text: string; entityId: string | null } | null) =>
    arg ? (arg.entityId ? (name.get(arg.entityId) ?? arg.text) : arg.text) : null;
  return {
    format: facts.format,
    version: facts.version,
    builtAt: facts.builtAt,
    articles: facts.articles.map((a) => ({
      id: a.id,
      title: a.title,
      source: a.source,
      published: a.published,
      url: a.url,
      dateline: a.dateline?.place ?? null,
      format: a.format,
      file: a.file,
      paragraphs: a.paragraphs.length,
      sentences: a.sentences.length,
      attributions: [...new Set(a.attributions.map((x) => x.name))],
    })),
    entities: facts.entities.map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: e.aliases,
      roles: e.roles,
      standsFor: e.standsFor ? (name.get(e.standsFor) ?? e.standsFor) : null,
      mentions: e.mentions.length,
    })),
    events: facts.events.map((e) => ({
      id: e.id,
      articleId: e.articleId,
      actor: who(e.actor),
      action: e.action,
      verb: e.verb,
      object: who(e.object),
      date: e.date?.value ?? null,
      place: who(e.place),
      quantities: e.quantities.map((q) => q.text),
      tense: e.tense,
      negated: e.negated,
    })),
    quotations: facts.quotations.map((q) => ({
      id: q.id,
      articleId: q.articleId,
      speaker: who(q.speaker),
      speakerRole: q.speakerRole,
      cue: q.cue,
      kind: q.kind,
      text: q.text,
    })),
    statements: facts.statements.length,
  };
}

function human(facts: FactBase): string {
  const s = factsSummary(facts);
  const out: string[] = [];
  out.push(`Fact base ${s.format} v${s.version}, built ${s.builtAt}`);
  out.push("", `Articles (${s.articles.length})`);
  for (const a of s.articles) {
    out.push(
      `  ${a.id}`,
      `    ${a.title} — ${a.source}, ${a.published ?? "undated"}${a.dateline ? `, ${a.dateline}` : ""}`,
    );
  }
  out.push("", `Entities (${s.entities.length})`);
  for (const e of s.entities) {
    const extra = [
      e.aliases.length ? `aka ${e.aliases.join(", ")}` : "",
      e.roles.length ? `roles: ${e.roles.join(", ")}` : "",
      e.standsFor ? `stands for ${e.standsFor}` : "",
    ].filter(Boolean);
    out.push(`  ${e.type.padEnd(12)} ${e.name}${extra.length ? ` (${extra.join("; ")})` : ""}`);
  }
  out.push("", `Events (${s.events.length})`);
  for (const e of s.events) {
    const parts = [e.actor ?? "?", e.negated ? `not ${e.action}` : e.action, e.object ?? ""].filter(Boolean);
    const extra = [e.date, e.place ? `in ${e.place}` : "", e.quantities.join(", ")].filter(Boolean);
    out.push(`  ${parts.join(" — ")}${extra.length ? ` [${extra.join("; ")}]` : ""}`);
  }
  out.push("", `Quotations (${s.quotations.length})`);
  for (const q of s.quotations) out.push(`  ${q.speaker ?? "?"} ${q.cue ?? "—"}: “${q.text}”`);
  out.push("", `Statements: ${s.statements}`);
  return `${out.join("\n")}\n`;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseCli(args, { knowledge: { type: "string" }, json: { type: "boolean" } }, USAGE);
  const facts = readFactBase(values.knowledge ?? loadConfig().KNOWLEDGE_DIR);
  process.stdout.write(values.json ? `${JSON.stringify(factsSummary(facts), null, 2)}\n` : human(facts));
  return 0;
}
