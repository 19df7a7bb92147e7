// `npm run db:migrate` — apply the committed migrations to DATABASE_URL, or to the local PGlite database.
import { getDbHandle } from "@/lib/db";

const handle = await getDbHandle();
console.log(`[tern] migrations applied (${handle.kind})`);
await handle.close();
