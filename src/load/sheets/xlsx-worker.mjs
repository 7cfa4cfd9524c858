// Reads one worksheet of an XLSX file with exceljs, in a worker thread: exceljs only reads asynchronously,
// while atelier's load stage is synchronous (see xlsx.ts). Plain JavaScript, so that it runs as it is from
// the sources, the tests and the CLI bundle alike. Answers { sheets, sheet, rows } or { problem }.
import ExcelJS from 'exceljs';
import { runAsWorker } from 'synckit';

/** Text of a cell value as the spreadsheet shows it; { error } for a formula error such as #N/A. */
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if (Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? '').join('');
    if ('error' in value) return { error: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      if (value.result === undefined) return { error: 'a formula with no saved result' };
      return cellText(value.result);
    }
    if ('hyperlink' in value) return cellText(value.text) || String(value.hyperlink);
    if ('text' in value) return cellText(value.text);
  }
  return String(value);
}

runAsWorker(async (path, wanted) => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  const sheets = workbook.worksheets.map((s) => s.name);
  const sheet = wanted === undefined ? workbook.worksheets[0] : workbook.getWorksheet(wanted);
  if (!sheet) return { sheets };
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { sheets, sheet: sheet.name, rows };
});
