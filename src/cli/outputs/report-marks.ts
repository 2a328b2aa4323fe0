/**
 * What a report of ours carries to say so (read by own-report.ts): the summary workbook in its
 * document properties, the HTML report in a generator tag in its head.
 */

import { PROGRAM_NAME } from "../../program";

/**
 * The summary workbook's keywords and the start of its last writer (docProps/core.xml): the
 * writer is the program's stamp (`绩效自评助手 0.1.0（评分规则：…）`), which any version starts
 * with PROGRAM_NAME.
 */
export const SUMMARY_MARK = { keywords: "jxzp-summary", writer: PROGRAM_NAME };

/** The HTML report's tag, in its head. */
export const HTML_MARK = '<meta name="generator" content="jxzp check --html">';
