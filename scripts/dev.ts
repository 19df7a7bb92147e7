// `npm run dev` — the sandbox for every service without keys, then `next dev` on http://localhost:3000.
import { runWithSandbox } from "./lib/launch";

await runWithSandbox(["dev", ...process.argv.slice(2)]);
