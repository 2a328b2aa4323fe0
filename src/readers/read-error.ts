/**
 * Why a file could not be read, in the words a reviewer reads. The CLI and the task-pane preview
 * show these and nothing else: never a library's English text, never a stack trace.
 */

/** What was found instead of a readable workbook or report. */
export type ReadProblem =
  | "missing"
  | "no-permission"
  | "folder"
  | "empty"
  | "doc"
  | "wps"
  | "et"
  | "ppt"
  | "pdf"
  | "ofd"
  | "rtf"
  | "html"
  | "xml-spreadsheet"
  | "word-xml"
  | "xlsb"
  | "ods"
  | "odt"
  | "archive"
  | "zip"
  | "text"
  | "image"
  | "encrypted"
  | "biff5"
  | "biff4"
  | "truncated"
  | "corrupt-xlsx"
  | "corrupt-xls"
  | "corrupt-docx"
  | "too-large"
  | "file-too-large"
  | "not-a-file"
  | "no-sheets"
  | "unknown";

export interface ReadProblemDetail {
  /** A short Chinese phrase saying what is broken (`缺少工作簿目录`). */
  what?: string;
}

/** A file the readers recognised but cannot read; the message is for people. */
export class ReadError extends Error {
  readonly problem: ReadProblem;
  constructor(problem: ReadProblem, detail: ReadProblemDetail = {}) {
    super(readProblemMessage(problem, detail));
    this.name = "ReadError";
    this.problem = problem;
  }
}

const RESAVE_XLSX = "请在 Excel/WPS 中打开并另存为 .xlsx 后再校验";
const RESAVE_DOCX = "请在 Word/WPS 中另存为 .docx 后再校验";
const ASK_ORIGINAL = "请向报送单位索取原始的 .docx 或 .xlsx 文件";

/** Limits the readers keep to, stated in the messages. */
export const READ_LIMITS = {
  /** Size of a file as stored: a form with its report's pictures is a few megabytes. */
  fileMegabytes: 100,
  /** Uncompressed size of all the parts of an .xlsx or .docx. */
  unpackedMegabytes: 200,
};

export function readProblemMessage(problem: ReadProblem, detail: ReadProblemDetail = {}): string {
  const what = detail.what ? `（${detail.what}）` : "";
  switch (problem) {
    case "missing":
      return "文件不存在，请检查文件名和路径。";
    case "no-permission":
      return "没有读取该文件的权限，请检查文件权限后再校验。";
    case "folder":
      return "这是一个文件夹，其中没有可以校验的文件（.xlsx、.xls、.docx）。";
    case "empty":
      return "文件是空的（0 字节），可能在下载或拷贝时中断；请向报送单位重新索取。";
    case "doc":
      return `这是旧版 Word 文档（.doc），${RESAVE_DOCX}。`;
    case "wps":
      return `这是 WPS 文字文档（.wps），请在 WPS 中另存为 .docx 后再校验。`;
    case "et":
      return `这是 WPS 表格文件（.et），但不是 Excel 97–2003 兼容的格式；请在 WPS 中另存为 .xlsx 后再校验。`;
    case "ppt":
      return "这是 PowerPoint 演示文稿，其中没有可校验的自评表；请提供 .xlsx、.xls 或 .docx 文件。";
    case "pdf":
      return `这是 PDF 文件，无法从中读取表格数据；${ASK_ORIGINAL}。`;
    case "ofd":
      return `这是 OFD 版式文件，无法从中读取表格数据；${ASK_ORIGINAL}。`;
    case "rtf":
      return `这是 RTF 格式的文档，${RESAVE_DOCX}。`;
    case "html":
      return `这是网页（HTML）格式的文件（系统导出的“.xls”常是这种格式），${RESAVE_XLSX}。`;
    case "xml-spreadsheet":
      return `这是 Excel 2003 XML 表格，${RESAVE_XLSX}。`;
    case "word-xml":
      return `这是 Word 2003 XML 文档，${RESAVE_DOCX}。`;
    case "xlsb":
      return `这是 Excel 二进制工作簿（.xlsb），${RESAVE_XLSX}。`;
    case "ods":
      return `这是 OpenDocument 表格（.ods），${RESAVE_XLSX}。`;
    case "odt":
      return `这是 OpenDocument 文档（.odt），${RESAVE_DOCX}。`;
    case "archive":
      return "这是压缩包（.rar/.7z/.gz），请先解压，再校验其中的文件。";
    case "zip":
      return "这是普通的 zip 压缩包，不是 Office 文档；请先解压，再校验其中的文件。";
    case "text":
      return `这是纯文本文件（如 .csv、.txt），不是工作簿；${RESAVE_XLSX}。`;
    case "image":
      return `这是图片，无法从中读取表格数据；${ASK_ORIGINAL}。`;
    case "encrypted":
      return "文件设置了打开密码（已加密），无法读取；请在 Excel/WPS/Word 中取消密码并另存后再校验。";
    case "biff5":
      return `这是 Excel 5.0/95 格式的旧工作簿，${RESAVE_XLSX}。`;
    case "biff4":
      return `这是 Excel 4.0 或更早版本的旧工作簿，${RESAVE_XLSX}。`;
    case "truncated":
      return "文件不完整（压缩包已损坏，可能在下载或拷贝时中断）；请向报送单位重新索取，或在 Excel/WPS/Word 中打开修复后另存。";
    case "corrupt-xlsx":
      return `工作簿内容已损坏${what}，无法读取；${RESAVE_XLSX}。`;
    case "corrupt-xls":
      return `.xls 工作簿内容已损坏${what}，无法读取；${RESAVE_XLSX}。`;
    case "corrupt-docx":
      return `Word 文档内容已损坏${what}，无法读取；${RESAVE_DOCX}。`;
    case "too-large":
      return `文件解压后超过 ${READ_LIMITS.unpackedMegabytes} MB，不像是自评表或自评报告，未读取。`;
    case "file-too-large":
      return `文件超过 ${READ_LIMITS.fileMegabytes} MB，不像是自评表或自评报告，未读取；请确认是否选错了文件。`;
    case "not-a-file":
      return "这不是普通文件（而是设备、管道或套接字），未读取；请指定 .xlsx、.xls 或 .docx 文件。";
    case "no-sheets":
      return `工作簿中没有工作表${what}，文件可能已损坏；${RESAVE_XLSX}。`;
    case "unknown":
      return "无法识别的文件格式：既不是 Excel 工作簿（.xlsx、.xls），也不是 Word 文档（.docx）。";
  }
}

/**
 * Any error met while reading, as a Chinese sentence: the readers' own, the file system's, or
 * anything else (a library's message is never passed on; the file is then called damaged).
 */
export function describeReadError(e: unknown, format: "xlsx" | "xls" | "docx" | null = null): string {
  if (e instanceof ReadError) return e.message;
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  if (code === "ENOENT" || code === "ENOTDIR") return readProblemMessage("missing");
  if (code === "EACCES" || code === "EPERM") return readProblemMessage("no-permission");
  if (code === "EISDIR") return readProblemMessage("folder");
  if (format === "xls") return readProblemMessage("corrupt-xls");
  if (format === "docx") return readProblemMessage("corrupt-docx");
  return readProblemMessage("corrupt-xlsx");
}
