// Pure, so the plan page runs it in the browser as the buyer types and /devices on the server for a plain form.
import { DEVICES } from "./data";
import type { Device, VariantWithoutEsim } from "./types";

export type { Device, VariantWithoutEsim } from "./types";

const FILLER = new Set(["apple", "samsung", "google", "galaxy", "phone", "my", "the", "smartphone", "mobile", "esim"]);

// Letters and digits split ("s23" → "s 23", "13t" → "13 t"), so "S23" and "S 23" match alike.
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\+/g, " plus ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

interface Indexed {
  device: Device;
  all: Set<string>;
  names: string[][];
  brand: Set<string>;
}

function index(devices: readonly Device[]): Indexed[] {
  return devices.map((device) => {
    const brand = new Set(tokens(device.brand));
    const names = [device.model, ...(device.aliases ?? [])].map((n) =>
      tokens(n).filter((t) => !FILLER.has(t) && !brand.has(t)),
    );
    const all = new Set([...brand, ...names.flat(), ...tokens(device.model)]);
    return { device, all, names, brand };
  });
}

const INDEX = index(DEVICES);

export type Verdict = "works" | "variant_without_esim" | "not_installable";

export type DeviceCheck =
  | { kind: "empty" }
  | { kind: "unknown"; candidates: Device[] }
  | { kind: "match"; device: Device; verdict: Verdict; variant: VariantWithoutEsim | null; candidates: Device[] };

const MAX_CANDIDATES = 8;

export function searchDevices(query: string, limit = 50): Device[] {
  return rank(query).slice(0, limit);
}

export function checkDevice(query: string): DeviceCheck {
  const q = query.trim().slice(0, 100);
  if (!q) return { kind: "empty" };

  const byCode = matchModelCode(q);
  if (byCode) {
    return {
      kind: "match",
      device: byCode.device,
      variant: byCode.variant,
      verdict: verdictFor(byCode.device, byCode.variant),
      candidates: [byCode.device],
    };
  }

  const keywordVariant = (d: Device) => variantByKeyword(d, q);
  const words = tokens(stripVariantWords(q)).filter((t) => !FILLER.has(t));
  const candidates = rank(stripVariantWords(q));
  const exact = candidates.find((c) => isExact(c, words));
  if (!exact) return { kind: "unknown", candidates: candidates.slice(0, MAX_CANDIDATES) };
  const variant = keywordVariant(exact);
  return {
    kind: "match",
    device: exact,
    variant,
    verdict: verdictFor(exact, variant),
    candidates: candidates.slice(0, MAX_CANDIDATES),
  };
}

function verdictFor(device: Device, variant: VariantWithoutEsim | null): Verdict {
  if (!device.travelEsim) return "not_installable";
  return variant ? "variant_without_esim" : "works";
}

function rank(query: string): Device[] {
  const words = tokens(query).filter((t) => !FILLER.has(t));
  if (words.length === 0) return [];
  const scored: { device: Device; score: number; order: number }[] = [];
  INDEX.forEach((entry, order) => {
    const last = words.length - 1;
    const hit = words.every((w, i) =>
      // Only the word being typed may be a prefix; whole words must be whole ("13" is not "13t").
      i === last ? [...entry.all].some((t) => t.startsWith(w)) : entry.all.has(w),
    );
    if (!hit) return;
    const exact = isExact(entry.device, words);
    // Fewer extra words wins: "iPhone 13" ranks above "iPhone 13 Pro Max".
    const extra = Math.min(...entry.names.map((n) => n.filter((t) => !words.includes(t)).length));
    scored.push({ device: entry.device, score: (exact ? 1000 : 0) - extra, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.device);
}

function isExact(device: Device, words: string[]): boolean {
  const entry = INDEX.find((e) => e.device === device)!;
  const wanted = words.filter((w) => !entry.brand.has(w));
  return entry.names.some((n) => n.length === wanted.length && n.every((t) => wanted.includes(t)));
}

// Samsung-style model numbers: "SM-S911B" is the S23 (global), "SM-S9110" its Chinese model.
function matchModelCode(query: string): { device: Device; variant: VariantWithoutEsim | null } | null {
  for (const raw of query.toLowerCase().split(/\s+/)) {
    const code = raw.replace(/[^a-z0-9]/g, "");
    if (!/^[a-z]{2,3}\d{3}/.test(code)) continue;
    for (const { device } of INDEX) {
      const stem = device.codes?.find((c) => code.startsWith(c));
      if (!stem) continue;
      const suffix = code.slice(stem.length);
      if (suffix.length > 3) continue;
      const variant =
        device.withoutEsim?.find((v) => v.codeSuffixes?.includes(suffix)) ?? variantByKeyword(device, query);
      return { device, variant };
    }
  }
  return null;
}

function variantByKeyword(device: Device, query: string): VariantWithoutEsim | null {
  const text = ` ${query.toLowerCase().replace(/[^a-z0-9&]+/g, " ")} `;
  return device.withoutEsim?.find((v) => v.keywords?.some((k) => text.includes(` ${k} `))) ?? null;
}

// Market and carrier words ("china", "verizon") say which variant, not which model.
function stripVariantWords(query: string): string {
  const words = new Set(
    DEVICES.flatMap((d) => d.withoutEsim ?? [])
      .flatMap((v) => v.keywords ?? [])
      .flatMap((k) => k.split(" ")),
  );
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !words.has(w.replace(/[^a-z0-9&]/g, "")))
    .join(" ");
}

export const DEVICE_COUNT = DEVICES.length;
export { DEVICES };
