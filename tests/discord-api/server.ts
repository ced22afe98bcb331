/**
 * A local Discord API stand-in for end-to-end tests: the REST routes newsdesk uses and a WebSocket
 * gateway (HELLO, heartbeat ACK, IDENTIFY → READY + GUILD_CREATE, RESUME → replay + RESUMED,
 * dispatches), on 127.0.0.1 with a free port. Real discord.js talks to it; every request is
 * recorded, and tests can drop the gateway connection, answer a route with 429s, and wait for the
 * callback of a given interaction.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

/** One request as received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
  status: number;
  at: number;
}

/** A callback or message body as sent by the bot (snake_case, as on the wire). */
export interface WireMessage {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    color?: number;
    fields?: { name: string; value: string; inline?: boolean }[];
    footer?: { text: string };
  }[];
  flags?: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  choices?: { name: string; value: string | number }[];
}

/** An interaction callback as received: `type` 4 reply, 5 deferred, 8 autocomplete. */
export interface InteractionCallback {
  type: number;
  data?: WireMessage;
}

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  /** Every dispatch sent in this session, for replay on RESUME. */
  events: { s: number; payload: string }[];
  socket: WebSocket | null;
}

interface RateLimitRule {
  method: string;
  path: RegExp;
  remaining: number;
  retryAfter: number;
}

/** Options of the stand-in. */
export interface StandInOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  /** Milliseconds between heartbeats asked of the bot (short values exercise the ACK path). */
  heartbeatInterval?: number;
  /** Shard count recommended by GET /gateway/bot. */
  recommendedShards?: number;
}

const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

let snowflakeCounter = 0n;
/** A fresh, increasing snowflake. */
export function snowflake(): string {
  snowflakeCounter++;
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) + snowflakeCounter);
}

/** The stand-in server. */
export class DiscordApiStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly commands = new Map<string, unknown[]>();
  readonly botUser: {
    id: string;
    username: string;
    discriminator: string;
    bot: true;
    avatar: null;
    global_name: null;
  };
  readonly guildId: string;
  readonly channelId = snowflake();
  /** Channels answered with 404 Unknown Channel (test knob: a channel deleted under a subscription). */
  readonly goneChannels = new Set<string>();
  /** Channels where posting is answered with 403 Missing Permissions (test knob). */
  readonly forbiddenChannels = new Set<string>();
  /** Gateway counters. */
  identifies = 0;
  resumes = 0;
  connections = 0;
  heartbeats = 0;

  #server: Server;
  #wss: WebSocketServer;
  #sessions = new Map<string, Session>();
  #rateLimits: RateLimitRule[] = [];
  #waiters: { test: () => boolean; resolve: () => void }[] = [];
  #interactionTokens = new Map<string, string>();
  #callbacks = new Map<string, InteractionCallback>();
  #port = 0;

  private constructor(readonly options: StandInOptions) {
    this.guildId = options.guildId ?? snowflake();
    this.botUser = {
      id: options.applicationId,
      username: "newsdesk-test",
      discriminator: "0",
      bot: true,
      avatar: null,
      global_name: null,
    };
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/gateway")) return socket.destroy();
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onGatewayConnection(ws, req));
    });
  }

  /** Starts listening on 127.0.0.1 with a free port. */
  static async start(options: StandInOptions): Promise<DiscordApiStandIn> {
    const s = new DiscordApiStandIn(options);
    await new Promise<void>((resolve) => s.#server.listen(0, "127.0.0.1", resolve));
    s.#port = (s.#server.address() as AddressInfo).port;
    return s;
  }

  /** The value for `DISCORD_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  /** Number of open gateway connections. */
  get openConnections(): number {
    return [...this.#sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
  }

  // ---- waiting -------------------------------------------------------------------------------

  #notify(): void {
    for (const w of [...this.#waiters]) {
      if (w.test()) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `test()` holds (checked on every request and gateway event). */
  waitFor(test: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`stand-in: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** Resolves with the first successful callback of interaction `id`. */
  async waitForCallback(id: string, timeoutMs = 10_000): Promise<InteractionCallback> {
    await this.waitFor(() => this.#callbacks.has(id), timeoutMs, `the callback of interaction ${id}`);
    return this.#callbacks.get(id)!;
  }

  /** Every request that reached a route matching `method` and `path` (status as answered). */
  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** The messages sent through the interaction's webhook (followups, edits of the original). */
  webhookMessages(interactionId: string): RecordedRequest[] {
    const token = [...this.#interactionTokens.entries()].find(([, id]) => id === interactionId)?.[0];
    if (!token) return [];
    return this.requests.filter(
      (r) => r.path.includes(`/webhooks/`) && r.path.includes(`/${token}`) && r.status < 300,
    );
  }

  /** Waits for a request matching `method` and `path` with a 2xx answer. */
  async waitForRequest(method: string, path: RegExp, timeoutMs = 10_000): Promise<RecordedRequest> {
    const find = () => this.requests.find((r) => r.method === method && path.test(r.path) && r.status < 300);
    await this.waitFor(() => Boolean(find()), timeoutMs, `${method} ${path}`);
    return find()!;
  }

  // ---- controls ----------------------------------------------------------------------------

  /** Answers the next `count` requests of `method path` with 429 and `retry-after` seconds. */
  rateLimitNext(method: string, path: RegExp, count: number, retryAfterSeconds: number): void {
    this.#rateLimits.push({ method, path, remaining: count, retryAfter: retryAfterSeconds });
  }

  /**
   * Drops the gateway connection of shard 0 (or every shard): 4000 (unknown error, resumable) is sent
   * as a close frame; 1006 is an abnormal drop (the socket is destroyed without a close frame).
   */
  dropConnection(code: 4000 | 1006 | 4009 = 4000): void {
    for (const s of this.#sessions.values()) {
      if (!s.socket) continue;
      if (code === 1006) s.socket.terminate();
      else s.socket.close(code, "stand-in: dropped on purpose");
      s.socket = null;
    }
  }

  /** Number of sessions ready (READY or RESUMED sent on an open socket). */
  get liveSessions(): number {
    return [...this.#sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
  }

  // ---- interactions ------------------------------------------------------------------------

  #baseInteraction(type: number, data: Record<string, unknown>, user?: Partial<WireUser>) {
    const id = snowflake();
    const token = `itok_${randomBytes(24).toString("hex")}`;
    this.#interactionTokens.set(token, id);
    const u = { ...defaultUser, ...user };
    return {
      id,
      token,
      payload: {
        id,
        application_id: this.options.applicationId,
        type,
        token,
        version: 1,
        guild_id: this.guildId,
        guild: { id: this.guildId, locale: "en-US", features: [] },
        channel_id: this.channelId,
        channel: {
          id: this.channelId,
          type: 0,
          guild_id: this.guildId,
          name: "news",
          permissions: "2147483647",
        },
        member: {
          user: u,
          roles: [],
          permissions: user?.permissions ?? "2147483647",
          joined_at: "2024-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          flags: 0,
          nick: null,
          avatar: null,
          premium_since: null,
          pending: false,
        },
        app_permissions: "2147483647",
        locale: "en-US",
        guild_locale: "en-US",
        entitlements: [],
        authorizing_integration_owners: { "0": this.guildId },
        context: 0,
        attachment_size_limit: 8388608,
        data: { id: snowflake(), guild_id: this.guildId, ...data },
      },
    };
  }

  /** Dispatches a slash command; `options` as on the wire (`{ name, type, value }`, nested for subcommands). */
  sendChatInput(name: string, options: WireOption[] = [], user?: Partial<WireUser>, shard = 0): string {
    const { id, payload } = this.#baseInteraction(2, { name, type: 1, options }, user);
    this.dispatch("INTERACTION_CREATE", payload, shard);
    return id;
  }

  /** Dispatches an autocomplete request; one option should carry `focused: true`. */
  sendAutocomplete(name: string, options: WireOption[]): string {
    const { id, payload } = this.#baseInteraction(4, { name, type: 1, options });
    this.dispatch("INTERACTION_CREATE", payload);
    return id;
  }

  /** Dispatches a message context-menu command acting on a message with `content`. */
  sendMessageCommand(name: string, content: string): string {
    const messageId = snowflake();
    const message = {
      id: messageId,
      channel_id: this.channelId,
      guild_id: this.guildId,
      author: { ...defaultUser, id: snowflake(), username: "reporter", global_name: "Reporter" },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
    };
    // Interaction type 2 (application command); the command's own type 3 (message) is in data.
    const { id, payload } = this.#baseInteraction(2, {
      name,
      type: 3,
      target_id: messageId,
      resolved: { messages: { [messageId]: message } },
    });
    this.dispatch("INTERACTION_CREATE", payload);
    return id;
  }

  /**
   * Sends a dispatch to shard 0's session; while it is disconnected the event is kept and replayed
   * on RESUME, as Discord does.
   */
  dispatch(t: string, d: unknown, shard = 0): void {
    const session = [...this.#sessions.values()].find((s) => s.shard[0] === shard);
    if (!session) throw new Error("stand-in: no gateway session to dispatch to (did the bot log in?)");
    this.#send(session, t, d);
  }

  #send(session: Session, t: string, d: unknown): void {
    session.seq++;
    const payload = JSON.stringify({ op: GatewayOp.Dispatch, t, s: session.seq, d });
    session.events.push({ s: session.seq, payload });
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(payload);
  }

  // ---- gateway -----------------------------------------------------------------------------

  #onGatewayConnection(ws: WebSocket, req: IncomingMessage): void {
    this.connections++;
    const query = new URL(req.url ?? "/", "http://x").searchParams;
    if (query.get("encoding") !== "json" || query.has("compress")) {
      ws.close(4002, "stand-in: only encoding=json without compression");
      return;
    }
    ws.send(
      JSON.stringify({
        op: GatewayOp.Hello,
        d: { heartbeat_interval: this.options.heartbeatInterval ?? 41_250 },
        s: null,
        t: null,
      }),
    );
    ws.on("message", (raw) => {
      let msg: { op: number; d: Record<string, unknown> };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        ws.close(4002, "decode error");
        return;
      }
      this.#onGatewayMessage(ws, msg);
      this.#notify();
    });
    ws.on("close", () => {
      for (const s of this.#sessions.values()) if (s.socket === ws) s.socket = null;
      this.#notify();
    });
    this.#notify();
  }

  #onGatewayMessage(ws: WebSocket, msg: { op: number; d: Record<string, unknown> }): void {
    switch (msg.op) {
      case GatewayOp.Heartbeat:
        this.heartbeats++;
        ws.send(JSON.stringify({ op: GatewayOp.HeartbeatAck, d: null, s: null, t: null }));
        return;
      case GatewayOp.Identify: {
        if (msg.d.token !== this.options.token) {
          ws.close(4004, "Authentication failed.");
          return;
        }
        this.identifies++;
        const shard = (msg.d.shard as [number, number] | undefined) ?? [0, 1];
        // A new identify replaces that shard's session.
        for (const [id, s] of this.#sessions) if (s.shard[0] === shard[0]) this.#sessions.delete(id);
        const session: Session = {
          id: randomBytes(16).toString("hex"),
          shard,
          seq: 0,
          events: [],
          socket: ws,
        };
        this.#sessions.set(session.id, session);
        const onShard = (BigInt(this.guildId) >> 22n) % BigInt(shard[1]) === BigInt(shard[0]);
        this.#send(session, "READY", {
          v: 10,
          user: this.botUser,
          guilds: onShard ? [{ id: this.guildId, unavailable: true }] : [],
          session_id: session.id,
          resume_gateway_url: this.gatewayUrl,
          shard,
          application: { id: this.options.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          user_settings: {},
        });
        if (onShard) this.#send(session, "GUILD_CREATE", this.#guild());
        return;
      }
      case GatewayOp.Resume: {
        const session = this.#sessions.get(String(msg.d.session_id));
        if (!session || msg.d.token !== this.options.token) {
          ws.send(JSON.stringify({ op: GatewayOp.InvalidSession, d: false, s: null, t: null }));
          return;
        }
        this.resumes++;
        session.socket = ws;
        const from = Number(msg.d.seq ?? 0);
        for (const e of session.events) if (e.s > from) ws.send(e.payload);
        this.#send(session, "RESUMED", {});
        return;
      }
      default:
        return;
    }
  }

  #guild() {
    return {
      id: this.guildId,
      name: "Newsroom",
      icon: null,
      owner_id: snowflake(),
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      system_channel_flags: 0,
      preferred_locale: "en-US",
      features: [],
      unavailable: false,
      large: false,
      member_count: 2,
      joined_at: "2024-01-01T00:00:00.000Z",
      roles: [
        {
          id: this.guildId,
          name: "@everyone",
          permissions: "104324673",
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      channels: [
        {
          id: this.channelId,
          type: 0,
          name: "news",
          guild_id: this.guildId,
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
          topic: null,
        },
      ],
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  // ---- REST --------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(record);
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      // Like Discord, a 204 has no body and no content type (discord.js parses any JSON-typed body).
      res.writeHead(
        status,
        json === undefined ? headers : { "content-type": "application/json", ...headers },
      );
      res.end(json === undefined ? undefined : JSON.stringify(json));
      this.#notify();
    };

    const rule = this.#rateLimits.find(
      (r) => r.method === record.method && r.path.test(record.path) && r.remaining > 0,
    );
    if (rule) {
      rule.remaining--;
      return reply(
        429,
        { message: "You are being rate limited.", retry_after: rule.retryAfter, global: false },
        { "retry-after": String(rule.retryAfter), "x-ratelimit-scope": "user" },
      );
    }

    const path = url.pathname.replace(/^\/api\/v10/, "");
    if (!url.pathname.startsWith("/api/v10/")) return reply(404, { message: "404: Not Found", code: 0 });
    const m = (re: RegExp) => re.exec(path);
    const authed = req.headers.authorization === `Bot ${this.options.token}`;
    const unauth = () => reply(401, { message: "401: Unauthorized", code: 0 });

    if (record.method === "GET" && path === "/gateway/bot") {
      if (!authed) return unauth();
      return reply(200, {
        url: this.gatewayUrl,
        shards: this.options.recommendedShards ?? 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (record.method === "GET" && path === "/users/@me") return authed ? reply(200, this.botUser) : unauth();

    const interactionMatch = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (interactionMatch && record.method === "POST") {
      const [, id, token] = interactionMatch;
      if (this.#interactionTokens.get(token!) !== id)
        return reply(404, { message: "Unknown interaction", code: 10062 });
      if (this.#callbacks.has(id!)) {
        return reply(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      }
      this.#callbacks.set(id!, body as InteractionCallback);
      if (url.searchParams.get("with_response") === "true") {
        return reply(200, {
          interaction: { id, type: 2 },
          resource: { type: (body as InteractionCallback).type },
        });
      }
      return reply(204);
    }

    const webhookMatch = m(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/);
    if (webhookMatch) {
      const [, appId, token, , rawMessageId] = webhookMatch;
      const messageId = rawMessageId ? decodeURIComponent(rawMessageId) : undefined;
      if (appId !== this.options.applicationId || !this.#interactionTokens.has(token!)) {
        return reply(404, { message: "Unknown Webhook", code: 10015 });
      }
      if (record.method === "DELETE") return reply(204);
      const data = (body ?? {}) as WireMessage;
      return reply(
        200,
        this.#message(messageId && messageId !== "@original" ? messageId : snowflake(), data),
      );
    }

    const commandsMatch = m(/^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/);
    if (commandsMatch) {
      if (!authed) return unauth();
      const key = commandsMatch[3] ? `guild:${commandsMatch[3]}` : "global";
      if (record.method === "PUT") {
        const list = (Array.isArray(body) ? body : []).map((c: Record<string, unknown>) => ({
          ...c,
          id: snowflake(),
          application_id: this.options.applicationId,
          version: snowflake(),
          ...(commandsMatch![3] ? { guild_id: commandsMatch![3] } : {}),
        }));
        this.commands.set(key, list);
        return reply(200, list);
      }
      if (record.method === "GET") return reply(200, this.commands.get(key) ?? []);
    }

    const channelMatch = m(/^\/channels\/(\d+)(\/messages)?$/);
    if (channelMatch) {
      if (!authed) return unauth();
      if (this.goneChannels.has(channelMatch[1]!))
        return reply(404, { message: "Unknown Channel", code: 10003 });
      if (channelMatch[2] && this.forbiddenChannels.has(channelMatch[1]!)) {
        return reply(403, { message: "Missing Permissions", code: 50013 });
      }
      if (channelMatch[2] && record.method === "POST")
        return reply(200, this.#message(snowflake(), (body ?? {}) as WireMessage, channelMatch[1]));
      if (!channelMatch[2] && record.method === "GET") {
        return reply(200, {
          id: channelMatch[1],
          type: 0,
          name: "news",
          guild_id: this.guildId,
          position: 0,
          permission_overwrites: [],
        });
      }
    }
    return reply(404, { message: "404: Not Found", code: 0 });
  }

  #message(id: string, data: WireMessage, channelId = this.channelId) {
    return {
      id,
      channel_id: channelId,
      author: this.botUser,
      content: data.content ?? "",
      embeds: data.embeds ?? [],
      flags: data.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: 0,
      application_id: this.options.applicationId,
      webhook_id: this.options.applicationId,
    };
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const c of this.#wss.clients) c.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A user as on the wire. */
export interface WireUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  /** Member permissions bitfield for the invoking member (test knob). */
  permissions?: string;
}

/** An interaction option as on the wire. */
export interface WireOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: WireOption[];
}

const defaultUser: WireUser = {
  id: "200000000000000001",
  username: "reader",
  discriminator: "0",
  global_name: "Reader",
  avatar: null,
};
