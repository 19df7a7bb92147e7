// Mobile networks per destination for the sandbox catalogue, shaped like eSIM Go's `countries[].networks`
// (a network's name, its brand and the speeds the bundle gets on it). Real operators for the destinations
// travellers buy most; elsewhere the list is empty, as eSIM Go's is for some countries, and the shop then shows
// the bundle's speeds alone.
export interface CatalogueNetwork {
  name: string;
  brandName: string;
  speeds: string[];
}

const OPERATORS: Record<string, string[]> = {
  AE: ["Etisalat", "du"],
  AR: ["Claro", "Movistar", "Personal"],
  AT: ["A1", "Magenta", "Drei"],
  AU: ["Telstra", "Optus", "Vodafone"],
  BE: ["Proximus", "Orange", "Base"],
  BR: ["Vivo", "Claro", "TIM"],
  CA: ["Rogers", "Bell", "Telus"],
  CH: ["Swisscom", "Sunrise", "Salt"],
  CN: ["China Unicom", "China Mobile"],
  CZ: ["O2", "T-Mobile", "Vodafone"],
  DE: ["Telekom", "Vodafone", "O2"],
  DK: ["TDC", "Telenor", "Telia"],
  EG: ["Vodafone", "Orange", "Etisalat"],
  ES: ["Movistar", "Orange", "Vodafone"],
  FI: ["Elisa", "Telia", "DNA"],
  FR: ["Orange", "SFR", "Bouygues Telecom"],
  GB: ["EE", "Vodafone", "O2", "Three"],
  GR: ["Cosmote", "Vodafone", "Nova"],
  HK: ["CSL", "SmarTone", "3"],
  HR: ["Hrvatski Telekom", "A1"],
  ID: ["Telkomsel", "Indosat", "XL Axiata"],
  IE: ["Vodafone", "Three", "Eir"],
  IL: ["Partner", "Cellcom", "Pelephone"],
  IN: ["Airtel", "Vodafone Idea"],
  IS: ["Síminn", "Vodafone"],
  IT: ["TIM", "Vodafone", "WindTre"],
  JP: ["NTT Docomo", "SoftBank", "KDDI au"],
  KR: ["SK Telecom", "KT", "LG U+"],
  MA: ["Maroc Telecom", "Orange", "Inwi"],
  MX: ["Telcel", "AT&T", "Movistar"],
  MY: ["Maxis", "CelcomDigi", "U Mobile"],
  NL: ["KPN", "Vodafone", "Odido"],
  NO: ["Telenor", "Telia"],
  NZ: ["One NZ", "Spark", "2degrees"],
  PH: ["Globe", "Smart"],
  PL: ["Orange", "Plus", "Play"],
  PT: ["MEO", "NOS", "Vodafone"],
  SE: ["Telia", "Tele2", "Telenor"],
  SG: ["Singtel", "StarHub", "M1"],
  TH: ["AIS", "TrueMove H", "dtac"],
  TR: ["Turkcell", "Vodafone", "Türk Telekom"],
  TW: ["Chunghwa Telecom", "Taiwan Mobile", "FarEasTone"],
  US: ["AT&T", "T-Mobile"],
  VN: ["Viettel", "Vinaphone", "MobiFone"],
  ZA: ["Vodacom", "MTN", "Cell C"],
};

/** The networks a bundle reaches in `iso`, each with the bundle's speeds there (the first network gets them all;
 *  a second or third carrier often tops out one generation lower, as on real roaming agreements). */
export function networksFor(iso: string, speeds: string[]): CatalogueNetwork[] {
  const operators = OPERATORS[iso] ?? [];
  const best = speeds.at(-1);
  return operators.map((name, i) => ({
    name,
    brandName: name,
    speeds: i > 0 && best === "5G" && i % 2 === 0 ? speeds.filter((s) => s !== "5G") : [...speeds],
  }));
}
