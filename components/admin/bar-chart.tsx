// A bar chart drawn on the server as SVG: no chart library, no script. Bars use a teal with over 3:1
// contrast on white and on the dark card (slate-900) alike; text and axes use currentColor, and the card
// turns dark with light text when the system asks for a dark scheme. The numbers are also in a table for
// screen readers.

export interface ChartPoint {
  label: string;
  value: number | null;
  /** What the table (and the bar's tooltip) shows for the value. */
  display: string;
}

/**
 * `axis` writes a value on the vertical axis in the chart's unit (money: "$20.97", never "2.1k" of cents).
 * The drawing is about as wide as the card it sits in (a third of the page on a desktop, the whole phone
 * screen on a phone), so 12-unit text stays about 12 px when scaled.
 */
export function BarChart({
  title,
  points,
  unit,
  axis = formatCount,
}: {
  title: string;
  points: ChartPoint[];
  unit: string;
  axis?: (value: number) => string;
}) {
  const width = 360;
  const height = 200;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value ?? 0)));
  const ticks = [0, max / 2, max];
  const labelChars = Math.max(...ticks.map((t) => axis(t).length));
  const pad = { top: 12, right: 8, bottom: 24, left: Math.min(96, 10 + labelChars * 7) };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, points.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const id = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const every = Math.ceil(points.length / 5);

  return (
    <figure className="card p-4 dark:border-slate-700 dark:bg-slate-900">
      <figcaption id={`${id}-title`} className="text-sm font-semibold text-slate-800 dark:text-slate-100">
        {title} <span className="font-normal text-slate-600 dark:text-slate-300">({unit})</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="mt-2 h-auto w-full text-slate-700 dark:text-slate-200"
      >
        <g aria-hidden="true">
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={pad.top + innerH}
            y2={pad.top + innerH}
            stroke="currentColor"
            strokeOpacity="0.5"
          />
          {ticks.map((t) => {
            const y = pad.top + innerH - (t / max) * innerH;
            return (
              <g key={t}>
                {t > 0 && (
                  <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} stroke="currentColor" strokeOpacity="0.15" />
                )}
                <text x={pad.left - 6} y={y + 4} textAnchor="end" fontSize="12" fill="currentColor">
                  {axis(t)}
                </text>
              </g>
            );
          })}
          {points.map((p, i) => {
            const h = ((p.value ?? 0) / max) * innerH;
            const x = pad.left + i * slot + (slot - barW) / 2;
            return (
              <g key={p.label}>
                <rect x={x} y={pad.top + innerH - h} width={barW} height={h} rx="2" fill="#1f8a8a">
                  <title>{`${p.label}: ${p.display}`}</title>
                </rect>
                {i % every === 0 && (
                  <text x={x + barW / 2} y={height - 6} textAnchor="middle" fontSize="12" fill="currentColor">
                    {dayLabel(p.label)}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">{unit}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              <td>{p.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Counts on the axis: whole numbers, thousands with a separator ("1,200"). */
function formatCount(v: number): string {
  return Math.round(v).toLocaleString("en-US");
}

/** The top of the axis: the largest value rounded up to 1, 2, 2.5 or 5 times a power of ten (never 0). */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-12-07" → "7 Dec"; any other label as it is. */
function dayLabel(label: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(label);
  return m ? `${Number(m[2])} ${MONTHS[Number(m[1]) - 1]}` : label;
}
