// What a black-box test against the production build needs: `next build` output and a PostgreSQL server.
// Outside CI a missing one skips the test with a reason; under CI it fails, so a proof never silently stops
// running (`npm test` builds before the unit step for this reason).
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, it } from "vitest";
import postgres from "postgres";
import { serverUrl } from "@/lib/db/testing";
import { startStack, type Stack } from "@/scripts/lib/processes";

export function stackPrerequisites(): { ready: boolean; pgUrl: string | undefined } {
  const built = fs.existsSync(".next/BUILD_ID");
  const pgUrl = serverUrl();
  const missing = [!built && "a production build (npm run build)", !pgUrl && "PostgreSQL (TEST_DATABASE_URL)"].filter(
    Boolean,
  );
  if (missing.length === 0) return { ready: true, pgUrl };
  if (process.env.CI)
    it("has what a black-box test needs", () => {
      throw new Error(`missing under CI: ${missing.join(", ")}`);
    });
  else console.warn(`[stack test] skipped: needs ${missing.join(" and ")}`);
  return { ready: false, pgUrl };
}

export interface StackHandles {
  stack: Stack;
  /** The stack's own throwaway database, for reading what the app wrote. */
  sql: postgres.Sql;
  databaseUrl: string;
  /** A plan on sale, read from a destination page as a buyer would find it. */
  bundle: string;
  /** A request to the app; redirects are not followed. */
  app: (path: string, init?: RequestInit) => Promise<Response>;
  /** The sandbox's control API. */
  control: <T>(method: string, route: string, body?: unknown) => Promise<T>;
}

/**
 * The production build and a private sandbox on a database of their own, for the tests of a describe block:
 * created before them, dropped after. Read the handles inside tests (they are filled in by beforeAll).
 */
export function useStack(
  pgUrl: string,
  name: string,
  options: { appEnv?: Record<string, string>; beforeStart?: () => void | Promise<void> } = {},
): StackHandles {
  const handles = {} as StackHandles;
  let admin: postgres.Sql | undefined;
  const dbName = `tern_${name}_${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    await options.beforeStart?.();
    admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    const url = new URL(pgUrl);
    url.pathname = `/${dbName}`;
    handles.databaseUrl = url.toString();
    handles.stack = await startStack({
      databaseUrl: handles.databaseUrl,
      quiet: true,
      sandboxEnv: { SANDBOX_ESIM_GO_RATE_LIMIT: "off" },
      appEnv: options.appEnv,
    });
    handles.sql = postgres(handles.databaseUrl, { max: 2, onnotice: () => {} });
    const html = await (await fetch(`${handles.stack.appUrl}/destinations/japan`)).text();
    handles.bundle = /data-bundle="([^"]+)"/.exec(html)![1]!;
  }, 180_000);
  afterAll(async () => {
    await handles.sql?.end({ timeout: 5 });
    await handles.stack?.stop();
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.end({ timeout: 5 });
  });
  handles.app = (path, init = {}) => fetch(`${handles.stack.appUrl}${path}`, { redirect: "manual", ...init });
  handles.control = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${handles.stack.sandboxUrl}/_sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  };
  return handles;
}
