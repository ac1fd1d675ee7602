import ExcelJS from "exceljs";
import { safeTable, type ExportTable } from "./cell-safety";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface SheetSpec extends ExportTable {
  /** The tab's name; cut to Excel's 31 characters and cleared of the characters it refuses. */
  sheetName: string;
  /** A bold line above the header saying what the table is (and with which settings). */
  title?: string;
  /** Column widths in characters; missing ones are sized from their longest cell. */
  widths?: number[];
  /** How many leading columns stay in view when scrolling sideways (the header row always does). */
  frozenColumns?: number;
}

const MAX_AUTO_WIDTH = 40;

function sheetNameOf(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31).trim() || "Sheet1";
}

/** One table as an .xlsx workbook: one sheet, optional title row, bold frozen header. */
export async function tableXlsx(spec: SheetSpec): Promise<Buffer> {
  const { header, rows } = safeTable(spec);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Thicket";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetNameOf(spec.sheetName));
  if (spec.title) {
    sheet.addRow([spec.title]).font = { bold: true, size: 12 };
  }
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "bottom", wrapText: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? null));
  sheet.views = [{ state: "frozen", xSplit: spec.frozenColumns ?? 1, ySplit: headerRow.number }];
  header.forEach((label, i) => {
    const given = spec.widths?.[i];
    const longest = Math.max(label.length, ...rows.map((r) => String(r[i] ?? "").length));
    sheet.getColumn(i + 1).width = given ?? Math.min(MAX_AUTO_WIDTH, Math.max(8, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The response for a download: the right type and an attachment name. */
export function xlsxResponse(buffer: Buffer, filename: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(buffer.byteLength),
    },
  });
}
