/** `Content-Disposition` for a download with a Chinese file name (RFC 6266 / RFC 8187 `filename*`). */

/** RFC 8187 `ext-value` characters that need no percent-encoding (attr-char). */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeExtValue(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<the name>`: browsers, curl -OJ and
 * office tools that read `filename*` get the Chinese name, older ones the ASCII fallback.
 */
export function contentDisposition(filename: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}
