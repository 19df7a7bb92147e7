import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { cronJobs, isAuthorisedCronCall, runCronJob, type CronJob } from "./cron";

const SECRET = "s3cret-for-tests";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
  vi.restoreAllMocks();
});

function withSecret(secret: string | undefined, nodeEnv: "test" | "production" = "test") {
  vi.stubEnv("CRON_SECRET", secret ?? "");
  vi.stubEnv("NODE_ENV", nodeEnv);
  resetEnvCache();
}

describe("cron auth", () => {
  it("accepts only the exact bearer secret", () => {
    withSecret(SECRET);
    expect(isAuthorisedCronCall(`Bearer ${SECRET}`)).toBe(true);
    expect(isAuthorisedCronCall(`Bearer ${SECRET}x`)).toBe(false);
    expect(isAuthorisedCronCall(`bearer ${SECRET}`)).toBe(false);
    expect(isAuthorisedCronCall(SECRET)).toBe(false);
    expect(isAuthorisedCronCall(null)).toBe(false);
  });

  it("refuses everything when no secret is configured", () => {
    expect(isAuthorisedCronCall("Bearer ", undefined)).toBe(false);
    expect(isAuthorisedCronCall("Bearer undefined", undefined)).toBe(false);
    withSecret(undefined, "production");
    expect(isAuthorisedCronCall("Bearer ")).toBe(false);
  });
});

describe("runCronJob", () => {
  const jobs: Record<string, CronJob> = {
    ok: async () => ({ done: 3 }),
    broken: async () => {
      throw new Error("provider down");
    },
  };

  it("401s without the secret and runs nothing", async () => {
    withSecret(SECRET);
    const spy = vi.fn(jobs.ok!);
    expect(await runCronJob("ok", "Bearer wrong", { ok: spy })).toEqual({
      status: 401,
      body: { error: "unauthorised" },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it("runs a known job and answers with its result", async () => {
    withSecret(SECRET);
    expect(await runCronJob("ok", `Bearer ${SECRET}`, jobs)).toEqual({
      status: 200,
      body: { job: "ok", ok: true, result: { done: 3 } },
    });
  });

  it("404s an unknown job, including inherited object keys", async () => {
    withSecret(SECRET);
    expect((await runCronJob("nope", `Bearer ${SECRET}`, jobs)).status).toBe(404);
    expect((await runCronJob("toString", `Bearer ${SECRET}`, jobs)).status).toBe(404);
  });

  it("answers 500 when the job fails, so the scheduler sees it", async () => {
    withSecret(SECRET);
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await runCronJob("broken", `Bearer ${SECRET}`, jobs)).toEqual({
      status: 500,
      body: { job: "broken", ok: false, error: "provider down" },
    });
  });

  it("registers the catalogue sync", () => {
    expect(Object.keys(cronJobs)).toContain("sync-catalogue");
  });
});
