import { makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../scoring/findings/findings";
import { formPlaceLabel, type SheetReport } from "../../scoring/findings/sheet-report";
import { profileLabel } from "../../scoring/rules/profiles";
import { KIND_LABEL } from "../../scoring/read/form-kind";
import { figure, percent } from "../app/labels";
import { FindingList } from "./FindingList";
import { LevelChart } from "./LevelChart";

const useStyles = makeStyles({
  sheet: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "8px", marginTop: "12px" },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: "0 0 4px 0", wordBreak: "break-all" },
  summary: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: "8px", rowGap: "2px", fontSize: tokens.fontSizeBase200, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0 },
  counts: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, marginTop: "4px" },
});

function Summary({ report }: { report: SheetReport }) {
  const s = useStyles();
  const e = report.execution;
  const scored = report.scored;
  const rows: [string, string][] = [["表格类型", KIND_LABEL[report.kind]]];
  // The scheme the form was judged by, by its Chinese name (never the id `project`).
  if (report.kind !== "unknown") rows.push(["评分方案", profileLabel(report.profile)]);
  // Why the sheet was taken for its kind: a reviewer can see at once if it was misread.
  if (report.kind !== "unknown" && report.kindReason) rows.push(["识别依据", report.kindReason]);
  if (e) {
    rows.push(["执行率", `${percent(e.rate)}（执行数 ${figure(e.spent)} ÷ 预算数 ${figure(e.budget)}${e.unit ? ` ${e.unit}` : ""}）`]);
    if (e.weight !== null) rows.push(["执行率得分", `按规则 ${figure(e.score)} / ${figure(e.weight)}，表中 ${figure(e.statedScore)}`]);
  }
  if (scored) {
    rows.push(["总分", `表中 ${figure(report.total.stated)}，按规则计算 ${figure(report.total.computed)}${report.total.note ? `（${report.total.note}）` : ""}`]);
    rows.push(["等级", `表中 ${report.grade.stated ?? "—"}，按规则 ${report.grade.computed ?? "—"}`]);
  }
  return (
    <dl className={s.summary} data-testid="summary">
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt className={s.term}>{k}</dt>
          <dd className={s.def}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One form's result (a sheet's, or one of the forms it stacks): summary, the chart of points by level 1, findings by severity. */
export function SheetResult({ report, onPick }: { report: SheetReport; onPick: (sheet: string, f: Finding) => void }) {
  const s = useStyles();
  const count = (sev: string) => report.findings.filter((f) => f.severity === sev).length;
  const place = formPlaceLabel(report.place);
  return (
    <section className={s.sheet} data-testid="sheet-result" data-sheet={report.sheet} data-form={report.place.index}>
      <h3 className={s.title}>{`工作表：${report.sheet}${place ? ` ${place}` : ""}`}</h3>
      <Summary report={report} />
      <div className={s.counts}>{`错误 ${count("error")} · 警告 ${count("warning")} · 提示 ${count("info")}`}</div>
      <LevelChart levels={report.levels} title="各一级指标得分（得分 / 分值）" />
      <FindingList findings={report.findings} onPick={(f) => onPick(report.sheet, f)} />
    </section>
  );
}
