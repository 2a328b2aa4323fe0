import * as fs from "fs";
import * as path from "path";
import { CHILD_ORDER, REQUIRED_CHILDREN } from "./schema-order";
import { find, parseXml, readManifest, walk, type Node } from "./manifest-xml";

const { root, problems, text } = readManifest();
const ROOT_DIR = path.join(__dirname, "..", "..");

const keyOf = (n: Node) => (n.type ? `${n.name}/${n.type}` : n.name);
const rule = <T>(table: Record<string, T>, n: Node): T | undefined => table[keyOf(n)] ?? table[n.name];

/** Violations of the schema's child order in a tree: `parent: child after later`. */
function orderViolations(top: Node): string[] {
  const out: string[] = [];
  for (const { node } of walk(top)) {
    const order = rule(CHILD_ORDER, node);
    if (!order) continue;
    let last = -1;
    for (const c of node.children) {
      const i = order.indexOf(c.name);
      if (i < 0) out.push(`${keyOf(node)}: <${c.name}> is not a child the schema allows`);
      else if (i < last) out.push(`${keyOf(node)}: <${c.name}> must come before <${order[last]}>`);
      last = Math.max(last, i);
    }
    for (const r of rule(REQUIRED_CHILDREN, node) ?? [])
      if (!node.children.some((c) => c.name === r)) out.push(`${keyOf(node)}: <${r}> is required`);
  }
  return out;
}

/** Every resource id by kind, from <Resources>. */
function resources(top: Node): Record<"Images" | "Urls" | "ShortStrings" | "LongStrings", Map<string, Node>> {
  const res = find(top, ["VersionOverrides", "Resources"])[0];
  const group = (name: string) => new Map((res?.children.find((c) => c.name === name)?.children ?? []).map((c) => [c.attrs.id, c] as const));
  return { Images: group("Images"), Urls: group("Urls"), ShortStrings: group("ShortStrings"), LongStrings: group("LongStrings") };
}

/** Which resource kind a resid must name, by the element that refers to it. */
function kindFor(node: Node, parent: Node | undefined): keyof ReturnType<typeof resources> {
  if (node.name === "Image") return "Images";
  if (node.name === "SourceLocation" || node.name === "Runtime" || node.name === "FunctionFile" || node.name === "LearnMoreUrl") return "Urls";
  if (node.name === "Description" && parent?.name === "Supertip") return "LongStrings";
  if (node.name === "Description" && parent?.name === "GetStarted") return "LongStrings";
  return "ShortStrings";
}

describe("manifest.xml is well-formed", () => {
  test("the strict parser reports nothing", () => {
    expect(problems).toEqual([]);
    expect(root.name).toBe("OfficeApp");
    expect(root.type).toBe("TaskPaneApp");
  });

  test("the check can fail: a broken copy is reported", () => {
    expect(parseXml(text.replace("</Permissions>", "</Permission>")).problems.length).toBeGreaterThan(0);
    expect(parseXml(text.replace('DefaultValue="JXZP"', "DefaultValue=JXZP")).problems.length).toBeGreaterThan(0);
  });
});

describe("element order is the schema's", () => {
  test("OfficeApp, VersionOverrides and their parts", () => {
    expect(orderViolations(root)).toEqual([]);
  });

  test("the order check catches a swapped pair", () => {
    const id = /<Id>[^<]*<\/Id>/.exec(text)?.[0] ?? "";
    const version = /<Version>[^<]*<\/Version>/.exec(text)?.[0] ?? "";
    const swapped = parseXml(text.replace(id, "§").replace(version, id).replace("§", version));
    expect(orderViolations(swapped.root as Node)).toContain("OfficeApp/TaskPaneApp: <Id> must come before <Version>");
    const noRuntimes = text.replace(/<Runtimes>[\s\S]*?<\/Runtimes>/, "").replace("</AllFormFactors>", "</AllFormFactors><Runtimes><Runtime resid=\"Taskpane.Url\" lifetime=\"long\"/></Runtimes>");
    expect(orderViolations(parseXml(noRuntimes).root as Node)).toContain("Host/Workbook: <Runtimes> must come before <AllFormFactors>");
  });
});

describe("resource ids", () => {
  const res = resources(root);

  test("every resid referenced is defined, of the right kind, and at most 32 characters", () => {
    const refs: string[] = [];
    for (const { node, parents } of walk(root)) {
      const id = node.attrs.resid;
      if (id === undefined) continue;
      refs.push(id);
      const kind = kindFor(node, parents[parents.length - 1]);
      expect([id, kind, res[kind].has(id)]).toEqual([id, kind, true]);
      expect(id.length).toBeLessThanOrEqual(32);
    }
    expect(refs.length).toBeGreaterThan(10);
    const defined = [...res.Images.keys(), ...res.Urls.keys(), ...res.ShortStrings.keys(), ...res.LongStrings.keys()];
    for (const id of defined) expect([id, refs.includes(id)]).toEqual([id, true]);
    for (const id of defined) expect(id.length).toBeLessThanOrEqual(32);
  });

  test("the shared runtime: Runtime, Page, FunctionFile and the pane use one resid, the pane's URL", () => {
    const host = find(root, ["VersionOverrides", "Hosts", "Host"])[0];
    const runtime = find(host, ["Runtimes", "Runtime"]);
    expect(runtime).toHaveLength(1);
    expect(runtime[0].attrs.lifetime).toBe("long");
    const page = find(host, ["AllFormFactors", "ExtensionPoint", "Page", "SourceLocation"])[0];
    const functionFile = find(host, ["DesktopFormFactor", "FunctionFile"])[0];
    const actions = [...walk(host)].map((w) => w.node).filter((n) => n.name === "Action" && n.type === "ShowTaskpane");
    expect(actions.length).toBeGreaterThan(0);
    const ids = [runtime[0].attrs.resid, page.attrs.resid, functionFile.attrs.resid, ...actions.map((a) => find(a, ["SourceLocation"])[0].attrs.resid)];
    expect(new Set(ids).size).toBe(1);
    const url = res.Urls.get(ids[0])?.attrs.DefaultValue;
    expect(url).toBe(find(root, ["DefaultSettings", "SourceLocation"])[0].attrs.DefaultValue);
    expect(url).toBe("https://localhost:3000/taskpane.html");
  });
});

describe("what the add-in declares", () => {
  test("every Excel installs it (ExcelApi 1.1); the shared runtime and the functions are asked for inside VersionOverrides; zh-CN by default", () => {
    // specify-office-hosts-and-api-requirements.md: a set in the base <Requirements> hides the add-in
    // where it is missing; inside <VersionOverrides> only the overrides (<Hosts>) are dropped there.
    const base = root.children.find((c) => c.name === "Requirements") as Node;
    expect(find(base, ["Sets", "Set"]).map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`)).toEqual(["ExcelApi 1.1"]);
    const vo = find(root, ["VersionOverrides", "Requirements", "Sets", "Set"]).map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`);
    expect(vo).toEqual(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.3"]);
    expect(find(root, ["Permissions"])[0].text).toBe("ReadWriteDocument");
    expect(find(root, ["DefaultLocale"])[0].text).toBe("zh-CN");
    expect(find(root, ["Hosts", "Host"]).map((h) => h.attrs.Name)).toEqual(["Workbook"]);
  });

  test("localization.md: at most one override per language, and none for the default locale", () => {
    const defaultLocale = find(root, ["DefaultLocale"])[0].text.toLowerCase();
    const localized = [...walk(root)].map((w) => w.node).filter((n) => n.children.some((c) => c.name === "Override"));
    expect(localized.length).toBeGreaterThan(5);
    for (const n of localized) {
      const locales = n.children.filter((c) => c.name === "Override").map((c) => c.attrs.Locale.toLowerCase());
      const label = n.attrs.id ?? n.name;
      expect([label, locales.filter((l, i) => locales.indexOf(l) !== i)]).toEqual([label, []]);
      expect([label, locales.includes(defaultLocale)]).toEqual([label, false]);
    }
  });

  test("every Chinese string has an en-US override; the namespace is JXZP in every language", () => {
    const localized = [...find(root, ["DisplayName"]), ...find(root, ["Description"]), ...resources(root).ShortStrings.values(), ...resources(root).LongStrings.values()];
    for (const n of localized) {
      if (!/[\u4e00-\u9fff]/.test(n.attrs.DefaultValue)) continue;
      const en = n.children.find((c) => c.name === "Override" && c.attrs.Locale === "en-US");
      expect([n.attrs.id ?? n.name, en?.attrs.Value ?? null]).toEqual([n.attrs.id ?? n.name, expect.stringMatching(/^[\x20-\x7e]+$/)]);
    }
    expect(resources(root).ShortStrings.get("Functions.Namespace")?.attrs.DefaultValue).toBe("JXZP");
  });

  test("custom functions metadata: Chinese names by default (functions.zh-CN.json), functions.json for en-US only", () => {
    const meta = find(root, ["VersionOverrides", "Hosts", "Host", "AllFormFactors", "ExtensionPoint", "Metadata", "SourceLocation"])[0];
    const url = resources(root).Urls.get(meta.attrs.resid);
    expect(url?.attrs.DefaultValue).toBe("https://localhost:3000/functions.zh-CN.json");
    const overrides = url?.children.filter((c) => c.name === "Override");
    expect(overrides?.map((o) => [o.attrs.Locale, o.attrs.Value])).toEqual([["en-US", "https://localhost:3000/functions.json"]]);
  });

  test("a 绩效自评 group on the Home tab with a button that opens the pane", () => {
    const tab = [...walk(root)].map((w) => w.node).find((n) => n.name === "OfficeTab");
    expect(tab?.attrs.id).toBe("TabHome");
    const group = tab?.children.find((c) => c.name === "Group");
    const label = resources(root).ShortStrings.get(find(group as Node, ["Label"])[0].attrs.resid);
    expect(label?.attrs.DefaultValue).toBe("绩效自评");
    const button = find(group as Node, ["Control"]).find((c) => c.type === "Button");
    expect(find(button as Node, ["Action"])[0].type).toBe("ShowTaskpane");
  });

  test("every URL is under https://localhost:3000/ (the build rewrites it) and every icon exists as a PNG of its size", () => {
    const urls = [...text.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith("https://localhost:3000/")).toBe(true);
    for (const img of [...resources(root).Images.values(), ...find(root, ["IconUrl"]), ...find(root, ["HighResolutionIconUrl"])]) {
      const rel = img.attrs.DefaultValue.replace("https://localhost:3000/", "");
      const png = fs.readFileSync(path.join(ROOT_DIR, rel));
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      const size = Number(/icon-(\d+)\.png$/.exec(rel)?.[1]);
      expect([rel, png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([rel, size, size]);
      if (img.attrs.size) expect(Number(img.attrs.size)).toBe(size);
    }
  });
});
