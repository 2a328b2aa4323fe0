import { localizeFormula, metadataLocaleFor, type MetadataLocale } from "../../functions/metadata-locale";

/**
 * How a JXZP formula reaches a cell in the Excel at hand, decided once per batch.
 *
 * - `invariant`: Range.formulas with the ids. Only where Excel loaded the English metadata
 *   (display language en-US), whose names are the ids: there #891 does not bite.
 * - `local`: Range.formulasLocal with the Chinese names, "in the user's language and
 *   number-formatting locale" (Excel.Range.formulasLocal, ExcelApi 1.1). The add-in's formulas
 *   keep English built-ins (IF, AND, SUM) and commas: true of Chinese and English Excel with a
 *   "." decimal separator, where built-in names are not translated and "," separates arguments.
 * - `none`: an Excel whose formula language the add-in does not know (German names, ";" as the
 *   separator): formulas are not written; the fill writes values and says why.
 *
 * Whatever the choice, the host reads the written cells back after calculation and falls back to
 * values on #NAME? (issue #891): the choice is a best guess, the read-back is the proof.
 */
export type FormulaChannel =
  | { kind: "invariant"; locale: "en-US" }
  | { kind: "local"; locale: MetadataLocale; language: string }
  | { kind: "none"; language: string; reason: string };

/** `decimalSeparator`: Excel's (Application.cultureInfo, ExcelApi 1.11), or null where it cannot say. */
export function formulaChannel(displayLanguage: string | null | undefined, decimalSeparator: string | null = null): FormulaChannel {
  const language = String(displayLanguage ?? "") || "未知";
  const locale = metadataLocaleFor(displayLanguage);
  if (locale === "en-US") return { kind: "invariant", locale };
  if (decimalSeparator !== null && decimalSeparator !== ".")
    return {
      kind: "none",
      language,
      reason: `此 Excel 的小数点是“${decimalSeparator}”，公式中的参数分隔符因此不是逗号，加载项无法按本机格式写入公式`,
    };
  if (!/^(zh|en)(-|$)/i.test(language))
    return { kind: "none", language, reason: `此 Excel 的显示语言是 ${language}，加载项只在中文和英文 Excel 中写入公式` };
  return { kind: "local", locale, language };
}

/** The formula as this channel writes it (the ids for `invariant`, the Chinese names for `local`). */
export function formulaFor(channel: FormulaChannel, formula: string): string {
  return channel.kind === "local" ? localizeFormula(formula, channel.locale) : formula;
}

/** The Range property a channel writes and reads formulas through. */
export function formulaProperty(channel: FormulaChannel): "formulas" | "formulasLocal" {
  return channel.kind === "local" ? "formulasLocal" : "formulas";
}

/** How a fill record names the representation its formulas were written and read in. */
export function channelTag(channel: FormulaChannel): string {
  return channel.kind === "local" ? `local:${channel.locale}` : "invariant";
}
