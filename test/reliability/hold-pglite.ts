// Child process for pglite-lock.test.ts: opens the embedded database in argv[2], says so, and holds it.
import { openDatabase } from "@/lib/db";

const handle = await openDatabase({ dataDir: process.argv[2]!, migrate: false });
process.stdout.write("open\n");
process.on("SIGTERM", () => void handle.close().then(() => process.exit(0)));
setInterval(() => {}, 1000);
