// Every catalogue URL the shop links to, built in one place. Pure and client-safe.

export const destinationsHref = "/destinations";
export const regionsHref = "/regions";

/** A destination page by slug ("japan") — or by whatever segment was visited ("jp"), encoded. */
export const countryHref = (slug: string) => `/destinations/${encodeURIComponent(slug)}`;
/** A destination's filtered view (the filter form's target); `query` without the "?". */
export const countryPlansHref = (slug: string, query = "") => `${countryHref(slug)}/plans${query ? `?${query}` : ""}`;
export const regionHref = (slug: string) => `/regions/${encodeURIComponent(slug)}`;
/** Bundle names are case-sensitive provider identifiers ("esim_1GB_7D_JP_V2"). */
export const bundleHref = (name: string) => `/bundles/${encodeURIComponent(name)}`;
