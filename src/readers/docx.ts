/**
 * Word reports (.docx): every top-level table as a grid the engine reads, merges included
 * (w:gridSpan, w:vMerge restart/continue, the older w:hMerge), and the body's paragraphs in
 * order with the tables among them, for checking the report's prose against its tables.
 * Text is what Word shows: a cell's paragraphs joined by line breaks, tracked deletions,
 * field codes and text boxes left out.
 */
import { SaxesParser, SaxesTagPlain } from "saxes";
import type { Grid } from "../scoring/grid/grid";
import type { ReportBlock } from "../scoring/prose/report-claims";
import { GRID_LIMITS, GridBuilder } from "./grid-builder";
import { ReadError } from "./read-error";
import type { ZipPackage } from "./zip-package";

/** The body in reading order: paragraphs, and tables by their index in `grids`. */
export type DocBlock = ReportBlock;

export interface DocxDocument {
  grids: Grid[];
  blocks: DocBlock[];
  notes: string[];
}

const W = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

interface CellBuild {
  paragraphs: string[];
  span: number;
  vMerge: "restart" | "continue" | null;
  hMerge: "restart" | "continue" | null;
}

interface RowBuild {
  before: number;
  cells: CellBuild[];
}

interface TableBuild {
  rows: RowBuild[];
  gridCols: number;
  row: RowBuild | null;
  cell: CellBuild | null;
}

/**
 * Element names by namespace. Parsing without namespace processing is about half again as fast;
 * the prefixes are taken from the root element, where Word and LibreOffice declare them all.
 */
class Names {
  private readonly w = new Set<string>(["w"]);
  private readonly mc = new Set<string>(["mc"]);

  learn(tag: SaxesTagPlain): void {
    this.w.clear();
    this.mc.clear();
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (!name.startsWith("xmlns:")) continue;
      if (W.has(value)) this.w.add(name.slice(6));
      if (value === MC) this.mc.add(name.slice(6));
    }
  }

  /** The local name of a WordprocessingML element, or null for any other. */
  word(name: string): string | null {
    const i = name.indexOf(":");
    return i > 0 && this.w.has(name.slice(0, i)) ? name.slice(i + 1) : null;
  }

  isFallback(name: string): boolean {
    const i = name.indexOf(":");
    return i > 0 && name.slice(i + 1) === "Fallback" && this.mc.has(name.slice(0, i));
  }

  attr(tag: SaxesTagPlain, local: string): string | undefined {
    for (const [name, value] of Object.entries(tag.attributes)) if (this.word(name) === local) return value;
    return undefined;
  }

  intAttr(tag: SaxesTagPlain, max: number): number {
    const n = Number.parseInt(this.attr(tag, "val") ?? "", 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, max) : 0;
  }
}

/** A table's cells placed on its grid; vertically continued cells join the area above them. */
function tableToGrid(t: TableBuild, name: string): { grid: Grid; note?: string } {
  const b = new GridBuilder();
  interface Area {
    top: number;
    left: number;
    bottom: number;
    right: number;
  }
  const areas: Area[] = [];
  // The area each grid column of the previous row ended in, to continue vertical merges.
  let above = new Map<number, Area>();
  t.rows.forEach((row, r) => {
    const here = new Map<number, Area>();
    let c = row.before;
    let last: Area | null = null;
    for (const cell of row.cells) {
      const span = Math.max(1, cell.span);
      if (cell.hMerge === "continue" && last) {
        last.right = c + span - 1;
        for (let k = c; k < c + span; k++) here.set(k, last);
      } else if (cell.vMerge === "continue" && above.get(c)?.left === c && above.get(c)?.right === c + span - 1) {
        // Continued only where the cell above has the same columns; otherwise Word draws it apart.
        const area = above.get(c)!;
        area.bottom = r;
        for (let k = area.left; k <= area.right; k++) here.set(k, area);
        last = area;
      } else {
        const area = { top: r, left: c, bottom: r, right: c + span - 1 };
        areas.push(area);
        const text = cell.paragraphs.join("\n").replace(/\n+$/, "");
        b.set(r, c, text === "" ? null : text);
        for (let k = c; k < c + span; k++) here.set(k, area);
        last = area;
      }
      c += span;
    }
    above = here;
  });
  for (const a of areas) b.merge(a.top, a.left, a.bottom, a.right);
  return b.build(name);
}

/** A nested table read as lines of text in its cell: cells by tabs, rows by line breaks. */
function nestedTableText(t: TableBuild): string[] {
  return t.rows.map((row) => row.cells.map((c) => c.paragraphs.join(" ")).join("\t"));
}

/** A table's caption: the last short paragraph naming a 表 between it and the previous table. */
function captionOf(paragraphs: string[]): string | null {
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const p = paragraphs[i].trim();
    if (!p) continue;
    return p.length <= 60 && /表/.test(p) && !/[。；;：:]$/.test(p) ? p.replace(/\s+/g, " ") : null;
  }
  return null;
}

/** Parses document.xml. Throws ReadError when it is not well-formed XML. */
export function parseDocumentXml(xml: string): DocxDocument {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const names = new Names();
  let root = true;
  const blocks: DocBlock[] = [];
  const built: TableBuild[] = [];
  const tables: TableBuild[] = [];
  // Paragraphs being read, innermost last; a text box's paragraphs sit inside another's run.
  const paragraphs: string[] = [];
  const path: (string | null)[] = [];
  let skip = 0;
  let inText = false;

  const parentIs = (local: string) => path[path.length - 2] === local;
  const skipping = (name: string, local: string | null) =>
    local === "txbxContent" || local === "del" || local === "moveFrom" || names.isFallback(name);
  const append = (s: string) => {
    if (skip === 0 && paragraphs.length) paragraphs[paragraphs.length - 1] += s;
  };

  parser.on("opentag", (tag) => {
    if (root) {
      names.learn(tag);
      root = false;
    }
    const local = names.word(tag.name);
    path.push(local);
    // Text boxes float outside the flow; a Fallback repeats its Choice; deleted and moved-away
    // text is not shown.
    if (skipping(tag.name, local)) {
      skip++;
      return;
    }
    if (local === null || skip) return;
    const t = tables[tables.length - 1];
    switch (local) {
      case "p":
        paragraphs.push("");
        break;
      case "t":
        inText = true;
        break;
      case "tab":
        if (parentIs("r")) append("\t");
        break;
      case "br":
      case "cr":
        if (parentIs("r") && names.attr(tag, "type") !== "page" && names.attr(tag, "type") !== "column") append("\n");
        break;
      case "noBreakHyphen":
        append("-");
        break;
      case "tbl":
        tables.push({ rows: [], gridCols: 0, row: null, cell: null });
        break;
      case "gridCol":
        if (t) t.gridCols++;
        break;
      case "tr":
        if (t) t.row = { before: 0, cells: [] };
        break;
      case "gridBefore":
        if (t?.row) t.row.before = names.intAttr(tag, GRID_LIMITS.cols);
        break;
      case "tc":
        if (t) t.cell = { paragraphs: [], span: 1, vMerge: null, hMerge: null };
        break;
      case "gridSpan":
        if (t?.cell) t.cell.span = Math.max(1, names.intAttr(tag, GRID_LIMITS.cols));
        break;
      case "vMerge":
        if (t?.cell) t.cell.vMerge = names.attr(tag, "val") === "restart" ? "restart" : "continue";
        break;
      case "hMerge":
        if (t?.cell) t.cell.hMerge = names.attr(tag, "val") === "restart" ? "restart" : "continue";
        break;
    }
  });

  parser.on("text", (text) => {
    if (inText) append(text);
  });

  parser.on("closetag", (tag) => {
    const local = path.pop() ?? null;
    if (skipping(tag.name, local)) {
      skip--;
      return;
    }
    if (local === null || skip) return;
    const t = tables[tables.length - 1];
    switch (local) {
      case "t":
        inText = false;
        break;
      case "p": {
        const text = paragraphs.pop() ?? "";
        if (paragraphs.length) break;
        if (t?.cell) t.cell.paragraphs.push(text);
        else if (!t) blocks.push({ kind: "paragraph", text });
        break;
      }
      case "tc":
        if (t?.row && t.cell) t.row.cells.push(t.cell);
        if (t) t.cell = null;
        break;
      case "tr":
        if (t?.row) t.rows.push(t.row);
        if (t) t.row = null;
        break;
      case "tbl": {
        const done = tables.pop()!;
        const outer = tables[tables.length - 1];
        if (outer?.cell) outer.cell.paragraphs.push(...nestedTableText(done));
        else if (!outer) {
          blocks.push({ kind: "table", index: built.length });
          built.push(done);
        }
        break;
      }
    }
  });

  try {
    parser.write(xml).close();
  } catch {
    throw new ReadError("corrupt-docx", { what: "正文的 XML 格式错误" });
  }

  const grids: Grid[] = [];
  const notes: string[] = [];
  const used = new Set<string>();
  let since: string[] = [];
  for (const block of blocks) {
    if (block.kind === "paragraph") {
      since.push(block.text);
      continue;
    }
    const n = block.index + 1;
    const caption = captionOf(since);
    const name = caption && !used.has(caption) ? caption : caption ? `${caption}（表${n}）` : `表${n}`;
    used.add(name);
    const g = tableToGrid(built[block.index], name);
    grids.push(g.grid);
    if (g.note) notes.push(g.note);
    since = [];
  }
  return { grids, blocks, notes };
}

/** Reads a .docx already opened as a zip package. */
export async function readDocx(pkg: ZipPackage): Promise<DocxDocument> {
  const main = pkg.main && pkg.main.startsWith("word/") ? pkg.main : "word/document.xml";
  const xml = await pkg.text(main);
  if (xml === null) throw new ReadError("corrupt-docx", { what: `缺少正文 ${main}` });
  return parseDocumentXml(xml);
}
