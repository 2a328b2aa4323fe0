/**
 * Offline checks of the add-in manifest (npm run validate and test/manifest): what Microsoft's
 * documentation says a manifest must be, for the elements this manifest uses. The official XSD
 * files are not published in any package this project can install, so the schema's element order
 * and required children are transcribed here (docs: "How to find the proper order of manifest
 * elements"; [MS-OWEMXML]), with the localization rule of develop/localization.md and the HTTPS
 * rule of develop/add-in-manifests.md. Every problem is said in Chinese.
 */
const { DOMParser } = require("@xmldom/xmldom");

/**
 * Child element order as the add-in manifest schemas require it (the xs:sequence of each
 * complex type, extensions appended after their base), for the elements our manifest uses.
 * Keyed by parent local name and, where the type differs, by its xsi:type.
 */
const CHILD_ORDER = {
  "OfficeApp/TaskPaneApp": [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "Dictionary",
    "VersionOverrides",
    "ExtendedOverrides",
  ],
  Requirements: ["Sets", "Methods"],
  "VersionOverrides/VersionOverridesV1_0": ["Description", "Requirements", "Hosts", "Resources", "VersionOverrides", "WebApplicationInfo", "EquivalentAddins"],
  "Host/Workbook": ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  "ExtensionPoint/CustomFunctions": ["Script", "Page", "Metadata", "Namespace"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  "ExtensionPoint/PrimaryCommandSurface": ["OfficeTab", "CustomTab", "OfficeMenu"],
  Group: ["Label", "Icon", "Control"],
  "Control/Button": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action/ShowTaskpane": ["TaskpaneId", "SourceLocation", "Title"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

/** Children the schema requires (minOccurs ≥ 1) under the same keys. */
const REQUIRED_CHILDREN = {
  "OfficeApp/TaskPaneApp": ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"],
  "ExtensionPoint/CustomFunctions": ["Script", "Page", "Metadata", "Namespace"],
  "Control/Button": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action/ShowTaskpane": ["SourceLocation"],
  Group: ["Label", "Control"],
};

function toNode(el) {
  const attrs = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a) attrs[a.name] = a.value;
  }
  const children = [];
  let text = "";
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) children.push(toNode(c));
    else if (c.nodeType === 3) text += c.nodeValue || "";
  }
  return { name: el.localName || el.nodeName, type: attrs["xsi:type"] || null, attrs, children, text: text.trim() };
}

function* walk(node, parents = []) {
  yield { node, parents };
  for (const c of node.children) yield* walk(c, [...parents, node]);
}

const keyOf = (n) => (n.type ? `${n.name}/${n.type}` : n.name);
const rule = (table, n) => table[keyOf(n)] || table[n.name];

/** Every problem of a manifest's text, in Chinese; an empty list when it passes. */
function checkManifest(text) {
  const problems = [];
  const record = (msg) => problems.push(`XML 格式错误：${String(msg).split("\n")[0]}`);
  const doc = new DOMParser({ errorHandler: { warning: record, error: record, fatalError: record } }).parseFromString(text, "text/xml");
  const el = doc && doc.documentElement;
  if (!el || problems.length) return problems.length ? problems : ["XML 格式错误：没有根元素。"];
  const root = toNode(el);
  if (root.name !== "OfficeApp") problems.push(`根元素应为 OfficeApp，实为 ${root.name}。`);
  for (const { node } of walk(root)) {
    const order = rule(CHILD_ORDER, node);
    if (order) {
      let last = -1;
      for (const c of node.children) {
        const i = order.indexOf(c.name);
        if (i < 0) problems.push(`<${keyOf(node)}> 中不允许 <${c.name}>。`);
        else if (i < last) problems.push(`<${keyOf(node)}> 中 <${c.name}> 应在 <${order[last]}> 之前。`);
        last = Math.max(last, i);
      }
    }
    for (const r of rule(REQUIRED_CHILDREN, node) || []) if (!node.children.some((c) => c.name === r)) problems.push(`<${keyOf(node)}> 缺少必需的 <${r}>。`);
  }
  // localization.md: one override per language, none for the default locale.
  const def = (root.children.find((c) => c.name === "DefaultLocale") || { text: "" }).text.toLowerCase();
  for (const { node } of walk(root)) {
    const locales = node.children.filter((c) => c.name === "Override").map((c) => (c.attrs.Locale || "").toLowerCase());
    const label = node.attrs.id || node.name;
    for (const l of new Set(locales.filter((x, i) => locales.indexOf(x) !== i))) problems.push(`${label} 对语言 ${l} 有多个 Override（每种语言只能有一个）。`);
    if (def && locales.includes(def)) problems.push(`${label} 有默认语言 ${def} 的 Override（默认语言不能再覆盖）。`);
  }
  // Every resid names a resource.
  const res = root.children.find((c) => c.name === "VersionOverrides");
  const ids = new Set();
  if (res) for (const { node, parents } of walk(res)) if (parents.some((p) => p.name === "Resources") && node.attrs.id) ids.add(node.attrs.id);
  if (res) for (const { node } of walk(res)) if (node.attrs.resid && !ids.has(node.attrs.resid)) problems.push(`resid“${node.attrs.resid}”没有对应的资源。`);
  // add-in-manifests.md: every URL of the add-in's code and content is HTTPS.
  for (const m of text.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)) if (!m[1].startsWith("https://")) problems.push(`网址 ${m[1]} 不是 HTTPS。`);
  return problems;
}

module.exports = { CHILD_ORDER, REQUIRED_CHILDREN, checkManifest };
