// `POST /orders`: validate the body as eSIM Go's v2.4 rules describe, price it from the catalogue, and for a
// transaction charge the organisation balance and put bundles onto new or existing eSIMs (or into inventory).
import { randomUUID } from "node:crypto";
import { findBundle, type EsimGoBundle } from "../data/catalogue";
import { newIccid, newMatchingId, newPin, newPuk, SANDBOX_SMDP } from "./ids";
import { toCents, toUsd, type Assignment, type Esim, type EsimGoState, type Order, type OrderLine } from "./state";
import type { RecordPath } from "../core/store";

export class EsimGoError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ParsedLine {
  bundle: EsimGoBundle;
  quantity: number;
  iccids: string[] | undefined;
  allowReassign: boolean;
}

export interface ParsedOrder {
  type: "validate" | "transaction";
  assign: boolean;
  lines: ParsedLine[];
  totalCents: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks the body against the documented rules; throws EsimGoError(400/403) with eSIM Go's `{ message }`. */
export function parseOrder(state: EsimGoState, body: unknown): ParsedOrder {
  if (!isObject(body)) throw new EsimGoError(400, "Request body must be a JSON object");
  const { type, assign = false, order } = body;
  if (type !== "validate" && type !== "transaction")
    throw new EsimGoError(400, "type must be 'validate' or 'transaction'");
  if (typeof assign !== "boolean") throw new EsimGoError(400, "assign must be a boolean");
  if (!Array.isArray(order) || order.length === 0) throw new EsimGoError(400, "order must be a non-empty array");

  const lines = order.map((raw, i): ParsedLine => {
    if (!isObject(raw)) throw new EsimGoError(400, `order[${i}] must be an object`);
    if (raw.type !== "bundle") throw new EsimGoError(400, `order[${i}].type must be 'bundle'`);
    if (typeof raw.item !== "string" || !raw.item) throw new EsimGoError(400, `order[${i}].item must be a bundle name`);
    const bundle = findBundle(raw.item);
    if (!bundle) throw new EsimGoError(400, `Bundle ${raw.item} not found in catalogue`);
    const quantity = raw.quantity;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) {
      throw new EsimGoError(400, `order[${i}].quantity must be a positive integer`);
    }
    const allowReassign = raw.allowReassign === true;
    let iccids: string[] | undefined;
    if (raw.iccids !== undefined) {
      if (!Array.isArray(raw.iccids) || !raw.iccids.every((x) => typeof x === "string")) {
        throw new EsimGoError(400, `order[${i}].iccids must be an array of strings`);
      }
      if (!assign) throw new EsimGoError(400, "eSIM ICCIDs can only be specified if assign is set to true");
      if (raw.iccids.length !== quantity)
        throw new EsimGoError(400, `order[${i}]: quantity must match the number of ICCIDs`);
      for (const iccid of raw.iccids as string[]) {
        const esim = state.esims[iccid];
        // eSIM Go's 403: "the ICCID is not accessible by the user".
        if (!esim) throw new EsimGoError(403, `ICCID ${iccid} is not accessible by this organisation`);
        if (!allowReassign && !isCompatible(esim, bundle)) {
          throw new EsimGoError(400, `Bundle ${bundle.name} is not compatible with eSIM ${iccid}`);
        }
      }
      iccids = raw.iccids as string[];
    }
    return { bundle, quantity, iccids, allowReassign };
  });

  const totalCents = lines.reduce((sum, l) => sum + toCents(l.bundle.price) * l.quantity, 0);
  // Undocumented at eSIM Go (no 402 anywhere in its docs): the sandbox answers 400 with a message, for
  // validate too, since a validate order is the documented way to check an order can go through.
  if (totalCents > state.balanceCents) {
    throw new EsimGoError(
      400,
      `Insufficient balance: order total ${toUsd(totalCents).toFixed(2)} USD exceeds organisation balance ${toUsd(state.balanceCents).toFixed(2)} USD`,
    );
  }
  return { type, assign, lines, totalCents };
}

/** A bundle fits an eSIM when it covers a country the eSIM's first bundle covered: the sandbox's stand-in for
 *  eSIM Go's network-profile compatibility, which no public source describes. */
export function isCompatible(esim: Esim, bundle: EsimGoBundle): boolean {
  const first = esim.assignments[0] && findBundle(esim.assignments[0].bundle);
  if (!first) return true;
  const isos = new Set(first.countries.map((c) => c.iso));
  return bundle.countries.some((c) => isos.has(c.iso));
}

export function validateResponse(parsed: ParsedOrder) {
  return {
    order: parsed.lines.map((l) => ({
      type: "bundle",
      item: l.bundle.name,
      quantity: l.quantity,
      subTotal: toUsd(toCents(l.bundle.price) * l.quantity),
      pricePerUnit: l.bundle.price,
      allowReassign: l.allowReassign,
    })),
    total: toUsd(parsed.totalCents),
    valid: true,
    currency: "USD",
    createdDate: new Date().toISOString(),
    assigned: false,
  };
}

function newAssignment(
  state: EsimGoState,
  bundle: EsimGoBundle,
  orderReference: string,
  n: number,
  now: string,
): Assignment {
  const bytes = bundle.unlimited ? -1 : bundle.dataAmount * 1_000_000;
  return {
    id: String(state.nextAssignmentId++),
    reference: `${orderReference}-${n}`,
    orderReference,
    bundle: bundle.name,
    initialBytes: bytes,
    remainingBytes: bytes,
    unlimited: bundle.unlimited,
    durationDays: bundle.duration,
    assignedAt: now,
    alertsSent: [],
    depleted: false,
  };
}

function newEsim(state: EsimGoState, now: string): Esim {
  const esim: Esim = {
    iccid: newIccid((iccid) => iccid in state.esims),
    matchingId: newMatchingId(),
    smdpAddress: SANDBOX_SMDP,
    pin: newPin(),
    puk: newPuk(),
    profileStatus: "Released",
    createdAt: now,
    assignments: [],
  };
  state.esims[esim.iccid] = esim;
  return esim;
}

/** What `executeOrder` changed, for the store to write: the balance, counters, inventory, the order, its eSIMs. */
export function orderRecords(state: EsimGoState, order: Order): RecordPath[] {
  const iccids = new Set(order.lines.flatMap((l) => l.iccids));
  return [
    ["balanceCents"],
    ["nextAssignmentId"],
    ["inventory"],
    ["orders", state.orders.lastIndexOf(order)],
    ...[...iccids].map((iccid): RecordPath => ["esims", iccid]),
  ];
}

/** Charges the balance and performs the order. Mutates `state`; the caller persists it (`orderRecords`). */
export function executeOrder(state: EsimGoState, parsed: ParsedOrder, request: unknown, sourceIP: string): Order {
  const orderReference = randomUUID();
  const now = new Date().toISOString();
  let n = 0;
  const lines: OrderLine[] = parsed.lines.map((l) => {
    const iccids: string[] = [];
    if (!parsed.assign) {
      state.inventory[l.bundle.name] = (state.inventory[l.bundle.name] ?? 0) + l.quantity;
    } else {
      for (let i = 0; i < l.quantity; i++) {
        const given = l.iccids?.[i];
        const existing = given ? state.esims[given] : undefined;
        // allowReassign: an incompatible top-up goes onto a fresh eSIM instead of failing.
        const esim = existing && isCompatible(existing, l.bundle) ? existing : newEsim(state, now);
        esim.assignments.push(newAssignment(state, l.bundle, orderReference, n++, now));
        iccids.push(esim.iccid);
      }
    }
    return {
      type: "bundle",
      item: l.bundle.name,
      quantity: l.quantity,
      pricePerUnitCents: toCents(l.bundle.price),
      allowReassign: l.allowReassign,
      iccids,
    };
  });
  state.balanceCents -= parsed.totalCents;
  const assigned = lines.reduce((sum, l) => sum + l.iccids.length, 0);
  const order: Order = {
    orderReference,
    createdDate: now,
    assign: parsed.assign,
    lines,
    totalCents: parsed.totalCents,
    statusMessage: `Order completed: ${assigned} eSIMs assigned`,
    request,
    sourceIP,
    balanceAfterCents: state.balanceCents,
  };
  state.orders.push(order);
  return order;
}

/** The transaction envelope of `POST /orders`, `GET /orders/{ref}` and `GET /orders`. `withEsims` adds the
 *  per-line `esims[]` (always on POST; on GET /orders only with `includeIccids=true`). */
export function orderResponse(state: EsimGoState, order: Order, withEsims: boolean) {
  return {
    order: order.lines.map((l) => ({
      ...(withEsims
        ? {
            esims: l.iccids.map((iccid) => {
              const e = state.esims[iccid]!;
              return { iccid: e.iccid, matchingId: e.matchingId, smdpAddress: e.smdpAddress };
            }),
          }
        : {}),
      type: l.type,
      item: l.item,
      iccids: l.iccids,
      quantity: l.quantity,
      subTotal: toUsd(l.pricePerUnitCents * l.quantity),
      pricePerUnit: toUsd(l.pricePerUnitCents),
      allowReassign: l.allowReassign,
    })),
    total: toUsd(order.totalCents),
    currency: "USD",
    status: "completed",
    statusMessage: order.statusMessage,
    orderReference: order.orderReference,
    createdDate: order.createdDate,
    assigned: order.assign,
  };
}
