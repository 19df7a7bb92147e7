// Who acts in a test: an admin (or a reseller's operator) as the audit log records them.
import type { Actor } from "@/lib/audit";

/** The shop's admin in every test configuration (ADMIN_EMAILS). */
export const ADMIN_EMAIL = "ops@tern.test";

/** The shop's test admin from a test machine; override what a test checks (another admin, an address). */
export function testActor(overrides: Partial<Actor> = {}): Actor {
  return { id: null, email: ADMIN_EMAIL, ip: "127.0.0.1", userAgent: "vitest", ...overrides };
}
