/**
 * Text files from Russian schools come in UTF-8 or in Windows-1251 (Excel's «CSV» on a Russian
 * Windows). A strict UTF-8 decode fails on 1251 bytes, so the fallback is safe.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1251').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Control characters never occur in real CSV/HTML exports; in binary garbage they always do. */
export function looksLikeText(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  return !/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f-\u009f\ufffd]/.test(sample);
}
