// How long `npm run sandbox` takes from process start to answering, with state on disk from a previous run.
import { spawn } from "node:child_process";
import path from "node:path";
import { freePort, tempDir, waitFor } from "../lib/processes";

export async function runSandboxStartBench(runs = 5): Promise<{ medianMs: number; runsMs: number[] }> {
  const dataDir = path.join(tempDir("tern-sbx-start-"), "sandbox");
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      stdio: "ignore",
      env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_DATA_DIR: dataDir },
    });
    await waitFor(`http://127.0.0.1:${port}/_sandbox/config`, 10_000, child);
    runsMs.push(Math.round(performance.now() - started));
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs };
}
