/**
 * ExcelJS, loaded when a workbook is to be written (a summary, a template). Reading no longer
 * uses it, and requiring it costs about 250 ms: more than half of checking one form.
 */
export async function loadExcelJS(): Promise<typeof import("exceljs")> {
  const m = await import("exceljs");
  // Compiled to CommonJS, the module may arrive as the namespace or under `default`.
  return (m as unknown as { default?: typeof import("exceljs") }).default ?? m;
}
