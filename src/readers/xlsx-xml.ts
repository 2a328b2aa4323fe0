/**
 * One SpreadsheetML part streamed through saxes: no DOM, prefixes dropped (some writers spell
 * `<x:c>`), and a DOCTYPE refused outright, since a workbook never needs one and entity
 * declarations are how a small file expands into gigabytes.
 */
import { SaxesParser, SaxesTagPlain } from "saxes";
import { ReadError } from "./read-error";

export interface XmlHandlers {
  open(name: string, tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** A name without its namespace prefix (`x:c` → `c`, `r:id` → `id`). */
export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by its local name, whatever prefix the writer gave it. */
export function attr(tag: SaxesTagPlain, local: string): string | undefined {
  const a = tag.attributes;
  const v = a[local];
  if (v !== undefined) return v;
  // Rarely needed (`r:id`), and called for every cell: only names ending in `:local` are looked at.
  const at = -local.length - 1;
  for (const name in a) if (name.length > local.length && name.charCodeAt(name.length + at) === 58 && name.endsWith(local) && !name.startsWith("xmlns")) return a[name];
  return undefined;
}

/** Parses a part; `what` names it in the Chinese message when it is not well-formed XML. */
export function parseXmlPart(xml: string, what: string, h: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on("doctype", () => {
    throw new ReadError("corrupt-xlsx", { what: `${what}中含有不允许的文档类型声明` });
  });
  parser.on("opentag", (tag) => h.open(localName(tag.name), tag as SaxesTagPlain));
  if (h.close) {
    const close = h.close;
    parser.on("closetag", (tag) => close(localName(tag.name)));
  }
  if (h.text) {
    parser.on("text", h.text);
    parser.on("cdata", h.text);
  }
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError("corrupt-xlsx", { what: `${what}的 XML 格式错误` });
  }
}
