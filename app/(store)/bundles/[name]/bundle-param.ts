/**
 * The bundle name from the URL segment. Names are case-sensitive provider identifiers
 * ("esim_1GB_7D_JP_V2"); a segment that is not even plausibly one is refused before any query.
 */
export function bundleParam(segment: string): string | null {
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return name.length > 0 && name.length <= 200 ? name : null;
}
