"use client";
// The stock import: a CSV file (or pasted lines), and the line-by-line report when anything is wrong.
import { useActionState, useState, type FormEvent } from "react";
import { DataTable } from "@/components/ui/data-table";
import { importStockAction, type ImportState } from "./actions";

/** Server Action bodies are capped at 64 kB (next.config.ts); the multipart wrapping needs some of it. Larger
 *  files go through `npm run stock:import`. Checked here, since past the cap the action never runs at all. */
export const MAX_FORM_IMPORT_BYTES = 60_000;

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importStockAction, {});
  const [tooBig, setTooBig] = useState<string | null>(null);
  function checkSize(e: FormEvent<HTMLFormElement>) {
    const form = e.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    const pasted = (form.elements.namedItem("csv") as HTMLTextAreaElement | null)?.value ?? "";
    // Both travel in the one request body, whichever the action then reads.
    const bytes = (file?.size ?? 0) + new TextEncoder().encode(pasted).length;
    if (bytes > MAX_FORM_IMPORT_BYTES) {
      e.preventDefault();
      setTooBig(
        `This import is ${Math.ceil(bytes / 1000)} kB; up to ${MAX_FORM_IMPORT_BYTES / 1000} kB can be imported here. Use npm run stock:import -- file.csv for larger files.`,
      );
    } else setTooBig(null);
  }
  return (
    <form action={action} onSubmit={checkSize} className="mt-3 space-y-3" aria-label="Import stock">
      <div>
        <label htmlFor="stock-file" className="field-label">
          CSV file
        </label>
        <input id="stock-file" name="file" type="file" accept=".csv,text/csv" className="block text-sm" />
      </div>
      <div>
        <label htmlFor="stock-csv" className="field-label">
          Or paste the lines (with the header)
        </label>
        <textarea
          id="stock-csv"
          name="csv"
          // React resets the form after each answer, to these: a refused paste comes back to be fixed.
          defaultValue={state.csv ?? ""}
          rows={5}
          className="field w-full font-mono text-sm"
          placeholder={"iccid,bundle,lpa\n8944…,esim_1GB_7D_GB_V2,LPA:1$rsp.example.com$ABC-123"}
        />
      </div>
      <div>
        <label htmlFor="stock-batch" className="field-label">
          Batch name (optional)
        </label>
        <input
          id="stock-batch"
          name="batch"
          defaultValue={state.batch ?? ""}
          maxLength={100}
          className="field w-64 py-2"
        />
      </div>
      <button type="submit" className="btn-primary px-3 py-2 text-sm" disabled={pending}>
        {pending ? "Checking…" : "Check and import"}
      </button>
      <div role="status" aria-live="polite" className="text-sm">
        {tooBig && <p className="text-red-700">{tooBig}</p>}
        {!tooBig && state.ok && <p className="text-brand-800">{state.ok}</p>}
        {!tooBig && state.error && <p className="text-red-700">{state.error}</p>}
        {!tooBig && state.problems && state.problems.length > 0 && (
          <DataTable
            caption="Lines with problems"
            className="mt-2"
            card={false}
            testId="import-report"
            rows={state.problems}
            rowKey={(p) => `${p.line}-${p.iccid ?? ""}`}
            columns={[
              { key: "line", header: "Line", cell: (p) => p.line || "—" },
              { key: "iccid", header: "ICCID", className: "font-mono", cell: (p) => p.iccid ?? "—" },
              { key: "problems", header: "Problems", cell: (p) => p.problems.join("; ") },
            ]}
          />
        )}
      </div>
    </form>
  );
}
