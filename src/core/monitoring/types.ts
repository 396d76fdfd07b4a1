/**
 * Monitoring forms as data: what a school is asked, in which unit, within which limits, and which
 * item of which municipal document the answer serves. The generator (generate.ts) lays a form
 * out in a sheet from this; the collector (collect.ts) reads the sheet back by the same layout
 * (layout.ts) and checks every answer against it.
 */

/**
 * count — a whole number of people (0…max); score — a whole-number grade on a scale (min…max);
 * yesno — «да» / «нет» (stored as 1 / 0); choice — one of `choices` (stored as its position, 1…n).
 */
export type FieldKind = 'count' | 'score' | 'yesno' | 'choice';

export interface FormField {
  /** stable key: monitoring_value.field; never reused for another meaning */
  code: string;
  /** the question as the form shows it */
  label: string;
  /** «чел.», «балл», «да / нет» */
  unit: string;
  kind: FieldKind;
  /** inclusive bounds of count and score */
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** a count that is a part of another count of the form («из них …»): never larger than it */
  partOf?: string;
  required: boolean;
  /** shown as the cell's note and as the input prompt */
  hint: string;
  /** the document item the answer serves: title, body and item, as sources are cited */
  serves: string;
}

/**
 * What an older version of the file becomes, or why it cannot be used. A migrated file's answers
 * keep their field (`renamed` maps an old code to the current one); current fields the old version
 * did not ask stay empty for the school; `note` tells the user so.
 */
export type VersionUpgrade = { kind: 'migrate'; note: string; renamed: Readonly<Record<string, string>> } | { kind: 'refuse'; reason: string };

/** An older version of a form still in circulation: its fields in row order and what becomes of them. */
export interface OlderVersion {
  version: number;
  /** field codes of that version in row order, with their labels then (the locked cells of the old file) */
  fields: ReadonlyArray<{ code: string; label: string; unit: string }>;
  upgrade: VersionUpgrade;
}

export interface MonitoringForm {
  /** stable id written into every generated file (hidden sheet) */
  id: string;
  /** the current version; bumped whenever the fields change */
  version: number;
  /** «Профориентация и самоопределение обучающихся» */
  title: string;
  /** the МСОКО system it serves (MECHANISM) */
  system: string;
  /** who fills it: «общеобразовательные организации», «ОО, реализующие программы дошкольного образования» */
  addressees: string;
  /** why the form exists, one sentence for the generation screen and the docs */
  purpose: string;
  fields: readonly FormField[];
  history: readonly OlderVersion[];
}
