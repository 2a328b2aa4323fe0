/**
 * What a report of ours carries to say so (read by own-report.ts): the summary workbook in its
 * document properties, the HTML report in a generator tag in its head.
 */

/** The summary workbook's keywords and last writer (docProps/core.xml). */
export const SUMMARY_MARK = { keywords: "jxzp-summary", writer: "绩效自评助手" };

/** The HTML report's tag, in its head. */
export const HTML_MARK = '<meta name="generator" content="jxzp check --html">';
