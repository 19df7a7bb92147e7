// The floor the storefront's targets are measured against: a bare Next.js page (a heading and a paragraph,
// no client components) built with the project's own `next`/`react` in a temp folder, served by `next start`.
// With `stylesheetBytes` it also imports a stylesheet of that size, served as Next serves any imported CSS
// (a render-blocking <link>): the honest floor for a page that needs its styles before it paints.
// Nothing is written inside the repository.
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

const BASE_FILES: Record<string, string> = {
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

/** Rules of varied names and values, so the file compresses about as a real utility stylesheet does. */
export function filler(bytes: number): string {
  let css = "";
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; css.length < bytes; i++) {
    css += `.u${i.toString(36)}{margin:${next() % 97}px ${next() % 13}rem;color:#${(next() % 0xffffff).toString(16).padStart(6, "0")}}\n`;
  }
  return css;
}

/** Builds the bare page (~30 s) and serves it; `stop()` ends the server and deletes the folder. */
export async function startBarePage(
  projectDir = process.cwd(),
  { stylesheetBytes = 0 }: { stylesheetBytes?: number } = {},
): Promise<BarePage> {
  const dir = tempDir("tern-bare-next-");
  const files =
    stylesheetBytes > 0
      ? {
          ...BASE_FILES,
          "app/layout.jsx": `import "./styles.css";\n${BASE_FILES["app/layout.jsx"]}`,
          "app/styles.css": filler(stylesheetBytes),
        }
      : BASE_FILES;
  for (const [file, body] of Object.entries(files)) {
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
