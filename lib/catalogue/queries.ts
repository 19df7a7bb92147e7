export * from "./filters";
export type { BundleView, BundleDetailView, BundleScope } from "./views";
export { bundleHref, countryHref, regionHref } from "./hrefs";
export * from "./destinations";
export * from "./regions";
export * from "./bundle-queries";
