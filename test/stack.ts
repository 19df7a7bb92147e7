// What a black-box test against the production build needs: `next build` output and a PostgreSQL server.
// Outside CI a missing one skips the test with a reason; under CI it fails, so a proof never silently stops
// running (`npm test` builds before the unit step for this reason).
import fs from "node:fs";
import { it } from "vitest";
import { serverUrl } from "@/lib/db/testing";

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
