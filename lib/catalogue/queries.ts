// The catalogue read API for pages: active bundles only, plain serialisable view objects, cached under the
// "catalogue" tag that every sync invalidates.
export * from "./filters";
export type { BundleView, BundleDetailView, BundleScope } from "./views";
export { bundleHref, countryHref, regionHref } from "./hrefs";
export * from "./destinations";
export * from "./regions";
export * from "./bundle-queries";
