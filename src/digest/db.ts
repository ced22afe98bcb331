/**
 * The digest database: one SQLite file (better-sqlite3 12.x; 13.x crashes on Node 20) in `DATA_DIR`,
 * created on first start and brought up to date by numbered migrations, each applied in its own
 * transaction together with its row in `schema_migrations`, so a failed migration leaves nothing half done.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { DIGEST_DATABASE_TOO_NEW, DIGEST_MIGRATION_FAILED } from "./errors.ts";

/** The database handle type. */
export type DigestDb = Database.Database;

/** The database file inside `DATA_DIR`. */
export const DIGEST_DB_FILE = "newsdesk.sqlite";

/** One schema step. Never edit a released migration: add the next one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations, in order. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: "subscriptions and delivery log",
    sql: `
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        channel_id TEXT NOT NULL UNIQUE,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        topics TEXT NOT NULL DEFAULT '[]',
        quiet_days INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failing')),
        failure TEXT,
        failing_since TEXT
      );
      -- Keyed by channel, not subscription: unsubscribing and subscribing again the same day
      -- must not give the channel a second digest. Manual posts (/digest now) have local_day NULL,
      -- which SQLite never counts as a duplicate.
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        subscription_id INTEGER NOT NULL,
        channel_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'manual')),
        local_day TEXT,
        scheduled_for TEXT,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'skipped', 'failed', 'interrupted')),
        claimed_at TEXT NOT NULL,
        finished_at TEXT,
        articles INTEGER,
        detail TEXT,
        UNIQUE (channel_id, local_day)
      );
      CREATE INDEX deliveries_channel_finished ON deliveries (channel_id, status, finished_at);
    `,
  },
  {
    version: 2,
    name: "feed items and feed state",
    sql: `
      CREATE TABLE feed_items (
        id INTEGER PRIMARY KEY,
        feed_url TEXT NOT NULL,
        guid TEXT NOT NULL,
        url TEXT,
        title_key TEXT NOT NULL,
        published TEXT,
        article_id TEXT,
        seen_at TEXT NOT NULL,
        UNIQUE (feed_url, guid)
      );
      CREATE INDEX feed_items_url ON feed_items (url);
      CREATE INDEX feed_items_title ON feed_items (title_key, published);
      CREATE TABLE feed_state (
        feed_url TEXT PRIMARY KEY,
        failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        last_ok_at TEXT
      );
    `,
  },
  {
    version: 3,
    name: "feeds added with newsdesk feeds add",
    sql: `
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        every_minutes INTEGER NOT NULL CHECK (every_minutes > 0),
        added_at TEXT NOT NULL
      );
    `,
  },
]);

/** Applies the pending migrations; returns the versions applied. */
export function migrate(db: DigestDb, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current =
    (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) throw new Error(DIGEST_DATABASE_TOO_NEW(current, known));
  const applied: number[] = [];
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const m of migrations) {
    if (m.version <= current) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, m.name, new Date().toISOString());
      })();
    } catch (err) {
      throw new Error(DIGEST_MIGRATION_FAILED(m.version, m.name, (err as Error).message));
    }
    applied.push(m.version);
  }
  return applied;
}

/**
 * Opens (creating the folder and file when needed) and migrates the digest database.
 * WAL lets the feed poller write while a digest is read; busy_timeout waits out a writer
 * in another process (a CLI run beside the bot) instead of failing with SQLITE_BUSY.
 */
export function openDigestDb(dataDir: string): DigestDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DIGEST_DB_FILE));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}
