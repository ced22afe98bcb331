/**
 * Entities across articles: one person, place or organisation however each article names it.
 *
 * Two entities of the same type merge when their names are spellings of one name (`Time Warner` =
 * `TimeWarner`), when one's name is an alias the other article gave (an article saying only
 * `Pashinyan` or `EU` merges into `Nikol Pashinyan` or `European Union` from another), or when a
 * lone surname is the last word of exactly one person named in full. An alias two different
 * entities share (`Foreign Ministry` of two countries) merges nothing. The canonical name is the
 * fullest; aliases, roles and mentions are united.
 */
import { slug, squashKey } from "./names.ts";
import type { Entity } from "./schema.ts";

/** Merges article-local entity lists; `remap` maps each old id to the merged entity's id. */
export function mergeEntities(lists: Entity[][]): { entities: Entity[]; remap: Map<string, string> } {
  const all = lists.flat();
  // Groups by type and name key; each group is one candidate entity.
  const groups = new Map<string, Entity[]>();
  for (const e of all) {
    const key = `${e.type}|${squashKey(e.name)}`;
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  const parent = new Map<string, string>([...groups.keys()].map((k) => [k, k]));
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const words = (key: string) => bestName(groups.get(key)!).split(/\s+/).length;
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    // The fuller name stays the root.
    if (words(ra) >= words(rb)) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  // Alias key → the groups that list it; an alias listed by one group only is unambiguous.
  const aliasOwners = new Map<string, Set<string>>();
  for (const [key, list] of groups) {
    const type = key.split("|")[0]!;
    for (const e of list)
      for (const alias of e.aliases) {
        const ak = `${type}|${squashKey(alias)}`;
        if (ak === key) continue;
        const owners = aliasOwners.get(ak) ?? new Set();
        owners.add(key);
        aliasOwners.set(ak, owners);
      }
  }
  for (const key of groups.keys()) {
    const owners = aliasOwners.get(key);
    if (owners && owners.size === 1) union(key, [...owners][0]!);
  }
  // A lone surname: the last word of exactly one person named in full.
  const bySurname = new Map<string, string[]>();
  for (const [key, list] of groups) {
    if (!key.startsWith("person|")) continue;
    const name = bestName(list);
    const parts = name.split(/\s+/);
    if (parts.length < 2) continue;
    const sk = squashKey(parts[parts.length - 1]!);
    bySurname.set(sk, [...(bySurname.get(sk) ?? []), key]);
  }
  for (const [key, list] of groups) {
    if (!key.startsWith("person|") || bestName(list).split(/\s+/).length > 1) continue;
    const full = bySurname.get(key.slice("person|".length));
    if (full && full.length === 1 && find(key) === key) union(key, full[0]!);
  }
  // Build the merged entities.
  const members = new Map<string, Entity[]>();
  for (const [key, list] of groups) {
    const root = find(key);
    members.set(root, [...(members.get(root) ?? []), ...list]);
  }
  const remap = new Map<string, string>();
  const entities: Entity[] = [];
  for (const list of members.values()) {
    const name = bestName(list);
    const type = list[0]!.type;
    const id = `${type}:${slug(name)}`;
    const aliases: string[] = [];
    const seenAlias = new Set<string>([name.toLowerCase()]);
    const roles: string[] = [];
    for (const e of list) {
      for (const a of [e.name, ...e.aliases])
        if (!seenAlias.has(a.toLowerCase())) {
          seenAlias.add(a.toLowerCase());
          aliases.push(a);
        }
      for (const r of e.roles) if (!roles.some((x) => x.toLowerCase() === r.toLowerCase())) roles.push(r);
      remap.set(e.id, id);
    }
    entities.push({
      id,
      type,
      name,
      aliases,
      roles,
      standsFor: list.find((e) => e.standsFor)?.standsFor ?? null,
      mentions: list.flatMap((e) => e.mentions),
    });
  }
  // A capital stands for its country's merged id.
  for (const e of entities) if (e.standsFor) e.standsFor = remap.get(e.standsFor) ?? e.standsFor;
  return { entities, remap };
}

/** The fullest name of a group: most words, then most mentions, then first seen. */
function bestName(list: Entity[]): string {
  let best = list[0]!;
  for (const e of list) {
    const [a, b] = [e.name.split(/\s+/).length, best.name.split(/\s+/).length];
    if (a > b || (a === b && e.mentions.length > best.mentions.length)) best = e;
  }
  return best.name;
}
