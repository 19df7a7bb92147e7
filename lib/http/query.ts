// Query parameters of pages and route handlers, parsed with zod before any query runs: a parameter that does not
// parse is a 400 (route handlers), a 404 or an empty result (pages) — never a database error. PostgreSQL refuses
// a NUL in text, a year past 9999 in a timestamp, an integer past bigint: each was a 500 when passed through raw.
import { z } from "zod";

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

/** Typed text (a search box, a reference): printable, bounded, trimmed; empty means absent. */
export const queryText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "control characters are not allowed")
    .transform((s) => s || undefined);

/** A 1-based page number within reason. */
export const pageNumber = z.coerce.number().int().min(1).max(10_000);

/** A positive row id (bigint-safe). */
export const rowId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A calendar month `YYYY-MM` of this century and the next: what a statement can cover. */
export const monthParam = z.string().regex(/^(20\d\d|21\d\d)-(0[1-9]|1[0-2])$/, "month must be YYYY-MM");

/** The parameters as one object; a name given twice (`?a=1&a=2`) stays an array, which a string schema refuses. */
function plain(params: Params): Record<string, string | string[] | undefined> {
  if (!(params instanceof URLSearchParams)) return params;
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** The parsed parameters, or null when any of them does not parse. */
export function parseQuery<S extends z.ZodType>(schema: S, params: Params): z.infer<S> | null {
  const parsed = schema.safeParse(plain(params));
  return parsed.success ? parsed.data : null;
}

/** A day `YYYY-MM-DD` from a date input; empty means absent. */
export const dayParam = z.union([z.literal("").transform(() => undefined), z.iso.date()]);
