import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { DOMParser } from "@xmldom/xmldom";
import type webpack from "webpack";
import { buildFunctionsOnly, productionConfig, ROOT } from "./build-functions";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateSheet } from "../../src/scoring/evaluate";
import { planFill } from "../../src/scoring/fill/fill";
import { buildTemplate } from "../../src/scoring/templates";
import { TEMPLATE_KINDS } from "../../src/scoring/templates/definitions";
import { PROFILES } from "../../src/scoring/rules/profiles";
import { DEFAULT_METADATA_LOCALE, jxzpCallNames, METADATA_FILE, METADATA_OVERRIDES, metadataLocaleFor } from "../../src/functions/metadata-locale";
import { formulaChannel, formulaFor } from "../../src/taskpane/host/formula-channel";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localizeMetadata, readTable } = require("../../scripts/functions-locale.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addinUrl } = require("../../scripts/addin-url.js");

/** The function table of issue 3: ids never change; zh-CN names as the table gives them. */
const ISSUE_TABLE: Record<string, { zh: string; params: number; optional: number }> = {
  EXECRATE: { zh: "执行率", params: 2, optional: 0 },
  EXECSCORE: { zh: "执行率得分", params: 3, optional: 0 },
  SCORE: { zh: "指标得分", params: 5, optional: 2 },
  COMPLETION: { zh: "完成率", params: 3, optional: 1 },
  GRADE: { zh: "评定等级", params: 2, optional: 1 },
  READVALUE: { zh: "读取数值", params: 1, optional: 0 },
};

interface Metadata {
  functions: { id: string; name: string; description: string; parameters: { name: string; description: string; type: string; optional?: boolean }[] }[];
}

const URL_BASE = "https://example.org/jxzp/";
let dir = "";
let stats: webpack.Stats;
let en: Metadata;
let zh: Metadata;

beforeAll(async () => {
  ({ dir, stats } = await buildFunctionsOnly(URL_BASE));
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Metadata;
  en = read("functions.json");
  zh = read("functions.zh-CN.json");
}, 60000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the production build of the functions", () => {
  test("compiles without errors", () => {
    expect(stats.compilation.errors.map(String)).toEqual([]);
  });

  test("functions.json and functions.zh-CN.json: every function, ids equal, parameters alike", () => {
    expect(en.functions.map((f) => f.id)).toEqual(Object.keys(ISSUE_TABLE));
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    for (const [i, f] of en.functions.entries()) {
      const z = zh.functions[i];
      const spec = ISSUE_TABLE[f.id];
      expect([f.id, f.name]).toEqual([f.id, f.id]);
      expect([f.id, z.name]).toEqual([f.id, spec.zh]);
      expect([f.id, f.parameters.length, z.parameters.length]).toEqual([f.id, spec.params, spec.params]);
      expect(f.parameters.filter((p) => p.optional).length).toBe(spec.optional);
      expect(z.parameters.map((p) => [p.type, Boolean(p.optional)])).toEqual(f.parameters.map((p) => [p.type, Boolean(p.optional)]));
      for (const p of z.parameters) expect([f.id, p.name, p.description]).toEqual([f.id, expect.stringMatching(/^[\u4e00-\u9fff]+$/), expect.stringMatching(/[\u4e00-\u9fff]/)]);
      expect(z.description).toMatch(/[\u4e00-\u9fff]/);
      expect(f.description).toMatch(/^[\u4e00-\u9fff]/); // Chinese first, English after
    }
  });

  test("zh-CN argument names are the issue's; optional arguments list their choices", () => {
    const params = (id: string) => zh.functions.find((f) => f.id === id)?.parameters ?? [];
    expect(params("EXECRATE").map((p) => p.name)).toEqual(["预算数", "执行数"]);
    expect(params("EXECSCORE").map((p) => p.name)).toEqual(["分值", "预算数", "执行数"]);
    expect(params("SCORE").map((p) => p.name)).toEqual(["分值", "年度指标值", "实际完成值", "方向", "反向口径"]);
    expect(params("COMPLETION").map((p) => p.name)).toEqual(["年度指标值", "实际完成值", "方向"]);
    expect(params("GRADE").map((p) => p.name)).toEqual(["总分", "等级方案"]);
    expect(params("READVALUE").map((p) => p.name)).toEqual(["文本"]);
    expect(params("SCORE")[3].description).toContain("正向 / 反向 / 定性");
    expect(params("SCORE")[4].description).toMatch(/比例.*偏离/);
    expect(params("GRADE")[1].description).toMatch(/标准.*好较好一般差/);
  });

  test("names and ids follow Excel's naming rules (custom-functions-naming: start with a letter, at least three characters)", () => {
    // docs/excel/custom-functions-naming.md: ids A–Z 0–9 _ . ; names any Unicode letters, _ and . ; both start with a letter, ≥ 3 characters.
    for (const f of en.functions) expect(f.id).toMatch(/^[A-Z][A-Z0-9._]{2,}$/);
    for (const m of [en, zh]) for (const f of m.functions) expect([f.id, f.name]).toEqual([f.id, expect.stringMatching(/^\p{L}[\p{L}\p{N}._]{2,}$/u)]);
    for (const f of zh.functions) expect([f.id, [...f.name].length >= 3]).toEqual([f.id, true]);
  });

  test("functions.js is minified, has no source map, associates once, and runs in Excel's runtime", () => {
    const code = fs.readFileSync(path.join(dir, "functions.js"), "utf8");
    expect(code).not.toMatch(/sourceMappingURL/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(code.split("\n").length).toBeLessThan(20);
    expect(code.match(/CustomFunctions\.associate\(/g)).toHaveLength(1);

    // Outside Excel (no CustomFunctions) the file loads without an error.
    expect(() => vm.runInNewContext(code, {})).not.toThrow();

    // With the runtime's globals it associates every id, and the functions answer.
    class CfError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    const registry: Record<string, (...a: unknown[]) => unknown> = {};
    const CustomFunctions = {
      Error: CfError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
      associate: (map: Record<string, (...a: unknown[]) => unknown>) => Object.assign(registry, map),
    };
    vm.runInNewContext(code, { CustomFunctions });
    expect(Object.keys(registry).sort()).toEqual(Object.keys(ISSUE_TABLE).sort());
    expect(registry.SCORE(12.9, 20400, "19745人")).toBe(12.49);
    expect(((registry.EXECRATE(2060, 2059.18) as number) * 100).toFixed(2)).toBe("99.96");
    const na = registry.SCORE(10, "显著提升", "市级优秀窗口单位") as CfError;
    expect([na.code, na.message]).toEqual(["#N/A", "需人工判定：达成 / 部分达成 / 未达成"]);
    expect((registry.EXECRATE(0, 1) as CfError).code).toBe("#VALUE!");
  });

  test("manifest.xml: every localhost URL rewritten to ADDIN_URL; icons copied", () => {
    const manifest = fs.readFileSync(path.join(dir, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    const urls = [...manifest.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(URL_BASE)).toBe(true);
    expect(manifest).toContain(`${URL_BASE}functions.zh-CN.json`);
    for (const size of [16, 32, 64, 80]) expect(fs.existsSync(path.join(dir, "assets", `icon-${size}.png`))).toBe(true);
  });
});

describe("the built manifest and metadata follow Microsoft's documented rules (issue 16)", () => {
  const manifest = () => fs.readFileSync(path.join(dir, "manifest.xml"), "utf8");
  /** Every element with <Override> children: its id (or name), and the override locales. */
  const overridden = (xml: string) => {
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const all = Array.from(doc.getElementsByTagName("*"));
    return all
      .filter((e) => Array.from(e.childNodes).some((c) => (c as Element).localName === "Override"))
      .map((e) => ({
        what: e.getAttribute("id") || e.localName,
        locales: Array.from(e.childNodes)
          .filter((c) => (c as Element).localName === "Override")
          .map((c) => ((c as Element).getAttribute("Locale") ?? "").toLowerCase()),
      }));
  };

  test("localization.md: one override per language, none for the default locale (DefaultLocale zh-CN)", () => {
    const xml = manifest();
    const def = /<DefaultLocale>([^<]+)<\/DefaultLocale>/.exec(xml)?.[1].toLowerCase();
    expect(def).toBe("zh-cn");
    const all = overridden(xml);
    expect(all.map((o) => o.what)).toEqual(expect.arrayContaining(["DisplayName", "Description", "Functions.Metadata.Url", "Group.Label", "OpenPane.Label", "OpenPane.Tooltip"]));
    for (const o of all) {
      expect([o.what, o.locales.length]).toEqual([o.what, new Set(o.locales).size]);
      expect([o.what, o.locales.includes(def!)]).toEqual([o.what, false]);
    }
  });

  test("Chinese Excel loads the Chinese names: the default metadata file is functions.zh-CN.json; the code's table agrees with the manifest", () => {
    const url = /<bt:Url id="Functions\.Metadata\.Url" DefaultValue="([^"]+)">([\s\S]*?)<\/bt:Url>/.exec(manifest())!;
    const file = (u: string) => u.replace(/^.*\//, "");
    expect(file(url[1])).toBe(METADATA_FILE[DEFAULT_METADATA_LOCALE]);
    const overrides = [...url[2].matchAll(/<bt:Override Locale="([^"]+)" Value="([^"]+)"/g)].map((m) => [m[1].toLowerCase(), file(m[2])]);
    expect(overrides).toEqual(Object.entries(METADATA_OVERRIDES).map(([l, o]) => [l, o.file]));
    expect([metadataLocaleFor("zh-CN"), metadataLocaleFor("zh-TW"), metadataLocaleFor("en-US"), metadataLocaleFor("de-DE")]).toEqual(["zh-CN", "zh-CN", "en-US", "zh-CN"]);
    // The files the manifest names are the ones the build wrote, with the names each promises.
    expect(zh.functions.map((f) => f.name)).toEqual(Object.values(readTable()).map((t) => (t as { name: string }).name));
    expect(en.functions.map((f) => f.name)).toEqual(en.functions.map((f) => f.id));
  });

  test("every JXZP formula the add-in writes names a function of the metadata Excel loaded for the locale it is written for", async () => {
    const formulas = new Set<string>(['=JXZP.READVALUE("1")']);
    for (const kind of TEMPLATE_KINDS)
      for (const profile of Object.keys(PROFILES)) {
        const b = buildTemplate(kind, { profile });
        for (const c of Object.values(b.cells)) if ("formula" in c) formulas.add(c.formula);
      }
    for (const f of fs.readdirSync(path.join(ROOT, "test", "fixtures")).filter((x) => x.endsWith(".xlsx"))) {
      for (const grid of await readWorkbookFile(path.join(ROOT, "test", "fixtures", f))) {
        for (const report of evaluateSheet(grid)) {
          if (report.kind === "unknown") continue;
          for (const w of planFill(grid, report, { overwrite: true }).writes) if (w.formula) formulas.add(w.formula);
        }
      }
    }
    const jxzp = [...formulas].filter((f) => /JXZP\./.test(f));
    expect(jxzp.length).toBeGreaterThan(20);
    const names = { "zh-CN": new Set(zh.functions.map((f) => f.name)), "en-US": new Set(en.functions.map((f) => f.name)) };
    for (const language of ["zh-CN", "en-US", "zh-TW"]) {
      const channel = formulaChannel(language, ".");
      expect(channel.kind).not.toBe("none");
      if (channel.kind === "none") continue;
      for (const f of jxzp) {
        const written = formulaFor(channel, f);
        for (const name of jxzpCallNames(written)) expect([language, written, names[channel.locale].has(name)]).toEqual([language, written, true]);
      }
    }
  });
});

describe("the pages", () => {
  test("taskpane.html carries the functions and the pane (shared runtime); preview.html only the preview", async () => {
    const config = await productionConfig(URL_BASE);
    const pages = (config.plugins ?? [])
      .filter((p) => p?.constructor?.name === "HtmlWebpackPlugin")
      .map((p) => (p as unknown as { userOptions: { filename: string; chunks: string[]; template: string } }).userOptions);
    expect(pages.map((p) => [p.filename, p.chunks])).toEqual([
      ["taskpane.html", ["functions", "taskpane"]],
      ["preview.html", ["preview"]],
    ]);
    expect(config.devtool).toBe(false);
    expect(config.mode).toBe("production");
    const entry = config.entry as Record<string, string>;
    expect(entry).toEqual({
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.tsx",
      preview: "./src/taskpane/preview/preview.tsx",
    });
    for (const p of pages) {
      const html = fs.readFileSync(path.join(ROOT, p.template), "utf8");
      const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
      // taskpane.html allows its one inline ES5 script by hash (test/e2e/old-webview.test.ts).
      expect(csp).toMatch(/script-src 'self'( https:\/\/appsforoffice\.microsoft\.com 'sha256-[A-Za-z0-9+/=]+')?;/);
      expect(csp).toContain("connect-src 'self'");
      const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      if (p.filename === "taskpane.html") expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
      else expect(scripts).toEqual([]);
    }
  });
});

describe("build helpers", () => {
  test("the zh-CN twin is refused when the table and the JSDoc disagree", () => {
    const table = readTable();
    const good = { functions: [{ id: "GRADE", name: "GRADE", description: "d", parameters: [{ name: "total", description: "t", type: "any" }, { name: "scheme", description: "s", type: "any", optional: true }] }] };
    const onlyGrade = { GRADE: table.GRADE };
    expect(localizeMetadata(good, onlyGrade).functions[0].parameters.map((p: { name: string }) => p.name)).toEqual(["总分", "等级方案"]);
    expect(() => localizeMetadata(good, table)).toThrow(/EXECRATE/);
    const renamed = { functions: [{ ...good.functions[0], parameters: [{ name: "sum", description: "", type: "any" }] }] };
    expect(() => localizeMetadata(renamed, onlyGrade)).toThrow(/sum/);
  });

  test("ADDIN_URL must be https; a trailing slash is added", () => {
    expect(addinUrl(undefined)).toBe("https://localhost:3000/");
    expect(addinUrl("https://example.org/jxzp")).toBe("https://example.org/jxzp/");
    expect(() => addinUrl("http://example.org/")).toThrow(/https/);
    expect(() => addinUrl("not a url")).toThrow(/ADDIN_URL/);
  });
});
