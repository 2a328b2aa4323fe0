/**
 * npm run build:wps, as an administrator or a person would take it: the add-in folder WPS loads,
 * publish.xml and jsplugins.xml, the zip; every ribbon callback exists on main.js's `ribbon`;
 * the bundles parse at the one browser target and use nothing later than the WPS engine has;
 * nothing in them points at the network.
 */
import { DOMParser } from "@xmldom/xmldom";
import * as acorn from "acorn";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import JSZip from "jszip";
import { spawnSync } from "node:child_process";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require("../../package.json") as { version: string }).version;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const target = require("../../scripts/browser-target.js") as { ecmaVersion: number; lateApis: { name: string; of?: string; chrome: number; polyfilled: boolean }[] };

let tmp: string;
let built: { out: string; folder: string; zip: string };

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-wps-"));
  const out = path.join(tmp, "dist-wps");
  // As a person runs it, in its own process (babel-loader cannot load inside jest's module sandbox).
  const r = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "build-wps.js"), "--out", out], {
    encoding: "utf8",
    env: { ...process.env, JXZP_WPS_URL: `http://oa.example.gov.cn/addins/jxzp_${VERSION}` },
  });
  if (r.status !== 0) throw new Error(`build:wps 失败：${r.stderr}`);
  expect(r.stdout).toContain("已生成 WPS 加载项");
  built = { out, folder: path.join(out, `jxzp_${VERSION}`), zip: path.join(out, `jxzp-wps-${VERSION}.zip`) };
}, 300000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const xml = (file: string) => new DOMParser().parseFromString(fs.readFileSync(file, "utf8"), "text/xml");

test("the folder WPS loads: main.js, ribbon.xml, taskpane.html and its script, icons; no index.html (WPS makes its own)", () => {
  expect(path.basename(built.folder)).toBe(`jxzp_${VERSION}`);
  const files = fs.readdirSync(built.folder).sort();
  expect(files).toEqual(expect.arrayContaining(["main.js", "ribbon.xml", "taskpane.html", "taskpane.js", "images"]));
  expect(files).not.toContain("index.html");
  expect(fs.readdirSync(path.join(built.folder, "images"))).toContain("icon-32.png");
  const html = fs.readFileSync(path.join(built.folder, "taskpane.html"), "utf8");
  expect(html).toMatch(/<script[^>]+src="?taskpane\.js"?[ >]/);
});

test("publish.xml for one person's jsaddons folder and jsplugins.xml for an intranet name the add-in as an ET add-in", () => {
  const pub = xml(path.join(built.out, "publish.xml")).getElementsByTagName("jsplugin")[0];
  expect(pub.getAttribute("name")).toBe("jxzp");
  expect(pub.getAttribute("type")).toBe("et");
  expect(pub.getAttribute("url")).toBe(`jxzp_${VERSION}`);
  expect(pub.getAttribute("enable")).toBe("enable_dev");
  const online = xml(path.join(built.out, "jsplugins.xml")).getElementsByTagName("jspluginonline")[0];
  expect(online.getAttribute("type")).toBe("et");
  expect(online.getAttribute("url")).toBe(`http://oa.example.gov.cn/addins/jxzp_${VERSION}/`);
});

test("the zip holds both lists and the whole folder", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(built.zip));
  const names = Object.keys(zip.files);
  expect(names).toEqual(expect.arrayContaining(["publish.xml", "jsplugins.xml", `jxzp_${VERSION}/main.js`, `jxzp_${VERSION}/ribbon.xml`, `jxzp_${VERSION}/taskpane.js`]));
});

test("every callback ribbon.xml names exists on main.js's window.ribbon; the group is 绩效自评 with three buttons", () => {
  const doc = xml(path.join(built.folder, "ribbon.xml"));
  const group = doc.getElementsByTagName("group")[0];
  expect(group.getAttribute("label")).toBe("绩效自评");
  const buttons = Array.from({ length: doc.getElementsByTagName("button").length }, (_, i) => doc.getElementsByTagName("button")[i]);
  expect(buttons.map((b) => b.getAttribute("label"))).toEqual(["校验", "填写得分", "插入模板"]);
  const named = new Set<string>([doc.documentElement.getAttribute("onLoad")!]);
  for (const b of buttons) for (const a of ["onAction", "getImage", "getEnabled"]) named.add(b.getAttribute(a)!);
  // main.js in a page without WPS: it must load, define window.ribbon and fetch nothing.
  const window: Record<string, unknown> = { location: { href: "file:///jsaddons/jxzp/index.html" } };
  vm.runInNewContext(fs.readFileSync(path.join(built.folder, "main.js"), "utf8"), { window, self: window, globalThis: window });
  const ribbon = window.ribbon as Record<string, unknown>;
  for (const n of named) {
    expect(n).toMatch(/^ribbon\./);
    expect(typeof ribbon[n.slice("ribbon.".length)]).toBe("function");
  }
});

/**
 * The oldest engine WPS's add-in pages run on, as far as found: WPS 12.1 on Windows reports
 * `Chrome/104.0.5112.102 … WpsOfficeApp/12.1.0.15120` (and 12.1.0.16250) in its add-in pages'
 * User-Agent (public repositories' request headers and WPS add-in notes); for the Linux (信创)
 * builds no version was found, but Kingsoft's own wpsjs 2.2.3 templates build with Vite 5's
 * default target (chrome87, es2020) and load `<script type="module">`, which those builds must run.
 */
const WPS_ENGINE_FLOOR = 87;

test.each(["main.js", "taskpane.js"])("%s parses at the shared browser target's ECMAScript level and calls no built-in the WPS engine lacks", (file) => {
  const code = fs.readFileSync(path.join(built.folder, file), "utf8");
  expect(() => acorn.parse(code, { ecmaVersion: target.ecmaVersion as acorn.ecmaVersion, sourceType: "script" })).not.toThrow();
  // Built-ins the target lacks and no polyfill supplies (scripts/browser-target.js lateApis), called as methods or globals.
  for (const api of target.lateApis.filter((a) => !a.polyfilled && a.chrome > WPS_ENGINE_FLOOR)) {
    // A static method by its owner (Promise.any); a prototype method by its name where the name says it (a `.text(` is anyone's).
    if (api.of?.endsWith(".prototype") && api.name.length < 5) continue;
    const owner = api.of && !api.of.endsWith(".prototype") ? `${api.of.replace(/\./g, "\\.")}\\.` : api.of ? "\\." : "(^|[^.\\w$])";
    // tabster's own `findLast({ container })` takes an options object; the built-ins never do.
    const call = new RegExp(`${owner}${api.name}\\((?!\\{)`);
    if (call.test(code)) throw new Error(`${file} 调用了 ${api.of ? `${api.of}.` : ""}${api.name}（Chrome ${api.chrome} 才有，且没有垫片）`);
  }
  // Nothing fetched at run time.
  expect(code).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon/);
});
