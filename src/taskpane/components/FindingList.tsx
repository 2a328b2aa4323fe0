import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { Finding, FINDING_TITLE, SEVERITY_LABEL, SEVERITY_ORDER, Severity } from "../../scoring/findings/findings";
import { MARK_COLOR } from "../host/mark-style";

/** Long lists show this many per severity until the person asks for all (5,000-row sheets stay quick). */
const FIRST = 50;

const useStyles = makeStyles({
  group: { marginTop: "8px" },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "4px 0" },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  item: {
    display: "block",
    width: "100%",
    textAlign: "left",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "6px 8px",
    margin: "0 0 4px 0",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    ":hover": { boxShadow: `0 0 0 1px ${tokens.colorBrandStroke1}` },
    ":disabled": { cursor: "default" },
  },
  chosen: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  head: { display: "flex", alignItems: "baseline", gap: "8px", marginBottom: "2px" },
  title: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  cell: { color: tokens.colorNeutralForeground2, whiteSpace: "nowrap" },
  code: { color: tokens.colorNeutralForeground3, marginLeft: "6px", fontSize: tokens.fontSizeBase100, overflowWrap: "anywhere" },
});

function Group({ severity, findings, onPick, picked }: { severity: Severity; findings: Finding[]; onPick: (f: Finding) => void; picked: Finding | null }) {
  const s = useStyles();
  const [all, setAll] = useState(false);
  const shown = all ? findings : findings.slice(0, FIRST);
  return (
    <section className={s.group} data-testid={`group-${severity}`}>
      <h4 className={s.heading}>{`${SEVERITY_LABEL[severity]}（${findings.length}）`}</h4>
      <ul className={s.list}>
        {shown.map((f, i) => (
          <li key={`${f.code}-${f.cell}-${i}`}>
            <button
              type="button"
              className={`${s.item} ${picked === f ? s.chosen : ""}`}
              style={{ background: MARK_COLOR[severity] }}
              disabled={!f.cell}
              title={f.cell ? `定位到单元格 ${f.cell}` : "涉及整张表"}
              data-testid="finding"
              data-code={f.code}
              data-cell={f.cell ?? ""}
              onClick={() => onPick(f)}
            >
              {/* A short Chinese title leads; the code stays, small, for people who look it up. */}
              <span className={s.head}>
                <span className={s.title} data-testid="finding-title">
                  {FINDING_TITLE[f.code]}
                </span>
                <span className={s.cell}>{f.cell ?? "整表"}</span>
              </span>
              {f.message}
              <span className={s.code}>{f.code}</span>
            </button>
          </li>
        ))}
      </ul>
      {findings.length > shown.length ? (
        <Button size="small" appearance="subtle" onClick={() => setAll(true)}>{`显示全部 ${findings.length} 条`}</Button>
      ) : null}
    </section>
  );
}

/** Findings grouped by severity, errors first; clicking one takes the person to its cell. */
export function FindingList({ findings, onPick }: { findings: Finding[]; onPick: (f: Finding) => void }) {
  const [picked, setPicked] = useState<Finding | null>(null);
  if (findings.length === 0) return <p data-testid="no-findings">未发现问题。</p>;
  return (
    <div>
      {SEVERITY_ORDER.map((sev) => {
        const list = findings.filter((f) => f.severity === sev);
        return list.length === 0 ? null : (
          <Group
            key={sev}
            severity={sev}
            findings={list}
            picked={picked}
            onPick={(f) => {
              setPicked(f);
              onPick(f);
            }}
          />
        );
      })}
    </div>
  );
}
