import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";

export type NoHostReason = "no-office" | "not-excel" | "old-excel" | "timeout" | "no-wps";

const TEXT: Record<NoHostReason, string> = {
  "no-office": "没有加载到 Office.js（可能没有网络，或页面不是在 Office 中打开的）。",
  "not-excel": "此页面是 Excel 加载项的任务窗格，需要在 Excel 中打开；在浏览器中直接打开时没有可操作的工作簿。",
  "old-excel": "此版本的 Excel 不支持本加载项需要的功能（ExcelApi 1.4）。请使用 Excel 2021 或更高版本、Microsoft 365 版 Excel、Mac 版 Excel 或网页版 Excel。",
  timeout: "等待 Office 初始化超时。请关闭任务窗格后重新打开。",
  "no-wps": "此页面是 WPS 表格加载项的任务窗格，需要在 WPS 表格中通过“绩效自评”选项卡打开；在浏览器中直接打开时没有可操作的工作簿。",
};

const useStyles = makeStyles({
  root: { padding: "16px", fontFamily: tokens.fontFamilyBase, color: tokens.colorNeutralForeground1, lineHeight: tokens.lineHeightBase300 },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: "0 0 8px 0" },
});

/** What the pane shows outside Excel: never a blank page. */
export function NoHost({ reason }: { reason: NoHostReason }) {
  const s = useStyles();
  return (
    <FluentProvider theme={webLightTheme} lang="zh-CN">
      <main className={s.root} data-testid="no-host" data-reason={reason}>
        <h1 className={s.title}>绩效自评助手无法在此运行</h1>
        <p>{TEXT[reason]}</p>
        <p>
          {reason === "no-wps"
            ? "在 WPS 表格中：“绩效自评”选项卡 → 校验。"
            : "在 Excel 中：开始 → 加载项 → 绩效自评助手。没有 Excel 时，可以用开发服务器上的 preview.html 在浏览器中试用（打开一个 .xlsx 自评表）。"}
        </p>
      </main>
    </FluentProvider>
  );
}
