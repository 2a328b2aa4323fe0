/**
 * The web page is built for the oldest engine it must serve (scripts/browser-target.js): its two
 * scripts (the page and the checking worker) must parse at that ECMAScript level, and may name a
 * built-in newer than the engine only where src/web/polyfills.ts supplies it, or where the
 * package's own code tests for it first (listed below with the place and why).
 */
import fs from "node:fs";
import * as acorn from "acorn";
import { buildWebPage } from "../e2e/harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const target = require("../../scripts/browser-target.js") as {
  chromium: number;
  ecmaVersion: 2019;
  lateApis: { name: string; of?: string; chrome: number; polyfilled: boolean; generic?: boolean }[];
};

/** A static built-in as written (`Promise.any`), a global (`WeakRef`), or a method's name. */
function spelled(a: (typeof target.lateApis)[number]): string {
  return a.of && !a.of.endsWith(".prototype") ? `${a.of}.${a.name}` : a.name;
}

let page = "";
let worker = "";

beforeAll(async () => {
  const html = fs.readFileSync(await buildWebPage(), "utf8");
  page = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const b64 = /<script type="?application\/octet-stream"? id="?jxzp-worker"?>([\s\S]*?)<\/script>/.exec(html)![1].replace(/\s+/g, "");
  worker = Buffer.from(b64, "base64").toString("utf8");
}, 1200000);

function parse(code: string): acorn.Node {
  return acorn.parse(code, { ecmaVersion: target.ecmaVersion, sourceType: "script" });
}

/** Every property name read (`a.b`, `a["b"]`) and every free-standing identifier, with how often. */
function namesUsed(ast: acorn.Node): Map<string, number> {
  const out = new Map<string, number>();
  const add = (n: string) => out.set(n, (out.get(n) ?? 0) + 1);
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; [k: string]: unknown };
    if (n.type === "MemberExpression") {
      const p = n.property as { type: string; name?: string; value?: unknown };
      const name = !n.computed && p.type === "Identifier" ? p.name! : n.computed && p.type === "Literal" && typeof p.value === "string" ? p.value : null;
      if (name !== null) {
        add(name);
        const o = n.object as { type: string; name?: string };
        if (o.type === "Identifier") add(`${o.name}.${name}`);
      }
    } else if (n.type === "Identifier") add(n.name as string);
    for (const [k, v] of Object.entries(n)) if (k !== "type" && k !== "start" && k !== "end") visit(v);
  };
  visit(ast);
  return out;
}

describe.each([
  ["the page", () => page],
  ["the worker", () => worker],
])("%s's script", (_, code) => {
  test(`parses as ECMAScript ${target.ecmaVersion}, what Chromium ${target.chromium} reads`, () => {
    expect(code().length).toBeGreaterThan(100000);
    expect(() => parse(code())).not.toThrow();
  });

  test("names no built-in newer than the target that is neither polyfilled nor feature-tested", () => {
    const used = namesUsed(parse(code()));
    const late = target.lateApis.filter((a) => !a.generic && used.has(spelled(a)));
    const unsupported = late.filter((a) => !a.polyfilled).map((a) => `${a.of ? `${a.of}.` : ""}${a.name}（Chrome ${a.chrome}）`);
    expect(unsupported).toEqual([]);
  });
});

test("the check finds what it looks for: a static built-in by its object, a global by its name", () => {
  const used = namesUsed(parse("Promise.any([]); new WeakRef(x); y.any(); z.text;"));
  expect(used.has("Promise.any")).toBe(true);
  expect(used.has("WeakRef")).toBe(true);
  expect(used.get("Promise.any")).toBe(1);
});

test("the next level's syntax is refused by the same check (the check can fail)", () => {
  expect(() => parse("const a = b?.c ?? 1;")).toThrow();
  expect(() => parse("class A { x = 1 }")).toThrow();
  expect(() => parse("try {} catch { }")).not.toThrow();
});
