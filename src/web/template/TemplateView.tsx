import { makeStyles } from "@fluentui/react-components";
import { templateWorkbookBytes } from "../../cli/template-xlsx";
import { TemplatePanel, type TemplateDownload } from "../../taskpane/components/TemplatePanel";
import { buildTemplate } from "../../scoring/templates/build";
import { TEMPLATES } from "../../scoring/templates/definitions";
import { download, XLSX_TYPE } from "../download";

const useStyles = makeStyles({ wrap: { padding: "8px 16px", maxWidth: "480px" } });

/** The CLI's own builder (`jxzp template`): the same blank workbook, downloaded. */
const DOWNLOAD: TemplateDownload = {
  label: "下载空白表样（.xlsx）",
  note: "生成带公式的空白官方表样：填入预算数、执行数、指标值和完成值后，执行率、得分、总分和等级由 JXZP 公式计算（公式需要在 Excel 中加载本加载项；没有加载项时，用本网页的“填写自评表”打开填好的表，按规则填写得分）。",
  async run(kind, options) {
    const build = buildTemplate(kind, options);
    const name = `${options.year ? `${String(options.year).trim()}年度` : ""}${TEMPLATES[kind].label}.xlsx`;
    download(await templateWorkbookBytes([build]), name, XLSX_TYPE);
    return `已生成“${name}”（工作表“${build.name}”），请在浏览器的下载中查看。`;
  },
};

/** 空白表样: the pane's template form, with a download instead of an insertion. */
export function TemplateView() {
  const s = useStyles();
  return (
    <div className={s.wrap} data-testid="template-view">
      <TemplatePanel host={null} download={DOWNLOAD} />
    </div>
  );
}
