import { SEVERITY_ORDER } from "../../scoring/findings/findings";
import type { CellMark } from "./WorkbookHost";
import { isMarkFormula, MARK_COLOR, markFormula } from "./mark-style";

/** Cells per conditional format: keeps each address list well inside Excel's limits. */
const CHUNK = 40;

/** The add-in's conditional formats on the given sheets (all when none given), with their sheet names. */
async function ourFormats(context: Excel.RequestContext, sheetNames?: string[]): Promise<{ sheet: string; cf: Excel.ConditionalFormat }[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const chosen = sheets.items.filter((s) => !sheetNames || sheetNames.includes(s.name));
  const collections = chosen.map((s) => {
    const cfs = s.getRange().conditionalFormats;
    cfs.load("items/type");
    return { sheet: s.name, cfs };
  });
  await context.sync();
  const custom = collections.flatMap(({ sheet, cfs }) => cfs.items.filter((cf) => cf.type === "Custom").map((cf) => ({ sheet, cf })));
  for (const { cf } of custom) cf.custom.rule.load("formula");
  await context.sync();
  return custom.filter(({ cf }) => isMarkFormula(cf.custom.rule.formula));
}

/** Deletes the add-in's conditional formats on the given sheets (all when none given); returns how many. */
export async function clearOfficeMarks(context: Excel.RequestContext, sheetNames?: string[]): Promise<number> {
  const ours = await ourFormats(context, sheetNames);
  for (const { cf } of ours) cf.delete();
  if (ours.length > 0) await context.sync();
  return ours.length;
}

/** The sheets that carry the add-in's marks, in workbook order. */
export async function markedOfficeSheets(context: Excel.RequestContext): Promise<string[]> {
  return [...new Set((await ourFormats(context)).map((m) => m.sheet))];
}

/**
 * Replaces the add-in's marks on a sheet: one conditional format per severity and chunk of cells
 * (Worksheet.getRanges, ExcelApi 1.9), or one per cell in an older Excel (ExcelApi 1.6).
 */
export async function addOfficeMarks(context: Excel.RequestContext, sheetName: string, marks: CellMark[], rangeAreas = true): Promise<number> {
  await clearOfficeMarks(context, [sheetName]);
  const sheet = context.workbook.worksheets.getItem(sheetName);
  let count = 0;
  for (const severity of SEVERITY_ORDER) {
    const cells = [...new Set(marks.filter((m) => m.severity === severity).map((m) => m.cell))];
    const size = rangeAreas ? CHUNK : 1;
    for (let i = 0; i < cells.length; i += size) {
      const part = cells.slice(i, i + size);
      const target = rangeAreas ? sheet.getRanges(part.join(",")) : sheet.getRange(part[0]);
      const cf = target.conditionalFormats.add("Custom");
      cf.custom.rule.formula = markFormula(severity);
      cf.custom.format.fill.color = MARK_COLOR[severity];
      count += part.length;
    }
  }
  if (count > 0) await context.sync();
  return count;
}
