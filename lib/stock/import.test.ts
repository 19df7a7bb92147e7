// A stock file says what is wrong with it, per line or in its header — never a database error: control characters
// in a field, a column named twice or a column nobody knows are refused before anything is written.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BUNDLE, useHarness } from "@/test/harness";
import { importStock, parseStockCsv } from "./import";
import { luhnValid } from "./validate";

function iccid(): string {
  const body = "8944" + Array.from(randomBytes(14), (b) => String(b % 10)).join("");
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error("unreachable");
}
const lpa = () => `LPA:1$rsp.carrier.test$TS-${randomBytes(4).toString("hex").toUpperCase()}`;

describe("parseStockCsv", () => {
  it.each([
    ["NUL in the bundle", (i: string) => `${i},${BUNDLE}\u0000,${lpa()},b1`, "bundle"],
    ["NUL in the batch", (i: string) => `${i},${BUNDLE},${lpa()},b\u00001`, "batch"],
    ["a bell in the LPA", (i: string) => `${i},${BUNDLE},${lpa()}\u0007,b1`, "lpa"],
    ["DEL in the batch", (i: string) => `${i},${BUNDLE},${lpa()},b\u007f`, "batch"],
    // A record over two lines is reported at the line where it ends, as every other problem is.
    ["a quoted newline in the batch", (i: string) => `${i},${BUNDLE},${lpa()},"b\n1"`, "batch", 4],
  ])("refuses %s as a problem of that line", (_name, line, column, at = 3) => {
    const good = `${iccid()},${BUNDLE},${lpa()},b1`;
    const { lines, problems } = parseStockCsv(["iccid,bundle,lpa,batch", good, line(iccid())].join("\n"));
    expect(lines).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        line: at,
        problems: expect.arrayContaining([`${column} contains a control character`]),
      }),
    ]);
  });

  it("refuses a column named twice (the first would be dropped silently)", () => {
    const { lines, problems } = parseStockCsv(
      ["iccid,bundle,lpa,ICCID", `${iccid()},${BUNDLE},${lpa()},${iccid()}`].join("\n"),
    );
    expect(lines).toEqual([]);
    expect(problems).toEqual([{ line: 1, problems: ["column iccid appears twice"] }]);
  });

  it("refuses unknown and empty column names, and control characters in the header, as header problems", () => {
    for (const header of ["iccid,bundle,lpa,colour", "iccid,bundle,lpa,", "iccid,bundle,lpa,bat\u0000ch"]) {
      const { lines, problems } = parseStockCsv([header, `${iccid()},${BUNDLE},${lpa()},x`].join("\n"));
      expect(lines, JSON.stringify(header)).toEqual([]);
      expect(problems[0]?.line, JSON.stringify(header)).toBe(1);
      expect(problems[0]?.problems.join(" "), JSON.stringify(header)).toMatch(/unknown column/);
    }
  });
});

describe("importStock", () => {
  const h = useHarness("pglite", { reset: false });

  it("answers a NUL byte with the line's problem, not a failed query", async () => {
    const bad = iccid();
    const result = await importStock(h.db, ["iccid,bundle,lpa,batch", `${bad},${BUNDLE},${lpa()},b\u00001`].join("\n"));
    expect(result).toEqual({
      ok: false,
      checked: 1,
      problems: [{ line: 2, iccid: bad, problems: ["batch contains a control character"] }],
    });
  });

  it("refuses a batch name with a control character from the form", async () => {
    const result = await importStock(h.db, ["iccid,bundle,lpa", `${iccid()},${BUNDLE},${lpa()}`].join("\n"), {
      batch: "spring\u0000",
    });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ line: 0, problems: ["the batch name contains a control character"] }],
    });
  });
});
