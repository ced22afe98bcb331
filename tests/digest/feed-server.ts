/** A local HTTP server (127.0.0.1, free port) serving the feed and page fixtures, and misbehaving on purpose. */
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

const FIXTURES = join(import.meta.dirname, "../fixtures/feeds");

export interface FeedServer {
  base: string;
  /** Which fixture `/rss.xml` serves. */
  rss: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const hanging = new Set<ServerResponse>();
  const state = { rss: "rss.xml", hits: [] as string[], base: "" };
  const fixture = (name: string) =>
    readFileSync(join(FIXTURES, name), "utf8").replaceAll("HOST", new URL(state.base).host);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    state.hits.push(path);
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    switch (path) {
      case "/rss.xml":
        return send(200, "application/rss+xml", fixture(state.rss));
      case "/atom.xml":
        return send(200, "application/atom+xml", fixture("atom-syndicated.xml"));
      case "/broken.xml":
        return send(200, "application/rss+xml", fixture("broken.xml"));
      case "/error.xml":
        return send(500, "text/plain", "internal error");
      case "/slow.xml":
        hanging.add(res); // never answers: the poller's timeout must give up
        return;
      case "/huge.xml": {
        // Chunked, no content-length: the cap must hold while reading.
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
        const chunk = `<item><title>x</title><description>${"y".repeat(64 * 1024)}</description></item>`;
        let sent = 0;
        const pump = () => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent < 200) res.once("drain", pump);
          else res.end("</channel></rss>");
        };
        res.on("error", () => undefined);
        pump();
        return;
      }
      default:
        if (path.startsWith("/pages/")) {
          try {
            return send(200, "text/html; charset=utf-8", fixture(path.slice(1)));
          } catch {
            return send(404, "text/plain", "not found");
          }
        }
        return send(404, "text/plain", "not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get base() {
      return state.base;
    },
    get rss() {
      return state.rss;
    },
    set rss(v: string) {
      state.rss = v;
    },
    hits: state.hits,
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
