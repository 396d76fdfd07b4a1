/**
 * A file that is not a table at all — a PDF, a Word document, a picture, an archive, a text —
 * is named as what it is, in one short sentence: «Файл «x.xlsx» — не таблица Excel: это
 * документ PDF. …». Recognised by content (signatures, the ZIP and OLE directories), never by
 * the file name; the name only says which kind of table the user meant to give.
 */
import { sheetJs } from './sheetjs-lib.ts';
import { ImportError } from '../types.ts';

/** Signatures a table cannot start with; each is followed by what the file is. */
const SIGNATURES: ReadonlyArray<{ at?: number; bytes: Array<number | null>; what: string }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'документ PDF' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'документ RTF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'изображение PNG' },
  { bytes: [0xff, 0xd8, 0xff], what: 'изображение JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'изображение GIF' },
  // «BM», the file size, then four zero bytes: no text has those.
  { bytes: [0x42, 0x4d, null, null, null, null, 0, 0, 0, 0], what: 'изображение BMP' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'изображение TIFF' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'изображение TIFF' },
  { bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], what: 'изображение WebP' },
  { at: 4, bytes: [0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69], what: 'изображение HEIC' }, // ftyphei…
  { at: 4, bytes: [0x66, 0x74, 0x79, 0x70, 0x6d, 0x69, 0x66, 0x31], what: 'изображение HEIC' }, // ftypmif1
  { at: 4, bytes: [0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66], what: 'изображение AVIF' }, // ftypavif
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'архив RAR' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'архив 7-Zip' },
  { bytes: [0x1f, 0x8b], what: 'архив gzip' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'пустой ZIP-архив' },
];

/** What the file is when its first bytes say it is not a table (PDF, picture, archive …). */
export function signatureKind(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(({ at = 0, bytes: signature }) => signature.every((b, i) => b === null || bytes[at + i] === b))?.what;
}

/** An OLE file (old Office) that is not an .xls: a Word or PowerPoint document, or a workbook under a password. */
export function oleKind(bytes: Uint8Array): string | undefined {
  let paths: string[];
  try {
    paths = (sheetJs().CFB.read(bytes, { type: 'array' }) as { FullPaths: string[] }).FullPaths;
  } catch {
    return undefined;
  }
  const has = (name: string) => paths.some((path) => path.endsWith(`/${name}`));
  if (has('Workbook') || has('Book')) return undefined;
  if (has('EncryptedPackage')) return 'таблица Excel, защищённая паролем';
  if (has('WordDocument')) return 'документ Word (.doc)';
  if (has('PowerPoint Document')) return 'презентация PowerPoint (.ppt)';
  return undefined;
}

const EXCEL_NAME = /\.(xlsx|xlsm|xls|xlsb|ods)$/i;

/** A plain text (not HTML or XML, which Excel saves too) under the name of an Excel workbook. */
export function isTextUnderExcelName(fileName: string, bytes: Uint8Array, firstText: string): boolean {
  if (!EXCEL_NAME.test(fileName) || firstText.startsWith('<')) return false;
  const head = bytes.subarray(0, 4096);
  return head.length > 0 && !head.includes(0);
}

function whatToDo(what: string): string {
  if (what === 'таблица Excel, защищённая паролем') return 'Снимите пароль в Excel («Файл» → «Сведения» → «Защитить книгу») и загрузите файл снова.';
  if (what.includes('архив')) return 'Распакуйте архив и загрузите таблицы из него.';
  return 'Загрузите выгрузку в формате xlsx, xls или csv.';
}

/**
 * «Файл «x.xlsx» — не таблица Excel: это документ PDF. Загрузите выгрузку …» (code 'unreadable':
 * «Открыть как таблицу» cannot help either).
 */
export function notATable(fileName: string, what: string): ImportError {
  const expected = /\.csv$/i.test(fileName) ? 'не таблица CSV' : EXCEL_NAME.test(fileName) ? 'не таблица Excel' : 'не таблица';
  const message =
    what === 'таблица Excel, защищённая паролем'
      ? `Файл «${fileName}» защищён паролем — Око его прочитать не может. ${whatToDo(what)}`
      : `Файл «${fileName}» — ${expected}: это ${what}. ${whatToDo(what)}`;
  return new ImportError({ code: 'unreadable', file: fileName, message });
}
