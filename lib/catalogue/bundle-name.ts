import { z } from "zod";

export const bundleNameSchema = z
  .string()
  .trim()
  .min(1, "Choose a bundle")
  .max(200)
  .regex(/^[A-Za-z0-9_.+-]+$/, "That is not a bundle name");

export function parseBundleName(value: unknown): string | null {
  const parsed = bundleNameSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
