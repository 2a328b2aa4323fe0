import { functionCalls, jxzpFunctionName, renameCalls } from "../scoring/formula/calls";
import { ZH_CN, type FunctionId } from "./names";

/**
 * Which names Excel gives the JXZP functions, and the formulas the add-in writes in those names.
 *
 * manifest.xml points Functions.Metadata.Url at functions.zh-CN.json by default (DefaultLocale
 * zh-CN) with one override, en-US → functions.json: one override per language and none for the
 * default locale (docs: develop/localization.md "Control localization from the manifest";
 * excel/custom-functions-naming.md "Localize custom functions"). The docs match an override by
 * its locale tag and advise one override per area (de-de, de-at), so an Excel whose display
 * language is exactly en-US loads the English names (equal to the ids); every other Excel loads
 * the Chinese ones. test/build checks this table against the built manifest.
 *
 * A formula written through Range.formulas with the ids shows #NAME? once Excel's display
 * language is not English (OfficeDev/office-js #891, #6614): in an Excel that loaded the Chinese
 * names, the add-in writes them through Range.formulasLocal instead ("in the user's language").
 */
export type MetadataLocale = "zh-CN" | "en-US";

/** The manifest's DefaultLocale, whose metadata file is the DefaultValue (functions.zh-CN.json). */
export const DEFAULT_METADATA_LOCALE: MetadataLocale = "zh-CN";

/** The locales with a bt:Override for Functions.Metadata.Url, and the file each loads. */
export const METADATA_OVERRIDES: Record<string, { locale: MetadataLocale; file: string }> = {
  "en-us": { locale: "en-US", file: "functions.json" },
};

export const METADATA_FILE: Record<MetadataLocale, string> = { "zh-CN": "functions.zh-CN.json", "en-US": "functions.json" };

export const FUNCTION_IDS = Object.keys(ZH_CN) as FunctionId[];

/** The metadata Excel loads for a display language (`Office.context.displayLanguage`). */
export function metadataLocaleFor(displayLanguage: string | null | undefined): MetadataLocale {
  return METADATA_OVERRIDES[String(displayLanguage ?? "").toLowerCase()]?.locale ?? DEFAULT_METADATA_LOCALE;
}

/** A function's name in a locale's metadata: the Chinese name, or the id (functions.json uses the ids). */
export function functionName(id: FunctionId, locale: MetadataLocale): string {
  return locale === "zh-CN" ? ZH_CN[id].name : id;
}

const byName = new Map<string, FunctionId>();
for (const id of FUNCTION_IDS) {
  byName.set(id.toUpperCase(), id);
  byName.set(ZH_CN[id].name.toUpperCase(), id);
}

/** The id of a JXZP function named in either language, or null. */
export function functionId(name: string): FunctionId | null {
  return byName.get(name.toUpperCase()) ?? null;
}

/** The formula with every JXZP call named as in `locale`'s metadata (names it does not know are left as they are). */
export function localizeFormula(formula: string, locale: MetadataLocale): string {
  return renameCalls(formula, (name) => {
    const fn = jxzpFunctionName(name);
    if (fn === null) return null;
    const id = functionId(fn);
    return `JXZP.${id ? functionName(id, locale) : fn}`;
  });
}

/** The names of the JXZP calls in a formula, as written, outside text. */
export function jxzpCallNames(formula: string): string[] {
  return functionCalls(formula)
    .map(jxzpFunctionName)
    .filter((n): n is string => n !== null);
}
