/**
 * Text of cells exactly as SheetJS 0.20.3 reads it (xlsx.mjs: unescapexml, parse_si, parsexmlbool,
 * RBErr), so that the streaming reader and SheetJS give the same grid. SheetJS applies its rules
 * to the XML as a "binary" string (one character per byte) and decodes UTF-8 afterwards; the
 * rules only look at ASCII, so here they run on decoded text, and where decoding order could
 * matter the reader gives up (NotStreamable) and SheetJS reads the file.
 */

/** The streaming reader does not read this file the way SheetJS does: SheetJS reads it instead. */
export class NotStreamable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotStreamable';
  }
}

const ENTITIES: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };
const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE = /_x([\da-fA-F]{4})_/gi;

/** SheetJS's raw_unescapexml: entities (case-insensitive, unknown ones become "\0"), `_xHHHH_`, CDATA kept. */
function rawUnescape(text: string): string {
  const cdata = text.indexOf('<![CDATA[');
  if (cdata === -1) {
    return text
      .replace(
        ENTITY,
        (entity, code: string | undefined) => ENTITIES[entity] || String.fromCharCode(parseInt(code as string, entity.indexOf('x') > -1 ? 16 : 10)) || entity,
      )
      .replace(CODE, (_match, code: string) => String.fromCharCode(parseInt(code, 16)));
  }
  const end = text.indexOf(']]>');
  return rawUnescape(text.slice(0, cdata)) + text.slice(cdata + 9, end) + rawUnescape(text.slice(end + 3));
}

/** SheetJS's unescapexml; `xlsx`: also \r\n → \n (cell text). */
export function unescapeXml(text: string, xlsx = false): string {
  const out = rawUnescape(text);
  return xlsx ? out.replace(/\r\n/g, '\n') : out;
}

/** Whether bytes [from, to) may hold something unescapeXml changes: `&` or `_x…_`. */
export function mayNeedUnescape(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === 0x26 || (b === 0x5f && (bytes[i + 1] | 0x20) === 0x78 && i + 1 < to)) return true;
  }
  return false;
}

/** Bytes as SheetJS sees them: one character per byte. */
export function latin1(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= 64) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
  let out = '';
  for (let at = from; at < to; at += 4096) out += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(to, at + 4096)) as unknown as number[]);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text of bytes [from, to). Broken UTF-8 is read differently by SheetJS in Node and in the
 * browser, so it is left to SheetJS.
 */
export function utf8Text(bytes: Uint8Array, from: number, to: number): string {
  let ascii = true;
  for (let i = from; i < to; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1(bytes, from, to);
  try {
    return utf8.decode(bytes.subarray(from, to));
  } catch {
    throw new NotStreamable('broken UTF-8');
  }
}

/**
 * A `t="str"` cell's `<v>`: SheetJS unescapes the binary string, decodes UTF-8, and unescapes
 * again (so `&amp;lt;` reads as `<`). Done the same way; an escape that yields a non-ASCII
 * character before decoding is read differently by SheetJS in Node and in browsers: left to it.
 */
export function formulaStringValue(bytes: Uint8Array, from: number, to: number): string {
  if (!mayNeedUnescape(bytes, from, to)) {
    const text = utf8Text(bytes, from, to);
    return text.indexOf('\r') === -1 ? text : text.replace(/\r\n/g, '\n');
  }
  const first = rawUnescape(latin1(bytes, from, to));
  const raw = new Uint8Array(first.length);
  for (let i = 0; i < first.length; i++) {
    const code = first.charCodeAt(i);
    if (code > 0xff) throw new NotStreamable('an escape outside Latin-1 in a formula string');
    raw[i] = code;
  }
  return unescapeXml(utf8Text(raw, 0, raw.length), true);
}

const PLAIN_TEXT = /^[\t\n\v\f\r ]*<(?:\w+:)?t[^>]*>/;
const RUN = /<(?:\w+:)?r\b[^<>]*>/;
const RUN_TEXT = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const TAG = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;
const PHONETIC_OPEN = /<(?:\w+:)?rPh\b[^<>]*>/g;
const PHONETIC_CLOSE = /<\/(?:\w+:)?rPh>/g;

/** SheetJS's str_remove_xml_ns_g(x, "rPh"): phonetic runs removed; null when one is not closed. */
function withoutPhonetic(text: string): string | null {
  const out: string[] = [];
  PHONETIC_OPEN.lastIndex = PHONETIC_CLOSE.lastIndex = 0;
  let end = 0;
  let open: RegExpExecArray | null;
  while ((open = PHONETIC_OPEN.exec(text))) {
    out.push(text.slice(end, open.index));
    PHONETIC_CLOSE.lastIndex = PHONETIC_OPEN.lastIndex;
    const close = PHONETIC_CLOSE.exec(text);
    if (!close) return null;
    end = PHONETIC_CLOSE.lastIndex;
    PHONETIC_OPEN.lastIndex = PHONETIC_CLOSE.lastIndex;
  }
  out.push(text.slice(end));
  return out.join('');
}

/**
 * SheetJS's parse_si(x).t for a string item (`<is>` of an inline string) given as decoded text:
 * a plain `<t>`, or the `<t>` of every rich-text run joined; undefined when it is neither.
 */
export function stringItemText(x: string): string | undefined {
  if (!x) return '';
  if (/[^\x00-\x7f]/.test(x) && tagsHaveNonAscii(x)) throw new NotStreamable('non-ASCII inside a tag of a string item');
  if (PLAIN_TEXT.test(x)) return unescapeXml(x.slice(x.indexOf('>') + 1).split(/<\/(?:\w+:)?t>/)[0] || '', true);
  if (RUN.test(x)) {
    const runs = withoutPhonetic(x);
    if (runs === null) throw new NotStreamable('an unclosed phonetic run');
    return unescapeXml((runs.match(RUN_TEXT) || []).join('').replace(TAG, ''), true);
  }
  return undefined;
}

/** Whether some `<…>` of the text holds a non-ASCII character (SheetJS's \s then sees bytes, not letters). */
function tagsHaveNonAscii(x: string): boolean {
  for (let at = x.indexOf('<'); at !== -1; at = x.indexOf('<', at + 1)) {
    const end = x.indexOf('>', at);
    if (/[^\x00-\x7f]/.test(end === -1 ? x.slice(at) : x.slice(at, end))) return true;
    if (end === -1) return false;
  }
  return false;
}

/** SheetJS's parsexmlbool. */
export function xmlBool(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/**
 * SheetJS's RBErr: an error cell's text → code. A plain object, read as SheetJS reads it (an
 * unknown text gives undefined, a name like «toString» gives what the object has under it).
 */
export const ERROR_CODES: Record<string, unknown> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
  '#WTF?': 0xff,
};
