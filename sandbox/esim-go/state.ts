// eSIM Go's persisted state: the organisation balance, transaction orders, eSIMs with their bundle
// assignments, inventory and the usage callbacks sent. Money is kept in integer cents and shown as USD floats
// at the wire, as eSIM Go shows it.
import type { SandboxApp } from "../server";
import type { DeliveryAttempt } from "../core/deliver";

export type BundleState = "processing" | "queued" | "active" | "depleted" | "expired" | "revoked";

export interface Assignment {
  id: string;
  /** `<orderReference>-<n>`, as in eSIM Go's callbacks and bundle listings. */
  reference: string;
  orderReference: string;
  bundle: string;
  /** Bytes; -1 for unlimited bundles. */
  initialBytes: number;
  remainingBytes: number;
  unlimited: boolean;
  durationDays: number;
  assignedAt: string;
  /** Set by the first data use (the bundle clock starts then, as with autostart bundles). */
  startTime?: string;
  endTime?: string;
  /** Utilisation thresholds (percent used) already reported, so each fires once. */
  alertsSent: number[];
  depleted: boolean;
  /** When DELETE /esims/{iccid}/bundles/{name} took it back; a revoked assignment never carries data again. */
  revokedAt?: string;
  /** Cents credited to the balance by that revoke (0 when it was used, too old, or no refund was asked). */
  refundedCents?: number;
}

export interface Esim {
  iccid: string;
  matchingId: string;
  smdpAddress: string;
  pin: string;
  puk: string;
  /** Released until first use in the sandbox; Installed after. */
  profileStatus: "Released" | "Installed";
  firstInstalledDateTime?: string;
  createdAt: string;
  assignments: Assignment[];
}

export interface OrderLine {
  type: "bundle";
  item: string;
  quantity: number;
  pricePerUnitCents: number;
  allowReassign: boolean;
  /** The eSIMs the bundle went onto (new ones, or the ones topped up). Empty for inventory purchases. */
  iccids: string[];
}

export interface Order {
  orderReference: string;
  createdDate: string;
  assign: boolean;
  lines: OrderLine[];
  totalCents: number;
  statusMessage: string;
  /** The body exactly as the client sent it, and where from: the ledger is for reconciling against. */
  request: unknown;
  sourceIP: string;
  balanceAfterCents: number;
}

export interface CallbackRecord {
  id: number;
  at: string;
  url: string | null;
  iccid: string;
  alertType: "FirstUse" | "Utilisation";
  body: string;
  signature: string;
  encoding: "base64" | "hex";
  attempts: DeliveryAttempt[];
}

export interface Settings {
  /** Encoding of X-Signature-SHA256: eSIM Go's API reference says base64, its webhooks guide hex. */
  signatureEncoding: "base64" | "hex";
  /** While an order is younger than this, `/esims/assignments` for it answers 503 Processing + Retry-After. */
  assignmentDelayMs: number;
  callbackRetryDelaysMs: number[];
}

export interface EsimGoState {
  balanceCents: number;
  orders: Order[];
  esims: Record<string, Esim>;
  /** Bundles bought with `assign: false`, by name. */
  inventory: Record<string, number>;
  callbacks: CallbackRecord[];
  nextAssignmentId: number;
  nextCallbackId: number;
  settings: Settings;
}

export const NS = "esim-go";

export function esimGoState(app: SandboxApp): EsimGoState {
  return app.store.ns<EsimGoState>(NS, () => ({
    balanceCents: Math.round(app.config.esimGo.initialBalance * 100),
    orders: [],
    esims: {},
    inventory: {},
    callbacks: [],
    nextAssignmentId: 215_000_001,
    nextCallbackId: 1,
    settings: { signatureEncoding: "base64", assignmentDelayMs: 0, callbackRetryDelaysMs: [1000, 5000, 30_000] },
  }));
}

export const toUsd = (cents: number) => cents / 100;
export const toCents = (usd: number) => Math.round(usd * 100);

/** The state eSIM Go would report now: derived from time and usage rather than stored, so it never goes stale.
 *  A bundle is `processing` while its assignment settles (`assignmentDelayMs`), then `queued` — on the eSIM,
 *  waiting for first use or for the bundle before it — until data use starts its clock. */
export function bundleState(a: Assignment, processingMs: number, now = Date.now()): BundleState {
  if (a.revokedAt) return "revoked";
  if (a.depleted) return "depleted";
  if (a.endTime && Date.parse(a.endTime) <= now) return "expired";
  if (a.startTime) return "active";
  return now - Date.parse(a.assignedAt) < processingMs ? "processing" : "queued";
}
