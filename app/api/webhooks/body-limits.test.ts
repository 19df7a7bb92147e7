// Every webhook route reads its body as a stream under one byte cap: a sender that streams megabytes is
// answered 413 after the cap, not buffered whole. Zendit's shared secret is checked before any byte is read.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { BODY_LIMITS } from "@/lib/http/body";

// Past the cap the routes must never reach the database; a stand-in makes a route that does fail loudly.
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    throw new Error("the database was reached");
  },
}));

const ZENDIT_SECRET = "zendit-body-limit-secret";
beforeEach(() => {
  vi.stubEnv("ZENDIT_WEBHOOK_SECRET", ZENDIT_SECRET);
  resetEnvCache();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

const CHUNK = 16 * 1024;
const CHUNKS = 2_000; // 32 MB if read whole

/** A chunked body with no Content-Length, counting how much of it the route pulled. */
function streamed(headers: Record<string, string> = {}) {
  const seen = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (seen.chunks === CHUNKS) return c.close();
      seen.chunks += 1;
      c.enqueue(new Uint8Array(CHUNK).fill(120));
    },
  });
  const request = new Request("http://localhost/api/webhooks/x", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, seen };
}

const routes = {
  stripe: () => import("./stripe/route"),
  "esim-go": () => import("./esim-go/route"),
  "stripe-issuing": () => import("./stripe-issuing/route"),
  zendit: () => import("./zendit/route"),
};
const authorised: Record<string, Record<string, string>> = { zendit: { "x-zendit-secret": ZENDIT_SECRET } };
const capChunks = Math.ceil(BODY_LIMITS.webhook / CHUNK) + 2;

describe.each(Object.entries(routes))("POST /api/webhooks/%s", (name, load) => {
  it("answers 413 to an oversized streamed body, having read little more than the cap", async () => {
    const { POST } = await load();
    const { request, seen } = streamed(authorised[name]);
    const res = await POST(request);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "body_too_large" } });
    expect(seen.chunks).toBeLessThanOrEqual(capChunks);
  });

  it("answers 413 to a declared Content-Length over the cap without reading it", async () => {
    const { POST } = await load();
    const { request, seen } = streamed({ ...authorised[name], "content-length": String(CHUNK * CHUNKS) });
    expect((await POST(request)).status).toBe(413);
    expect(seen.chunks).toBeLessThanOrEqual(1);
  });
});

describe("POST /api/webhooks/zendit", () => {
  it("checks the shared secret before reading a byte of the body", async () => {
    const { POST } = await routes.zendit();
    for (const headers of [{}, { "x-zendit-secret": "wrong" }] as Record<string, string>[]) {
      const { request, seen } = streamed(headers);
      const res = await POST(request);
      expect(res.status).toBe(401);
      expect(seen.chunks).toBeLessThanOrEqual(1);
    }
  });
});
