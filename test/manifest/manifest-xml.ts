import { DOMParser } from "@xmldom/xmldom";
import * as fs from "fs";
import * as path from "path";

/** An element of the manifest as the tests walk it: local name, attributes, children. */
export interface Node {
  name: string;
  /** The xsi:type attribute, if any. */
  type: string | null;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

export const MANIFEST = path.join(__dirname, "..", "..", "manifest.xml");

/** Parses XML strictly: every warning, error or fatal error of the parser is collected. */
export function parseXml(text: string): { root: Node | null; problems: string[] } {
  const problems: string[] = [];
  const record = (level: string) => (msg: string) => problems.push(`${level}: ${msg}`);
  const doc = new DOMParser({
    errorHandler: { warning: record("warning"), error: record("error"), fatalError: record("fatal") },
  }).parseFromString(text, "text/xml");
  const el = doc?.documentElement;
  return { root: el ? toNode(el as unknown as Element) : null, problems };
}

function toNode(el: Element): Node {
  const attrs: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a) attrs[a.name] = a.value;
  }
  const children: Node[] = [];
  let text = "";
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) children.push(toNode(c as Element));
    else if (c.nodeType === 3) text += c.nodeValue ?? "";
  }
  return { name: el.localName ?? el.nodeName, type: attrs["xsi:type"] ?? null, attrs, children, text: text.trim() };
}

export function readManifest(file = MANIFEST): { root: Node; problems: string[]; text: string } {
  const text = fs.readFileSync(file, "utf8");
  const { root, problems } = parseXml(text);
  if (!root) throw new Error(`manifest did not parse: ${problems.join("; ")}`);
  return { root, problems, text };
}

export function* walk(n: Node, parents: Node[] = []): Generator<{ node: Node; parents: Node[] }> {
  yield { node: n, parents };
  for (const c of n.children) yield* walk(c, [...parents, n]);
}

export function find(n: Node, pathNames: string[]): Node[] {
  let level = [n];
  for (const p of pathNames) level = level.flatMap((x) => x.children.filter((c) => c.name === p));
  return level;
}
