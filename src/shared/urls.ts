// Which links Carnet keeps in notes and hands to the operating system: only web pages
// and e-mail addresses. Everything else (javascript:, file:, data:, custom schemes) is
// dropped, because a note may come from an untrusted file.
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function parseAllowedUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url;
}

export function isAllowedUrl(raw: string): boolean {
  return parseAllowedUrl(raw) !== null;
}
