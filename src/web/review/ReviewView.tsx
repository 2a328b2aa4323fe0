import { Button, Field, Input, makeStyles, ProgressBar, Select, tokens } from "@fluentui/react-components";
import { useMemo, useRef, useState } from "react";
import { renderHtmlReport } from "../../cli/report-html";
import { ReviewRows, type FormRow, type Verdict } from "../../cli/review";
import { summaryWorkbookBytes } from "../../cli/summary-xlsx";
import { SEVERITY_LABEL } from "../../scoring/findings/findings";
import { Notice, type NoticeData } from "../../taskpane/components/Notice";
import { download, fileStamp, HTML_TYPE, XLSX_TYPE } from "../download";
import { inlineWorkerUrl, runBatch, workerCount, type BatchFile, type BatchProgress } from "./batch-runner";
import { fromDrop, fromPicker, type Batch } from "./collect-files";
import { codesIn, filterRows, fixed, percent, sortRows, type Filter, type NumberedRow, type Sort, type SortKey } from "./review-table";

const PAGE = 100;

const useStyles = makeStyles({
  wrap: { padding: "8px 16px 32px 16px", overflowY: "auto", height: "100%", boxSizing: "border-box" },
  pickers: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
  hidden: { display: "none" },
  drop: {
    marginTop: "8px",
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: "6px",
    padding: "16px",
    textAlign: "center",
    color: tokens.colorNeutralForeground3,
  },
  dropActive: { outline: `2px solid ${tokens.colorBrandStroke1}`, background: tokens.colorBrandBackground2 },
  progress: { margin: "12px 0", maxWidth: "640px" },
  summary: { margin: "8px 0", fontSize: tokens.fontSizeBase300 },
  filters: { display: "flex", flexWrap: "wrap", gap: "12px", alignItems: "end", margin: "8px 0" },
  tableWrap: { overflowX: "auto", border: `1px solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: "collapse", fontSize: "12px", width: "100%" },
  th: { background: tokens.colorNeutralBackground3, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, padding: "2px 4px", textAlign: "left", whiteSpace: "nowrap", position: "sticky", top: 0 },
  sortButton: { border: "none", background: "transparent", font: "inherit", fontWeight: 600, cursor: "pointer", padding: "2px", ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: "2px 4px", verticalAlign: "top" },
  num: { textAlign: "right", whiteSpace: "nowrap" },
  file: { maxWidth: "260px", overflowWrap: "anywhere" },
  // Verdicts carry a symbol and a word, the colour only adds to them.
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: 600, whiteSpace: "nowrap" },
  ok: { color: tokens.colorPaletteGreenForeground1, whiteSpace: "nowrap" },
  unread: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: 600, whiteSpace: "nowrap" },
  pager: { display: "flex", gap: "8px", alignItems: "center", margin: "6px 0" },
  downloads: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "12px 0" },
  h2: { fontSize: tokens.fontSizeBase400, margin: "16px 0 4px 0" },
});

const VERDICT_MARK: Record<Verdict, string> = { 需修改: "✗ 需修改", 通过: "✓ 通过", 无法识别: "⚠ 无法识别" };

const COLUMNS: { key: SortKey | null; label: string; num?: boolean }[] = [
  { key: "no", label: "序号", num: true },
  { key: "file", label: "文件" },
  { key: null, label: "工作表" },
  { key: "unit", label: "单位" },
  { key: "project", label: "项目" },
  { key: "kind", label: "表格类型" },
  { key: "rate", label: "执行率", num: true },
  { key: "statedTotal", label: "总分（表中）", num: true },
  { key: "computedTotal", label: "总分（计算）", num: true },
  { key: null, label: "等级（表中 / 计算）" },
  { key: "errors", label: "错误", num: true },
  { key: "warnings", label: "警告", num: true },
  { key: "infos", label: "提示", num: true },
  { key: "verdict", label: "复核结论" },
  { key: null, label: "查看" },
];

/** 复核一批: many files or a folder checked in workers, the 汇总 and 问题清单, and the CLI's two outputs. */
export function ReviewView({ onOpen }: { onOpen: (file: Blob, name: string, sheet: string | null) => void }) {
  const s = useStyles();
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [rows, setRows] = useState<FormRow[] | null>(null);
  const [fileCount, setFileCount] = useState(0);
  const [folder, setFolder] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [sort, setSort] = useState<Sort>({ key: "no", dir: "asc" });
  const [filter, setFilter] = useState<Filter>({ problem: "", unit: "" });
  const [page, setPage] = useState(0);
  const [problemPage, setProblemPage] = useState(0);
  const [dragging, setDragging] = useState(false);
  const files = useRef(new Map<FormRow, BatchFile>());
  const abort = useRef<AbortController | null>(null);
  const pickFiles = useRef<HTMLInputElement>(null);
  const pickFolder = useRef<HTMLInputElement | null>(null);

  const start = async ({ files: batch, folder: chosen }: Batch) => {
    if (running) return;
    if (batch.length === 0) {
      setNotice({ intent: "warning", text: "没有可校验的文件（.xlsx、.xls、.docx 等）。文件夹中的隐藏文件和 Office 的锁定文件（~$ 开头）不校验。" });
      return;
    }
    setNotice(null);
    setRows(null);
    setPage(0);
    setProblemPage(0);
    setFileCount(batch.length);
    setFolder(chosen);
    setRunning(true);
    const review = new ReviewRows();
    const byRow = new Map<FormRow, BatchFile>();
    const controller = new AbortController();
    abort.current = controller;
    let last = 0;
    let url: string | null = null;
    try {
      url = inlineWorkerUrl();
      setProgress({ done: 0, total: batch.length });
      await runBatch(
        batch,
        { url, workers: workerCount(), signal: controller.signal },
        (r, i) => {
          const before = review.rows.length;
          review.add(r);
          for (const row of review.rows.slice(before)) byRow.set(row, batch[i]);
        },
        (p) => {
          // The bar moves at most every tenth of a second: 2,000 files do not mean 2,000 redraws.
          const now = Date.now();
          if (now - last > 100 || p.done === p.total) {
            last = now;
            setProgress(p);
          }
        },
      );
      if (controller.signal.aborted) setNotice({ intent: "warning", text: `已停止：校验了 ${review.rows.length ? new Set(review.rows.map((r) => r.file)).size : 0} 个文件，下表只含这些文件。` });
    } catch (e) {
      setNotice({ intent: "error", title: "未能校验", text: e instanceof Error ? e.message : String(e) });
    } finally {
      if (url) URL.revokeObjectURL(url);
      files.current = byRow;
      setRows(review.sorted());
      setRunning(false);
      abort.current = null;
    }
  };

  const numbered = useMemo<NumberedRow[]>(() => (rows ?? []).map((row, i) => ({ no: i + 1, row })), [rows]);
  const shown = useMemo(() => sortRows(filterRows(numbered, filter), sort), [numbered, filter, sort]);
  const codes = useMemo(() => codesIn(rows ?? []), [rows]);
  const problems = useMemo(() => shown.flatMap((x) => x.row.problems.map((p, j) => ({ x, p, j }))), [shown]);
  const count = (v: Verdict) => numbered.filter((x) => x.row.verdict === v).length;

  const downloadSummary = async () => {
    try {
      download(await summaryWorkbookBytes(rows ?? [], null), `绩效自评汇总-${fileStamp(new Date())}.xlsx`, XLSX_TYPE);
    } catch (e) {
      setNotice({ intent: "error", title: "未能生成汇总工作簿", text: e instanceof Error ? e.message : String(e) });
    }
  };
  const downloadReport = () => {
    const now = new Date();
    download(renderHtmlReport({ rows: rows ?? [], spot: null, files: fileCount, ...(folder ? { folder } : {}), generatedAt: now }), `绩效自评复核报告-${fileStamp(now)}.html`, HTML_TYPE);
  };

  const header = (c: (typeof COLUMNS)[number]) => {
    if (!c.key) return c.label;
    const active = sort.key === c.key;
    const next: Sort = { key: c.key, dir: active && sort.dir === "asc" ? "desc" : "asc" };
    return (
      <button type="button" className={s.sortButton} onClick={() => setSort(next)} data-testid={`sort-${c.key}`} title={`按“${c.label}”排序`}>
        {c.label}
        {active ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    );
  };

  return (
    <div className={s.wrap} data-testid="review-view">
      <p>选择一批报送的自评表（或整个文件夹），逐个校验，得到与命令行 <code>jxzp check --summary --html</code> 相同的汇总表、问题清单、汇总工作簿和网页报告。文件只在本机浏览器中读取，不上传。</p>
      <div className={s.pickers}>
        <Button appearance="primary" onClick={() => pickFiles.current?.click()} disabled={running} data-testid="btn-pick-files">
          选择文件…
        </Button>
        <Button onClick={() => pickFolder.current?.click()} disabled={running} data-testid="btn-pick-folder">
          选择文件夹…
        </Button>
        {running ? (
          <Button onClick={() => abort.current?.abort()} data-testid="btn-stop">
            停止
          </Button>
        ) : null}
        <input
          ref={pickFiles}
          type="file"
          multiple
          className={s.hidden}
          data-testid="batch-files"
          aria-label="选择要复核的文件"
          onChange={(e) => {
            const list = fromPicker(e.target.files ?? [], false);
            e.target.value = "";
            void start(list);
          }}
        />
        <input
          ref={(el) => {
            pickFolder.current = el;
            // webkitdirectory: the folder picker (Chromium and Firefox); not in React's attribute list.
            if (el) el.setAttribute("webkitdirectory", "");
          }}
          type="file"
          multiple
          className={s.hidden}
          data-testid="batch-folder"
          aria-label="选择要复核的文件夹"
          onChange={(e) => {
            const list = fromPicker(e.target.files ?? [], true);
            e.target.value = "";
            void start(list);
          }}
        />
      </div>
      <div
        className={`${s.drop} ${dragging ? s.dropActive : ""}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (running) return;
          void fromDrop(e.dataTransfer).then(start);
        }}
      >
        也可以把文件或文件夹拖到这里。
      </div>
      {progress ? (
        <div className={s.progress}>
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} thickness="large" aria-label="校验进度" data-testid="batch-progress" />
          <div role="status" aria-live="polite" data-testid="batch-progress-text">
            {running ? `正在校验：${progress.done} / ${progress.total} 个文件` : `已校验 ${progress.done} / ${progress.total} 个文件`}
          </div>
        </div>
      ) : null}
      <Notice notice={notice} />
      {rows ? (
        <>
          <p className={s.summary} data-testid="batch-summary">
            {`共 ${fileCount} 个文件、${numbered.filter((x) => x.row.sheet !== null).length} 张表：✗ 需修改 ${count("需修改")}，✓ 通过 ${count("通过")}，⚠ 无法识别 ${count("无法识别")}。表格按问题从多到少排列（与汇总工作簿相同），点击表头可按该列排序。`}
          </p>
          <div className={s.downloads}>
            <Button appearance="primary" onClick={() => void downloadSummary()} data-testid="btn-download-summary">
              下载汇总工作簿（.xlsx）
            </Button>
            <Button onClick={downloadReport} data-testid="btn-download-report">
              下载网页报告（.html）
            </Button>
          </div>
          <div className={s.filters}>
            <Field label="按问题筛选">
              <Select
                value={filter.problem}
                onChange={(_, d) => {
                  setFilter({ ...filter, problem: d.value });
                  setPage(0);
                  setProblemPage(0);
                }}
                data-testid="filter-problem"
              >
                <option value="">全部</option>
                <option value="需修改">复核结论：需修改</option>
                <option value="无法识别">复核结论：无法识别</option>
                <option value="通过">复核结论：通过</option>
                <option value="error">有错误</option>
                <option value="warning">有警告</option>
                {codes.map((c) => (
                  <option key={c.code} value={c.code}>{`${c.title}（${c.code}，${c.count} 处）`}</option>
                ))}
              </Select>
            </Field>
            <Field label="按单位（或文件名）筛选">
              <Input
                value={filter.unit}
                onChange={(_, d) => {
                  setFilter({ ...filter, unit: d.value });
                  setPage(0);
                  setProblemPage(0);
                }}
                placeholder="输入单位或文件名的一部分"
                data-testid="filter-unit"
              />
            </Field>
            <span data-testid="filter-count">{`显示 ${shown.length} / ${numbered.length} 行`}</span>
          </div>
          <h2 className={s.h2}>汇总（每张表一行）</h2>
          <Pager page={page} total={shown.length} onPage={setPage} testid="summary-pager" />
          <div className={s.tableWrap}>
            <table className={s.table} data-testid="summary-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.label}
                      className={s.th}
                      scope="col"
                      aria-sort={c.key && sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {header(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.slice(page * PAGE, page * PAGE + PAGE).map(({ no, row }) => (
                  <tr key={no} data-testid="summary-row" data-no={no} data-verdict={row.verdict}>
                    <td className={`${s.td} ${s.num}`}>{no}</td>
                    <td className={`${s.td} ${s.file}`}>{row.file}</td>
                    <td className={s.td}>{row.sheet ?? ""}</td>
                    <td className={s.td}>{row.unit ?? ""}</td>
                    <td className={s.td}>{row.project ?? ""}</td>
                    <td className={s.td}>{row.kindLabel}</td>
                    <td className={`${s.td} ${s.num}`}>{percent(row.rate)}</td>
                    <td className={`${s.td} ${s.num}`}>{fixed(row.statedTotal)}</td>
                    <td className={`${s.td} ${s.num}`}>{fixed(row.computedTotal)}</td>
                    <td className={s.td}>{`${row.statedGrade ?? "—"} / ${row.computedGrade ?? "—"}`}</td>
                    <td className={`${s.td} ${s.num}`}>{row.errors}</td>
                    <td className={`${s.td} ${s.num}`}>{row.warnings}</td>
                    <td className={`${s.td} ${s.num}`}>{row.infos}</td>
                    <td className={`${s.td} ${row.verdict === "需修改" ? s.bad : row.verdict === "通过" ? s.ok : s.unread}`}>{VERDICT_MARK[row.verdict]}</td>
                    <td className={s.td}>
                      {files.current.get(row) && row.format !== "" ? (
                        <Button size="small" onClick={() => onOpen(files.current.get(row)!.file, row.file, row.sheet)} data-testid="btn-open-form" title={`打开“${row.file}”${row.sheet ? `的“${row.sheet}”` : ""}并标出问题`}>
                          打开
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 className={s.h2}>{`问题清单（${problems.length} 条）`}</h2>
          <Pager page={problemPage} total={problems.length} onPage={setProblemPage} testid="problem-pager" />
          <div className={s.tableWrap}>
            <table className={s.table} data-testid="problem-table">
              <thead>
                <tr>
                  {["汇总序号", "文件", "工作表", "单元格", "严重程度", "问题", "说明", "整改建议"].map((h) => (
                    <th key={h} className={s.th} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {problems.slice(problemPage * PAGE, problemPage * PAGE + PAGE).map(({ x, p, j }) => (
                  <tr key={`${x.no}-${j}`} data-testid="problem-row">
                    <td className={`${s.td} ${s.num}`}>{x.no}</td>
                    <td className={`${s.td} ${s.file}`}>{x.row.file}</td>
                    <td className={s.td}>{x.row.sheet ?? ""}</td>
                    <td className={s.td}>{p.cell ?? ""}</td>
                    <td className={`${s.td} ${p.severity === "error" ? s.bad : ""}`}>{`${p.severity === "error" ? "✗ " : p.severity === "warning" ? "! " : "i "}${SEVERITY_LABEL[p.severity]}`}</td>
                    <td className={s.td}>{p.code ? `${p.title}（${p.code}）` : p.title}</td>
                    <td className={s.td}>{p.message}</td>
                    <td className={s.td}>{p.advice}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

function Pager({ page, total, onPage, testid }: { page: number; total: number; onPage: (p: number) => void; testid: string }) {
  const s = useStyles();
  const pages = Math.max(1, Math.ceil(total / PAGE));
  if (pages <= 1) return null;
  return (
    <div className={s.pager} data-testid={testid}>
      <Button size="small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        上一页
      </Button>
      <span>{`第 ${page + 1} / ${pages} 页（每页 ${PAGE} 行）`}</span>
      <Button size="small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        下一页
      </Button>
    </div>
  );
}
