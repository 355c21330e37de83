/**
 * What a recognised cell's text is in a spreadsheet: a number when it reads as one the way people
 * write numbers in tables (thousand separators, negatives in parentheses or with a minus, percent,
 * a currency symbol or code before or after), else the text itself. A leading zero ("007", an ID
 * or a postcode) stays text: a number would lose it; so do more than 15 digits.
 */
export type CellValue =
  | { readonly kind: 'number'; readonly value: number; readonly format: string }
  | { readonly kind: 'text'; readonly value: string };

const currencySymbols: Readonly<Record<string, string>> = { '¥': '¥', '￥': '¥', $: '$', '€': '€', '£': '£', CNY: '¥', RMB: '¥', USD: '$', EUR: '€', GBP: '£' };

export function cellValue(text: string): CellValue {
  const asText: CellValue = { kind: 'text', value: text };
  let body = text.trim().replace(/[\u2212\u2013]/gu, '-');
  if (body === '') return asText;
  let negative = false;
  if (/^\(.*\)$/u.test(body)) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  let currency = '';
  const currencyMatch = /^(¥|￥|\$|€|£|CNY|RMB|USD|EUR|GBP)\s*(.+)$/u.exec(body) ?? /^(.+?)\s*(¥|￥|\$|€|£|CNY|RMB|USD|EUR|GBP|元)$/u.exec(body);
  if (currencyMatch) {
    const [, a, b] = currencyMatch as unknown as [string, string, string];
    const symbolFirst = /^(¥|￥|\$|€|£|CNY|RMB|USD|EUR|GBP)$/u.test(a);
    currency = symbolFirst ? (currencySymbols[a] ?? '') : b === '元' ? '¥' : (currencySymbols[b] ?? '');
    body = (symbolFirst ? b : a).trim();
  }
  if (body.startsWith('-')) {
    if (negative) return asText;
    negative = true;
    body = body.slice(1).trim();
  }
  let percent = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trim();
  }
  if (percent && currency) return asText;
  // Digits with optional comma groups of three and a decimal part.
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/u.test(body)) return asText;
  if (/^0\d/u.test(body)) return asText;
  // Spreadsheets keep 15 significant digits: an 18-digit ID card or a bank account number would
  // come back with its last digits changed, so longer digit strings stay text.
  if (body.replace(/\D/gu, '').length > 15) return asText;
  const magnitude = Number(body.replace(/,/gu, ''));
  if (!Number.isFinite(magnitude)) return asText;
  const decimals = (/\.(\d+)$/u.exec(body)?.[1] ?? '').length;
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  const grouped = body.includes(',') || currency !== '' ? `#,##0${fraction}` : `0${fraction}`;
  const value = (negative ? -magnitude : magnitude) / (percent ? 100 : 1);
  const shown = percent ? `0${fraction}%` : currency ? `"${currency}"${grouped}` : grouped;
  // Parentheses stay parentheses, as the table wrote them (percentages too).
  const format = text.trim().startsWith('(') ? `${shown};(${shown})` : shown;
  return { kind: 'number', value, format };
}
