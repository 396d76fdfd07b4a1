import { describe, expect, it } from 'vitest';
import { textBinding } from '../../src/core/import/formats/vpr-results/write-results.ts';
import { emptyDatabase } from './sqlite.ts';

const TEXTS = [
  '0',
  '2',
  '15',
  '-3',
  '999999999',
  '1000000000',
  '2147483648',
  '007',
  '-0',
  '1.5',
  '1e3',
  ' 1',
  '1 ',
  '+1',
  'X',
  'х',
  '',
  '0x10',
  'Infinity',
  'NaN',
];

describe('a raw cell bound to a TEXT column', () => {
  it('is stored as the same text whether bound as given or as textBinding gives it (a number only for plain small integers)', () => {
    const db = emptyDatabase();
    db.run('CREATE TABLE t (kind TEXT, raw TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    for (const text of TEXTS) {
      insert.run(['as given', text]);
      insert.run(['textBinding', textBinding(text)]);
    }
    insert.free();
    const stored = (kind: string) => db.exec(`SELECT quote(raw), typeof(raw) FROM t WHERE kind = '${kind}' ORDER BY rowid`)[0].values;
    expect(stored('textBinding')).toEqual(stored('as given'));
    expect(stored('as given').every(([, type]) => type === 'text')).toBe(true);
    expect(TEXTS.filter((text) => typeof textBinding(text) === 'number')).toEqual(['0', '2', '15', '-3', '999999999']);
    expect(textBinding(null)).toBeNull();
  });
});
