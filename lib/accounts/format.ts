import type { Locale } from "@/lib/i18n/locales";

const GB_FORMAT: Record<Locale, Intl.NumberFormat> = {
  en: new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, useGrouping: false }),
  de: new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2, useGrouping: false }),
  es: new Intl.NumberFormat("es-ES", { maximumFractionDigits: 2, useGrouping: false }),
};

export function formatBytes(bytes: number | null, locale: Locale = "en"): string {
  if (bytes === null || !Number.isFinite(bytes)) return "—";
  if (bytes < 1_000_000) return `${Math.max(0, Math.round(bytes / 1000))} KB`;
  if (bytes < 1_000_000_000) return `${Math.round(bytes / 1_000_000)} MB`;
  return `${GB_FORMAT[locale].format(Number((bytes / 1_000_000_000).toFixed(2)))} GB`;
}

export function elapsed(at: Date, now: Date = new Date()): { unit: "now" | "min" | "h" | "days"; n: number } {
  const s = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (s < 60) return { unit: "now", n: 0 };
  const m = Math.floor(s / 60);
  if (m < 60) return { unit: "min", n: m };
  const h = Math.floor(m / 60);
  if (h < 48) return { unit: "h", n: h };
  return { unit: "days", n: Math.floor(h / 24) };
}

export function formatDay(date: Date, locale: Locale = "en"): string {
  if (locale === "en") return date.toISOString().slice(0, 10);
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "es-ES", { dateStyle: "medium", timeZone: "UTC" }).format(
    date,
  );
}

export function parseDay(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
