// Full catalogue sync timings: the sandbox as a child process (no rate limit), then 5 syncs into a fresh
// PGlite and 5 into a fresh PostgreSQL database (when TEST_DATABASE_URL/DATABASE_URL is set). The first run
// of each fills an empty table, the rest are re-syncs. Target: ≤ 5 s on PostgreSQL.
//   npx tsx scripts/bench/catalogue-sync.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { createTestDatabase, testDbKinds, type TestDbKind } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { createEsimGoClient } from "@/lib/providers/esim-go/client";
import { syncCatalogue, type SyncResult } from "@/lib/catalogue/sync";
import { freePort, tempDir, waitFor } from "../lib/processes";

export interface CatalogueSyncBench {
  kind: TestDbKind;
  bundles: number;
  runsMs: number[];
  /** Median over all runs. */
  medianMs: number;
  firstRunMs: number;
  /** Median of the re-syncs (runs 2…n). */
  resyncMedianMs: number;
  targetMs: number;
  meetsTarget: boolean;
}

const TARGET_MS = 5000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
};

export async function runCatalogueSyncBench(
  options: { runs?: number; log?: (line: string) => void } = {},
): Promise<CatalogueSyncBench[]> {
  const runs = options.runs ?? 5;
  const log = options.log ?? ((line: string) => console.log(line));
  const port = await freePort();
  const dataDir = tempDir("tern-bench-sandbox-");
  const sandbox = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    stdio: "ignore",
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_DATA_DIR: dataDir, SANDBOX_ESIM_GO_RATE_LIMIT: "off" },
  });
  const sandboxUrl = `http://127.0.0.1:${port}`;
  const results: CatalogueSyncBench[] = [];
  try {
    await waitFor(`${sandboxUrl}/_sandbox/config`, 30_000, sandbox);
    const client = createEsimGoClient({ baseUrl: `${sandboxUrl}/esim-go/v2.4`, apiKey: env().esimGo.apiKey });
    // The sandbox builds its catalogue on first request; keep that one-off out of the timings.
    await client.cataloguePage({ page: 1, perPage: 1 });
    const quiet = { info: () => {}, warn: (m: string) => log(m) };

    for (const kind of testDbKinds()) {
      const handle = await createTestDatabase(kind);
      try {
        const runsMs: number[] = [];
        let last: SyncResult | undefined;
        for (let i = 1; i <= runs; i++) {
          const started = performance.now();
          last = await syncCatalogue({ db: handle.db, client, log: quiet });
          const ms = Math.round(performance.now() - started);
          runsMs.push(ms);
          log(
            JSON.stringify({
              bench: "catalogue-sync",
              kind,
              run: i,
              ms,
              fetchMs: last.fetchMs,
              writeMs: last.writeMs,
              fetched: last.fetched,
              upserted: last.upserted,
              pages: last.pages,
            }),
          );
        }
        const result: CatalogueSyncBench = {
          kind,
          bundles: last?.upserted ?? 0,
          runsMs,
          medianMs: median(runsMs),
          firstRunMs: runsMs[0] ?? 0,
          resyncMedianMs: median(runsMs.slice(1)),
          targetMs: TARGET_MS,
          meetsTarget: Math.max(...runsMs) <= TARGET_MS,
        };
        log(JSON.stringify({ bench: "catalogue-sync", ...result }));
        results.push(result);
      } finally {
        await handle.close();
      }
    }
  } finally {
    sandbox.kill("SIGTERM");
    await new Promise((r) => (sandbox.exitCode !== null ? r(null) : sandbox.once("exit", r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runCatalogueSyncBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
