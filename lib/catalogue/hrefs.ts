export const destinationsHref = "/destinations";
export const regionsHref = "/regions";

export const countryHref = (slug: string) => `/destinations/${encodeURIComponent(slug)}`;
export const countryPlansHref = (slug: string, query = "") => `${countryHref(slug)}/plans${query ? `?${query}` : ""}`;
export const regionHref = (slug: string) => `/regions/${encodeURIComponent(slug)}`;
export const bundleHref = (name: string) => `/bundles/${encodeURIComponent(name)}`;
