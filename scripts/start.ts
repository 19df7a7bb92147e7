// `npm start` — the production build, with the sandbox again serving every service without keys.
import { runWithSandbox } from "./lib/launch";

await runWithSandbox(["start", ...process.argv.slice(2)]);
