import { tokens } from "@fluentui/react-components";
import type { LevelSummary } from "../../scoring/report";
import { figure } from "../app/labels";

const ROW = 30;
const LABEL = 64;
const WIDTH = 300;
const BAR = WIDTH - LABEL - 78;

/**
 * Points by level 1: a grey bar for the weight and a coloured bar for the score over it, so the
 * person sees where points were lost. Plain SVG; bar lengths are drawing only, the figures are the core's.
 */
export function LevelChart({ levels, title }: { levels: LevelSummary[]; title: string }) {
  if (levels.length === 0) return null;
  const scale = Math.max(1, ...levels.map((l) => Math.max(l.weight ?? 0, l.score ?? 0)));
  const len = (v: number | null) => (v === null ? 0 : Math.max(0, (Math.min(v, scale) / scale) * BAR));
  const height = levels.length * ROW + 24;
  return (
    <figure style={{ margin: "8px 0" }} data-testid="level-chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: 420, display: "block" }}>
        <title>{title}</title>
        {levels.map((l, i) => {
          const y = i * ROW + 4;
          const full = l.weight !== null && l.score !== null && l.score >= l.weight;
          return (
            <g key={l.level1} data-level={l.level1}>
              <text x={0} y={y + 15} fontSize={12} style={{ fill: tokens.colorNeutralForeground1 }}>
                {l.level1}
              </text>
              <rect x={LABEL} y={y + 3} width={len(l.weight ?? l.score)} height={16} rx={2} style={{ fill: tokens.colorNeutralBackground5, stroke: tokens.colorNeutralStroke1 }} strokeWidth={0.5} />
              <rect x={LABEL} y={y + 3} width={len(l.score)} height={16} rx={2} style={{ fill: full ? tokens.colorPaletteGreenBackground3 : tokens.colorPaletteMarigoldBackground3 }} />
              <text x={LABEL + BAR + 6} y={y + 15} fontSize={12} style={{ fill: tokens.colorNeutralForeground1 }}>
                {`${figure(l.score)} / ${figure(l.weight)}`}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL}, ${levels.length * ROW + 10})`} fontSize={10} style={{ fill: tokens.colorNeutralForeground3 }}>
          <rect x={0} y={0} width={10} height={8} style={{ fill: tokens.colorPaletteGreenBackground3 }} />
          <text x={14} y={8}>得分（满分）</text>
          <rect x={84} y={0} width={10} height={8} style={{ fill: tokens.colorPaletteMarigoldBackground3 }} />
          <text x={98} y={8}>得分（有失分）</text>
          <rect x={180} y={0} width={10} height={8} style={{ fill: tokens.colorNeutralBackground5, stroke: tokens.colorNeutralStroke1 }} strokeWidth={0.5} />
          <text x={194} y={8}>分值</text>
        </g>
      </svg>
      <figcaption style={{ fontSize: 12, color: tokens.colorNeutralForeground3 }}>{title}</figcaption>
    </figure>
  );
}
