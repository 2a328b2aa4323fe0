/**
 * The workbook's table of contents: its worksheets in order, by name and part, from
 * xl/workbook.xml and its relationships, and whether dates count from 1904.
 */
import { ReadError } from "./read-error";
import { scanXml } from "./xml-scan";
import type { ZipPackage } from "./zip-package";

export interface SheetEntry {
  name: string;
  /** The part's path in the zip, or null when no relationship names it. */
  part: string | null;
}

export interface WorkbookParts {
  sheets: SheetEntry[];
  date1904: boolean;
  /** The shared string table's and the styles' parts, by relationship or where Excel puts them. */
  sharedStrings: string;
  styles: string;
}

/** A relationship's target as a part path: relative to the source's folder, or absolute with `/`. */
export function resolveTarget(folder: string, target: string): string {
  const t = target.replace(/\\/g, "/");
  const path = t.startsWith("/") ? t.slice(1) : `${folder}${t}`;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

interface Relationship {
  type: string;
  target: string;
}

function readRelationships(xml: Uint8Array | null, folder: string, what: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (xml === null) return out;
  scanXml(xml, what, {
    open(name, tag) {
      if (name !== "Relationship") return;
      const id = tag.get("Id");
      const target = tag.get("Target");
      if (id && target && tag.get("TargetMode") !== "External") out.set(id, { type: tag.get("Type") ?? "", target: resolveTarget(folder, target) });
    },
  });
  return out;
}

/** Chartsheets, dialog sheets and macro sheets are listed among the sheets but hold no cells to check. */
function isWorksheet(type: string): boolean {
  return !/\/(chartsheet|dialogsheet|macrosheet|xlMacrosheet|xlIntlMacrosheet)$/.test(type);
}

export async function readWorkbookParts(pkg: ZipPackage): Promise<WorkbookParts> {
  // Wherever the package's relationships put the workbook (most under xl/, some writers elsewhere).
  const main = pkg.main !== null && pkg.has(pkg.main) ? pkg.main : "xl/workbook.xml";
  const xml = await pkg.bytes(main);
  if (xml === null) throw new ReadError("corrupt-xlsx", { what: `缺少工作簿目录 ${main}` });
  const folder = main.slice(0, main.lastIndexOf("/") + 1);
  const relsPart = `${folder}_rels/${main.slice(folder.length)}.rels`;
  const rels = readRelationships(await pkg.bytes(relsPart), folder, `工作簿关系表 ${relsPart} `);
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let inSheets = false;
  scanXml(xml, `工作簿目录 ${main} `, {
    open(name, tag) {
      if (name === "sheets") inSheets = true;
      else if (name === "workbookPr") date1904 = /^(1|true)$/.test(tag.get("date1904") ?? "");
      else if (name === "sheet" && inSheets) {
        const id = tag.get("id") ?? "";
        // Excel keeps `<sheet r:id="">` for old macro sheets it has no part for: nothing to read.
        if (id === "") return;
        const rel = rels.get(id);
        if (rel && !isWorksheet(rel.type)) return;
        sheets.push({ name: tag.get("name") ?? "", part: rel ? rel.target : null });
      }
    },
    close(name) {
      if (name === "sheets") inSheets = false;
    },
  });
  const byType = (suffix: string, usual: string) => [...rels.values()].find((r) => r.type.endsWith(suffix) && pkg.has(r.target))?.target ?? usual;
  return { sheets, date1904, sharedStrings: byType("/sharedStrings", `${folder}sharedStrings.xml`), styles: byType("/styles", `${folder}styles.xml`) };
}
