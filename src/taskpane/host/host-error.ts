import { saidInChinese } from "../../scoring/findings/said-in-chinese";

/** An error the pane can show as it is: the message is Chinese and says what to do. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly code: string = "HostError",
  ) {
    super(message);
    this.name = "HostError";
  }
}

/** Chinese messages for the error codes Office.js reports (OfficeExtension.ErrorCodes). */
const OFFICE_CODES: Record<string, string> = {
  AccessDenied: "Excel 拒绝了此操作：工作表或单元格受保护，请先撤销工作表保护。",
  ItemNotFound: "找不到要操作的工作表或单元格，可能已被删除或重命名。请重新校验。",
  InvalidArgument: "Excel 认为参数无效，操作未完成。",
  InvalidOperation: "Excel 当前不允许此操作（可能正在编辑单元格），请按 Enter 或 Esc 结束编辑后重试。",
  InvalidOperationInCellEditMode: "Excel 正处于单元格编辑状态，请按 Enter 或 Esc 结束编辑后重试。",
  GeneralException: "Excel 处理请求时出错，操作未完成。",
  ApiNotFound: "此版本的 Excel 不支持所需的功能，请升级到 Microsoft 365 版 Excel。",
  ActivityLimitReached: "Excel 忙，请稍后重试。",
  // Excel on the web only: 5 MB per request and per response (resource-limits-and-performance-optimization.md).
  RequestPayloadSizeLimitExceeded: "一次要写入 Excel 的数据超过了 Excel 网页版的 5 MB 上限，操作未完成。请分几次操作，或在桌面版 Excel 中进行。",
  ResponsePayloadSizeLimitExceeded: "一次要从 Excel 读出的数据超过了 Excel 网页版的 5 MB 上限。请只校验当前工作表，或在桌面版 Excel 中校验。",
  Conflict: "工作簿正被其他人同时修改，请稍后重试。",
  ItemAlreadyExists: "同名的工作表已存在。",
  NotImplemented: "此版本的 Excel 不支持所需的功能。",
  UnsupportedOperation: "Excel 不支持此操作。",
};

/** Any error turned into one the pane can show in Chinese; Excel's own text is kept as a detail. */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  const known = OFFICE_CODES[code];
  if (known) return new HostError(known, code);
  const detail = e instanceof Error ? e.message : String(e);
  if (saidInChinese(detail)) return new HostError(`操作未完成：${detail}`, code || "Unknown");
  // A library's English words mean nothing to the person; they stay in the console for whoever debugs.
  console.error(e);
  return new HostError("操作未完成：程序出现了未预料的错误。请重试；若仍出现，请把工作簿交给维护人员排查。", code || "Unknown");
}

/** The same words for a missing sheet in both hosts. */
export const sheetMissing = (name: string, doing: string): HostError =>
  new HostError(`找不到工作表“${name}”，可能已被删除或重命名，${doing}。`, "ItemNotFound");

/** The same words for a protected sheet in both hosts. */
export const sheetProtected = (name: string, doing: string): HostError =>
  new HostError(`工作表“${name}”受保护，${doing}。请先在“审阅”选项卡中撤销工作表保护。`, "AccessDenied");
