import { tokens } from "@fluentui/react-components";
import type { LevelSummary } from "../../scoring/findings/sheet-report";
import { figure } from "../app/labels";

const ROW = 30;
const LABEL = 64;
const WIDTH = 300;
const BAR = WIDTH - LABEL - 78;
const LEGEND_ROW = 14;

/** How a level's bar reads: full marks, points lost, or no weight to compare with (the form gives none). */
type BarState = "full" | "lost" | "no-weight";

function stateOf(l: LevelSummary): BarState {
  if (l.weight === null) return "no-weight";
  return l.score !== null && l.score >= l.weight ? "full" : "lost";
}

const FILL: Record<BarState, string> = {
  full: tokens.colorPaletteGreenBackground3,
  lost: tokens.colorPaletteMarigoldBackground3,
  "no-weight": tokens.colorPaletteBlueBorderActive,
};

const LEGEND: Record<BarState, string> = { full: "得分（满分）", lost: "得分（有失分）", "no-weight": "得分（表中无分值，无法比较）" };

/**
 * Points by level 1: a grey bar for the weight and a coloured bar for the score over it, so the
 * person sees where points were lost. A level whose weight the form does not give is drawn in a
 * colour of its own and labelled 无分值: without a weight nothing says points were lost.
 * Plain SVG; bar lengths are drawing only, the figures are the core's.
 */
export function LevelChart({ levels, title }: { levels: LevelSummary[]; title: string }) {
  if (levels.length === 0) return null;
  const scale = Math.max(1, ...levels.map((l) => Math.max(l.weight ?? 0, l.score ?? 0)));
  const len = (v: number | null) => (v === null ? 0 : Math.max(0, (Math.min(v, scale) / scale) * BAR));
  const states = levels.map(stateOf);
  const noWeight = states.includes("no-weight");
  const height = levels.length * ROW + 24 + (noWeight ? LEGEND_ROW : 0);
  const swatch = (x: number, fill: string, label: string, outlined = false) => (
    <g key={label}>
      <rect x={x} y={0} width={10} height={8} style={{ fill, stroke: outlined ? tokens.colorNeutralStroke1 : undefined }} strokeWidth={outlined ? 0.5 : 0} />
      <text x={x + 14} y={8}>
        {label}
      </text>
    </g>
  );
  return (
    <figure style={{ margin: "8px 0" }} data-testid="level-chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: 420, display: "block" }}>
        <title>{title}</title>
        {levels.map((l, i) => {
          const y = i * ROW + 4;
          const state = states[i];
          return (
            <g key={l.level1} data-level={l.level1} data-state={state}>
              <text x={0} y={y + 15} fontSize={12} style={{ fill: tokens.colorNeutralForeground1 }}>
                {l.level1}
              </text>
              {l.weight !== null ? (
                <rect x={LABEL} y={y + 3} width={len(l.weight)} height={16} rx={2} style={{ fill: tokens.colorNeutralBackground5, stroke: tokens.colorNeutralStroke1 }} strokeWidth={0.5} />
              ) : null}
              <rect x={LABEL} y={y + 3} width={len(l.score)} height={16} rx={2} style={{ fill: FILL[state] }} />
              <text x={LABEL + BAR + 6} y={y + 15} fontSize={12} style={{ fill: tokens.colorNeutralForeground1 }} data-testid="level-figures">
                {`${figure(l.score)} / ${l.weight === null ? "无分值" : figure(l.weight)}`}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL}, ${levels.length * ROW + 10})`} fontSize={10} style={{ fill: tokens.colorNeutralForeground3 }}>
          {swatch(0, FILL.full, LEGEND.full)}
          {swatch(84, FILL.lost, LEGEND.lost)}
          {swatch(180, tokens.colorNeutralBackground5, "分值", true)}
          {noWeight ? <g transform={`translate(0, ${LEGEND_ROW})`}>{swatch(0, FILL["no-weight"], LEGEND["no-weight"])}</g> : null}
        </g>
      </svg>
      <figcaption style={{ fontSize: 12, color: tokens.colorNeutralForeground3 }}>{title}</figcaption>
    </figure>
  );
}
