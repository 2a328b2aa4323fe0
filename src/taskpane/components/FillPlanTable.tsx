import { makeStyles, tokens } from "@fluentui/react-components";
import type { CellWrite } from "../../scoring/fill/fill";
import { cellText } from "../app/labels";
import { localizeFormula } from "../../functions/metadata-locale";

const useStyles = makeStyles({
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, tableLayout: "fixed" },
  th: { textAlign: "left", borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, padding: "4px", fontWeight: tokens.fontWeightSemibold },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "4px", verticalAlign: "top", wordBreak: "break-all" },
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
});

/** The fill plan before anything is written: cell, what it holds, what it will hold, and why. */
export function FillPlanTable({ writes, useFormulas }: { writes: CellWrite[]; useFormulas: boolean }) {
  const s = useStyles();
  return (
    <table className={s.table} data-testid="fill-plan">
      <colgroup>
        <col style={{ width: "14%" }} />
        <col style={{ width: "18%" }} />
        <col style={{ width: "26%" }} />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th className={s.th}>单元格</th>
          <th className={s.th}>当前值</th>
          <th className={s.th}>新值</th>
          <th className={s.th}>说明</th>
        </tr>
      </thead>
      <tbody>
        {writes.map((w) => (
          <tr key={w.cell} data-testid="fill-row" data-cell={w.cell}>
            <td className={s.td}>{w.cell}</td>
            <td className={s.td}>{cellText(w.current)}</td>
            <td className={s.td}>
              {String(w.value)}
              {useFormulas && w.formula ? <div className={s.formula}>{localizeFormula(w.formula, "zh-CN")}</div> : null}
            </td>
            <td className={s.td}>{w.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
