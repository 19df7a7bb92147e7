// `npm run db:migrate` — apply the committed migrations (DATABASE_DIRECT_URL, else DATABASE_URL) or PGlite's.
import { getDbHandle } from "@/lib/db";

const handle = await getDbHandle();
console.log(`[tern] migrations applied (${handle.kind})`);
await handle.close();
