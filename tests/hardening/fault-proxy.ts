/**
 * A fault-injecting proxy in front of the local Discord API stand-in: REST requests and the gateway
 * WebSocket pass through it, and tests make it misbehave the way Discord and networks do: 429s per
 * route and global, 500s, requests that hang, gateway closes, INVALID_SESSION, heartbeat ACKs that
 * never come. Loopback only, port 0.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

/** What to do with requests matching a rule. */
export type RestFault =
  | { kind: "429"; retryAfter: number; global: boolean }
  | { kind: "500" }
  | { kind: "hang"; ms: number };

interface Rule {
  method: string;
  path: RegExp;
  remaining: number;
  fault: RestFault;
}

/** The proxy. */
export class FaultProxy {
  #server: Server;
  #wss = new WebSocketServer({ noServer: true });
  #rules: Rule[] = [];
  #clients = new Set<WebSocket>();
  #port = 0;
  /** Drop HEARTBEAT_ACKs from the gateway while true (a silently stalled connection). */
  stallAcks = false;
  /** Faults served, by kind. */
  readonly served: Record<string, number> = {};

  private constructor(readonly upstream: string) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on("upgrade", (req, socket, head) => {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#bridge(ws, req));
    });
  }

  /** Starts a proxy for the stand-in at `upstream` (`http://127.0.0.1:PORT`, no `/api`). */
  static async start(upstream: string): Promise<FaultProxy> {
    const p = new FaultProxy(upstream.replace(/\/api$/, ""));
    await new Promise<void>((r) => p.#server.listen(0, "127.0.0.1", r));
    p.#port = (p.#server.address() as AddressInfo).port;
    return p;
  }

  /** The value for `DISCORD_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  /** Serves `fault` to the next `count` requests of `method path`. */
  fail(method: string, path: RegExp, count: number, fault: RestFault): void {
    this.#rules.push({ method, path, remaining: count, fault });
  }

  /** Closes every bridged gateway connection with `code` (as Discord does). */
  closeGateway(code: number): void {
    for (const c of this.#clients) c.close(code, "fault proxy");
  }

  /** Sends INVALID_SESSION (op 9) to the bot; `resumable` is its `d`. */
  invalidSession(resumable: boolean): void {
    for (const c of this.#clients) c.send(JSON.stringify({ op: 9, d: resumable, s: null, t: null }));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const rule = this.#rules.find((r) => r.method === req.method && r.path.test(path) && r.remaining > 0);
    if (rule) {
      rule.remaining--;
      this.served[rule.fault.kind] = (this.served[rule.fault.kind] ?? 0) + 1;
      const f = rule.fault;
      if (f.kind === "429") {
        res.writeHead(429, {
          "content-type": "application/json",
          "retry-after": String(f.retryAfter),
          ...(f.global
            ? { "x-ratelimit-global": "true", "x-ratelimit-scope": "global" }
            : { "x-ratelimit-scope": "user" }),
        });
        res.end(
          JSON.stringify({
            message: "You are being rate limited.",
            retry_after: f.retryAfter,
            global: f.global,
          }),
        );
        return;
      }
      if (f.kind === "500") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "500: Internal Server Error", code: 0 }));
        return;
      }
      // A hang: hold the request, then pass it on (Discord may still act on it late).
      await new Promise((r) => setTimeout(r, f.ms));
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host") headers[k] = v;
    let upstream: Response;
    try {
      upstream = await fetch(`${this.upstream}${req.url}`, {
        method: req.method,
        headers,
        body: body.length ? body : undefined,
      });
    } catch {
      res.destroy();
      return;
    }
    let text = await upstream.text();
    // The gateway is reached through this proxy too.
    if (path.endsWith("/gateway/bot"))
      text = text.replace(/ws:\/\/127\.0\.0\.1:\d+/g, `ws://127.0.0.1:${this.#port}`);
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== "content-length" && k !== "transfer-encoding" && k !== "connection") out[k] = v;
    });
    res.writeHead(upstream.status, out);
    res.end(upstream.status === 204 ? undefined : text);
  }

  #bridge(client: WebSocket, req: IncomingMessage): void {
    const up = new WebSocket(`${this.upstream.replace(/^http/, "ws")}${req.url}`);
    const pending: string[] = [];
    this.#clients.add(client);
    up.on("message", (data) => {
      // READY names the resume URL: point it at this proxy too, so a resumed session stays behind it.
      const text = String(data).replace(/ws:\/\/127\.0\.0\.1:\d+/g, `ws://127.0.0.1:${this.#port}`);
      if (this.stallAcks && /"op":11[,}]/.test(text)) return;
      if (client.readyState === WebSocket.OPEN) client.send(text);
    });
    up.on("open", () => {
      for (const m of pending.splice(0)) up.send(m);
    });
    client.on("message", (data) => {
      if (up.readyState === WebSocket.OPEN) up.send(String(data));
      else pending.push(String(data));
    });
    up.on("close", (code, reason) => {
      if (client.readyState === WebSocket.OPEN) client.close(code >= 4000 ? code : 1000, reason);
    });
    client.on("close", () => {
      this.#clients.delete(client);
      up.close();
    });
    up.on("error", () => client.terminate());
    client.on("error", () => up.terminate());
  }

  async close(): Promise<void> {
    for (const c of this.#clients) c.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((r) => this.#server.close(() => r()));
  }
}
