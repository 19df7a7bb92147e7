// Walks pages at a phone's width and reports any that scroll sideways: the page must fit the viewport
// (document.documentElement.scrollWidth <= width). Reusable by any spec: pass the paths your pages live at.
import { expect, type Page } from "@playwright/test";

export interface Overflow {
  path: string;
  scrollWidth: number;
  /** The widest elements sticking out past the viewport, as "tag#id.class (right px)", to find the culprit. */
  culprits: string[];
}

/** What at `path` sticks out past `width` (null when the page fits). */
export async function overflowAt(page: Page, path: string, width = 390): Promise<Overflow | null> {
  const res = await page.goto(path);
  if (res && res.status() >= 500) throw new Error(`${path} answered ${res.status()}`);
  const found = await page.evaluate((w) => {
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= w) return null;
    const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter(({ right }) => right > w + 0.5)
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(({ el, right }) => {
        const cls = typeof el.className === "string" ? el.className.split(/\s+/).slice(0, 3).join(".") : "";
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls ? `.${cls}` : ""} (${Math.round(right)}px)`;
      });
    return { scrollWidth, culprits };
  }, width);
  return found ? { path, ...found } : null;
}

/**
 * Opens every path at `width` px (the viewport is set for the walk and restored after) and fails listing
 * every page that overflows, not just the first.
 */
export async function expectNoHorizontalOverflow(page: Page, paths: string[], width = 390): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 844 });
  const offenders: Overflow[] = [];
  try {
    for (const path of paths) {
      const o = await overflowAt(page, path, width);
      if (o) offenders.push(o);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  expect(offenders, `pages wider than ${width}px`).toEqual([]);
}
