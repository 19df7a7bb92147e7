export type AlertKind = "used-80" | "used-100" | "ends-soon";

interface BundleFigures {
  initialBytes: number | null;
  remainingBytes: number | null;
  unlimited: boolean;
  endTime: Date | null;
  state: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function usedPercent(f: Pick<BundleFigures, "initialBytes" | "remainingBytes" | "unlimited">): number | null {
  if (f.unlimited || f.initialBytes === null || f.remainingBytes === null || f.initialBytes <= 0) return null;
  const used = f.initialBytes - Math.max(0, Math.min(f.remainingBytes, f.initialBytes));
  return (used / f.initialBytes) * 100;
}

export function alertsDue(f: BundleFigures, now: Date = new Date()): AlertKind[] {
  const state = (f.state ?? "").toLowerCase();
  if (state === "expired" || state === "revoked" || state === "lapsed") return [];
  const pct = usedPercent(f);
  if (state === "depleted" || (pct !== null && pct >= 100)) return ["used-100"];
  const due: AlertKind[] = [];
  if (pct !== null && pct >= 80) due.push("used-80");
  if (f.endTime) {
    const left = f.endTime.getTime() - now.getTime();
    if (left > 0 && left <= DAY_MS) due.push("ends-soon");
  }
  return due;
}
