/**
 * Reading a sheet as a form: the blocks found by their headers wherever they sit, each read by
 * its own reader, every figure inside accounted for. The one stage that looks at the grid.
 */
import type { Grid } from "../grid/grid";
import { Sheet } from "../grid/grid";
import { headerKey } from "../values/text";
import { Claims } from "./claims";
import type { Form, FundBlock, IndicatorTable, ManagementBlock } from "./form";
import { formKind } from "./form-kind";
import { readFundColumns, readFundLabels } from "./fund-block";
import { newFormStart } from "./form-start";
import { BandFinder, type HeaderBand } from "./header-band";
import { readHeaderFields } from "./header-fields";
import { readIndicatorTable, settleKinds } from "./indicator-table";
import { readManagementBlock } from "./management-block";
import { readGradeCell, readTotal } from "./total-and-grade";
import { unreadFigures } from "./unread-figures";

const sameColumns = (a: HeaderBand, b: HeaderBand) =>
  a.roles.size === b.roles.size && [...a.roles].every(([r, s]) => b.roles.get(r)?.first === s.first);

/** A 资金管理 label before the indicator table (the central form's text-only block sits there). */
function hasManagementLabel(sheet: Sheet, before: number): boolean {
  for (let r = sheet.top; r < before; r++)
    for (let c = sheet.left; c <= Math.min(sheet.right, sheet.left + 2); c++) if (headerKey(sheet.text(r, c)).startsWith("资金管理")) return true;
  return false;
}

/** One form read from a sheet (or a part of one), and where the next form on it begins. */
interface OneForm {
  form: Form | null;
  /** The first row of the next form below, or null where the sheet holds no other. */
  next: number | null;
}

/**
 * Reads the form that starts at the sheet's top. On meeting the next form's first block (one
 * with its own title or header fields above it) it stops and says where that form begins,
 * without reading the rest: the caller reads each form again within its own rows.
 */
function readFirstForm(sheet: Sheet, stopAtNext: boolean): OneForm {
  const claims = new Claims(sheet.top, sheet.left, sheet.bottom, sheet.right);
  const finder = new BandFinder(sheet);
  let fund: FundBlock | null = null;
  let management: ManagementBlock | null = null;
  let table: IndicatorTable | null = null;
  let tableBand: HeaderBand | null = null;
  let totalFrom = sheet.top;
  let lastRow = sheet.top;
  /** The row of the total that closed the table: what follows belongs to another form. */
  let closedAt: number | null = null;
  const first = finder.next(sheet.top);
  for (let found = first; found; ) {
    const { band, kind } = found;
    const repeated = kind === "table" && closedAt === null && table && tableBand && sameColumns(tableBand, band) && table.lastRow + 1 >= band.top - 1;
    // After the total, another table, or a second block of a kind already read: perhaps the next form.
    const another = closedAt !== null || (kind === "table" && table && !repeated) || (kind === "fund" && (fund || table)) || (kind === "management" && (management || table));
    if (another) {
      const start = stopAtNext ? newFormStart(sheet, Math.max(lastRow, closedAt ?? lastRow) + 1, band.top) : null;
      if (start !== null) return { form: null, next: start };
      // No title of its own: as a form's only table is its first, a second one is not read.
      if (closedAt !== null || kind === "table") break;
    }
    if (kind === "table") {
      // The table reads down to its end (a total, a note, the next block), finding that end itself.
      const { table: t, end } = readIndicatorTable(sheet, band, sheet.bottom + 1, claims, finder);
      if (!table) {
        table = t;
        tableBand = band;
      } else {
        // A header repeated after a page break continues the same table.
        table.rows.push(...t.rows);
        table.level1.push(...t.level1);
        table.gaps.push(...t.gaps);
        table.lastRow = t.lastRow;
        table.open = t.open;
      }
      lastRow = Math.max(lastRow, end.next - 1);
      totalFrom = end.next;
      if (end.totalRow !== null) closedAt = end.totalRow;
      found = finder.next(end.totalRow !== null ? end.totalRow + 1 : end.next);
      continue;
    }
    const after = finder.next(band.bottom + 1);
    const stop = after ? after.band.top : sheet.bottom + 1;
    if (kind === "fund" && !fund) {
      fund = band.labels ? readFundLabels(sheet, band, stop, claims) : readFundColumns(sheet, band, stop, claims);
      lastRow = Math.max(lastRow, fund.rows.at(-1)?.row ?? band.bottom);
      totalFrom = Math.max(totalFrom, lastRow + 1);
    } else if (kind === "management" && !management) {
      const m = readManagementBlock(sheet, band, stop, claims);
      management = m.block;
      lastRow = Math.max(lastRow, m.next - 1);
      totalFrom = Math.max(totalFrom, m.next);
    }
    found = after;
  }
  if (table) settleKinds(table);
  const firstTop = first ? first.band.top : sheet.bottom;
  const { fields: header, labels } = readHeaderFields(sheet, firstTop - 1, claims);
  const total = fund || table || management ? readTotal(sheet, totalFrom, table, claims) : null;
  // The grade follows the table (beside or under the total), or the blocks where there is no table.
  const grade = fund || table || management ? readGradeCell(sheet, table ? table.lastRow + 1 : firstTop, total ? total.label.row : null, claims) : null;
  const scored = Boolean(table?.hasScores || table?.hasWeights || management?.scored || (!table && fund?.scored));
  const found = Boolean(fund || table || management);
  const { kind, reason } = found
    ? formKind({ title: header.title, labels, fund, management, managementLabel: hasManagementLabel(sheet, table ? table.headerRow : sheet.bottom + 1), managementRows: Boolean(table?.rows.some((r) => r.kind === "management")), scored })
    : { kind: "unknown" as const, reason: "没有找到绩效指标表、预算执行情况栏或资金管理情况栏" };
  const bottom = total ? total.label.row : lastRow;
  const filled =
    Boolean(fund?.rows.some((r) => r.budget.kind !== "blank" || r.spent.kind !== "blank")) ||
    Boolean(table?.rows.some((r) => r.actual.measure.kind !== "blank" || (r.kind !== "management" && r.score.kind === "number")));
  const form: Form = {
    sheet: sheet.name,
    kind,
    kindReason: reason,
    rows: { top: sheet.top, bottom: sheet.bottom },
    header,
    fund,
    management,
    table,
    total,
    grade,
    scored,
    filled,
    unread: found ? unreadFigures(sheet, firstTop, bottom, claims) : [],
  };
  return { form, next: null };
}

/**
 * Every form on a sheet, top to bottom: one for most sheets (a sheet with no form gives one of
 * kind `unknown`). Each form of a stacked sheet is read within its own rows, from its own title
 * to the row before the next form's, as if it were a sheet of its own.
 */
export function readForms(input: Grid | Sheet): Form[] {
  const sheet = input instanceof Sheet ? input : new Sheet(input);
  const forms: Form[] = [];
  for (let top = sheet.top; ; ) {
    const part = top === sheet.top ? sheet : sheet.rows(top, sheet.bottom);
    const one = readFirstForm(part, true);
    if (one.form) {
      forms.push(one.form);
      return forms;
    }
    // A next form starts below this one's first block, so `next` > `top` and the walk ends.
    const next = Math.max(one.next ?? sheet.bottom + 1, top + 1);
    forms.push(readFormIn(sheet, top, next - 1));
    top = next;
  }
}

/** The form of a sheet's rows `top`..`bottom` (the place a report gives), read as `readForms` read it. */
export function readFormIn(input: Grid | Sheet, top: number, bottom: number): Form {
  const sheet = input instanceof Sheet ? input : new Sheet(input);
  const part = top <= sheet.top && bottom >= sheet.bottom ? sheet : sheet.rows(top, bottom);
  // Within its own rows a form never stops for another: `form` is always there.
  return readFirstForm(part, false).form!;
}

/** The first form on a sheet (the only one on most sheets); `readForms` gives them all. */
export function readForm(input: Grid | Sheet): Form {
  return readForms(input)[0];
}
