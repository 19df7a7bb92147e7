// Query parameters parsed before any query runs: PostgreSQL refuses a NUL, a year past 9999 or a bigint overflow
// with a 500.
import { z } from "zod";

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export const queryText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "control characters are not allowed")
    .transform((s) => s || undefined);

export const pageNumber = z.coerce.number().int().min(1).max(10_000);

export const rowId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const monthParam = z.string().regex(/^(20\d\d|21\d\d)-(0[1-9]|1[0-2])$/, "month must be YYYY-MM");

/** A repeated name stays an array, which a string schema refuses. */
function plain(params: Params): Record<string, string | string[] | undefined> {
  if (!(params instanceof URLSearchParams)) return params;
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

export function parseQuery<S extends z.ZodType>(schema: S, params: Params): z.infer<S> | null {
  const parsed = schema.safeParse(plain(params));
  return parsed.success ? parsed.data : null;
}

export const dayParam = z.union([z.literal("").transform(() => undefined), z.iso.date()]);
