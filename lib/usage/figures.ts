import type { UsageListingBundle } from "@/lib/providers/types";
import type { UsageBundle } from "@/lib/db/schema";
import type { CallbackBundle } from "./callback";

const normaliseState = (state: string | null | undefined) => (state ?? "").trim().toLowerCase() || "unknown";

const WAITING = ["processing", "queued"];
const FINISHED = ["depleted", "expired", "revoked", "lapsed"];

export function bundlesFromListing(listing: UsageListingBundle[], previous: UsageBundle[]): UsageBundle[] {
  const before = new Map(previous.map((b) => [b.reference, b]));
  return listing.flatMap((bundle) =>
    bundle.assignments.map((a): UsageBundle => {
      const prev = before.get(a.assignmentReference);
      const unlimited = a.unlimited === true || a.initialQuantity < 0;
      return {
        name: bundle.name,
        description: bundle.description ?? prev?.description ?? null,
        reference: a.assignmentReference,
        state: normaliseState(a.bundleState),
        initialBytes: unlimited ? null : a.initialQuantity,
        remainingBytes: unlimited ? null : Math.max(0, a.remainingQuantity),
        unlimited,
        assignedAt: a.assignmentDateTime ?? prev?.assignedAt ?? null,
        startTime: prev?.startTime ?? null,
        endTime: prev?.endTime ?? null,
      };
    }),
  );
}

/** Remaining data only goes down within an assignment, so a late older callback cannot make figures jump up. */
export function applyCallback(previous: UsageBundle[], alertType: string, cb: CallbackBundle): UsageBundle[] {
  const reference = cb.reference ?? `${cb.name}`;
  const prev =
    previous.find((b) => b.reference === reference) ??
    (cb.reference ? undefined : previous.find((b) => b.name === cb.name));
  const unlimited =
    cb.unlimited === true || (cb.initialQuantity !== undefined && cb.initialQuantity < 0) || (prev?.unlimited ?? false);
  const initial = unlimited ? null : (cb.initialQuantity ?? prev?.initialBytes ?? null);
  const incoming = unlimited || cb.remainingQuantity === undefined ? null : Math.max(0, cb.remainingQuantity);
  const remaining = unlimited
    ? null
    : incoming === null
      ? (prev?.remainingBytes ?? null)
      : prev?.remainingBytes != null
        ? Math.min(prev.remainingBytes, incoming)
        : incoming;
  let state = prev ? prev.state : "active";
  if (alertType.toLowerCase() === "firstuse" || WAITING.includes(state) || state === "unknown") state = "active";
  if (!unlimited && remaining !== null && remaining <= 0) state = "depleted";
  const next: UsageBundle = {
    name: cb.name,
    description: cb.description ?? prev?.description ?? null,
    reference: prev?.reference ?? reference,
    state,
    initialBytes: initial,
    remainingBytes: remaining,
    unlimited,
    assignedAt: prev?.assignedAt ?? null,
    startTime: cb.startTime ?? prev?.startTime ?? null,
    endTime: cb.endTime ?? prev?.endTime ?? null,
  };
  return prev ? previous.map((b) => (b === prev ? next : b)) : [...previous, next];
}

export function currentBundle(bundles: UsageBundle[]): UsageBundle | null {
  const byAssigned = [...bundles].sort((a, b) => (a.assignedAt ?? "").localeCompare(b.assignedAt ?? ""));
  return (
    byAssigned.find((b) => b.state === "active") ??
    byAssigned.find((b) => WAITING.includes(b.state)) ??
    byAssigned.filter((b) => !FINISHED.includes(b.state)).at(-1) ??
    byAssigned.at(-1) ??
    null
  );
}

export type EsimDisplayStatus = "ready" | "installed" | "active" | "depleted" | "expired";

export const STATUS_LABELS: Record<EsimDisplayStatus, string> = {
  ready: "Ready to install",
  installed: "Installed",
  active: "Active",
  depleted: "Data used up",
  expired: "Expired",
};

export function displayStatus(
  input: {
    profileStatus: string | null;
    firstInstalledAt: Date | null;
    firstUsedAt: Date | null;
    bundle: Pick<UsageBundle, "state" | "endTime"> | null;
  },
  now: Date = new Date(),
): EsimDisplayStatus {
  const state = normaliseState(input.bundle?.state);
  if (state === "depleted") return "depleted";
  if (
    ["expired", "revoked", "lapsed"].includes(state) ||
    (input.bundle?.endTime && Date.parse(input.bundle.endTime) <= now.getTime())
  )
    return "expired";
  if (state === "active" || input.firstUsedAt) return "active";
  const profile = (input.profileStatus ?? "").toLowerCase();
  if (profile === "installed" || profile === "downloaded" || input.firstInstalledAt) return "installed";
  return "ready";
}

export function daysLeft(endTime: string | null, now: Date = new Date()): number | null {
  if (!endTime) return null;
  const ms = Date.parse(endTime) - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / 86_400_000);
}
