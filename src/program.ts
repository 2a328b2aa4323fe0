import pkg from "../package.json";

/**
 * Who wrote a file and by which rules: shown on the web page and carried by every file it and
 * the CLI write (saved forms, summary workbooks, HTML reports), so a reader can tell which
 * version checked a form and against which rule set.
 */
export const PROGRAM_NAME = "绩效自评助手";
export const PROGRAM_VERSION: string = pkg.version;
/** The rule set the scoring follows (spec §0): 财政部《项目支出绩效评价管理办法》. */
export const RULES_BASIS = "财预〔2020〕10号";
export const RULES_YEAR = 2020;

/** One line for a page, a report or a file's properties: `绩效自评助手 0.1.0（评分规则：财预〔2020〕10号，2020 年）`. */
export const PROGRAM_STAMP = `${PROGRAM_NAME} ${PROGRAM_VERSION}（评分规则：${RULES_BASIS}，${RULES_YEAR} 年）`;
