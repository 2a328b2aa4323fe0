import type { CellStyle, FontSpec } from "./sheet-build";

/** 宋体 first; the fallbacks are the same face where a host lacks it (Mac, Linux, the browser preview). */
const BODY_FONT: FontSpec = {
  name: "宋体",
  fallback: ["SimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "serif"],
  size: 10,
  bold: false,
};

const style = (over: Partial<Omit<CellStyle, "font">> & { font?: Partial<FontSpec> }): CellStyle => ({
  horizontal: "center",
  vertical: "middle",
  wrap: true,
  border: true,
  numberFormat: "General",
  ...over,
  font: { ...BODY_FONT, ...over.font },
});

/** The styles every template uses, by the names its areas refer to. */
export const TEMPLATE_STYLES: Record<string, CellStyle> = {
  title: style({ font: { size: 16, bold: true }, border: false, wrap: false }),
  body: style({}),
  head: style({ font: { bold: true } }),
  left: style({ horizontal: "left" }),
  amount: style({ horizontal: "right", numberFormat: "#,##0.00" }),
  percent: style({ horizontal: "right", numberFormat: "0.00%" }),
  score: style({ horizontal: "right", numberFormat: "0.00" }),
  note: style({ font: { size: 9 }, horizontal: "left", vertical: "top", border: false }),
};
