// What a bundle name may look like, wherever one arrives from outside (a URL, a form, JSON). Names are
// provider identifiers ("esim_1GB_7D_JP_V2"): letters, digits, `_`, `.`, `+`, `-`.
import { z } from "zod";

export const bundleNameSchema = z
  .string()
  .trim()
  .min(1, "Choose a bundle")
  .max(200)
  .regex(/^[A-Za-z0-9_.+-]+$/, "That is not a bundle name");

/** The bundle name in `value`, or null when it is not even plausibly one (checked before any query). */
export function parseBundleName(value: unknown): string | null {
  const parsed = bundleNameSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
