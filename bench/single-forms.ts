import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

const FIXTURES = path.join(__dirname, "..", "..", "test", "fixtures");

/** One workbook per form of the fixtures (the other sheets removed), as units send them. */
export async function singleForms(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx")).sort()) {
    const probe = new ExcelJS.Workbook();
    await probe.xlsx.readFile(path.join(FIXTURES, name));
    for (let keep = 0; keep < probe.worksheets.length; keep++) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(FIXTURES, name));
      for (const ws of [...wb.worksheets]) if (ws.name !== probe.worksheets[keep].name) wb.removeWorksheet(ws.id);
      const file = path.join(dir, `${path.basename(name, ".xlsx")}-${keep + 1}.xlsx`);
      await wb.xlsx.writeFile(file);
      out.push(file);
    }
  }
  return out;
}
