/**
 * Entities across articles. PLACEHOLDER (being replaced): merges by id only.
 */
import type { Entity } from "./schema.ts";

/** Merges article-local entity lists; `remap` maps each old id to the merged entity's id. */
export function mergeEntities(lists: Entity[][]): { entities: Entity[]; remap: Map<string, string> } {
  const byId = new Map<string, Entity>();
  const remap = new Map<string, string>();
  for (const list of lists) {
    for (const e of list) {
      remap.set(e.id, e.id);
      const seen = byId.get(e.id);
      if (!seen)
        byId.set(e.id, { ...e, aliases: [...e.aliases], roles: [...e.roles], mentions: [...e.mentions] });
      else seen.mentions.push(...e.mentions);
    }
  }
  return { entities: [...byId.values()], remap };
}
