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

export function BarChart({ title, points, unit }: { title: string; points: ChartPoint[]; unit: string }) {
  const width = 640;
  const height = 200;
  const pad = { top: 16, right: 8, bottom: 28, left: 44 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  const slot = innerW / Math.max(1, points.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const id = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const every = Math.ceil(points.length / 10);

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
          <text x={pad.left - 6} y={pad.top + 4} textAnchor="end" fontSize="11" fill="currentColor">
            {formatAxis(max)}
          </text>
          <text x={pad.left - 6} y={pad.top + innerH} textAnchor="end" fontSize="11" fill="currentColor">
            0
          </text>
          {points.map((p, i) => {
            const h = ((p.value ?? 0) / max) * innerH;
            const x = pad.left + i * slot + (slot - barW) / 2;
            return (
              <g key={p.label}>
                <rect x={x} y={pad.top + innerH - h} width={barW} height={h} rx="2" fill="#1f8a8a">
                  <title>{`${p.label}: ${p.display}`}</title>
                </rect>
                {i % every === 0 && (
                  <text x={x + barW / 2} y={height - 8} textAnchor="middle" fontSize="10" fill="currentColor">
                    {p.label.slice(5)}
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

function formatAxis(v: number): string {
  if (v >= 1_000_000) return `${Math.round(v / 100_000) / 10}M`;
  if (v >= 1000) return `${Math.round(v / 100) / 10}k`;
  return String(Math.round(v * 10) / 10);
}
