import { Button, makeStyles, Switch, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Finding } from "../../scoring/findings/findings";
import { refreshMarks } from "../app/marks";
import { marksOf, Progress, reportsBySheet, validate, Validation } from "../app/validation";
import { toHostError } from "../host/host-error";
import { ALL_CAPABLE, type HostCapabilities, type WorkbookHost } from "../host/WorkbookHost";
import { jxzpFormulaCount } from "../host/finalize-plan";
import { DelayedProgress } from "./DelayedProgress";
import { Notice, NoticeData } from "./Notice";
import { SheetResult } from "./SheetResult";

/** Live mode waits this long after the last change before validating again. */
const LIVE_DELAY_MS = 800;

const useStyles = makeStyles({
  options: { display: "flex", flexDirection: "column", gap: "2px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "8px 0" },
  overall: { fontSize: tokens.fontSizeBase300, margin: "8px 0 0 0" },
  others: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

function progressLabel(p: Progress | null): string {
  if (!p || p.phase === "read") return "正在读取工作表……";
  return `正在校验第 ${p.done + 1} / ${p.total} 个工作表：${p.sheet}`;
}

/** A write by the pane (fill or undo): the how-many-th, and on which sheet. */
export interface Written {
  count: number;
  sheet: string | null;
}

/**
 * 校验: one click validates the active sheet (or the workbook), shows the results, marks cells.
 * `checkOnOpen` (the web page opening a form from its batch review): validate and mark at once.
 */
export function ValidatePanel({
  host,
  written,
  caps = ALL_CAPABLE,
  onFinalize,
  checkOnOpen = false,
}: {
  host: WorkbookHost;
  written: Written;
  caps?: HostCapabilities;
  onFinalize?: () => void;
  checkOnOpen?: boolean;
}) {
  const s = useStyles();
  const [whole, setWhole] = useState(false);
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Validation | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const running = useRef(false);

  const keepMarksCurrent = useCallback(
    async (fresh: Validation | null, changedSheet: string | null) => {
      try {
        await refreshMarks(host, fresh, changedSheet);
      } catch (e) {
        setNotice({ intent: "error", title: "标记未能更新", text: `${toHostError(e).message}请点击“清除标记”后重新校验和标记。` });
      }
    },
    [host],
  );

  /** Validates; `quiet` (after a change): keeps the notice and brings existing marks up to date. */
  const run = useCallback(
    async (quiet = false, changedSheet: string | null = null): Promise<Validation | null> => {
      if (running.current) return null;
      running.current = true;
      setBusy(true);
      if (!quiet) setNotice(null);
      try {
        const v = await validate(host, whole ? "workbook" : "active", setProgress);
        setResult(v);
        if (!quiet && v.notes.length > 0) setNotice({ intent: "info", title: "部分内容未读取", text: v.notes.join("") });
        if (quiet) await keepMarksCurrent(v, changedSheet);
        return v;
      } catch (e) {
        setNotice({ intent: "error", title: "校验未完成", text: toHostError(e).message });
        return null;
      } finally {
        running.current = false;
        setBusy(false);
        setProgress(null);
      }
    },
    [host, whole, keepMarksCurrent],
  );

  // Live mode: re-validate, debounced, when cells change. Off by default.
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => void) | null = null;
    let cancelled = false;
    host
      .onChange(() => {
        clearTimeout(timer);
        timer = setTimeout(() => void run(true), LIVE_DELAY_MS);
      })
      .then((unsubscribe) => {
        if (cancelled) unsubscribe();
        else stop = unsubscribe;
      })
      .catch((e) => setNotice({ intent: "error", title: "无法开启实时校验", text: toHostError(e).message }));
    void run(true);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop?.();
    };
  }, [live, host, run]);

  // After a fill or an undo the results and marks are stale: validate again if results are
  // shown, and bring the marks up to date (or take them off the changed sheet).
  const latest = useRef({ run, keepMarksCurrent, shown: false });
  latest.current = { run, keepMarksCurrent, shown: result !== null };
  useEffect(() => {
    if (written.count === 0) return;
    if (latest.current.shown) void latest.current.run(true, written.sheet);
    else void latest.current.keepMarksCurrent(null, written.sheet);
  }, [written]);

  // Once, when the pane opens on a form to look at: validated and marked without a click.
  const opening = useRef(checkOnOpen);
  useEffect(() => {
    if (!opening.current) return;
    opening.current = false;
    void latest.current.run().then((v) => (v ? mark(v) : undefined));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const pick = async (sheet: string, f: Finding) => {
    if (!f.cell) return;
    try {
      await host.select(sheet, f.cell);
    } catch (e) {
      setNotice({ intent: "error", title: "无法定位单元格", text: toHostError(e).message });
    }
  };

  const mark = async (validation: Validation | null = result) => {
    if (!validation) return;
    setNotice(null);
    try {
      let n = 0;
      // Every sheet validated, even one without findings: marking replaces its earlier marks.
      // One call per sheet with the marks of all its forms: each call replaces the sheet's marks.
      for (const [sheet, reports] of reportsBySheet(validation.reports)) n += await host.mark(sheet, marksOf(reports));
      setNotice({ intent: "success", text: n > 0 ? `已标记 ${n} 个有问题的单元格（只加了本插件的条件格式，原有格式不变）。` : "没有需要标记的单元格。" });
    } catch (e) {
      setNotice({ intent: "error", title: "标记未完成", text: toHostError(e).message });
    }
  };

  const clear = async () => {
    setNotice(null);
    try {
      const n = await host.clearMarks();
      setNotice({ intent: "success", text: n > 0 ? `已清除本插件添加的标记（${n} 处），其他格式未改动。` : "没有本插件添加的标记。" });
    } catch (e) {
      setNotice({ intent: "error", title: "清除标记未完成", text: toHostError(e).message });
    }
  };

  const reports = result?.reports ?? [];
  const unknown = result && result.scope === "workbook" ? reports.filter((r) => r.kind === "unknown") : [];
  const listed = result && result.scope === "workbook" ? reports.filter((r) => r.kind !== "unknown") : reports;
  const jxzp = result ? jxzpFormulaCount(result.grids) : 0;
  const total = (sev: string) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === sev).length, 0);
  const sheets = new Set(reports.map((r) => r.sheet)).size;

  return (
    <div data-testid="validate-panel">
      <div className={s.options}>
        <Switch label="校验整个工作簿（否则只校验当前工作表）" checked={whole} onChange={(_, d) => setWhole(d.checked)} data-testid="switch-workbook" />
        <Switch
          label="实时校验（表格改动后自动重新校验）"
          checked={live}
          disabled={!caps.live.ok}
          onChange={(_, d) => setLive(d.checked)}
          data-testid="switch-live"
        />
      </div>
      <div className={s.buttons}>
        <Button appearance="primary" onClick={() => void run()} disabled={busy} data-testid="btn-validate">
          校验
        </Button>
        <Button onClick={() => void mark()} disabled={busy || !result || !caps.marks.ok} data-testid="btn-mark">
          标记
        </Button>
        <Button onClick={() => void clear()} disabled={busy || !caps.marks.ok} data-testid="btn-clear-marks">
          清除标记
        </Button>
      </div>
      {[caps.validate, caps.marks, caps.live].map((c, i) =>
        c.ok ? (c.note ? <p key={i} className={s.others}>{c.note}</p> : null) : <p key={i} className={s.others} data-testid="needs-version">{c.needs}</p>,
      )}
      <DelayedProgress busy={busy} label={progressLabel(progress)} value={progress?.phase === "evaluate" ? progress.done / progress.total : undefined} />
      <Notice notice={notice} />
      {result ? (
        <div data-testid="results">
          {result.scope === "workbook" ? (
            <p className={s.overall}>{`共 ${sheets} 个工作表${reports.length > sheets ? `（${reports.length} 张表）` : ""}：错误 ${total("error")}，警告 ${total("warning")}，提示 ${total("info")}。`}</p>
          ) : null}
          {jxzp > 0 ? (
            <p className={s.others} data-testid="suggest-finalize">
              {`本工作簿有 ${jxzp} 个绩效自评助手公式（JXZP）。报送或公开前请先“定稿”：转为数值，并清除标记和撤销记录，否则没有加载项的电脑上会显示 #NAME?。`}
              {onFinalize ? (
                <Button size="small" appearance="transparent" onClick={onFinalize} data-testid="goto-finalize">
                  去定稿
                </Button>
              ) : null}
            </p>
          ) : null}
          {unknown.length > 0 ? <p className={s.others}>{`以下工作表不是绩效自评表，未作校验：${unknown.map((r) => r.sheet).join("、")}`}</p> : null}
          {listed.map((r) => (
            <SheetResult key={`${r.sheet}#${r.place.index}`} report={r} onPick={(sheet, f) => void pick(sheet, f)} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
