// eSIM Go API v2.4 at /esim-go/v2.4, as our own fetch client calls it: catalogue, orders, eSIM install details
// (JSON, CSV, ZIP of QR PNGs), eSIM and bundle status, organisation balance, rate limits and V3 usage callbacks.
// See README.md beside this file for every place it chooses among sources or differs from the real service.
import type { ServerResponse } from "node:http";
import QRCode from "qrcode";
import type { SandboxApp } from "../server";
import type { RequestContext } from "../core/router";
import { sendJson, sendText } from "../core/http";
import { findBundle, GROUP_FIXED, GROUP_UNLIMITED_ESSENTIAL, loadCatalogue } from "../data/catalogue";
import { queryCatalogue } from "./catalogue-query";
import { lpaString } from "./ids";
import {
  EsimGoError,
  executeOrder,
  isCompatible,
  orderRecords,
  orderResponse,
  parseOrder,
  validateResponse,
} from "./orders";
import { FixedWindowLimiter } from "./rate-limit";
import { bundleState, esimGoState, NS, toUsd, type Assignment, type Esim, type EsimGoState, type Order } from "./state";
import { recordUsage } from "./usage";
import { buildZip } from "./zip";

export const ESIM_GO_PREFIX = "/esim-go/v2.4";

const fail = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  sendJson(res, status, { message }, headers);

function parseBody(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString("utf8")) : undefined;
  } catch {
    throw new EsimGoError(400, "Request body is not valid JSON");
  }
}

/** Runs a handler, turning EsimGoError into eSIM Go's `{ message }` error body. */
const guarded =
  (handler: (ctx: RequestContext) => unknown | Promise<unknown>) =>
  async (ctx: RequestContext): Promise<void> => {
    try {
      await handler(ctx);
    } catch (err) {
      if (err instanceof EsimGoError) return fail(ctx.res, err.status, err.message);
      throw err;
    }
  };

const appleInstallUrl = (e: Esim) =>
  `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${lpaString(e.smdpAddress, e.matchingId)}`;

function assignmentJson(a: Assignment, processingMs: number) {
  return {
    id: a.id,
    assignmentReference: a.reference,
    callTypeGroup: "data",
    initialQuantity: a.initialBytes,
    remainingQuantity: a.remainingBytes,
    assignmentDateTime: a.assignedAt,
    bundleState: bundleState(a, processingMs),
    unlimited: a.unlimited,
  };
}

function esimOr400(state: EsimGoState, iccid: string): Esim {
  const esim = state.esims[iccid];
  if (!esim) throw new EsimGoError(400, `ICCID ${iccid} not found`);
  return esim;
}

/** `createdAt=gte:<ISO>` / `lte:` (also `gt:`/`lt:`), repeatable, as eSIM Go's GET /orders takes it. */
function createdAtFilter(values: string[]): (iso: string) => boolean {
  const tests = values.map((v) => {
    const m = /^(gte|lte|gt|lt):(.+)$/.exec(v.replace(/ /g, "+")); // a bare `+` in a query means space
    const at = m ? Date.parse(m[2]!) : NaN;
    if (!m || Number.isNaN(at))
      throw new EsimGoError(400, `createdAt must look like gte:2024-03-01T00:00:00.000Z (got ${v})`);
    const op = m[1];
    return (t: number) => (op === "gte" ? t >= at : op === "lte" ? t <= at : op === "gt" ? t > at : t < at);
  });
  return (iso) => tests.every((test) => test(Date.parse(iso)));
}

function pagingInt(raw: string | null, fallback: number, field: string, max = Infinity): number {
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new EsimGoError(400, `${field} must be an integer from 1${max < Infinity ? ` to ${max}` : ""}`);
  return n;
}

/** What the client asked for; eSIM Go answers CSV unless JSON or ZIP is named (fetch's default is `*\/*`). */
function assignmentsFormat(accept: string | undefined): "json" | "zip" | "csv" {
  const a = (accept ?? "").toLowerCase();
  if (a.includes("application/json")) return "json";
  if (a.includes("application/zip")) return "zip";
  return "csv";
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** eSIM Go refunds an unused bundle "typically" within 60 days of purchase. */
const REFUND_PERIOD_MS = 60 * 86_400_000;

/** What the assignment's order paid per unit of that bundle. */
function pricePaidCents(st: EsimGoState, a: Assignment): number {
  const order = st.orders.find((o) => o.orderReference === a.orderReference);
  return order?.lines.find((l) => l.item === a.bundle)?.pricePerUnitCents ?? 0;
}

export function registerEsimGo(app: SandboxApp): void {
  const limiter = new FixedWindowLimiter(10, 1000);
  app.onReset(() => limiter.clear());
  const state = () => esimGoState(app);
  const processingMs = () => state().settings.assignmentDelayMs;

  const { route } = app.router.service({
    name: "esim-go",
    prefix: ESIM_GO_PREFIX,
    errorBody: (_status, message) => ({ message }),
    before: ({ req, res }) => {
      // Read per request so `POST /_sandbox/config { esimGo: { rateLimit } }` takes effect at once.
      if (app.config.esimGo.rateLimit) {
        const d = limiter.take(req.socket.remoteAddress ?? "unknown");
        res.setHeader("X-Ratelimit-Limit", String(d.limit));
        res.setHeader("X-Ratelimit-Remaining", String(d.remaining));
        res.setHeader("X-Ratelimit-Reset", d.resetAt.toISOString());
        res.setHeader("X-Ratelimit-Cost", "1");
        if (!d.allowed) {
          const retryAfter = Math.max(1, Math.ceil((d.resetAt.getTime() - Date.now()) / 1000));
          fail(res, 429, "Rate limit exceeded", { "retry-after": String(retryAfter) });
          return true;
        }
      }
      const key = req.headers["x-api-key"];
      if (!key) {
        fail(res, 401, "Unauthorised: the X-API-Key header is missing");
        return true;
      }
      if (key !== app.config.esimGo.apiKey) {
        fail(res, 403, "Unauthorised: the API key is invalid");
        return true;
      }
      return false;
    },
  });

  // GET /catalogue — filtered, ordered, paged; wrapped as live eSIM Go answers (the v2.4 schema says bare array).
  route(
    "GET",
    "/catalogue",
    guarded(({ res, query }) => {
      try {
        sendJson(res, 200, queryCatalogue(loadCatalogue(), query));
      } catch (err) {
        throw new EsimGoError(400, (err as Error).message);
      }
    }),
  );

  // GET /catalogue/bundle/{name} — case-sensitive.
  route(
    "GET",
    "/catalogue/bundle/:name",
    guarded(({ res, params }) => {
      const bundle = findBundle(params.name!);
      if (!bundle) throw new EsimGoError(400, `Bundle ${params.name} not found`);
      sendJson(res, 200, bundle);
    }),
  );

  // POST /orders — validate (price check, no charge) or transaction (charge, then assign or buy into inventory).
  route(
    "POST",
    "/orders",
    guarded(({ req, res, body }) => {
      const s = state();
      const request = parseBody(body);
      const parsed = parseOrder(s, request);
      if (parsed.type === "validate") return sendJson(res, 200, validateResponse(parsed));
      const order = executeOrder(s, parsed, request, req.socket.remoteAddress ?? "unknown");
      app.store.touch(NS, ...orderRecords(s, order));
      sendJson(res, 200, orderResponse(s, order, true));
    }),
  );

  // GET /orders — newest first, `{ orders, pageCount, rows, pageSize }`.
  route(
    "GET",
    "/orders",
    guarded(({ res, query }) => {
      const s = state();
      const page = pagingInt(query.get("page"), 1, "page");
      const limit = pagingInt(query.get("limit"), 50, "limit", 1000);
      const inWindow = createdAtFilter(query.getAll("createdAt"));
      const withEsims = query.get("includeIccids") === "true";
      const rows = s.orders.filter((o) => inWindow(o.createdDate)).reverse();
      sendJson(res, 200, {
        orders: rows.slice((page - 1) * limit, page * limit).map((o) => orderResponse(s, o, withEsims)),
        pageCount: Math.ceil(rows.length / limit),
        rows: rows.length,
        pageSize: limit,
      });
    }),
  );

  route(
    "GET",
    "/orders/:ref",
    guarded(({ res, params }) => {
      const s = state();
      const order = s.orders.find((o) => o.orderReference === params.ref);
      if (!order) throw new EsimGoError(400, `Order ${params.ref} not found`);
      sendJson(res, 200, orderResponse(s, order, true));
    }),
  );

  // GET /esims/assignments?reference=… — registered before /esims/:iccid, which would otherwise match it.
  route(
    "GET",
    "/esims/assignments",
    guarded(async ({ req, res, query }) => {
      const s = state();
      const refs = query
        .getAll("reference")
        .flatMap((r) => r.split(","))
        .map((r) => r.trim())
        .filter(Boolean);
      if (!refs.length) throw new EsimGoError(400, "reference is required");
      const orders: Order[] = refs.map((ref) => {
        const order = s.orders.find((o) => o.orderReference === ref);
        if (!order) throw new EsimGoError(400, `Reference ${ref} not found`);
        return order;
      });
      const settling = Math.max(
        ...orders.map((o) => Date.parse(o.createdDate) + s.settings.assignmentDelayMs - Date.now()),
      );
      if (settling > 0) {
        return fail(res, 503, "Processing - please come back later", {
          "retry-after": String(Math.ceil(settling / 1000)),
        });
      }
      const rows = orders.flatMap((o) =>
        [...new Set(o.lines.flatMap((l) => l.iccids))].map((iccid) => ({
          esim: s.esims[iccid]!,
          reference: o.orderReference,
          bundle: o.lines.find((l) => l.iccids.includes(iccid))!.item,
        })),
      );
      const format = assignmentsFormat(req.headers.accept);
      if (format === "json") {
        const withApple = query.getAll("additionalFields").some((f) => f.split(",").includes("appleInstallUrl"));
        return sendJson(
          res,
          200,
          rows.map(({ esim: e }) => ({
            iccid: e.iccid,
            matchingId: e.matchingId,
            smdpAddress: e.smdpAddress,
            profileStatus: e.profileStatus,
            pin: e.pin,
            puk: e.puk,
            ...(e.firstInstalledDateTime ? { firstInstalledDateTime: e.firstInstalledDateTime } : {}),
            ...(withApple ? { appleInstallUrl: appleInstallUrl(e) } : {}),
          })),
        );
      }
      if (format === "zip") {
        const entries = await Promise.all(
          rows.map(async ({ esim: e }) => ({
            name: `${e.iccid}.png`,
            data: await QRCode.toBuffer(lpaString(e.smdpAddress, e.matchingId), {
              type: "png",
              errorCorrectionLevel: "M",
              margin: 2,
              width: 400,
            }),
          })),
        );
        const zip = buildZip(entries, new Date(orders[0]!.createdDate));
        return sendText(res, 200, zip, "application/zip", {
          "content-disposition": 'attachment; filename="esims.zip"',
        });
      }
      const csv = [
        "ICCID,Matching ID,RSP URL,Bundle,Reference",
        ...rows.map(({ esim: e, bundle, reference }) =>
          [e.iccid, e.matchingId, e.smdpAddress, bundle, reference].map(csvCell).join(","),
        ),
      ].join("\n");
      sendText(res, 200, `${csv}\n`, "text/csv; charset=utf-8");
    }),
  );

  // GET /esims/{iccid} — firstInstalledDateTime as epoch ms, as the v2.4 schema types it on this endpoint.
  route(
    "GET",
    "/esims/:iccid",
    guarded(({ res, params, query }) => {
      const e = esimOr400(state(), params.iccid!);
      const withApple = query.getAll("additionalFields").some((f) => f.split(",").includes("appleInstallUrl"));
      sendJson(res, 200, {
        iccid: e.iccid,
        matchingId: e.matchingId,
        smdpAddress: e.smdpAddress,
        profileStatus: e.profileStatus,
        pin: e.pin,
        puk: e.puk,
        ...(e.firstInstalledDateTime ? { firstInstalledDateTime: Date.parse(e.firstInstalledDateTime) } : {}),
        ...(withApple ? { appleInstallUrl: appleInstallUrl(e) } : {}),
      });
    }),
  );

  // GET /esims/{iccid}/bundles — newest assignment first; used-up ones only with includeUsed=true.
  route(
    "GET",
    "/esims/:iccid/bundles",
    guarded(({ res, params, query }) => {
      const e = esimOr400(state(), params.iccid!);
      const limit = pagingInt(query.get("limit"), 15, "limit", 200);
      const includeUsed = query.get("includeUsed") === "true";
      const ms = processingMs();
      const assignments = [...e.assignments]
        .reverse()
        .filter((a) => includeUsed || !["depleted", "expired", "revoked"].includes(bundleState(a, ms)))
        .slice(0, limit);
      const byName = new Map<string, Assignment[]>();
      for (const a of assignments) byName.set(a.bundle, [...(byName.get(a.bundle) ?? []), a]);
      sendJson(res, 200, {
        bundles: [...byName].map(([name, list]) => ({
          name,
          description: findBundle(name)?.description ?? name,
          assignments: list.map((a) => assignmentJson(a, ms)),
        })),
      });
    }),
  );

  // GET /esims/{iccid}/bundles/{name} — the latest assignment of that bundle.
  route(
    "GET",
    "/esims/:iccid/bundles/:name",
    guarded(({ res, params }) => {
      const e = esimOr400(state(), params.iccid!);
      const latest = e.assignments.filter((a) => a.bundle === params.name).at(-1);
      if (!latest) throw new EsimGoError(400, `Bundle ${params.name} is not assigned to eSIM ${e.iccid}`);
      sendJson(res, 200, { assignments: [assignmentJson(latest, processingMs())] });
    }),
  );

  // DELETE /esims/{iccid}/bundles/{name}?type=validate|transaction&refundToBalance=true — takes the oldest unused
  // assignment of the bundle off the eSIM (else the latest live one). An unused assignment within the refund
  // period goes back to the balance at the price paid; a started one is revoked without a refund.
  route(
    "DELETE",
    "/esims/:iccid/bundles/:name",
    guarded(({ res, params, query }) => {
      const st = state();
      const e = esimOr400(st, params.iccid!);
      const type = query.get("type") ?? "transaction";
      if (type !== "validate" && type !== "transaction")
        throw new EsimGoError(400, "type must be validate or transaction");
      const ms = processingMs();
      const live = e.assignments.filter(
        (a) => a.bundle === params.name && !["depleted", "expired", "revoked"].includes(bundleState(a, ms)),
      );
      const unused = (a: Assignment) => !a.startTime && a.remainingBytes === a.initialBytes;
      const target = live.find(unused) ?? live.at(-1);
      if (!target) throw new EsimGoError(400, `Bundle ${params.name} has no live assignment on eSIM ${e.iccid}`);
      const inPeriod = Date.now() - Date.parse(target.assignedAt) <= REFUND_PERIOD_MS;
      const refundable = unused(target) && inPeriod;
      const refundCents = refundable && query.get("refundToBalance") === "true" ? pricePaidCents(st, target) : 0;
      if (type === "validate") {
        sendJson(res, 200, { status: "Valid", refundable, refundAmount: toUsd(pricePaidCents(st, target)) });
        return;
      }
      target.revokedAt = new Date().toISOString();
      target.refundedCents = refundCents;
      st.balanceCents += refundCents;
      app.store.touch(NS);
      sendJson(res, 200, { status: refundCents > 0 ? "Revoked and refunded" : "Revoked" });
    }),
  );

  route(
    "GET",
    "/esims/:iccid/compatible/:bundle",
    guarded(({ res, params }) => {
      const e = esimOr400(state(), params.iccid!);
      const bundle = findBundle(params.bundle!);
      if (!bundle) throw new EsimGoError(400, `Bundle ${params.bundle} not found`);
      sendJson(res, 200, { compatible: isCompatible(e, bundle) });
    }),
  );

  // GET /organisation — flat, as the v2.4 schema shows it (some clients read organisations[0]; see README.md).
  route("GET", "/organisation", ({ res }) => {
    sendJson(res, 200, {
      name: "Tern Sandbox",
      currency: "USD",
      balance: toUsd(state().balanceCents),
      testCredit: 0,
      callbackUrl: app.config.esimGo.callbackUrl ?? "",
      groups: [GROUP_FIXED, GROUP_UNLIMITED_ESSENTIAL],
      country: "GB",
      businessType: "Reseller",
      users: [],
    });
  });

  route("GET", "/organisation/groups", ({ res }) => {
    sendJson(res, 200, {
      groups: [
        { name: GROUP_FIXED, description: "Bundles for a finite, fixed amount of data" },
        { name: GROUP_UNLIMITED_ESSENTIAL, description: "1GB of full-speed data every 24 hours, then 1.25 Mbps" },
      ],
    });
  });

  registerEsimGoControl(app);
}

/** Control routes under /_sandbox/esim-go for tests and the admin: the ledger, balance, eSIMs, usage, callbacks. */
function registerEsimGoControl(app: SandboxApp): void {
  const state = () => esimGoState(app);
  const badRequest = (res: ServerResponse, error: string) => sendJson(res, 400, { error });
  const readJson = (body: Buffer): Record<string, unknown> | null => {
    try {
      const v = body.length ? (JSON.parse(body.toString("utf8")) as unknown) : {};
      return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };

  // The ledger: every transaction order as received and charged.
  app.control("GET", "/esim-go/orders", ({ res }) => {
    const s = state();
    sendJson(res, 200, {
      balance: toUsd(s.balanceCents),
      orders: s.orders.map((o) => ({
        orderReference: o.orderReference,
        createdDate: o.createdDate,
        sourceIP: o.sourceIP,
        request: o.request,
        assign: o.assign,
        total: toUsd(o.totalCents),
        currency: "USD",
        balanceAfter: toUsd(o.balanceAfterCents),
        items: o.lines.map((l) => ({
          item: l.item,
          quantity: l.quantity,
          pricePerUnit: toUsd(l.pricePerUnitCents),
          subTotal: toUsd(l.pricePerUnitCents * l.quantity),
          iccids: l.iccids,
        })),
        esims: o.lines
          .flatMap((l) => l.iccids)
          .map((iccid) => {
            const e = s.esims[iccid];
            return { iccid, matchingId: e?.matchingId, smdpAddress: e?.smdpAddress };
          }),
      })),
      inventory: s.inventory,
    });
  });

  app.control("POST", "/esim-go/balance", ({ res, body }) => {
    const input = readJson(body);
    const balance = input?.balance;
    if (typeof balance !== "number" || !Number.isFinite(balance) || balance < 0)
      return badRequest(res, "balance must be a non-negative number (USD)");
    const s = state();
    s.balanceCents = Math.round(balance * 100);
    app.store.touch(NS);
    sendJson(res, 200, { balance: toUsd(s.balanceCents) });
  });

  app.control("GET", "/esim-go/esims", ({ res }) => {
    const s = state();
    const ms = s.settings.assignmentDelayMs;
    sendJson(res, 200, {
      esims: Object.values(s.esims).map((e) => ({
        ...e,
        assignments: e.assignments.map((a) => ({
          ...assignmentJson(a, ms),
          bundle: a.bundle,
          startTime: a.startTime ?? null,
          endTime: a.endTime ?? null,
        })),
      })),
    });
  });

  // { "usedBytes": 250000000, "bundle"?: "esim_1GB_7D_GB_V2" } — bytes used since the last report.
  app.control("POST", "/esim-go/esims/:iccid/usage", ({ res, params, body }) => {
    const input = readJson(body);
    if (!input || typeof input.usedBytes !== "number") return badRequest(res, "usedBytes (number) is required");
    if (input.bundle !== undefined && typeof input.bundle !== "string")
      return badRequest(res, "bundle must be a bundle name");
    try {
      const { assignment, callbacks } = recordUsage(app, params.iccid!, input.usedBytes, input.bundle);
      sendJson(res, 200, {
        assignment: assignmentJson(assignment, state().settings.assignmentDelayMs),
        callbacks: callbacks.map((c) => ({ id: c.id, alertType: c.alertType, url: c.url })),
      });
    } catch (err) {
      if (err instanceof EsimGoError) return badRequest(res, err.message);
      throw err;
    }
  });

  app.control("GET", "/esim-go/callbacks", ({ res }) => sendJson(res, 200, { callbacks: state().callbacks }));

  app.control("GET", "/esim-go/settings", ({ res }) => sendJson(res, 200, state().settings));
  // { "signatureEncoding"?: "base64" | "hex", "assignmentDelayMs"?: number, "callbackRetryDelaysMs"?: number[] }
  app.control("POST", "/esim-go/settings", ({ res, body }) => {
    const input = readJson(body);
    if (!input) return badRequest(res, "body must be a JSON object");
    const settings = state().settings;
    if (input.signatureEncoding !== undefined) {
      if (input.signatureEncoding !== "base64" && input.signatureEncoding !== "hex")
        return badRequest(res, "signatureEncoding must be base64 or hex");
      settings.signatureEncoding = input.signatureEncoding;
    }
    if (input.assignmentDelayMs !== undefined) {
      if (typeof input.assignmentDelayMs !== "number" || input.assignmentDelayMs < 0)
        return badRequest(res, "assignmentDelayMs must be a non-negative number");
      settings.assignmentDelayMs = input.assignmentDelayMs;
    }
    if (input.callbackRetryDelaysMs !== undefined) {
      const d = input.callbackRetryDelaysMs;
      if (!Array.isArray(d) || !d.every((x) => typeof x === "number" && x >= 0))
        return badRequest(res, "callbackRetryDelaysMs must be an array of numbers");
      settings.callbackRetryDelaysMs = d as number[];
    }
    app.store.touch(NS);
    sendJson(res, 200, settings);
  });
}
