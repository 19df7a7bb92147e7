import { afterEach, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { GET } from "./route";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

const call = (job: string, authorization?: string) =>
  GET(new Request(`http://localhost/api/cron/${job}`, { headers: authorization ? { authorization } : {} }), {
    params: Promise.resolve({ job }),
  });

it("maps the job runner onto HTTP: 401 without the secret, 404 for an unknown job, never cached", async () => {
  vi.stubEnv("CRON_SECRET", "route-secret");
  resetEnvCache();
  const denied = await call("sync-catalogue");
  expect(denied.status).toBe(401);
  expect(denied.headers.get("cache-control")).toBe("no-store");
  const unknown = await call("nope", "Bearer route-secret");
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: 'unknown job "nope"' });
});
