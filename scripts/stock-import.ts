// `npm run stock:import -- file.csv [--batch name]` — import eSIM stock from a CSV into DATABASE_URL (or the
// local PGlite database): every line is checked first and one bad line imports nothing (lib/stock/import.ts).
// Columns: iccid, bundle, and lpa (LPA:1$smdp$code) or smdp_address + activation_code; optional cost_minor,
// cost_currency, batch. Exit code 0 imported, 1 refused, 2 usage.
import fs from "node:fs";
import path from "node:path";
import { getDbHandle } from "@/lib/db";
import { importStock } from "@/lib/stock/import";

const args = process.argv.slice(2);
const batchAt = args.indexOf("--batch");
const batch = batchAt >= 0 ? args[batchAt + 1] : undefined;
const file = args.find((a, i) => !a.startsWith("--") && i !== batchAt + 1);
if (!file || (batchAt >= 0 && !batch)) {
  console.error("usage: npm run stock:import -- file.csv [--batch name]");
  process.exit(2);
}
let text: string;
try {
  text = fs.readFileSync(file, "utf8");
} catch (err) {
  console.error(`cannot read ${file}: ${(err as Error).message}`);
  process.exit(2);
}

const handle = await getDbHandle();
try {
  const result = await importStock(handle.db, text, { batch: batch ?? path.basename(file), by: "cli" });
  if (result.ok) {
    console.log(`imported ${result.imported} eSIMs`);
    for (const [bundle, n] of Object.entries(result.bundles)) console.log(`  ${bundle}: ${n}`);
  } else {
    console.error(`nothing imported: ${result.problems.length} of ${result.checked} lines have problems`);
    for (const p of result.problems)
      console.error(`  line ${p.line}${p.iccid ? ` (${p.iccid})` : ""}: ${p.problems.join("; ")}`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
