import { describe, expect, it } from 'vitest';
import { describeSaveFailure } from '../../src/store/save-failure.ts';
import { ImportNotes, interruptedMessage } from '../../src/store/interrupted-import.ts';

/** localStorage as the browser has it: strings by key. */
class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}

describe('a failed save is explained in Russian, with what to do', () => {
  it('a full disk (QuotaExceededError, as Chromium raises it) says so and points to the download', () => {
    const text = describeSaveFailure(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(text).toBe(
      'браузеру не хватило места на диске для сессии. Скачайте сессию файлом, затем освободите место (удалите ненужные сессии в меню сессий или данные других сайтов).',
    );
  });

  it('a closed or cleared store, a forbidden one and anything else each get their own advice — never the English text', () => {
    const closed = describeSaveFailure(new DOMException('The database connection is closing.', 'InvalidStateError'));
    const forbidden = describeSaveFailure(new DOMException('The operation is insecure.', 'SecurityError'));
    const other = describeSaveFailure(new Error('Internal error opening backing store for indexedDB.open.'));
    const odd = describeSaveFailure('something');
    expect(closed).toContain('хранилище браузера недоступно');
    expect(other).toContain('хранилище браузера недоступно');
    expect(forbidden).toContain('не разрешает этой странице хранить данные');
    expect(odd).toBe('браузер не принял данные. Скачайте сессию файлом, чтобы не потерять работу.');
    for (const text of [closed, forbidden, other, odd]) {
      expect(text).toContain('Скачайте сессию файлом');
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

describe('an import cut off by a reload is named on the next visit', () => {
  it('files still being imported when the page went away are reported once, for their own session only', () => {
    const storage = new MemoryStorage();
    const before = new ImportNotes(storage);
    before.started('s1', ['Ф1 математика 4.xlsx', 'Протокол ОГЭ.xlsx']);
    before.ended('s1', 'Ф1 математика 4.xlsx');
    before.started('s2', ['Педагоги.xlsx']);
    // the page reloads: a new ImportNotes reads the same storage
    const after = new ImportNotes(storage);
    expect(after.takeInterrupted('s1')).toEqual(['Протокол ОГЭ.xlsx']);
    expect(after.takeInterrupted('s1')).toEqual([]);
    expect(after.takeInterrupted('s2')).toEqual(['Педагоги.xlsx']);
    expect(storage.length).toBe(0);
  });

  it('a finished import leaves nothing behind; the same file twice needs two ends', () => {
    const notes = new ImportNotes(new MemoryStorage());
    notes.started('s', ['a.csv', 'a.csv']);
    notes.ended('s', 'a.csv');
    expect(notes.takeInterrupted('s')).toEqual(['a.csv']);
    notes.started('s', ['b.csv']);
    notes.ended('s', 'b.csv');
    expect(notes.takeInterrupted('s')).toEqual([]);
  });

  it('a damaged note is read as none', () => {
    const storage = new MemoryStorage();
    storage.setItem('oko.importing', '{not json');
    expect(new ImportNotes(storage).takeInterrupted('s')).toEqual([]);
  });

  it('says which file, that nothing of it is in the session, and to load it again', () => {
    expect(interruptedMessage(['Протокол ОГЭ.xlsx'])).toBe(
      'Загрузка файла «Протокол ОГЭ.xlsx» была прервана перезагрузкой или закрытием страницы. Файл не загружен, сессия осталась такой, какой была до него. Загрузите его снова.',
    );
    expect(interruptedMessage(['a.xlsx', 'b.csv'])).toContain('Загрузка файлов «a.xlsx», «b.csv» была прервана');
  });
});
