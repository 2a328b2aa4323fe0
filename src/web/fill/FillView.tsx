import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { describeReadError } from "../../readers/read-error";
import { App } from "../../taskpane/components/App";
import { Notice, type NoticeData } from "../../taskpane/components/Notice";
import { toHostError } from "../../taskpane/host/host-error";
import { MemoryHost } from "../../taskpane/host/MemoryHost";
import { MemoryWorkbook } from "../../taskpane/host/memory-workbook";
import { openDocument } from "../../taskpane/preview/document-open";
import { cachedFallbackEngine } from "../../taskpane/preview/formula-engine";
import { GridView } from "../../taskpane/preview/GridView";
import { installTestHooks } from "../../taskpane/preview/test-hooks";
import { download, XLSX_TYPE } from "../download";
import { saveWorkbook, savedName } from "../save/save-workbook";
import { describeChanges, snapshotOf, type Snapshot } from "../save/workbook-changes";
import { DOCX_READ_ONLY, ReadOnlyHost, XLS_READ_ONLY } from "./ReadOnlyHost";

const useStyles = makeStyles({
  wrap: { display: "flex", flexDirection: "column", height: "100%", minHeight: 0 },
  bar: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center", padding: "6px 12px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  name: { flex: "1 1 200px", minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", fontSize: tokens.fontSizeBase300 },
  hidden: { display: "none" },
  notices: { padding: "0 12px" },
  main: { display: "flex", flex: 1, minHeight: 0 },
  pane: { width: "380px", flexShrink: 0, borderRight: `1px solid ${tokens.colorNeutralStroke2}`, overflowY: "auto" },
  grid: { flex: 1, minWidth: 0 },
});

/** A form to open from elsewhere on the page (the batch review): validated and marked at once. */
export interface OpenRequest {
  file: Blob;
  name: string;
  sheet: string | null;
  /** Changes with each request, so the same form can be opened again. */
  key: number;
}

interface Opened {
  workbook: MemoryWorkbook;
  host: MemoryHost;
  name: string;
  format: "xlsx" | "xls" | "docx" | null;
  bytes: Uint8Array | null;
  snapshot: Snapshot;
  checkOnOpen: boolean;
}

function blank(): Opened {
  const workbook = MemoryWorkbook.fromGrids([{ sheet: "Sheet1", origin: { row: 0, col: 0 }, values: [], merges: [] }]);
  workbook.engine = cachedFallbackEngine;
  return { workbook, host: new MemoryHost(workbook), name: "", format: null, bytes: null, snapshot: snapshotOf(workbook), checkOnOpen: false };
}

const ACCEPT =
  ".xlsx,.xlsm,.xls,.et,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * 填写自评表: the add-in's own task pane beside the opened workbook (as preview.html), and a save
 * that writes what changed into a copy of the original .xlsx (patched, not re-serialised).
 */
export function FillView({ request }: { request: OpenRequest | null }) {
  const s = useStyles();
  const [opened, setOpened] = useState<Opened>(blank);
  const [paneKey, setPaneKey] = useState(0);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      installTestHooks({
        workbook: () => opened.workbook,
        load: (wb, name) => {
          wb.engine = cachedFallbackEngine;
          setOpened({ workbook: wb, host: new MemoryHost(wb), name, format: null, bytes: null, snapshot: snapshotOf(wb), checkOnOpen: false });
        },
        reopenPane: () => setPaneKey((k) => k + 1),
      }),
    [opened],
  );

  const open = async (file: Blob, name: string, sheet: string | null, checkOnOpen: boolean) => {
    setNotice(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const doc = await openDocument(bytes, name);
      if (doc.workbook.sheets.length === 0) {
        setNotice({ intent: "error", title: `无法打开“${name}”`, text: doc.tables ? "文档中没有表格。" : "工作簿中没有工作表。" });
        return;
      }
      const wb = doc.workbook;
      wb.engine = cachedFallbackEngine;
      if (sheet && wb.sheet(sheet)) wb.activeSheet = sheet;
      const host = doc.format === "xlsx" ? new MemoryHost(wb) : new ReadOnlyHost(wb, doc.format === "xls" ? XLS_READ_ONLY : DOCX_READ_ONLY);
      setOpened({ workbook: wb, host, name, format: doc.format, bytes: doc.format === "xlsx" ? bytes : null, snapshot: snapshotOf(wb), checkOnOpen });
      setPaneKey((k) => k + 1);
      if (doc.format === "xls") setNotice({ intent: "warning", title: "只能校验", text: XLS_READ_ONLY });
      else if (doc.format === "docx") setNotice({ intent: "info", title: "只能校验", text: DOCX_READ_ONLY });
      else if (doc.notes.length > 0) setNotice({ intent: "info", title: "部分内容未读取", text: doc.notes.join("") });
    } catch (e) {
      // The CLI's words for the same file: never a library's English text.
      setNotice({ intent: "error", title: `无法打开“${name}”`, text: describeReadError(e) });
    }
  };

  const latestOpen = useRef(open);
  latestOpen.current = open;
  useEffect(() => {
    if (request) void latestOpen.current(request.file, request.name, request.sheet, true);
  }, [request]);

  const save = async () => {
    if (!opened.bytes) return;
    setSaving(true);
    setNotice(null);
    try {
      const added = opened.workbook.sheets.filter((x) => !opened.snapshot.has(x.name)).map((x) => x.name);
      const saved = await saveWorkbook(opened.bytes, opened.workbook, opened.snapshot);
      const skipped = added.length ? `新插入的工作表（${added.join("、")}）不写入文件：网页版只把改动写回文件原有的工作表；需要空白表样请用“空白表样”。` : "";
      if (!saved) {
        setNotice({ intent: "info", title: "没有需要保存的改动", text: `工作簿与打开时相同。${skipped}` });
        return;
      }
      const name = savedName(opened.name.split("/").pop() ?? opened.name);
      download(saved.bytes, name, XLSX_TYPE);
      setNotice({
        intent: "success",
        title: `已保存为“${name}”`,
        text: `写入了${describeChanges(saved.edits)}。原文件未改动；工作簿中其他内容（格式、公式、其他工作表、批注、打印设置）保持原样，打开时 Excel 会重新计算公式。${skipped}`,
      });
    } catch (e) {
      setNotice({ intent: "error", title: "未能保存", text: e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : toHostError(e).message });
    } finally {
      setSaving(false);
    }
  };

  const host = useMemo(() => opened.host, [opened]);
  const canSave = opened.format === "xlsx" && !saving;

  return (
    <div className={s.wrap} data-testid="fill-view">
      <div className={s.bar}>
        <Button appearance="primary" onClick={() => input.current?.click()} data-testid="btn-open">
          打开自评表（.xlsx / .xls / .docx）…
        </Button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          className={s.hidden}
          data-testid="file-input"
          aria-label="选择要打开的自评表"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void open(f, f.name, null, false);
            e.target.value = "";
          }}
        />
        <Button onClick={() => void save()} disabled={!canSave} data-testid="btn-save" title={opened.format && opened.format !== "xlsx" ? "只有 .xlsx 工作簿可以保存" : undefined}>
          保存填写后的工作簿（.xlsx）
        </Button>
        <span className={s.name} data-testid="file-name" title={opened.name}>
          {opened.name ? `${opened.name}${opened.format && opened.format !== "xlsx" ? "（只能校验）" : ""}` : "（未打开文件：空白工作簿）"}
        </span>
      </div>
      <div className={s.notices} role="status" aria-live="polite">
        <Notice notice={notice} />
      </div>
      <div className={s.main}>
        <aside className={s.pane} aria-label="任务窗格">
          <App key={paneKey} host={host} checkOnOpen={opened.checkOnOpen} />
        </aside>
        <section className={s.grid} aria-label="工作表">
          <GridView workbook={opened.workbook} />
        </section>
      </div>
    </div>
  );
}
