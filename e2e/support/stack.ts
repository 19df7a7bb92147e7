// Black-box helpers for specs that run their own production stack (scripts/lib/processes.ts): a throwaway
// PostgreSQL database when TEST_DATABASE_URL is set (PGlite otherwise), the sandbox's control API, buying.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export async function throwawayDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => {} };
  const name = `tern_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end({ timeout: 5 });
    },
  };
}

export function control(sandboxUrl: string) {
  return async <T>(method: "GET" | "POST" | "DELETE", route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandboxUrl}/_sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${route} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** `POST /api/checkout` as the bundle page's script does; `client` sets a distinct client address. */
export async function checkout(
  appUrl: string,
  bundle: string,
  email: string,
  client?: string,
): Promise<{ status: number; body: { orderId?: string; checkoutUrl?: string; error?: { code: string } } }> {
  const res = await fetch(`${appUrl}/api/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(client ? { "x-forwarded-for": client } : {}) },
    body: JSON.stringify({ bundle, email }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as never };
}

export const sessionIdOf = (checkoutUrl: string) => /(cs_test_[A-Za-z0-9]+)/.exec(checkoutUrl)![1]!;

export interface EsimGoLedger {
  orders: { orderReference: string; items?: { item: string }[] }[];
}
export interface InboxEmail {
  id: string;
  to: string[];
  subject: string;
}
