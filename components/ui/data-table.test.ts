import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type Column } from "./data-table";

interface Code {
  code: string;
  used: number;
}

const columns: Column<Code>[] = [
  { key: "code", header: "Code", cell: (r) => r.code, rowHeader: true },
  { key: "used", header: "Used", cell: (r) => r.used, align: "right", testId: "used" },
];

const render = (rows: Code[], extra: Record<string, unknown> = {}) =>
  renderToStaticMarkup(
    createElement(DataTable<Code>, {
      caption: "Promotion codes",
      columns,
      rows,
      rowKey: (r) => r.code,
      empty: "No codes yet.",
      ...extra,
    }),
  );

describe("DataTable", () => {
  it("marks each row with its own data attributes, and a cell a test can find", () => {
    const html = render([{ code: "SPRING", used: 3 }], {
      rowProps: (r: Code) => ({ "data-code": r.code }),
      rowClassName: "align-top",
      testId: "promotions-table",
    });
    expect(html).toContain('<table class="w-full text-left text-sm" data-testid="promotions-table">');
    expect(html).toMatch(/<tr class="border-t border-slate-200 align-top" data-code="SPRING">/);
    expect(html).toMatch(/<th scope="row" class="[^"]*">SPRING<\/th>/);
    expect(html).toMatch(/<td data-testid="used" class="[^"]*text-right[^"]*">3<\/td>/);
  });

  it("a row's own test id wins over the table's", () => {
    const html = render([{ code: "A", used: 1 }], {
      rowTestId: "row",
      rowProps: (r: Code) => ({ "data-testid": `total-${r.code}` }),
    });
    expect(html).toContain('data-testid="total-A"');
    expect(html).not.toContain('data-testid="row"');
  });

  it("a table without rows says so in one row across every column, caption for screen readers only", () => {
    const html = render([]);
    expect(html).toContain('<caption class="sr-only">Promotion codes</caption>');
    expect(html).toMatch(/<td colspan="2" class="[^"]*">No codes yet.<\/td>/i);
  });

  it("a page's own spacing replaces the default margin rather than fighting it", () => {
    expect(render([])).toContain('class="card relative overflow-x-auto mt-3"');
    expect(render([], { className: "mt-2", card: false })).toContain('class="relative overflow-x-auto mt-2"');
  });

  it("shows its caption when asked to, styled as the page wants", () => {
    const html = render([], { captionClassName: "text-left text-lg font-bold" });
    expect(html).toContain('<caption class="text-left text-lg font-bold">Promotion codes</caption>');
  });
});
