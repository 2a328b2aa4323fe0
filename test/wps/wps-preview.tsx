/**
 * wps-preview.html (development builds only): the WPS add-in's real task pane (src/wps/wps-pane.tsx,
 * WpsHost, the shared App) in a page whose `Application`/`wps` global is the fake WPS of
 * fake-et.ts, beside the workbook drawn as the preview draws it. The browser tests and the
 * README's WPS pictures use it; `window.__jxzpWps` lets them load a workbook and look inside.
 */
import { makeStyles } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import type { Grid } from "../../src/scoring/grid/grid";
import { GridView } from "../../src/taskpane/preview/GridView";
import { UNDO_SHEET } from "../../src/taskpane/host/wps-undo-store";
import { mountWpsPane } from "../../src/wps/wps-pane";
import { registerWpsFunctions } from "../../src/wps/wps-functions";
import { FUNCTIONS_KEY } from "../../src/taskpane/host/WpsHost";
import { FakeEt, type FakeEtOptions } from "./fake-et";

export interface WpsHooks {
  load(grids: Grid[], options?: FakeEtOptions): void;
  sheets(): string[];
  activeSheet(): string;
  activate(sheet: string): void;
  cell(sheet: string, cell: string): { value: unknown; formula: string | null };
  dump(sheet: string): string;
  type(sheet: string, cell: string, input: string | number | boolean): void;
  insertRows(sheet: string, at: number, count: number): void;
  selection(): { sheet: string; cell: string } | null;
  marks(sheet: string): [string, string][];
  comments(sheet: string): [string, string][];
  hiddenSheets(): string[];
  calls(): number;
  reopenPane(): void;
  callFunction(name: string, ...args: unknown[]): unknown;
}

declare global {
  interface Window {
    __jxzpWps?: WpsHooks;
  }
}

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", fontFamily: "'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" },
  top: { padding: "6px 12px", background: "#c00000", color: "#fff", fontSize: "13px", whiteSpace: "nowrap" },
  main: { display: "flex", flex: 1, minHeight: 0 },
  grid: { flex: 1, minWidth: 0 },
  pane: { width: "360px", flexShrink: 0, borderLeft: "1px solid #d1d1d1", overflowY: "auto", background: "#fff" },
});

function Page() {
  const s = useStyles();
  const [fake, setFake] = useState<FakeEt>(() => new FakeEt([{ sheet: "Sheet1", origin: { row: 0, col: 0 }, values: [], merges: [] }]));
  const [paneKey, setPaneKey] = useState(0);
  const pane = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The page's global is WPS's object, as in an add-in page (et-jsapi-declare index.d.ts).
    const w = window as unknown as { Application?: unknown; wps?: unknown };
    w.Application = fake.root;
    w.wps = fake.root;
    // What main.js does when WPS loads the add-in.
    fake.storage.set(FUNCTIONS_KEY, registerWpsFunctions(fake.root as never));
    const el = document.createElement("div");
    pane.current?.replaceChildren(el);
    mountWpsPane(el);
  }, [fake, paneKey]);

  useEffect(() => {
    const wb = () => fake.workbook;
    window.__jxzpWps = {
      load: (grids, options) => setFake(FakeEt.fromGrids(grids, options)),
      sheets: () => wb().sheets.map((x) => x.name),
      activeSheet: () => wb().activeSheet,
      activate: (sheet) => {
        wb().activeSheet = sheet;
        wb().emit("view");
      },
      cell: (sheet, cell) => fake.cell(sheet, cell),
      dump: (sheet) => JSON.stringify(wb().grid(fake.sheet(sheet))),
      type: (sheet, cell, input) => fake.type(sheet, cell, input),
      insertRows: (sheet, at, count) => fake.editRows(sheet, at, count),
      selection: () => wb().selection,
      marks: (sheet) => [...fake.sheet(sheet).marks],
      comments: (sheet) => [...fake.extraOf(fake.sheet(sheet)).comments],
      hiddenSheets: () => wb().sheets.filter((x) => fake.extraOf(x).visible !== -1).map((x) => x.name),
      calls: () => fake.calls,
      reopenPane: () => setPaneKey((k) => k + 1),
      callFunction: (name, ...args) => {
        try {
          return fake.functions.get(name)?.(...args);
        } catch (e) {
          return `ERROR:${e instanceof Error ? e.message : String(e)}`;
        }
      },
    };
  }, [fake]);

  return (
    <div className={s.page}>
      <div className={s.top}>WPS 表格（模拟）— 绩效自评助手加载项</div>
      <div className={s.main}>
        <div className={s.grid}>
          <GridView workbook={fake.workbook} hidden={(name) => name === UNDO_SHEET} />
        </div>
        <div className={s.pane} ref={pane} data-testid="wps-pane-host" />
      </div>
    </div>
  );
}

const el = document.getElementById("root");
if (el) createRoot(el).render(<Page />);
