import ExcelJS from "exceljs";

const NAMES = [
  "居民医保市级财政补助人数", "军转干部享受医保补助人数", "收治惠民住院患者", "各项医保配套资金拨付", "保障军转干部人员享受待遇合规率",
  "城乡居民医疗征缴率", "省级医保信息系统上线", "全民参保数据库覆盖率", "参保人住院费用实际报销比例", "医保信息系统运行维护响应时间",
  "定点医药机构培训会", "社会公众医保经办服务满意度", "协议医疗机构、药店费用结算满意度", "医疗保障水平",
];

const TARGETS: [string, string][] = [
  ["≥24万人", "24.3万人"], ["95%以上", "96.2%"], ["≤30 分钟", "25 分钟"], ["2021年底前", "2021年底前"],
  ["≥6 个月", "7 个月"], ["41000 万元", "41257.25 万元"], ["≥200人次", "≥200人次"], ["逐步推开", "逐步推开"],
  ["满意度≥90%", "92%"], ["１００％", "100%"], ["1,359.9万元", "1,200万元"], ["稳步提高", "显著提升"],
];

/** A workbook of `sheets` project forms with `rows` indicators each, laid out like the Zhuzhou forms. */
export function benchWorkbook(sheets: number, rows: number): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const level2 = ["数量指标", "质量指标", "时效指标", "成本指标"];
  for (let s = 0; s < sheets; s++) {
    const ws = wb.addWorksheet(`项目${s + 1}`);
    ws.getCell("A1").value = "2021 年度项目支出绩效自评表";
    ws.mergeCells("A1:I1");
    ws.getRow(3).values = ["年度项目资金（万元）", "年度资金总额", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分（分值×执行率）"];
    ws.getRow(4).values = [null, "合计", 173, 173, 170 + (s % 4), 10, "98%", 9.83];
    ws.mergeCells("A3:A4");
    const header = 6;
    ws.getRow(header).values = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
    const w = 90 / rows;
    for (let i = 0; i < rows; i++) {
      const [t, a] = TARGETS[(i + s) % TARGETS.length];
      const r = header + 1 + i;
      ws.getRow(r).values = [null, i === 0 ? "产出指标" : null, i % 5 === 0 ? level2[(i / 5) % 4] : null, NAMES[(i * 7 + s) % NAMES.length], t, a, w, w, i % 7 === 0 ? "说明" : null];
    }
    ws.mergeCells(`A${header}:A${header + rows}`);
    ws.mergeCells(`B${header + 1}:B${header + rows}`);
    for (let i = 0; i < rows; i += 5) ws.mergeCells(`C${header + 1 + i}:C${header + Math.min(rows, i + 5)}`);
    const total = header + rows + 1;
    ws.getRow(total).values = ["总分", null, null, null, null, null, 100, 99.83, "等级：优"];
    ws.mergeCells(`A${total}:F${total}`);
  }
  return wb;
}
