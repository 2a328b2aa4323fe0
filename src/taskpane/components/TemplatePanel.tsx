import { Button, Field, Input, makeStyles, Select, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { TEMPLATE_KINDS, TEMPLATES, type TemplateKind } from "../../scoring/templates/definitions";
import { fillingHint } from "../../scoring/templates/filling-hint";
import { MAX_ROWS_PER_LEVEL2, templateProblems, type TemplateOptions } from "../../scoring/templates/options";
import { toHostError } from "../host/host-error";
import type { WorkbookHost } from "../host/WorkbookHost";
import { Notice, NoticeData } from "./Notice";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "8px" },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, margin: "4px 0" },
  problems: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, margin: 0, paddingLeft: "16px" },
});

/** The labels the chosen form gives its unit and project fields (部门名称 on the department form …). */
function fieldLabels(kind: TemplateKind): { unit: string | null; project: string | null } {
  const fields = TEMPLATES[kind].header.flat();
  return { unit: fields.find((f) => f.source === "unit")?.label ?? null, project: fields.find((f) => f.source === "project")?.label ?? null };
}

/** What the person typed, as the core's options: empty fields are left to the form's defaults. */
function optionsOf(year: string, unit: string, project: string, rows: string, labels: ReturnType<typeof fieldLabels>): TemplateOptions {
  const o: TemplateOptions = {};
  if (year.trim()) o.year = year.trim();
  if (labels.unit && unit.trim()) o.unit = unit;
  if (labels.project && project.trim()) o.project = project;
  if (rows.trim()) o.rowsPerLevel2 = /^\d+$/.test(rows.trim()) ? Number(rows.trim()) : Number.NaN;
  return o;
}

/**
 * What the form's button does instead of inserting through the host: the web page downloads the
 * form as an .xlsx (the CLI's builder). Returns what to tell the person.
 */
export interface TemplateDownload {
  label: string;
  note: string;
  run(kind: TemplateKind, options: TemplateOptions): Promise<string>;
}

/** 插入模板: a blank official form as a new sheet, with its formulas, through the host (or downloaded, on the web page). */
export function TemplatePanel({ host, download }: { host: WorkbookHost | null; download?: TemplateDownload }) {
  const s = useStyles();
  const [kind, setKind] = useState<TemplateKind>("project");
  // A self-evaluation is of the year just ended: the previous year, as `jxzp template` defaults to.
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [unit, setUnit] = useState("");
  const [project, setProject] = useState("");
  const [rows, setRows] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const labels = useMemo(() => fieldLabels(kind), [kind]);
  const options = useMemo(() => optionsOf(year, unit, project, rows, labels), [year, unit, project, rows, labels]);
  const problems = useMemo(() => {
    const list = templateProblems(kind, options);
    if (Number.isNaN(options.rowsPerLevel2)) list.push(`每个二级指标下的行数应为 0 到 ${MAX_ROWS_PER_LEVEL2} 的整数，填写的是“${rows}”。`);
    return list;
  }, [kind, options, rows]);

  const insert = async () => {
    setBusy(true);
    setNotice(null);
    try {
      if (download || !host) {
        setNotice({ intent: "success", text: await download!.run(kind, options) });
        return;
      }
      const r = await host.insertTemplate(kind, options);
      const skipped = r.skipped.length > 0 ? `未能设置：${r.skipped.join("、")}。` : "";
      // Where JXZP formulas cannot calculate (WPS without custom functions), the form's score cells are
      // left empty with the formula in a comment: say that, not that formulas will compute.
      const formulasWork = host.capabilities?.().formulas.ok ?? true;
      const hint = formulasWork ? fillingHint(kind) : "本机的表格程序不能计算 JXZP 公式：得分、总分和等级留空，公式写在各单元格的批注中，可用「填写得分」写入数值。";
      setNotice({ intent: "success", text: `已插入工作表“${r.name}”。${hint}${skipped}` });
    } catch (e) {
      setNotice({ intent: "error", title: download ? "未能生成" : "插入未完成", text: toHostError(e).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="template-panel">
      <div className={s.form}>
        <Field label="表样">
          <Select value={kind} onChange={(_, d) => setKind(d.value as TemplateKind)} data-testid="template-kind">
            {TEMPLATE_KINDS.map((k) => (
              <option key={k} value={k}>
                {TEMPLATES[k].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="年度">
          <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" data-testid="template-year" />
        </Field>
        {labels.unit ? (
          <Field label={labels.unit}>
            <Input value={unit} onChange={(_, d) => setUnit(d.value)} data-testid="template-unit" />
          </Field>
        ) : null}
        {labels.project ? (
          <Field label={labels.project}>
            <Input value={project} onChange={(_, d) => setProject(d.value)} data-testid="template-project" />
          </Field>
        ) : null}
        <Field label={`每个二级指标下的行数（0–${MAX_ROWS_PER_LEVEL2}，留空按表样默认）`}>
          <Input value={rows} onChange={(_, d) => setRows(d.value)} inputMode="numeric" data-testid="template-rows" />
        </Field>
        {problems.length > 0 ? (
          <ul className={s.problems} data-testid="template-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <div>
          <Button appearance="primary" onClick={() => void insert()} disabled={busy || problems.length > 0} data-testid="btn-insert-template">
            {download ? download.label : "插入模板"}
          </Button>
        </div>
      </div>
      <p className={s.note}>{download ? download.note : "新工作表插入在工作簿末尾，不改动已有的工作表。"}</p>
      <Notice notice={notice} />
    </div>
  );
}
