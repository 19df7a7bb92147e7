// The install guide's pictures: our own drawings of the phone screens a traveller passes through, one per step,
// as inline SVG (no image requests, sharp at any size, the brand's colours). Each drawing is one image with its
// alt text; the caption under it says the same step in words. The words on the drawn screens are the phone's
// own, so they come from the page's language like the rest.
import { useTranslations } from "next-intl";

export type Platform = "iphone" | "android";

interface Row {
  label: string;
  /** The row to tap on this screen. */
  tap?: boolean;
}

interface PhoneStep {
  /** Alt text: what the picture shows. */
  alt: string;
  title: string;
  back?: string;
  rows?: Row[];
  /** A camera frame scanning the QR code instead of a list, with its two-line hint. */
  scan?: boolean;
  scanHint: [string, string];
}

/** Each step's rows by message key (store.install.pictures.<platform>.<n>.rows.<key>), the tapped one marked. */
const STEPS: Record<Platform, { rows?: string[]; tap?: string; back?: boolean; scan?: boolean }[]> = {
  iphone: [
    { rows: ["wifi", "bluetooth", "mobile", "battery"], tap: "mobile" },
    { rows: ["data", "primary", "add"], tap: "add", back: true },
    { rows: ["transfer", "qr"], tap: "qr", back: true },
    { scan: true, back: true },
  ],
  android: [
    { rows: ["network", "devices", "apps", "battery"], tap: "network" },
    { rows: ["internet", "sims", "airplane"], tap: "sims", back: true },
    { rows: ["home", "add"], tap: "add", back: true },
    { scan: true, back: true },
  ],
};

const INK = "#0f172a"; // slate-900
const MUTED = "#475569"; // slate-600
const ROW = "#f1f5f9"; // slate-100
const BRAND = "#116f72"; // brand-600
const BRAND_TINT = "#d9f0ef"; // brand-100
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

function PhoneScreen({ step, platform }: { step: PhoneStep; platform: Platform }) {
  return (
    <svg
      viewBox="0 0 160 300"
      role="img"
      aria-label={step.alt}
      className="mx-auto block h-auto w-full max-w-[11rem]"
      fontFamily={FONT}
    >
      <rect x="4" y="4" width="152" height="292" rx="26" fill="#fff" stroke={INK} strokeWidth="3" />
      {platform === "iphone" ? (
        <rect x="60" y="12" width="40" height="11" rx="5.5" fill={INK} />
      ) : (
        <circle cx="80" cy="17" r="4.5" fill={INK} />
      )}
      <text x="20" y="22" fontSize="9" fontWeight="600" fill={INK}>
        9:41
      </text>
      {step.back && (
        <text x="14" y="40" fontSize="9.5" fill={BRAND}>
          {step.back}
        </text>
      )}
      {/* A long screen name in a smaller size, so it stays on the screen. */}
      <text x="14" y="60" fontSize={step.title.length > 14 ? 12.5 : 15} fontWeight="700" fill={INK}>
        {step.title}
      </text>
      {step.scan ? <ScanFrame hint={step.scanHint} /> : <Rows rows={step.rows ?? []} platform={platform} />}
      {platform === "iphone" ? (
        <rect x="55" y="284" width="50" height="4" rx="2" fill={INK} />
      ) : (
        <g fill="none" stroke={MUTED} strokeWidth="1.6">
          <path d="M52 282l-5 4 5 4" />
          <circle cx="80" cy="286" r="4" />
          <rect x="104" y="282" width="8" height="8" rx="1" />
        </g>
      )}
    </svg>
  );
}

function Rows({ rows, platform }: { rows: Row[]; platform: Platform }) {
  return (
    <g>
      {rows.map((row, i) => {
        const y = 72 + i * 32;
        return (
          <g key={row.label}>
            <rect
              x="12"
              y={y}
              width="136"
              height="26"
              rx={platform === "iphone" ? 7 : 13}
              fill={row.tap ? BRAND_TINT : ROW}
              stroke={row.tap ? BRAND : "none"}
              strokeWidth="1.5"
            />
            <text
              x="21"
              y={y + 16.5}
              fontSize={row.label.length > 16 ? 9 : 10}
              fontWeight={row.tap ? 700 : 400}
              fill={INK}
            >
              {row.label}
            </text>
            {platform === "iphone" && !row.tap && (
              <path d={`M138 ${y + 9}l4 4-4 4`} fill="none" stroke={MUTED} strokeWidth="1.4" />
            )}
            {row.tap && <Tap cx={132} cy={y + 13} />}
          </g>
        );
      })}
    </g>
  );
}

/** A fingertip's touch: where to tap. */
function Tap({ cx, cy }: { cx: number; cy: number }) {
  return (
    <g>
      <circle cx={cx} cy={cy} r="11" fill={BRAND} fillOpacity="0.18" />
      <circle cx={cx} cy={cy} r="5.5" fill={BRAND} />
    </g>
  );
}

/** The camera view: a QR code inside the scanner's corner marks. */
function ScanFrame({ hint }: { hint: [string, string] }) {
  const finder = (x: number, y: number) => (
    <g key={`${x}-${y}`}>
      <rect x={x} y={y} width="18" height="18" fill={INK} />
      <rect x={x + 3} y={y + 3} width="12" height="12" fill="#fff" />
      <rect x={x + 6} y={y + 6} width="6" height="6" fill={INK} />
    </g>
  );
  // A few fixed modules: it reads as a QR code without being one.
  const modules = [
    [76, 47],
    [84, 47],
    [76, 55],
    [92, 63],
    [52, 79],
    [60, 87],
    [76, 79],
    [84, 87],
    [92, 79],
    [100, 95],
    [76, 103],
    [92, 103],
    [108, 79],
    [108, 103],
    [68, 71],
  ];
  return (
    <g>
      <rect x="12" y="70" width="136" height="150" rx="10" fill={INK} />
      <g transform="translate(0 62)">
        <rect x="42" y="37" width="76" height="76" fill="#fff" />
        {finder(46, 41)}
        {finder(96, 41)}
        {finder(46, 91)}
        {modules.map(([x, y]) => (
          <rect key={`${x}-${y}`} x={x} y={y} width="7" height="7" fill={INK} />
        ))}
        <g fill="none" stroke={BRAND_TINT} strokeWidth="3" strokeLinecap="round">
          <path d="M34 41v-12h12M114 29h12v12M126 109v12h-12M46 121h-12v-12" />
        </g>
      </g>
      <text x="80" y="240" fontSize="9.5" fill={MUTED} textAnchor="middle">
        {hint[0]}
      </text>
      <text x="80" y="254" fontSize="9.5" fill={MUTED} textAnchor="middle">
        {hint[1]}
      </text>
    </g>
  );
}

/** The steps as a numbered row of phone pictures: two across on a phone, four on a wider screen. */
export function PhoneSteps({ platform }: { platform: Platform }) {
  const t = useTranslations("store.install.pictures");
  const scanHint: [string, string] = [t("scan1"), t("scan2")];
  return (
    <ol
      aria-label={t(`${platform}Label`)}
      data-testid={`install-pictures-${platform}`}
      className="my-6 grid list-none grid-cols-2 gap-x-3 gap-y-6 space-y-0 pl-0 sm:grid-cols-4"
    >
      {STEPS[platform].map((shape, i) => {
        const key = `${platform}.${i + 1}`;
        const step: PhoneStep = {
          alt: t(`${key}.alt`),
          title: t(`${key}.title`),
          back: shape.back ? t(`${key}.back`) : undefined,
          rows: shape.rows?.map((r) => ({ label: t(`${key}.rows.${r}`), tap: r === shape.tap })),
          scan: shape.scan,
          scanHint,
        };
        return (
          <li key={key} className="min-w-0">
            <figure>
              <PhoneScreen step={step} platform={platform} />
              <figcaption className="mt-2 text-sm leading-snug text-slate-700">
                <span className="font-semibold text-slate-900">{i + 1}.</span>{" "}
                {t.rich(`${key}.caption`, { strong: (chunks) => <strong>{chunks}</strong> })}
              </figcaption>
            </figure>
          </li>
        );
      })}
    </ol>
  );
}
