// One bad line imports nothing; one statement, so a duplicate appearing after the check fails the whole file.
import { parse } from "csv-parse/sync";
import { inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/sql";
import { bundles, esimInventory, esims, type NewInventoryRow } from "@/lib/db/schema";
import { sealCode } from "./crypto";
import { codeProblem, iccidProblem, parseLpa, smdpProblem } from "./validate";
import { logStock } from "./log";
import { clearLowStock } from "./alerts";

const MAX_IMPORT_ROWS = 10_000;
const MAX_IMPORT_BYTES = 5_000_000;

const COLUMNS = ["iccid", "bundle", "lpa", "smdp_address", "activation_code", "cost_minor", "cost_currency", "batch"];
/** PostgreSQL refuses a NUL in text. */
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface LineProblem {
  line: number;
  iccid?: string;
  problems: string[];
}

type ImportResult =
  | { ok: true; imported: number; bundles: Record<string, number> }
  | { ok: false; problems: LineProblem[]; checked: number };

interface ParsedLine {
  line: number;
  iccid: string;
  bundle: string;
  smdpAddress: string;
  activationCode: string;
  costMinor: number | null;
  costCurrency: string | null;
  batch: string | null;
}

export function parseStockCsv(text: string): { lines: ParsedLine[]; problems: LineProblem[] } {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    return { lines: [], problems: [{ line: 0, problems: [`file is larger than ${MAX_IMPORT_BYTES} bytes`] }] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] | null = null;
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      // csv-parse maps a repeated name onto one key, silently dropping the first column.
      columns: (names: string[]) => (header = names.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 4096,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    return { lines: [], problems: [{ line, problems: [`not valid CSV: ${(err as Error).message}`] }] };
  }
  const headerProblems = checkHeader(header ?? headerOf(text));
  if (headerProblems.length) return { lines: [], problems: [{ line: 1, problems: headerProblems }] };
  if (records.length === 0) return { lines: [], problems: [{ line: 1, problems: ["the file has no stock lines"] }] };
  if (records.length > MAX_IMPORT_ROWS)
    return { lines: [], problems: [{ line: 0, problems: [`more than ${MAX_IMPORT_ROWS} lines: split the file`] }] };

  const lines: ParsedLine[] = [];
  const problems: LineProblem[] = [];
  const firstSeen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const p: string[] = [];
    for (const [column, value] of Object.entries(record))
      if (CONTROL.test(value)) p.push(`${column} contains a control character`);
    if (p.length) {
      const clean = record.iccid && !CONTROL.test(record.iccid) ? record.iccid : undefined;
      problems.push({ line, iccid: clean, problems: p });
      continue;
    }
    const iccid = (record.iccid ?? "").replace(/[\s-]/g, "");
    const iccidIssue = iccidProblem(iccid);
    if (iccidIssue) p.push(iccidIssue);
    else if (firstSeen.has(iccid)) p.push(`duplicate ICCID: also on line ${firstSeen.get(iccid)}`);
    else firstSeen.set(iccid, line);
    const bundle = record.bundle ?? "";
    if (!bundle) p.push("bundle is missing");
    let smdpAddress = "";
    let activationCode = "";
    if (record.lpa) {
      const lpa = parseLpa(record.lpa);
      if ("problem" in lpa) p.push(`malformed LPA: ${lpa.problem}`);
      else ({ smdpAddress, activationCode } = lpa);
      if (record.smdp_address || record.activation_code) p.push("give either lpa or smdp_address + activation_code");
    } else {
      smdpAddress = record.smdp_address ?? "";
      activationCode = record.activation_code ?? "";
      if (!smdpAddress || !activationCode) p.push("lpa (or smdp_address and activation_code) is missing");
      else {
        const issue = smdpProblem(smdpAddress) ?? codeProblem(activationCode);
        if (issue) p.push(issue);
      }
    }
    let costMinor: number | null = null;
    if (record.cost_minor) {
      costMinor = Number(record.cost_minor);
      if (!Number.isInteger(costMinor) || costMinor < 0) p.push("cost_minor must be a whole number of minor units");
    }
    const costCurrency = record.cost_currency ? record.cost_currency.toUpperCase() : null;
    if (costCurrency && !/^[A-Z]{3}$/.test(costCurrency)) p.push("cost_currency must be a 3-letter ISO 4217 code");
    if ((costMinor === null) !== (costCurrency === null)) p.push("cost_minor and cost_currency go together");
    if (p.length) problems.push({ line, iccid: iccid || undefined, problems: p });
    else
      lines.push({
        line,
        iccid,
        bundle,
        smdpAddress,
        activationCode,
        costMinor,
        costCurrency,
        batch: record.batch || null,
      });
  }
  return { lines, problems };
}

function headerOf(text: string): string[] {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return first.split(",").map((h) => h.trim().toLowerCase());
}

function checkHeader(header: string[]): string[] {
  const problems: string[] = [];
  const unknown = header.filter((h) => !COLUMNS.includes(h));
  if (unknown.length)
    problems.push(
      `unknown column(s): ${unknown.map((h) => JSON.stringify(h)).join(", ")} (known: ${COLUMNS.join(", ")})`,
    );
  for (const name of new Set(header.filter((h, i) => header.indexOf(h) !== i && COLUMNS.includes(h))))
    problems.push(`column ${name} appears twice`);
  if (!header.includes("iccid") || !header.includes("bundle")) problems.push("columns iccid and bundle are required");
  if (!header.includes("lpa") && !(header.includes("smdp_address") && header.includes("activation_code")))
    problems.push("a column lpa, or columns smdp_address and activation_code, is required");
  return problems;
}

export async function importStock(
  db: Db,
  text: string,
  options: { batch?: string | null; by?: string | null } = {},
): Promise<ImportResult> {
  if (options.batch && CONTROL.test(options.batch))
    return {
      ok: false,
      checked: 0,
      problems: [{ line: 0, problems: ["the batch name contains a control character"] }],
    };
  const { lines, problems } = parseStockCsv(text);
  const checked = lines.length + problems.length;
  if (problems.some((p) => p.line <= 1)) return { ok: false, problems, checked };

  const names = [...new Set(lines.map((l) => l.bundle))];
  const known = names.length
    ? await db
        .select({ name: bundles.name, provider: bundles.provider })
        .from(bundles)
        .where(inArray(bundles.name, names))
    : [];
  const providerOf = new Map(known.map((b) => [b.name, b.provider]));
  const iccids = lines.map((l) => l.iccid);
  const taken = new Set<string>();
  for (let i = 0; i < iccids.length; i += 1000) {
    const chunk = iccids.slice(i, i + 1000);
    const [inStock, issued] = await Promise.all([
      db.select({ iccid: esimInventory.iccid }).from(esimInventory).where(inArray(esimInventory.iccid, chunk)),
      db.select({ iccid: esims.iccid }).from(esims).where(inArray(esims.iccid, chunk)),
    ]);
    for (const r of [...inStock, ...issued]) taken.add(r.iccid);
  }
  for (const l of lines) {
    const p: string[] = [];
    if (!providerOf.has(l.bundle)) p.push(`unknown bundle: ${l.bundle}`);
    if (taken.has(l.iccid)) p.push("duplicate ICCID: already in stock or issued");
    if (p.length) problems.push({ line: l.line, iccid: l.iccid, problems: p });
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line), checked };

  const batch = options.batch?.trim() || null;
  const rows: NewInventoryRow[] = lines.map((l) => ({
    bundleName: l.bundle,
    provider: providerOf.get(l.bundle)!,
    iccid: l.iccid,
    smdpAddress: l.smdpAddress,
    activationCodeSealed: sealCode(l.activationCode, l.iccid),
    status: "available",
    source: "import",
    costMinor: l.costMinor,
    costCurrency: l.costCurrency,
    batch: l.batch ?? batch,
    metadata: { importedBy: options.by ?? null, line: l.line },
  }));
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(esimInventory).values(rows.slice(i, i + 500));
    });
  } catch (err) {
    if (isUniqueViolation(err))
      return {
        ok: false,
        checked,
        problems: [{ line: 0, problems: ["an ICCID in this file was imported meanwhile; nothing was imported"] }],
      };
    throw err;
  }
  const perBundle: Record<string, number> = {};
  for (const r of rows) perBundle[r.bundleName] = (perBundle[r.bundleName] ?? 0) + 1;
  await logStock(db, {
    source: "import",
    action: "import",
    outcome: "imported",
    payload: { count: rows.length, bundles: perBundle, batch, by: options.by ?? null },
  });
  for (const name of Object.keys(perBundle)) await clearLowStock(db, name);
  return { ok: true, imported: rows.length, bundles: perBundle };
}
