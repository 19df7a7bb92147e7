import type { BadgeTone } from "@/components/ui/badge";

/** The badge colour of a plan's scope, on cards and plan pages alike. Tiny and client-safe. */
export const SCOPE_TONE: Record<"country" | "regional" | "global", BadgeTone> = {
  country: "slate",
  regional: "brand",
  global: "indigo",
};
