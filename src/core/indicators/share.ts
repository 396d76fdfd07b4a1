import { isChartTemplate } from '../charts/chart-spec.ts';
import { sanitizeChart } from '../charts/sanitize.ts';
import type { SqlValue } from '../db.ts';
import { formatBytes } from '../import/limits.ts';
import { validateIndicatorDef } from './run.ts';
import type { IndicatorColumn, IndicatorDef, IndicatorParam } from './types.ts';

/**
 * A user's indicator as it is shared: a small JSON file or a link. The method travels, the data
 * never do; whatever comes in is rebuilt field by field from a whitelist and validated. No
 * database here: the UI reads and writes files and links with it (custom.ts stores them).
 */

export const CUSTOM_FORMAT = 'indicator';
export const CUSTOM_VERSION = 1;
/** Key of the URL hash: `#indicator=z.<base64url>` */
export const HASH_KEY = 'indicator';
/** A definition bigger than this is not a method but a payload. */
const MAX_JSON = 200_000;
/** A .json file of at most this size can be an indicator (a catalogue entry is 2–10 KB); a larger one is refused unread. */
export const MAX_INDICATOR_FILE_BYTES = 256 * 1024;

/** The size check alone: the page refuses an indicator file before reading it. */
export function indicatorFileSizeError(name: string, size: number): string | null {
  if (size <= MAX_INDICATOR_FILE_BYTES) return null;
  return (
    `Файл «${name}» не загружен как показатель: размер ${formatBytes(size)}, а описание показателя занимает не больше ${formatBytes(MAX_INDICATOR_FILE_BYTES)} — ` +
    'в нём только запрос, подписи и диаграмма, без данных.'
  );
}

/** A Russian message for the user: what is wrong with the file or link. */
export class CustomIndicatorError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join('; ')}` : message);
    this.name = 'CustomIndicatorError';
  }
}

export const CUSTOM_ID = /^U(\d+)$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is SqlValue => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

function text(object: Record<string, unknown>, key: string, where: string, problems: string[], optional = false): string | undefined {
  const v = object[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') {
    problems.push(`${where}: поле «${key}» должно быть строкой`);
    return undefined;
  }
  return v;
}

function readParam(raw: unknown, i: number, problems: string[]): IndicatorParam | null {
  const where = `параметр ${i + 1}`;
  if (!isObject(raw)) {
    problems.push(`${where}: ожидается объект`);
    return null;
  }
  const name = text(raw, 'name', where, problems);
  const label = text(raw, 'label', where, problems);
  const type = raw.type;
  if (type !== 'integer' && type !== 'real' && type !== 'text') problems.push(`${where}: тип должен быть integer, real или text`);
  if (name !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problems.push(`${where}: недопустимое имя «${name}»`);
  const options = text(raw, 'options', where, problems, true);
  if (raw.default !== undefined && !isScalar(raw.default)) problems.push(`${where}: значение по умолчанию должно быть числом, строкой или null`);
  if (name === undefined || label === undefined || (type !== 'integer' && type !== 'real' && type !== 'text')) return null;
  return {
    name,
    label,
    type,
    ...(options !== undefined ? { options } : {}),
    ...(raw.default !== undefined && isScalar(raw.default) ? { default: raw.default } : {}),
  };
}

function readColumn(raw: unknown, i: number, problems: string[]): IndicatorColumn | null {
  const where = `столбец ${i + 1}`;
  if (!isObject(raw)) {
    problems.push(`${where}: ожидается объект`);
    return null;
  }
  const name = text(raw, 'name', where, problems);
  const label = text(raw, 'label', where, problems);
  const format = raw.format;
  if (format !== undefined && !['int', 'pct', 'num', 'code', 'text'].includes(String(format)))
    problems.push(`${where}: неизвестный формат «${String(format)}»`);
  if (raw.hidden !== undefined && typeof raw.hidden !== 'boolean') problems.push(`${where}: поле «hidden» должно быть true/false`);
  if (name === undefined || label === undefined) return null;
  return {
    name,
    label,
    ...(format !== undefined && ['int', 'pct', 'num', 'code', 'text'].includes(String(format)) ? { format: format as IndicatorColumn['format'] } : {}),
    ...(raw.hidden === true ? { hidden: true } : {}),
  };
}

/**
 * A definition rebuilt from untrusted data with only the known fields, then validated (without a
 * database: shape, parameters, read-only SQL, chart). Throws CustomIndicatorError in Russian.
 */
export function sanitizeIndicatorDef(raw: unknown): IndicatorDef {
  if (!isObject(raw)) throw new CustomIndicatorError('Описание показателя должно быть объектом');
  const problems: string[] = [];
  const where = 'показатель';
  const id = text(raw, 'id', where, problems);
  const title = text(raw, 'title', where, problems);
  const mechanism = text(raw, 'mechanism', where, problems);
  const source = text(raw, 'source', where, problems);
  const formula = text(raw, 'formula', where, problems);
  const sql = text(raw, 'sql', where, problems);
  const interpretation = text(raw, 'interpretation', where, problems, true);
  if (!Array.isArray(raw.params)) problems.push('показатель: поле «params» должно быть списком');
  if (!Array.isArray(raw.columns)) problems.push('показатель: поле «columns» должно быть списком');
  if (!isObject(raw.chart)) problems.push('показатель: поле «chart» должно быть объектом (спецификация Vega-Lite без данных)');
  const params = (Array.isArray(raw.params) ? raw.params : []).map((p, i) => readParam(p, i, problems));
  const columns = (Array.isArray(raw.columns) ? raw.columns : []).map((c, i) => readColumn(c, i, problems));
  if (id !== undefined && !CUSTOM_ID.test(id)) problems.push(`показатель: идентификатор собственного показателя имеет вид U1, U2…, а не «${id}»`);
  if (problems.length) throw new CustomIndicatorError('Описание показателя повреждено', problems);
  const { spec: cleanChart, removed } = sanitizeChart(JSON.parse(JSON.stringify(raw.chart)));
  const def: IndicatorDef = {
    id: id!,
    title: title!,
    mechanism: mechanism!,
    source: source!,
    formula: formula!,
    params: params as IndicatorParam[],
    sql: sql!,
    columns: columns as IndicatorColumn[],
    // rebuilt from what a chart may hold: JSON data, no links, menus or requests (charts/sanitize.ts);
    // one that does not say what to draw is none, and the default bars are drawn
    chart: isChartTemplate(cleanChart) ? cleanChart : {},
    ...(interpretation !== undefined ? { interpretation } : {}),
  };
  const invalid = validateIndicatorDef(def);
  if (invalid.length) throw new CustomIndicatorError('Показатель не прошёл проверку', invalid);
  if (removed.length) chartRemovals.set(def, removed);
  return def;
}

/** What sanitizeIndicatorDef dropped from a definition's chart (links, menus, requests), for the confirmation. */
const chartRemovals = new WeakMap<IndicatorDef, string[]>();
export function removedFromChart(def: IndicatorDef): string[] {
  return chartRemovals.get(def) ?? [];
}

// ── JSON file ──

/** The shareable file: `{"oko": "indicator", "version": 1, "indicator": {…}}`, pretty-printed. */
export function indicatorToJson(def: IndicatorDef): string {
  const clean = sanitizeIndicatorDef(def);
  return `${JSON.stringify({ oko: CUSTOM_FORMAT, version: CUSTOM_VERSION, indicator: clean }, null, 2)}\n`;
}

export function indicatorFromJson(text: string): IndicatorDef {
  if (text.length > MAX_JSON)
    throw new CustomIndicatorError(`Описание показателя длиннее ${MAX_JSON.toLocaleString('ru-RU')} знаков: в нём не может быть данных`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CustomIndicatorError('Это не файл показателя Око: текст не читается как JSON');
  }
  if (!isObject(parsed) || parsed.oko !== CUSTOM_FORMAT) {
    throw new CustomIndicatorError('Это не файл показателя Око: нет отметки "oko": "indicator"');
  }
  if (typeof parsed.version !== 'number' || !Number.isInteger(parsed.version) || parsed.version < 1) {
    throw new CustomIndicatorError('В файле показателя не указана версия формата');
  }
  if (parsed.version > CUSTOM_VERSION) {
    throw new CustomIndicatorError(`Файл показателя создан более новой версией Око (формат ${parsed.version}); обновите приложение`);
  }
  return sanitizeIndicatorDef(parsed.indicator);
}

// ── URL hash ──

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new CustomIndicatorError('Ссылка на показатель повреждена: недопустимые символы');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new CustomIndicatorError('Ссылка на показатель повреждена');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

const canCompress = () => typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/**
 * The hash payload: 'z.' + base64url(deflate(JSON file)) where CompressionStream exists, else
 * 'j.' + base64url(JSON file). Put it after `#indicator=` (see indicatorUrlHash).
 */
export async function indicatorToHash(def: IndicatorDef, options: { compress?: boolean } = {}): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(JSON.parse(indicatorToJson(def))));
  if ((options.compress ?? true) && canCompress()) return `z.${toBase64Url(await pipe(json, new CompressionStream('deflate')))}`;
  return `j.${toBase64Url(json)}`;
}

/** `#indicator=<payload>` for a shareable link. */
export async function indicatorUrlHash(def: IndicatorDef): Promise<string> {
  return `#${HASH_KEY}=${await indicatorToHash(def)}`;
}

/** Accepts '#indicator=z.…', 'indicator=z.…' or the bare payload; throws CustomIndicatorError in Russian. */
export async function indicatorFromHash(hash: string): Promise<IndicatorDef> {
  let payload = hash.trim().replace(/^#/, '');
  const pair = payload.split('&').find((part) => part.startsWith(`${HASH_KEY}=`));
  if (pair) payload = pair.slice(HASH_KEY.length + 1);
  else if (payload.includes('=')) throw new CustomIndicatorError('В ссылке нет показателя Око');
  const [kind, body] = [payload.slice(0, 2), payload.slice(2)];
  if ((kind !== 'z.' && kind !== 'j.') || !body) throw new CustomIndicatorError('В ссылке нет показателя Око');
  if (body.length > MAX_JSON)
    throw new CustomIndicatorError(`Ссылка слишком длинная для описания показателя: больше ${MAX_JSON.toLocaleString('ru-RU')} знаков`);
  let bytes = fromBase64Url(body);
  if (kind === 'z.') {
    if (!canCompress()) throw new CustomIndicatorError('Этот браузер не умеет распаковывать сжатые ссылки');
    try {
      bytes = await pipe(bytes, new DecompressionStream('deflate'));
    } catch {
      throw new CustomIndicatorError('Ссылка на показатель повреждена: не распаковывается');
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CustomIndicatorError('Ссылка на показатель повреждена: текст не в UTF-8');
  }
  return indicatorFromJson(text);
}
