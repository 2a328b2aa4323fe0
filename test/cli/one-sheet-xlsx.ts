/**
 * The smallest .xlsx Excel opens: content types, relationships, a workbook of one sheet and that
 * sheet's XML as given. For the attack tests, which build huge or odd sheets by hand.
 */
import * as fs from "fs";
import JSZip from "jszip";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"`;

/** Writes `file`: one sheet named `sheet`, whose `<worksheet>` holds `inner` (e.g. `<sheetData>…</sheetData>`). */
export async function writeOneSheetXlsx(file: string, sheet: string, inner: string): Promise<void> {
  const z = new JSZip();
  z.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>');
  z.file("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  z.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  z.file("xl/workbook.xml", `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  z.file("xl/worksheets/sheet1.xml", `<?xml version="1.0"?><worksheet ${NS}>${inner}</worksheet>`);
  fs.writeFileSync(file, await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}
