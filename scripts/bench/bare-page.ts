// The floor the storefront's targets are measured against: a bare Next.js page (a heading and a paragraph,
// no CSS, no client components) built with the project's own `next`/`react` in a temp folder, served by
// `next start`. Nothing is written inside the repository.
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { freePort, tempDir, waitFor } from "../lib/processes";

export interface BarePage {
  url: string;
  /** The `next start` process, for memory figures. */
  pid: number;
  stop: () => Promise<void>;
}

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "tern-bench-bare", private: true, type: "module" }),
  // The project's node_modules is linked in from outside this folder: Turbopack must see both.
  "next.config.mjs": `export default { turbopack: { root: "/" }, outputFileTracingRoot: "/", poweredByHeader: false };\n`,
  // Plain .jsx: no TypeScript pass, no tsconfig written by the build.
  "app/layout.jsx": `export const metadata = { title: "Bare Next.js page", description: "A bare Next.js page: the framework's floor for the storefront's bench." };
export default function RootLayout({ children }) {
  return <html lang="en"><body>{children}</body></html>;
}
`,
  "app/page.jsx": `export default function Page() {
  return (
    <main>
      <h1>Bare Next.js page</h1>
      <p>A server-rendered paragraph of text, long enough to be the largest contentful paint of this page, built with the same Next.js and React versions as the shop it is compared with.</p>
    </main>
  );
}
`,
};

/** Builds the bare page (~30 s) and serves it; `stop()` ends the server and deletes the folder. */
export async function startBarePage(projectDir = process.cwd()): Promise<BarePage> {
  const dir = tempDir("tern-bare-next-");
  for (const [file, body] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), body);
  }
  fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(dir, "node_modules"), "dir");
  const next = path.join(dir, "node_modules/next/dist/bin/next");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  const code = await runIn(dir, next, ["build"], env);
  if (code !== 0) throw new Error(`bare page build failed (exit ${code})`);
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`, 60_000, server);
  return {
    url,
    pid: server.pid!,
    stop: async () => {
      if (server.exitCode === null) {
        await new Promise<void>((resolve) => {
          server.once("exit", () => resolve());
          server.kill("SIGTERM");
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function runIn(cwd: string, script: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}
