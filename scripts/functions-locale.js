/**
 * functions.zh-CN.json is derived from functions.json (generated from the JSDoc of
 * src/functions/functions.ts) by id: same ids, same parameters in the same order, with the
 * Chinese names and descriptions of src/functions/names.zh-CN.json. Nothing else is kept by
 * hand, so the two files cannot drift; a function or parameter missing from either side
 * fails the build with a message naming it.
 */
const fs = require("fs");
const path = require("path");

const TABLE = path.join(__dirname, "..", "src", "functions", "names.zh-CN.json");

function readTable(file = TABLE) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The zh-CN metadata for English metadata; throws an Error listing every mismatch. */
function localizeMetadata(metadata, table) {
  const problems = [];
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(table)) if (!ids.has(id)) problems.push(`对照表中的函数 ${id} 不在 functions.json 中`);
  const functions = metadata.functions.map((f) => {
    const zh = table[f.id];
    if (!zh) {
      problems.push(`函数 ${f.id} 在对照表 names.zh-CN.json 中没有中文名`);
      return f;
    }
    const names = new Set(f.parameters.map((p) => p.name));
    for (const p of Object.keys(zh.parameters)) if (!names.has(p)) problems.push(`对照表中 ${f.id} 的参数 ${p} 不在 functions.json 中`);
    const parameters = f.parameters.map((p) => {
      const zp = zh.parameters[p.name];
      if (!zp) {
        problems.push(`函数 ${f.id} 的参数 ${p.name} 在对照表中没有中文名`);
        return p;
      }
      return { ...p, name: zp.name, description: zp.description };
    });
    return { ...f, name: zh.name, description: zh.description, parameters };
  });
  if (problems.length) throw new Error(`生成 functions.zh-CN.json 失败：\n  ${problems.join("\n  ")}`);
  return { ...metadata, functions };
}

/** Webpack plugin: after functions.json is emitted, emits its zh-CN twin beside it. */
class FunctionsLocalePlugin {
  constructor(options = {}) {
    this.source = options.source ?? "functions.json";
    this.output = options.output ?? "functions.zh-CN.json";
    this.table = options.table ?? TABLE;
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsLocalePlugin", (compilation) => {
      compilation.fileDependencies.add(this.table);
      compilation.hooks.processAssets.tap({ name: "FunctionsLocalePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset(this.source);
        if (!asset) {
          compilation.errors.push(new WebpackError(`找不到 ${this.source}，无法生成 ${this.output}（自定义函数元数据未生成）`));
          return;
        }
        try {
          const zh = localizeMetadata(JSON.parse(asset.source.source().toString()), readTable(this.table));
          compilation.emitAsset(this.output, new sources.RawSource(`${JSON.stringify(zh, null, 4)}\n`));
        } catch (e) {
          compilation.errors.push(new WebpackError(e instanceof Error ? e.message : String(e)));
        }
      });
    });
  }
}

module.exports = { localizeMetadata, readTable, FunctionsLocalePlugin, TABLE };
