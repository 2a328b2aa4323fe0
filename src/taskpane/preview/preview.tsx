import { makeStyles } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { App } from "../components/App";
import { MemoryHost } from "../host/MemoryHost";
import { MemoryWorkbook } from "../host/memory-workbook";
import { previewEngine } from "./formula-engine";
import { GridView } from "./GridView";
import { installTestHooks } from "./test-hooks";
import { describeReadError } from "../../readers/read-error";
import { openDocument } from "./document-open";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", fontFamily: "'Segoe UI', 'Noto Sans CJK SC', sans-serif" },
  // One line at any width: the file name gives way (ellipsis), nothing wraps or squashes.
  top: { display: "flex", flexWrap: "nowrap", gap: "12px", alignItems: "center", padding: "6px 12px", borderBottom: "1px solid #d1d1d1", background: "#107c41", color: "#fff", fontSize: "13px", whiteSpace: "nowrap" },
  brand: { fontWeight: 600, fontSize: "14px", flexShrink: 0 },
  open: { background: "#fff", color: "#107c41", borderRadius: "4px", padding: "2px 10px", cursor: "pointer", fontWeight: 600, flexShrink: 0, ":focus-within": { outline: "2px solid #fff" } },
  fileName: { flex: "1 1 auto", minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" },
  reopen: { flexShrink: 0 },
  hidden: { position: "absolute", width: "1px", height: "1px", opacity: 0, overflow: "hidden" },
  main: { display: "flex", flex: 1, minHeight: 0 },
  pane: { width: "380px", flexShrink: 0, borderRight: "1px solid #d1d1d1", overflowY: "auto", background: "#fff" },
  grid: { flex: 1, minWidth: 0 },
  // Below the header, so a long message wraps here instead of squashing the header.
  error: { color: "#fff", background: "#a4262c", padding: "4px 12px", fontSize: "13px" },
  notes: { color: "#323130", background: "#fff4ce", padding: "4px 12px", fontSize: "13px" },
});

function blankWorkbook(): MemoryWorkbook {
  return MemoryWorkbook.fromGrids([{ sheet: "Sheet1", origin: { row: 0, col: 0 }, values: [], merges: [] }]);
}

/** preview.html: the real pane beside an in-memory workbook opened from an .xlsx, .xls or .docx file. */
function Preview() {
  const s = useStyles();
  const [workbook, setWorkbook] = useState<MemoryWorkbook>(() => blankWorkbook());
  const [fileName, setFileName] = useState("（未打开文件，空白工作簿）");
  const [paneKey, setPaneKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // What the reader left out of the opened file (cells beyond the area a form can occupy).
  const [notes, setNotes] = useState<string[]>([]);
  const host = useMemo(() => {
    workbook.engine = previewEngine;
    return new MemoryHost(workbook);
  }, [workbook]);

  useEffect(
    () =>
      installTestHooks({
        workbook: () => workbook,
        load: (wb, name) => {
          setWorkbook(wb);
          setFileName(name);
        },
        reopenPane: () => setPaneKey((k) => k + 1),
      }),
    [workbook],
  );

  const open = async (file: File) => {
    setError(null);
    setNotes([]);
    try {
      const { workbook: wb, tables, notes: left } = await openDocument(await file.arrayBuffer(), file.name);
      if (wb.sheets.length === 0) {
        setError(`无法打开“${file.name}”：${tables ? "文档中没有表格。" : "工作簿中没有工作表。"}`);
        return;
      }
      setWorkbook(wb);
      setFileName(file.name);
      setNotes(left);
      setPaneKey((k) => k + 1);
    } catch (e) {
      // The CLI's words for the same file: never a library's English text.
      setError(`无法打开“${file.name}”：${describeReadError(e)}`);
    }
  };

  return (
    <div className={s.page}>
      <header className={s.top}>
        <span className={s.brand}>绩效自评助手 · 浏览器预览</span>
        <label className={s.open}>
          打开自评表（.xlsx / .xls / .docx）…
          <input
            type="file"
            accept=".xlsx,.xls,.et,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            className={s.hidden}
            data-testid="file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void open(f);
              e.target.value = "";
            }}
          />
        </label>
        <span className={s.fileName} data-testid="file-name" title={fileName}>
          {fileName}
        </span>
        <button type="button" className={s.reopen} onClick={() => setPaneKey((k) => k + 1)} title="关闭并重新打开任务窗格（工作簿保留）">
          重新打开任务窗格
        </button>
      </header>
      {error ? (
        <div className={s.error} role="alert" data-testid="open-error">
          {error}
        </div>
      ) : null}
      {notes.length > 0 ? (
        <div className={s.notes} role="status" data-testid="open-notes">
          {notes.join("")}
        </div>
      ) : null}
      <div className={s.main}>
        <aside className={s.pane} aria-label="任务窗格">
          <App key={`${paneKey}`} host={host} />
        </aside>
        <section className={s.grid} aria-label="工作表">
          <GridView workbook={workbook} />
        </section>
      </div>
    </div>
  );
}

const el = document.getElementById("root");
if (el) createRoot(el).render(<Preview />);
