import { HostError } from "../../taskpane/host/host-error";
import type { FillRecord } from "../../taskpane/host/fill-record";
import { MemoryHost } from "../../taskpane/host/MemoryHost";
import { ALL_CAPABLE, type FillRequest, type FinalizeResult, type HostCapabilities } from "../../taskpane/host/WorkbookHost";

/**
 * The pane's host for a file the page can check but not save into (.xls, Word reports): the plan
 * is shown, writing it is refused with the reason. Our .xls reading keeps no formatting, so a
 * saved copy would lose it; the person saves the file as .xlsx first.
 */
export class ReadOnlyHost extends MemoryHost {
  constructor(
    workbook: ConstructorParameters<typeof MemoryHost>[0],
    private readonly why: string,
  ) {
    super(workbook);
  }

  capabilities(): HostCapabilities {
    const no = { ok: false as const, needs: this.why };
    return { ...ALL_CAPABLE, fill: no, undo: no, finalize: no, templates: { ok: false, needs: "网页版不在打开的文件中插入表样；请用“空白表样”下载一张空白表。" } };
  }

  override async fill(_request: FillRequest): Promise<FillRecord> {
    throw new HostError(this.why, "ReadOnly");
  }

  override async finalize(): Promise<FinalizeResult> {
    throw new HostError(this.why, "ReadOnly");
  }
}

export const XLS_READ_ONLY = "这是 Excel 97–2003 工作簿（.xls），网页版只能校验，不能填写和保存：读取 .xls 时不保留格式，保存的副本会丢失边框、列宽等。请在 Excel 或 WPS 中“另存为”.xlsx 后再打开填写。";
export const DOCX_READ_ONLY = "这是 Word 自评报告（.docx），网页版只能校验其中的表格，不能填写；请在 Word/WPS 中修改报告，或打开 .xlsx 自评表填写。";
