/**
 * The blank official forms, each defined once as data (spec §1; seeds 000, 002, 004; the
 * printed notes of transfer forms). `buildTemplate` turns a definition into a SheetBuild.
 * Every form is nine columns wide (A–I), like the real forms in seed 002.
 */

export type TemplateKind = "project" | "department" | "transfer" | "completion" | "project20";

export const TEMPLATE_KINDS: TemplateKind[] = ["project", "department", "transfer", "completion", "project20"];

/** A header field: its label, where the label and the value go, and which option fills it. */
export interface HeaderField {
  label: string;
  labelCols: [number, number];
  valueCols: [number, number];
  source: "project" | "unit" | null;
}

export type FundColumnRole = "budgetStart" | "budget" | "spent" | "weight" | "rate" | "score";

/** One column of the fund block: its header and the columns it spans (0-based, inclusive). */
export interface FundColumn {
  role: FundColumnRole;
  header: string;
  cols: [number, number];
}

export interface FundDef {
  /** The block's title, left of it (`项目资金（万元）`); `{points}` becomes `（20分）` where asked. */
  title: string;
  showPoints: boolean;
  labelCols: [number, number];
  columns: FundColumn[];
  /** Row labels; the first is the total row that carries the execution weight and score. */
  rows: string[];
}

export type GridColumnRole = "level1" | "level2" | "level3" | "target" | "actual" | "weight" | "score" | "direction" | "completion" | "deviation";

export interface GridColumn {
  role: GridColumnRole;
  header: string;
  col: number;
}

/** A level 2 and how many indicator rows it gets by default (from the seed forms). */
export interface Level2Def {
  name: string;
  rows: number;
}

/** A row whose name and target are part of the form (the transfer form's 资金管理 items). */
export interface FixedItem {
  level2: string;
  name: string;
  target: string;
}

export interface Level1Def {
  /** The level-1 name as printed; points are added as `（50分）`. */
  name: string;
  /** The profile's key for this level 1 (spec §3). */
  family: string;
  /** Points out of a 10-point execution item; other execution weights scale them (see weights.ts). */
  points: number;
  kind: "indicator" | "management" | "execution";
  level2: Level2Def[];
  /** Management items: fixed names and targets; the person states each score (R10). */
  items?: FixedItem[];
}

export interface TemplateDef {
  kind: TemplateKind;
  label: string;
  sheetName: string;
  /** Title after the year: `2025年度` + title. */
  title: string;
  profile: string;
  header: HeaderField[][];
  fund: FundDef;
  goals: { title: string; expected: string; actual: string };
  grid: { section: string; showPoints: boolean; columns: GridColumn[]; level1: Level1Def[] };
  /** The execution item is a grid row (transfer) rather than the fund block's score. */
  executionInGrid: boolean;
  scored: boolean;
  columnWidths: number[];
  /** Lines of the note under the form; `{grades}` becomes the profile's grade bands. */
  note: string[];
}

const PROJECT_HEADER: HeaderField[][] = [
  [{ label: "项目名称", labelCols: [0, 0], valueCols: [1, 8], source: "project" }],
  [
    { label: "主管部门", labelCols: [0, 0], valueCols: [1, 4], source: null },
    { label: "实施单位", labelCols: [5, 5], valueCols: [6, 8], source: "unit" },
  ],
];

const SCORED_FUND_COLUMNS: FundColumn[] = [
  { role: "budgetStart", header: "年初预算数", cols: [2, 2] },
  { role: "budget", header: "全年预算数", cols: [3, 3] },
  { role: "spent", header: "全年执行数", cols: [4, 4] },
  { role: "weight", header: "分值", cols: [5, 5] },
  { role: "rate", header: "执行率", cols: [6, 6] },
  { role: "score", header: "得分", cols: [7, 8] },
];

const PLAIN_FUND_COLUMNS: FundColumn[] = [
  { role: "budget", header: "全年预算数", cols: [3, 4] },
  { role: "spent", header: "全年执行数", cols: [5, 6] },
  { role: "rate", header: "执行率", cols: [7, 8] },
];

const FUND_ROWS = ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"];

const SCORED_GRID: GridColumn[] = [
  { role: "level1", header: "一级指标", col: 1 },
  { role: "level2", header: "二级指标", col: 2 },
  { role: "level3", header: "三级指标", col: 3 },
  { role: "target", header: "年度指标值", col: 4 },
  { role: "actual", header: "实际完成值", col: 5 },
  { role: "weight", header: "分值", col: 6 },
  { role: "score", header: "得分", col: 7 },
  { role: "deviation", header: "偏差原因分析及改进措施", col: 8 },
];

const OUTPUT: Level1Def = {
  name: "产出指标",
  family: "产出指标",
  points: 50,
  kind: "indicator",
  level2: [
    { name: "数量指标", rows: 3 },
    { name: "质量指标", rows: 3 },
    { name: "时效指标", rows: 1 },
    { name: "成本指标", rows: 1 },
  ],
};

const BENEFIT: Level1Def = {
  name: "效益指标",
  family: "效益指标",
  points: 30,
  kind: "indicator",
  level2: [
    { name: "经济效益指标", rows: 1 },
    { name: "社会效益指标", rows: 2 },
    { name: "生态效益指标", rows: 1 },
    { name: "可持续影响指标", rows: 1 },
  ],
};

const SATISFACTION: Level1Def = {
  name: "满意度指标",
  family: "满意度指标",
  points: 10,
  kind: "indicator",
  level2: [{ name: "服务对象满意度指标", rows: 2 }],
};

const SCORED_NOTE = [
  "备注：1.执行率＝全年执行数÷全年预算数；执行率得分＝分值×执行率，执行率超过100%的按100%计。",
  "2.指标得分：正向指标完成值达到指标值的得满分，未达到的按完成比例计分；反向指标按指标值÷完成值计分；定性指标由评价人按达成、部分达成、未达成判定。",
  "3.总分为100分，等级划分为：{grades}。",
];

const WIDTHS = [10, 14, 14, 30, 14, 14, 8, 10, 24];

const project: TemplateDef = {
  kind: "project",
  label: "项目支出绩效自评表",
  sheetName: "项目支出绩效自评表",
  title: "项目支出绩效自评表",
  profile: "project",
  header: PROJECT_HEADER,
  fund: { title: "项目资金（万元）", showPoints: false, labelCols: [1, 1], columns: SCORED_FUND_COLUMNS, rows: FUND_ROWS },
  goals: { title: "年度总体目标", expected: "预期目标", actual: "实际完成情况" },
  grid: { section: "绩效指标", showPoints: false, columns: SCORED_GRID, level1: [OUTPUT, BENEFIT, SATISFACTION] },
  executionInGrid: false,
  scored: true,
  columnWidths: WIDTHS,
  note: SCORED_NOTE,
};

const project20: TemplateDef = {
  ...project,
  kind: "project20",
  label: "项目支出绩效自评表（执行率20分）",
  profile: "exec20",
  fund: { ...project.fund, title: "预算执行情况（万元）", showPoints: true },
  grid: { ...project.grid, section: "年度绩效指标", showPoints: true },
};

const department: TemplateDef = {
  ...project,
  kind: "department",
  label: "部门整体支出绩效自评表",
  sheetName: "部门整体支出绩效自评表",
  title: "部门整体支出绩效自评表",
  profile: "department",
  header: [[{ label: "部门名称", labelCols: [0, 0], valueCols: [1, 8], source: "unit" }]],
  fund: { ...project.fund, title: "资金情况（万元）" },
};

const MANAGEMENT_ITEMS: FixedItem[] = [
  { level2: "资金分配", name: "资金分配合规性", target: "按管理办法分配" },
  { level2: "资金分配", name: "资金下达及时性", target: "按规定时限下达" },
  { level2: "资金使用", name: "资金拨付规范性", target: "按进度拨付" },
  { level2: "资金使用", name: "资金使用合规性", target: "无截留、挤占、挪用" },
  { level2: "资金使用", name: "政府采购合规性", target: "按规定采购" },
  { level2: "财务管理", name: "财务管理制度健全性", target: "制度健全" },
  { level2: "财务管理", name: "会计核算规范性", target: "核算规范" },
  { level2: "财务管理", name: "信息公开及时性", target: "按规定公开" },
];

const transfer: TemplateDef = {
  kind: "transfer",
  label: "转移支付绩效自评表",
  sheetName: "转移支付绩效自评表",
  title: "转移支付绩效自评表",
  profile: "transfer",
  header: [
    [{ label: "转移支付名称", labelCols: [0, 0], valueCols: [1, 8], source: "project" }],
    [
      { label: "主管部门", labelCols: [0, 0], valueCols: [1, 4], source: null },
      { label: "资金使用单位", labelCols: [5, 5], valueCols: [6, 8], source: "unit" },
    ],
  ],
  fund: {
    title: "年度资金（万元）",
    showPoints: false,
    labelCols: [1, 2],
    columns: PLAIN_FUND_COLUMNS,
    rows: ["年度资金总额", "其中：中央补助", "地方资金", "其他资金"],
  },
  goals: { title: "年度总体目标", expected: "预期目标", actual: "实际完成情况" },
  grid: {
    section: "绩效指标",
    showPoints: false,
    columns: [
      ...SCORED_GRID.slice(0, 3),
      { role: "target", header: "指标值", col: 4 },
      { role: "actual", header: "全年实际完成值", col: 5 },
      { role: "weight", header: "分值", col: 6 },
      { role: "score", header: "得分", col: 7 },
      { role: "deviation", header: "未完成原因和改进措施", col: 8 },
    ],
    level1: [
      { name: "资金投入", family: "预算执行指标", points: 10, kind: "execution", level2: [{ name: "预算执行", rows: 1 }] },
      {
        name: "资金管理",
        family: "资金管理指标",
        points: 40,
        kind: "management",
        level2: [],
        items: MANAGEMENT_ITEMS,
      },
      { ...OUTPUT, points: 30, level2: OUTPUT.level2.map((l) => ({ ...l, rows: l.name === "数量指标" ? 2 : 1 })) },
      { ...BENEFIT, points: 15, level2: BENEFIT.level2.map((l) => ({ ...l, rows: l.name === "社会效益指标" ? 2 : l.rows })) },
      { ...SATISFACTION, points: 5, level2: SATISFACTION.level2.map((l) => ({ ...l, rows: 1 })) },
    ],
  },
  executionInGrid: true,
  scored: true,
  columnWidths: WIDTHS,
  note: [
    "备注：1.执行率＝全年执行数÷全年预算数；资金投入得分＝分值×执行率，执行率超过100%的按100%计。",
    "2.资金管理8项，每项5分，每发现一处问题扣0.5分，扣完为止，由评价人填写得分。",
    "3.指标得分：正向指标完成值达到指标值的得满分，未达到的按完成比例计分；反向指标按指标值÷完成值计分；定性指标由评价人判定。",
    "4.总分为100分，等级划分为：{grades}。",
  ],
};

const completion: TemplateDef = {
  kind: "completion",
  label: "绩效目标完成情况表",
  sheetName: "绩效目标完成情况表",
  title: "项目绩效目标完成情况表",
  profile: "completion",
  header: PROJECT_HEADER,
  fund: { title: "项目资金（万元）", showPoints: false, labelCols: [1, 2], columns: PLAIN_FUND_COLUMNS, rows: ["年度资金总额", "其中：财政拨款", "其他资金"] },
  goals: { title: "年度总体目标", expected: "预期目标", actual: "目标实际完成情况" },
  grid: {
    section: "年度绩效指标完成情况",
    showPoints: false,
    columns: [
      ...SCORED_GRID.slice(0, 3),
      { role: "target", header: "预期指标值", col: 4 },
      { role: "actual", header: "实际完成指标值", col: 5 },
      { role: "direction", header: "指标方向", col: 6 },
      { role: "completion", header: "完成率", col: 7 },
      { role: "deviation", header: "偏差原因分析及改进措施", col: 8 },
    ],
    level1: [OUTPUT, BENEFIT, SATISFACTION],
  },
  executionInGrid: false,
  scored: false,
  columnWidths: [10, 14, 14, 30, 16, 16, 10, 10, 24],
  note: [
    "备注：1.执行率＝全年执行数÷全年预算数。",
    "2.完成率＝实际完成值÷预期指标值；反向指标（指标方向选“反向”，或指标值写“≤”）为预期指标值÷实际完成值。本表只反映完成情况，不计分。",
  ],
};

export const TEMPLATES: Record<TemplateKind, TemplateDef> = { project, department, transfer, completion, project20 };

export function isTemplateKind(s: string): s is TemplateKind {
  return (TEMPLATE_KINDS as string[]).includes(s);
}

/** The choices of the completion form's 方向 column, as the functions take them. */
export const DIRECTIONS = ["正向", "反向", "定性"];
