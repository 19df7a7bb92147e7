// A tiny router: each imitated service registers routes under its own prefix. Faults and added latency
// are applied here, once, for every service alike.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./http";
import type { Faults } from "./faults";

export type ServiceName = "stripe" | "esim-go" | "zendit" | "storage" | "resend" | "ecb" | "control" | "pages";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path relative to the service prefix, e.g. `/orders/abc` for `/esim-go/v2.4/orders/abc`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  /** The sandbox's own base URL as the client reached it, e.g. `http://127.0.0.1:4010`. */
  origin: string;
}

export type Handler = (ctx: RequestContext) => unknown | Promise<unknown>;

/** One request a service received, as its operator's request log would show it. */
export interface LoggedRequest {
  at: string;
  service: ServiceName;
  method: string;
  path: string;
  status: number;
  /** The JSON body's `type` when it has one (eSIM Go orders: `validate` or `transaction`). */
  kind?: string;
}

const REQUEST_LOG_SIZE = 20_000;

interface Route {
  service: ServiceName;
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
}

export interface Service {
  name: ServiceName;
  prefix: string;
  /** Body for an injected error status, shaped the way this service shapes its errors. */
  errorBody?: (status: number, message: string) => unknown;
  /** Runs before each request of this service (auth, rate limits); returning true means it answered. */
  before?: (ctx: RequestContext) => boolean | Promise<boolean>;
}

export class Router {
  private routes: Route[] = [];
  private services: Service[] = [];
  /** The newest requests to every imitated service (not the control API or pages), oldest first. */
  readonly requestLog: LoggedRequest[] = [];

  constructor(private readonly faults: Faults) {}

  service(svc: Service): { route: (method: string, pattern: string, handler: Handler) => void } {
    this.services.push(svc);
    // Longest prefix first so `/v1` does not swallow `/v1x`-style neighbours.
    this.services.sort((a, b) => b.prefix.length - a.prefix.length);
    return {
      route: (method, pattern, handler) => {
        const keys: string[] = [];
        const source = pattern
          .split("/")
          .map((seg) => {
            if (seg.startsWith(":")) {
              const rest = seg.endsWith("*") ? seg.slice(1, -1) : seg.slice(1);
              keys.push(rest);
              return seg.endsWith("*") ? "(.+)" : "([^/]+)";
            }
            return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          })
          .join("/");
        this.routes.push({ service: svc.name, method, pattern, regex: new RegExp(`^${source}/?$`), keys, handler });
      },
    };
  }

  /** Recorded when the answer has gone out, with the status actually sent (429s and faults included). */
  private log(service: ServiceName, method: string, path: string, body: Buffer, res: ServerResponse): void {
    const at = new Date().toISOString();
    let kind: string | undefined;
    if (body.length && body[0] === 0x7b) {
      try {
        const t = (JSON.parse(body.toString("utf8")) as { type?: unknown }).type;
        if (typeof t === "string") kind = t;
      } catch {
        // not JSON
      }
    }
    res.once("close", () => {
      this.requestLog.push({ at, service, method, path, status: res.statusCode, ...(kind ? { kind } : {}) });
      if (this.requestLog.length > REQUEST_LOG_SIZE)
        this.requestLog.splice(0, this.requestLog.length - REQUEST_LOG_SIZE);
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const svc = this.services.find(
      (s) => url.pathname === s.prefix || url.pathname.startsWith(s.prefix === "" ? "/" : `${s.prefix}/`),
    );
    if (!svc) return sendJson(res, 404, { error: "no sandbox service at this path" });
    const path = url.pathname.slice(svc.prefix.length) || "/";
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? Buffer.alloc(0) : await readBody(req);
    const host = req.headers.host ?? "127.0.0.1";
    const ctx: RequestContext = {
      req,
      res,
      method,
      path,
      params: {},
      query: url.searchParams,
      body,
      origin: `http://${host}`,
    };

    const candidates = this.routes.filter((r) => r.service === svc.name && r.regex.test(path));
    const route = candidates.find((r) => r.method === method || (method === "HEAD" && r.method === "GET"));

    if (svc.name !== "control" && svc.name !== "pages") this.log(svc.name, method, path, body, res);
    if (svc.name !== "control") {
      await this.faults.latency(svc.name);
    }
    if (svc.before && (await svc.before(ctx))) return;
    if (!route) {
      const message = candidates.length
        ? `Method ${method} not allowed`
        : `Unrecognized request URL (${method}: ${url.pathname})`;
      const status = candidates.length ? 405 : 404;
      return sendJson(res, status, svc.errorBody ? svc.errorBody(status, message) : { message });
    }
    const m = route.regex.exec(path)!;
    route.keys.forEach((k, i) => (ctx.params[k] = decodeURIComponent(m[i + 1] ?? "")));

    const fault = svc.name === "control" ? undefined : this.faults.take(svc.name, method, route.pattern, path);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && fault.status && !fault.dropAfterSend) {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      const message = fault.message ?? `Injected fault: HTTP ${fault.status}`;
      return sendJson(
        res,
        fault.status,
        fault.body ?? (svc.errorBody ? svc.errorBody(fault.status, message) : { message }),
        headers,
      );
    }
    if (fault?.dropAfterSend) {
      // The provider performs the action, but the caller never hears back: swallow the answer and cut the socket.
      res.writeHead = (() => res) as unknown as ServerResponse["writeHead"];
      res.setHeader = (() => res) as unknown as ServerResponse["setHeader"];
      res.end = (() => {
        req.socket.destroy();
        return res;
      }) as unknown as ServerResponse["end"];
      await route.handler(ctx);
      req.socket.destroy();
      return;
    }
    await route.handler(ctx);
  }
}
