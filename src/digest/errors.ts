/**
 * Every message the digest room shows a user or writes to a log, in one place (prefixed `digest:`),
 * so wording stays consistent between `/digest`, the CLI and the logs.
 */

export const DIGEST_TIME_INVALID = (value: string) =>
  `digest: time "${value}" is not a 24-hour time HH:MM (for example 07:30 or 18:05)`;
export const DIGEST_TIMEZONE_INVALID = (value: string) =>
  `digest: timezone "${value}" is not an IANA time zone name (for example Europe/Paris or America/New_York)`;
export const DIGEST_TOPICS_TOO_MANY = (max: number) => `digest: at most ${max} topics, separated by commas`;
export const DIGEST_NOT_SUBSCRIBED = (channelId: string) =>
  `digest: <#${channelId}> has no digest subscription`;
export const DIGEST_NOT_IN_GUILD = "digest: digests can only be managed inside a server";
export const DIGEST_REFUSED_PERMISSION =
  "digest: only members who may manage the server or the channel can change digest subscriptions";
export const DIGEST_NO_DATABASE =
  "digest: digests are not available here (the bot runs without its database in DATA_DIR)";
export const DIGEST_CHANNEL_REQUIRED = "digest: choose a channel";
export const DIGEST_MIGRATION_FAILED = (version: number, name: string, message: string) =>
  `digest: database migration ${version} (${name}) failed: ${message}`;
export const DIGEST_DATABASE_TOO_NEW = (found: number, known: number) =>
  `digest: the database has schema version ${found}, this newsdesk knows up to ${known}; use a newer newsdesk or another DATA_DIR`;
export const DIGEST_CHANNEL_MISSING = "the channel no longer exists or the bot cannot see it";
export const DIGEST_CHANNEL_FORBIDDEN = "the bot may not post in the channel (missing permission)";
export const DIGEST_NOTHING_NEW = "Nothing new since the last digest.";
export const DIGEST_SINCE_INVALID = (value: string) =>
  `digest: --since "${value}" is not a date (use YYYY-MM-DD or an ISO date-time)`;
