/**
 * What npm start tells a person once the add-in is served: how to load it into Excel (on the web,
 * or desktop Excel where it was sideloaded), and that preview.html runs the same task pane without
 * Excel. Chinese first, then English. Pure functions, so the words are tested without a server.
 */

/** The page that works without Office: the real pane beside a workbook opened from a file. */
function previewLines(base) {
  return {
    zh: [`不用 Excel 也可以先试：在浏览器打开 ${base}preview.html，选择一个自评表（.xlsx、.xls 或 .docx），`, "     右侧显示工作簿，左侧是与 Excel 中相同的任务窗格（校验、标记、填写、撤销、插入模板）。"],
    en: [`To try it without Excel: open ${base}preview.html in the browser and pick a form (.xlsx, .xls or .docx);`, "     the same task pane runs beside the workbook."],
  };
}

/** How to sideload into Excel on the web; `desktop` when this machine has desktop Excel but sideloading it failed. */
function sideloadHelp({ base, manifest, platform, desktop }) {
  const preview = previewLines(base);
  return [
    "",
    "━━ 在 Excel 网页版中旁加载 ━━",
    desktop ? `加载项服务已在 ${base} 运行。` : `本机（${platform}）没有桌面版 Excel，加载项服务已在 ${base} 运行。`,
    `  1. 先在浏览器打开 ${base}taskpane.html；如提示证书不受信任，请信任开发证书`,
    "     （~/.office-addin-dev-certs/ca.crt）后刷新，直到页面不再报证书错误（在 Office 之外这一页只显示一段说明，这是正常的）；",
    "  2. 在 Excel 网页版中打开或新建一个工作簿；",
    "  3. 「开始」→「加载项」→「更多设置/高级」→「上传我的加载项」；",
    `  4. 选择清单文件 ${manifest} 并上传；`,
    "  5. 「开始」选项卡出现「绩效自评」组；单元格中可输入 =JXZP.执行率(2060,2059.18)。",
    ...preview.zh,
    "停止服务：按 Ctrl+C，或在另一个终端运行 npm stop。",
    "",
    "━━ Sideload into Excel on the web ━━",
    desktop ? `The add-in is being served at ${base}.` : `There is no desktop Excel on ${platform}; the add-in is being served at ${base}.`,
    `  1. Open ${base}taskpane.html in the browser to trust the dev certificate`,
    "     (~/.office-addin-dev-certs/ca.crt) if it warns, then reload (outside Office that page only shows a note);",
    "  2. Open or create a workbook in Excel on the web;",
    "  3. Home → Add-ins → More settings/Advanced → Upload My Add-in;",
    `  4. Choose the manifest ${manifest} and upload it;`,
    "  5. The Home tab shows the 绩效自评 group; in a cell try =JXZP.EXECRATE(2060,2059.18).",
    ...preview.en,
    "Stop: press Ctrl+C, or run npm stop in another terminal.",
    "",
  ].join("\n");
}

/** Said once the manifest is sideloaded into desktop Excel; `notOpened` when Excel could not be started. */
function sideloadedMessage({ base, manifest, notOpened }) {
  const preview = previewLines(base);
  return [
    "",
    `已把加载项旁加载到桌面版 Excel（清单 ${manifest}），加载项服务在 ${base} 运行。`,
    notOpened ?? "正在启动 Excel；如果 Excel 原来已经打开，请关闭后重新打开。",
    "「开始」选项卡出现「绩效自评」组；若没有，请在「开始」→「加载项」中选择「绩效自评助手」。",
    ...preview.zh,
    "停止服务并移除旁加载：按 Ctrl+C，或在另一个终端运行 npm stop。",
    "",
    `The add-in is sideloaded into desktop Excel and served at ${base}; run npm stop to stop and unregister it.`,
    ...preview.en,
    "",
  ].join("\n");
}

module.exports = { sideloadHelp, sideloadedMessage };
