// Characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF, lone surrogates): a
// document that holds one is refused whole by Word and other XML readers.

const FORBIDDEN = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function withoutXmlForbidden(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/** A copy of plain data (objects, arrays, strings…) with every string cleaned. */
export function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return withoutXmlForbidden(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafe) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, xmlSafe(inner)])) as T;
  return value;
}
