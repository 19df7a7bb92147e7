import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { createTestDatabase, testDbKinds } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";
import { bucket, purgeRateLimits, takeRateLimit } from "./rate-limit";

const limit = { max: 5, windowMs: 15 * 60_000 };
let n = 0;
const fresh = (name: string) => `test:${name}:${Date.now().toString(36)}${n++}`;
// Windows are aligned to multiples of windowMs; start the tests at the beginning of one.
const t0 = new Date(Math.ceil(Date.now() / limit.windowMs) * limit.windowMs);
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(testDbKinds())("rate limits on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDatabase(kind);
  });
  afterAll(async () => h?.close());

  it("lets max attempts through, then answers with the seconds until the window ends", async () => {
    const b = fresh("max");
    for (let i = 0; i < limit.max; i++)
      expect(await takeRateLimit(h.db, [{ bucket: b, limit }], at(i))).toEqual({ ok: true });
    expect(await takeRateLimit(h.db, [{ bucket: b, limit }], at(60_000))).toEqual({
      ok: false,
      retryAfterSeconds: 840,
    });
  });

  it("a stranger hammering a locked bucket never extends the lock", async () => {
    const b = fresh("hammer");
    for (let i = 0; i < limit.max; i++) await takeRateLimit(h.db, [{ bucket: b, limit }], at(i));
    // A refused attempt every ten seconds for the rest of the window...
    for (let ms = 10_000; ms < limit.windowMs; ms += 10_000)
      expect((await takeRateLimit(h.db, [{ bucket: b, limit }], at(ms))).ok).toBe(false);
    // ...and the victim is let in as soon as the window ends.
    expect(await takeRateLimit(h.db, [{ bucket: b, limit }], at(limit.windowMs))).toEqual({ ok: true });
  });

  it("a refusal by one bucket counts in none of the others", async () => {
    const [full, other] = [fresh("full"), fresh("other")];
    const one = { max: 1, windowMs: limit.windowMs };
    await takeRateLimit(h.db, [{ bucket: full, limit: one }], at(0));
    for (let i = 0; i < 3; i++)
      expect(
        (
          await takeRateLimit(
            h.db,
            [
              { bucket: other, limit: one },
              { bucket: full, limit: one },
            ],
            at(1),
          )
        ).ok,
      ).toBe(false);
    expect(await takeRateLimit(h.db, [{ bucket: other, limit: one }], at(2))).toEqual({ ok: true });
  });

  it("an email with a NUL byte is counted in its own bucket instead of failing the query", async () => {
    const hostile = bucket("checkout", "email", `a@b.c\u0000${fresh("nul")}`);
    for (let i = 0; i < limit.max; i++)
      expect((await takeRateLimit(h.db, [{ bucket: hostile, limit }], at(i))).ok).toBe(true);
    expect((await takeRateLimit(h.db, [{ bucket: hostile, limit }], at(limit.max))).ok).toBe(false);
  });

  it("purges counters of windows that ended long ago", async () => {
    const b = fresh("old");
    await takeRateLimit(h.db, [{ bucket: b, limit }], new Date(t0.getTime() - 3 * 86_400_000));
    await takeRateLimit(h.db, [{ bucket: fresh("recent"), limit }], at(0));
    const before = (await h.db.select({ n: count() }).from(rateLimits))[0]!.n;
    expect(await purgeRateLimits(h.db, at(0))).toBeGreaterThanOrEqual(1);
    expect((await h.db.select({ n: count() }).from(rateLimits))[0]!.n).toBeLessThan(before);
    expect((await takeRateLimit(h.db, [{ bucket: b, limit }], at(0))).ok).toBe(true);
  });

  it.runIf(kind === "postgres")("twenty requests at once: exactly max get through", async () => {
    const b = fresh("race");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => takeRateLimit(h.db, [{ bucket: b, limit }], at(5))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(limit.max);
  });
});
