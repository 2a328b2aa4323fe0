import { Button, Field, makeStyles, Select, Switch, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { evaluateSheet } from "../../scoring/evaluate";
import { planFill } from "../../scoring/fill/fill";
import type { Grid } from "../../scoring/grid/grid";
import { formPlaceLabel, type SheetReport } from "../../scoring/findings/sheet-report";
import { KIND_LABEL } from "../../scoring/read/form-kind";
import { yieldToBrowser } from "../app/yield";
import type { FillRecord } from "../host/fill-record";
import { toHostError } from "../host/host-error";
import type { WorkbookHost } from "../host/WorkbookHost";
import { DelayedProgress } from "./DelayedProgress";
import { FillPlanTable } from "./FillPlanTable";
import { Notice, NoticeData } from "./Notice";
import { scoreInTier, TierDraft, TierPicker } from "./TierPicker";

const useStyles = makeStyles({
  options: { display: "flex", flexDirection: "column", gap: "2px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "8px 0" },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "12px 0 4px 0" },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, margin: "4px 0" },
  skipped: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, paddingLeft: "16px", margin: "4px 0" },
  undo: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, marginTop: "12px", paddingTop: "8px" },
});

interface Basis {
  grid: Grid;
  /** The sheet's forms: one for most sheets; the plan is for the one the person picks. */
  reports: SheetReport[];
}

/** A form of a stacked sheet as the picker names it: its place, then its project (or title, or kind). */
function formChoiceLabel(r: SheetReport): string {
  const name = r.project || r.unit || r.title || KIND_LABEL[r.kind];
  return `${formPlaceLabel(r.place)} ${name}`.trim();
}

const timeOf = (iso: string): string => {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return Number.isNaN(d.getTime()) ? iso : `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
};

/** 填写得分: the core's fill plan shown first, tiers picked for undecidable rows, one batch written, undo from the document. */
export function FillPanel({ host, onWritten }: { host: WorkbookHost; onWritten: (sheet: string) => void }) {
  const s = useStyles();
  const [overwrite, setOverwrite] = useState(false);
  const [useFormulas, setUseFormulas] = useState(false);
  // Where JXZP formulas cannot calculate (WPS before 12.1.0.20540), only figures are written.
  const formulas = host.capabilities?.().formulas.ok ?? true;
  const [basis, setBasis] = useState<Basis | null>(null);
  const [formIndex, setFormIndex] = useState(0);
  const report = basis ? basis.reports[Math.min(formIndex, basis.reports.length - 1)] : null;
  const [drafts, setDrafts] = useState<Record<string, TierDraft>>({});
  const [busy, setBusy] = useState<"plan" | "fill" | "undo" | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [last, setLast] = useState<FillRecord | null>(null);

  const refreshLast = useCallback(async () => {
    try {
      setLast(await host.lastFill());
    } catch {
      setLast(null);
    }
  }, [host]);

  useEffect(() => {
    void refreshLast();
  }, [refreshLast]);

  // Rows the rule cannot decide, as the plan without choices lists them: they stay listed once picked.
  const undecided = useMemo(() => (basis && report ? planFill(basis.grid, report, { overwrite }).pending : []), [basis, report, overwrite]);
  const choices = useMemo(() => {
    const out: Record<string, number> = {};
    for (const p of undecided) {
      const d = drafts[p.cell];
      const tier = p.tiers.find((t) => t.label === d?.tier);
      const v = tier && d ? scoreInTier(d.text, tier) : null;
      if (v !== null) out[p.cell] = v;
    }
    return out;
  }, [undecided, drafts]);
  const plan = useMemo(() => (basis && report ? planFill(basis.grid, report, { overwrite, choices }) : null), [basis, report, overwrite, choices]);

  const makePlan = async () => {
    setBusy("plan");
    setNotice(null);
    try {
      const read = await host.read("active");
      await yieldToBrowser();
      const grid = read.grids[0];
      const reports = evaluateSheet(grid);
      setBasis({ grid, reports });
      // A stacked sheet starts at its first form that can be filled.
      setFormIndex(Math.max(0, reports.findIndex((r) => r.kind !== "unknown" && r.kind !== "completion")));
      setDrafts({});
    } catch (e) {
      setNotice({ intent: "error", title: "无法生成填写方案", text: toHostError(e).message });
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!plan || plan.writes.length === 0) return;
    setBusy("fill");
    setNotice(null);
    try {
      const record = await host.fill({ sheet: plan.sheet, writes: plan.writes, useFormulas: useFormulas && formulas });
      setBasis(null);
      // What the host had to do otherwise (formulas written as values, still calculating) comes first.
      const notes = record.notes?.join("") ?? "";
      setNotice({
        intent: notes ? "warning" : "success",
        text: `${notes}已在工作表“${record.sheet}”写入 ${record.cells.length} 个单元格：${record.cells.map((c) => c.cell).join("、")}。需要时可点击“撤销填写”恢复。报送前请到“定稿”把加载项的公式转为数值。`,
      });
      onWritten(record.sheet);
    } catch (e) {
      setNotice({ intent: "error", title: "填写未完成", text: toHostError(e).message });
    } finally {
      setBusy(null);
      await refreshLast();
    }
  };

  const undo = async () => {
    setBusy("undo");
    setNotice(null);
    try {
      const r = await host.undoFill();
      setBasis(null);
      const kept = r.keptChanged.length > 0 ? `单元格 ${r.keptChanged.join("、")} 在填写后被改动过，保留了现在的内容。` : "";
      setNotice({
        intent: r.keptChanged.length > 0 ? "warning" : "success",
        text: `已恢复工作表“${r.sheet}”中 ${r.restored.length} 个单元格原有的值和公式。${kept}`,
      });
      onWritten(r.sheet);
    } catch (e) {
      setNotice({ intent: "error", title: "撤销未完成", text: toHostError(e).message });
    } finally {
      setBusy(null);
      await refreshLast();
    }
  };

  const pendingLeft = plan ? plan.pending.length : 0;

  return (
    <div data-testid="fill-panel">
      <div className={s.options}>
        <Switch label="覆盖已有得分" checked={overwrite} onChange={(_, d) => setOverwrite(d.checked)} data-testid="switch-overwrite" />
        <Switch
          label="写入公式（=JXZP.指标得分 等，随数据自动更新），而不是数值"
          checked={useFormulas && formulas}
          disabled={!formulas}
          onChange={(_, d) => setUseFormulas(d.checked)}
          data-testid="switch-formulas"
        />
      </div>
      <div className={s.buttons}>
        <Button appearance="primary" onClick={() => void makePlan()} disabled={busy !== null} data-testid="btn-plan">
          生成填写方案
        </Button>
        <Button onClick={() => void apply()} disabled={busy !== null || !plan || plan.writes.length === 0} data-testid="btn-apply">
          {plan && plan.writes.length > 0 ? `写入 ${plan.writes.length} 个单元格` : "写入"}
        </Button>
      </div>
      <DelayedProgress busy={busy !== null} label={busy === "plan" ? "正在读取并计算……" : busy === "fill" ? "正在写入……" : "正在撤销……"} />
      <Notice notice={notice} />
      {plan && basis ? (
        <div data-testid="plan-view">
          {basis.reports.length > 1 ? (
            <Field label={`工作表“${plan.sheet}”上下排着 ${basis.reports.length} 张表，选择要填写的一张`}>
              <Select
                value={String(plan.place.index - 1)}
                onChange={(_, d) => {
                  setFormIndex(Number(d.value));
                  setDrafts({});
                }}
                data-testid="fill-form"
              >
                {basis.reports.map((r, i) => (
                  <option key={i} value={String(i)}>
                    {formChoiceLabel(r)}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <h4 className={s.heading}>{`填写方案：工作表“${plan.sheet}”${plan.place.count > 1 ? ` ${formPlaceLabel(plan.place)}` : ""}`}</h4>
          {plan.writes.length > 0 ? (
            <FillPlanTable writes={plan.writes} useFormulas={useFormulas && formulas} />
          ) : (
            <p className={s.note} data-testid="plan-empty">
              没有需要写入的单元格。
            </p>
          )}
          {undecided.length > 0 ? (
            <>
              <h4 className={s.heading}>{`需人工判定（${undecided.length}）`}</h4>
              <p className={s.note}>规则无法判定以下定性指标：请选择完成档次并确认得分，写入时使用所选得分。</p>
              {undecided.map((p) => (
                <TierPicker key={p.cell} pending={p} draft={drafts[p.cell] ?? { tier: null, text: "" }} onChange={(d) => setDrafts((all) => ({ ...all, [p.cell]: d }))} />
              ))}
              {pendingLeft > 0 ? <p className={s.note}>{`还有 ${pendingLeft} 项未判定，判定后才会写入总分和等级。`}</p> : null}
            </>
          ) : null}
          {plan.skipped.length > 0 ? (
            <>
              <h4 className={s.heading}>不写入</h4>
              <ul className={s.skipped} data-testid="plan-skipped">
                {plan.skipped.map((k, i) => (
                  <li key={i}>{k.cell ? `${k.cell}：${k.reason}` : k.reason}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className={s.undo}>
        <Button onClick={() => void undo()} disabled={busy !== null || !last} data-testid="btn-undo">
          撤销填写
        </Button>
        <p className={s.note} data-testid="undo-info">
          {last ? `可撤销：${timeOf(last.at)} 在工作表“${last.sheet}”写入的 ${last.cells.length} 个单元格（记录保存在工作簿中，关闭任务窗格或重新打开文件后仍可撤销）。` : "没有可撤销的填写。"}
        </p>
      </div>
    </div>
  );
}
