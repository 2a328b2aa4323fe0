import { Input, makeStyles, Radio, RadioGroup, tokens } from "@fluentui/react-components";
import type { PendingChoice } from "../../scoring/fill/fill";
import type { Tier } from "../../scoring/findings/sheet-report";
import { figure } from "../app/labels";

const useStyles = makeStyles({
  box: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "6px 8px", marginBottom: "6px" },
  name: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  detail: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  score: { display: "flex", alignItems: "center", gap: "6px", fontSize: tokens.fontSizeBase200 },
  bad: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

export const tierRange = (t: Tier): string => (t.label === "达成" ? `${t.min}–${t.max} 分` : `${t.min}–${t.max} 分，不含 ${t.max}`);

/** The score a person typed, if it lies in the tier (the upper bound counts only for 达成); else null. */
export function scoreInTier(text: string, t: Tier): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  const v = Number(trimmed);
  const inside = v >= t.min && (t.label === "达成" ? v <= t.max : v < t.max);
  return inside ? v : null;
}

export interface TierDraft {
  tier: Tier["label"] | null;
  text: string;
}

/** A qualitative row the rule cannot decide: the person picks 达成 / 部分达成 / 未达成 and the score within it. */
export function TierPicker({ pending, draft, onChange }: { pending: PendingChoice; draft: TierDraft; onChange: (d: TierDraft) => void }) {
  const s = useStyles();
  const tier = pending.tiers.find((t) => t.label === draft.tier) ?? null;
  const bad = tier !== null && scoreInTier(draft.text, tier) === null;
  return (
    <div className={s.box} data-testid="tier-picker" data-cell={pending.cell}>
      <div className={s.name}>
        <span style={{ marginRight: 8 }}>{pending.cell}</span>
        {pending.name || `第 ${pending.row} 行`}
      </div>
      <div className={s.detail}>{`年度指标值：${pending.target ?? "—"}；实际完成值：${pending.actual ?? "—"}；分值 ${pending.weight}；表中得分 ${figure(pending.statedScore)}`}</div>
      <RadioGroup
        value={draft.tier ?? ""}
        onChange={(_, d) => {
          const t = pending.tiers.find((x) => x.label === d.value);
          if (t) onChange({ tier: t.label, text: String(t.suggested) });
        }}
        aria-label={`${pending.cell} 的判定`}
      >
        {pending.tiers.map((t) => (
          <Radio key={t.label} value={t.label} label={`${t.label}（${tierRange(t)}）`} data-tier={t.label} />
        ))}
      </RadioGroup>
      {tier ? (
        <div className={s.score}>
          <span>得分</span>
          <Input size="small" value={draft.text} onChange={(_, d) => onChange({ tier: draft.tier, text: d.value })} aria-label={`${pending.cell} 的得分`} style={{ width: 90 }} data-testid="tier-score" />
          {bad ? <span className={s.bad}>{`应在 ${tierRange(tier)} 之间，最多两位小数`}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
