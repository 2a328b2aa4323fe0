/**
 * Saves cell changes into an .xlsx by patching its package: the original zip is opened, the
 * worksheet parts that hold changed cells are rewritten in place (sheet-xml-patch.ts), a few
 * bookkeeping parts are adjusted where Excel requires it, and every other part is carried over
 * byte for byte (JSZip reuses a deflated entry's compressed bytes when nothing touched it).
 *
 * Parts that change besides the written sheets, and why:
 *   xl/workbook.xml   `<calcPr fullCalcOnLoad="1">` when the workbook has formulas: totals and
 *                     grades computed from the written cells must be recalculated when the file is
 *                     opened (Excel, WPS and LibreOffice do; cached results are updated here too
 *                     where the page could compute them).
 *   xl/calcChain.xml  entries of cells that held a formula and now hold a value are removed: Excel
 *                     reports a damaged file when the chain names a cell without a formula. (When
 *                     no entry is left the part goes, with its relationship and content type.)
 *   docProps/core.xml `lastModifiedBy` names the program, its version and the rules' year; `modified` is now.
 */
import JSZip from "jszip";
import { ReadError } from "../readers/read-error";
import { readWorkbookParts } from "../readers/xlsx-workbook";
import { openZip } from "../readers/zip-package";
import { escapeXml, unescapeXml } from "./ooxml-text";
import { patchSheetXml, PatchError, type CellEdit } from "./sheet-xml-patch";

export { PatchError, type CellEdit };

export interface SheetEdits {
  sheet: string;
  edits: CellEdit[];
}

export interface PatchOptions {
  /** Written as the file's 上次修改者 (docProps/core.xml lastModifiedBy). */
  modifiedBy?: string;
  /** The time written as the file's modification time (default: now). */
  now?: Date;
}

export interface PatchedWorkbook {
  bytes: Uint8Array;
  /** The parts whose bytes differ from the original's, in package order. */
  changedParts: string[];
  /** Parts removed (only xl/calcChain.xml, when no formula is left in it). */
  removedParts: string[];
}

type Zip = JSZip;

/** Puts a part back with the original entry's date, comment and permissions (only its content is new). */
function replacePart(zip: Zip, name: string, text: string): void {
  const old = zip.file(name);
  zip.file(name, text, {
    date: old?.date,
    comment: old?.comment ?? undefined,
    unixPermissions: old?.unixPermissions ?? undefined,
    dosPermissions: old?.dosPermissions ?? undefined,
    createFolders: false,
  });
}

async function partText(zip: Zip, name: string): Promise<string | null> {
  const f = zip.file(name);
  return f ? f.async("string") : null;
}

/** Sheet ids by sheet name from workbook.xml (the calculation chain names sheets by id). */
function sheetIds(workbookXml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?sheet\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)) {
    const name = /\bname\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    const id = /\bsheetId\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    if (name !== undefined && id !== undefined) out.set(unescapeXml(name), id);
  }
  return out;
}

/** workbook.xml with `fullCalcOnLoad="1"` on its calcPr (made, in its place in the schema's order, if missing). */
function withFullCalcOnLoad(xml: string): string {
  const calc = /<([A-Za-z_][\w.-]*:)?calcPr\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/.exec(xml);
  if (calc) {
    if (/\bfullCalcOnLoad\s*=\s*"(1|true)"/.test(calc[2])) return xml;
    const attrs = calc[2].replace(/\s+fullCalcOnLoad\s*=\s*"[^"]*"/, "");
    return xml.slice(0, calc.index) + `<${calc[1] ?? ""}calcPr${attrs} fullCalcOnLoad="1"${calc[3]}>` + xml.slice(calc.index + calc[0].length);
  }
  const root = /<([A-Za-z_][\w.-]*:)?workbook\b/.exec(xml);
  const p = root?.[1] ?? "";
  // CT_Workbook's order: … sheets, functionGroups, externalReferences, definedNames, calcPr, oleSize …
  for (const before of ["definedNames", "externalReferences", "functionGroups", "sheets"]) {
    const close = new RegExp(`</${p}${before}>|<${p}${before}\\b(?:[^>"']|"[^"]*"|'[^']*')*?/>`).exec(xml);
    if (close) {
      const at = close.index + close[0].length;
      return xml.slice(0, at) + `<${p}calcPr fullCalcOnLoad="1"/>` + xml.slice(at);
    }
  }
  return xml;
}

/** The calculation chain without the given cells; null when nothing is left in it. */
function withoutChainEntries(xml: string, drop: Set<string>): string | null {
  const entry = /<([A-Za-z_][\w.-]*:)?c\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/>/g;
  let sheet = "";
  let carry: string | null = null;
  let kept = 0;
  const out = xml.replace(entry, (whole, _p: string | undefined, attrs: string) => {
    const r = /\br\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? "";
    const i = /\bi\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    if (i !== undefined) sheet = i;
    if (drop.has(`${sheet}!${r}`)) {
      // An entry without `i` belongs to the sheet of the one before: the next kept one must now say it.
      if (i !== undefined) carry = i;
      return "";
    }
    kept++;
    if (carry !== null && i === undefined) {
      const named = whole.replace(/\/>$/, ` i="${carry}"/>`);
      carry = null;
      return named;
    }
    carry = null;
    return whole;
  });
  return kept === 0 ? null : out;
}

/** Takes the calculation chain out of the package: its part, its relationship, its content type. */
async function removeCalcChain(zip: Zip, part: string, relsPart: string): Promise<string[]> {
  const changed: string[] = [];
  zip.remove(part);
  const rels = await partText(zip, relsPart);
  if (rels) {
    const next = rels.replace(/<(?:[A-Za-z_][\w.-]*:)?Relationship\b[^>]*\/calcChain"[^>]*\/>/g, "");
    if (next !== rels) {
      replacePart(zip, relsPart, next);
      changed.push(relsPart);
    }
  }
  const types = await partText(zip, "[Content_Types].xml");
  if (types) {
    const next = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${part.replace(/[.]/g, "\\.")}"[^>]*/>`), "");
    if (next !== types) {
      replacePart(zip, "[Content_Types].xml", next);
      changed.push("[Content_Types].xml");
    }
  }
  return changed;
}

/** docProps/core.xml naming who last changed the file and when. */
function withModifiedBy(xml: string, by: string, now: Date): string {
  const root = /<([A-Za-z_][\w.-]*:)?coreProperties\b/.exec(xml);
  if (!root) return xml;
  const cp = root[1] ?? "";
  const who = new RegExp(`<${cp}lastModifiedBy\\b[^>]*?(?:/>|>[\\s\\S]*?</${cp}lastModifiedBy>)`);
  const element = `<${cp}lastModifiedBy>${escapeXml(by)}</${cp}lastModifiedBy>`;
  let out = who.test(xml) ? xml.replace(who, element) : xml.replace(new RegExp(`</${cp}coreProperties>`), `${element}</${cp}coreProperties>`);
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  out = out.replace(/(<([A-Za-z_][\w.-]*:)?modified\b[^>]*>)[^<]*(<\/\2?modified>)/, `$1${stamp}$3`);
  return out;
}

function hasFormula(xml: string): boolean {
  return /<(?:[A-Za-z_][\w.-]*:)?f[\s>/]/.test(xml);
}

/**
 * Writes `sheets`' edits into a copy of the workbook `original` and returns the new file's bytes.
 * Throws ReadError (Chinese) when the original is not an .xlsx that can be read, and PatchError
 * (Chinese) when a change cannot be written without touching more than it should.
 */
export async function patchXlsx(original: Uint8Array | ArrayBuffer, sheets: SheetEdits[], options: PatchOptions = {}): Promise<PatchedWorkbook> {
  const pkg = await openZip(original);
  if (pkg.kind !== "xlsx") throw new ReadError("corrupt-xlsx", { what: "不是 .xlsx 工作簿" });
  const parts = await readWorkbookParts(pkg);
  const main = pkg.main && pkg.has(pkg.main) ? pkg.main : "xl/workbook.xml";
  const folder = main.slice(0, main.lastIndexOf("/") + 1);
  const relsPart = `${folder}_rels/${main.slice(folder.length)}.rels`;
  const zip = await JSZip.loadAsync(original);
  const before = new Map<string, string>();
  const changed = new Set<string>();
  const removed: string[] = [];

  const removedFormulas = new Set<string>();
  let wroteFormulas = false;
  const workbookXml = (await partText(zip, main)) ?? "";
  const ids = sheetIds(workbookXml);
  for (const { sheet, edits } of sheets) {
    if (edits.length === 0) continue;
    const part = parts.sheets.find((s) => s.name === sheet)?.part;
    if (!part || !zip.file(part)) throw new PatchError(`工作簿中找不到工作表“${sheet}”，未能保存。`);
    const xml = (await partText(zip, part))!;
    if (/^<\?xml[^>]*encoding\s*=\s*"(?!utf-8)/i.test(xml)) throw new PatchError(`工作表“${sheet}”不是 UTF-8 编码，网页版不能安全地写入；请在 Excel 或 WPS 中另存为 .xlsx 后再打开。`);
    const patched = patchSheetXml(xml, edits, sheet);
    if (patched.xml === xml) continue;
    before.set(part, xml);
    replacePart(zip, part, patched.xml);
    changed.add(part);
    if (patched.formulasWritten.length) wroteFormulas = true;
    const id = ids.get(sheet);
    for (const cell of patched.formulasRemoved) if (id) removedFormulas.add(`${id}!${cell}`);
  }

  if (changed.size > 0) {
    // Totals and grades that read the written cells are recalculated when the file is opened.
    let formulas = wroteFormulas;
    for (const s of parts.sheets) {
      if (formulas) break;
      if (!s.part) continue;
      const xml = before.get(s.part) ?? (await partText(zip, s.part));
      if (xml && hasFormula(xml)) formulas = true;
    }
    if (formulas) {
      const next = withFullCalcOnLoad(workbookXml);
      if (next !== workbookXml) {
        replacePart(zip, main, next);
        changed.add(main);
      }
    }

    const chainPart = pkg.names.find((n) => /(^|\/)calcChain\.xml$/i.test(n));
    if (chainPart && removedFormulas.size > 0) {
      const chain = (await partText(zip, chainPart))!;
      const next = withoutChainEntries(chain, removedFormulas);
      if (next === null) {
        for (const p of await removeCalcChain(zip, chainPart, relsPart)) changed.add(p);
        removed.push(chainPart);
      } else if (next !== chain) {
        replacePart(zip, chainPart, next);
        changed.add(chainPart);
      }
    }

    const core = pkg.names.find((n) => n === "docProps/core.xml");
    if (core && options.modifiedBy) {
      const xml = (await partText(zip, core))!;
      const next = withModifiedBy(xml, options.modifiedBy, options.now ?? new Date());
      if (next !== xml) {
        replacePart(zip, core, next);
        changed.add(core);
      }
    }
  }

  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  return { bytes, changedParts: pkg.names.filter((n) => changed.has(n)), removedParts: removed };
}
