import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { validate } from "../app/validation";
import { toHostError } from "../host/host-error";
import type { Capability, FinalizeResult, WorkbookHost } from "../host/WorkbookHost";
import { Notice, NoticeData } from "./Notice";

const useStyles = makeStyles({
  text: { fontSize: tokens.fontSizeBase300, margin: "4px 0 8px 0", lineHeight: tokens.lineHeightBase300 },
  list: { fontSize: tokens.fontSizeBase200, margin: "4px 0", paddingLeft: "16px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "8px 0" },
});

/** The result of 定稿 in one Chinese sentence. */
export function finalizeSummary(r: FinalizeResult): string {
  const cells = r.converted.reduce((n, s) => n + s.cells.length, 0);
  const parts = [
    cells > 0 ? `${cells} 个加载项公式已转为数值（${r.converted.map((s) => `“${s.sheet}”${s.cells.length} 个`).join("、")}）` : "没有需要转换的加载项公式",
    `清除标记 ${r.marksRemoved} 处`,
    `删除撤销记录 ${r.undoRecordsRemoved} 份`,
    `删除隐藏名称 ${r.namesRemoved} 个`,
  ];
  return `${parts.join("，")}。`;
}

/**
 * 定稿 (issue 16): before a unit submits the workbook to the 财政局 or publishes it, the add-in's
 * traces go: JXZP formulas become their values (no #NAME? on a machine without the add-in),
 * marks, undo records with earlier cell values, and hidden names are removed; then it checks again.
 */
export function FinalizePanel({ host, capability }: { host: WorkbookHost; capability: Capability }) {
  const s = useStyles();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [kept, setKept] = useState<FinalizeResult["kept"]>([]);

  if (!capability.ok) return <Notice notice={{ intent: "warning", title: "无法定稿", text: capability.needs }} />;

  const run = async () => {
    setConfirming(false);
    setBusy(true);
    setNotice(null);
    setKept([]);
    try {
      const r = await host.finalize();
      setKept(r.kept);
      const check = await validate(host, "workbook");
      const errors = check.reports.reduce((n, x) => n + x.findings.filter((f) => f.severity === "error").length, 0);
      const again = errors > 0 ? `重新校验：仍有 ${errors} 个错误，请到“校验”查看。` : "重新校验：没有错误。";
      setNotice({
        intent: r.kept.length > 0 || errors > 0 ? "warning" : "success",
        title: r.kept.length > 0 ? "定稿未全部完成" : "已定稿",
        text: `${finalizeSummary(r)}${r.kept.length > 0 ? `以下 ${r.kept.length} 个单元格仍是加载项公式，请处理后再定稿。` : ""}${again}请保存工作簿后报送。`,
      });
    } catch (e) {
      setNotice({ intent: "error", title: "定稿未完成", text: toHostError(e).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="finalize-panel">
      <p className={s.text}>
        报送财政局或公开之前请先定稿：把本加载项写入的 JXZP 公式转为数值（在没有加载项的电脑上不会显示 #NAME?），清除本加载项的标记、撤销记录（其中有填写前的旧数值）和隐藏名称，然后重新校验整个工作簿。
      </p>
      <p className={s.text}>定稿后不能再“撤销填写”。建议先另存一份未定稿的工作簿。</p>
      <div className={s.buttons}>
        {confirming ? (
          <>
            <Button appearance="primary" onClick={() => void run()} data-testid="btn-finalize-confirm">
              确认定稿
            </Button>
            <Button onClick={() => setConfirming(false)}>取消</Button>
          </>
        ) : (
          <Button appearance="primary" onClick={() => setConfirming(true)} disabled={busy} data-testid="btn-finalize">
            定稿
          </Button>
        )}
      </div>
      <Notice notice={notice} />
      {kept.length > 0 ? (
        <ul className={s.list} data-testid="finalize-kept">
          {kept.map((k) => (
            <li key={`${k.sheet}!${k.cell}`}>{`“${k.sheet}”${k.cell}：${k.why}`}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
