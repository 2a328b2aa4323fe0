/**
 * Number formats by cell style (xl/styles.xml): `cellXfs/xf@numFmtId` to a format code, from the
 * workbook's own `<numFmts>` or Excel's built-ins. General (id 0) is null, as the grid has it.
 */
import { builtinFormat } from "./builtin-formats";
import { scanXml } from "./xml-scan";

/** The format code of each cell style index; a missing styles part means all General. */
export function readCellFormats(xml: Uint8Array | string | null): (string | null)[] {
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  scanXml(xml, "样式表 xl/styles.xml ", {
    open(name, tag) {
      if (name === "numFmt") {
        const id = Number(tag.get("numFmtId"));
        const code = tag.get("formatCode");
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) ids.push(Number(tag.get("numFmtId") ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  // Id 0 is General even where a workbook redefines it, as ExcelJS and Excel read it.
  return ids.map((id) => (Number.isInteger(id) && id > 0 ? (custom.get(id) ?? builtinFormat(id)) : null));
}
