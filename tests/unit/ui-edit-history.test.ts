import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/core/db.ts';
import type { EditHistoryHost } from '../../src/ui/edits/history.svelte.ts';
import { EditHistory, UNDO_DEPTH } from '../../src/ui/edits/history.svelte.ts';
import type { EditRecord } from '../../src/ui/grid/types.ts';

/**
 * An engine holding one table as a map «rowKey:column → value»: updateCell stores what it is given,
 * except the values listed in `refuse`, which it refuses as the engine refuses a value of the wrong type.
 */
function setup(refuse: SqlValue[] = []) {
  const cells = new Map<string, SqlValue>();
  const notices: string[] = [];
  let edits = 0;
  const engine = {
    call: async (method: string, args: { table: string; rowKey: number; column: string; value: SqlValue }) => {
      expect(method).toBe('updateCell');
      if (refuse.includes(args.value)) return { ok: false, message: `значение «${args.value}» не подходит` };
      cells.set(`${args.table}:${args.rowKey}:${args.column}`, args.value);
      return { ok: true, value: args.value };
    },
  } as unknown as EditHistoryHost['engine'];
  const history = new EditHistory({ engine, notify: (_kind, text) => notices.push(text), edited: () => edits++ });
  /** The grid stored `value` over `old` and reports it, as HandsontableGrid does. */
  const edit = (rowKey: number, old: SqlValue, value: SqlValue): EditRecord => {
    cells.set(`school:${rowKey}:name`, value);
    const record = { source: 'school', rowKey, column: 'name', old, value };
    history.record(record);
    return record;
  };
  const cell = (rowKey: number) => cells.get(`school:${rowKey}:name`);
  return { history, edit, cell, notices, edits: () => edits };
}

describe('edit history', () => {
  it('undo puts the old value back, redo the new one, each through the engine, in reverse order', async () => {
    const { history, edit, cell, edits } = setup();
    edit(1, 'Школа 1', 'МБОУ СОШ № 1');
    edit(2, 'Школа 2', 'МБОУ СОШ № 2');
    expect(edits()).toBe(2);

    expect(await history.undo()).toEqual({ source: 'school', rowKey: 2, column: 'name', old: 'Школа 2', value: 'Школа 2' });
    expect(cell(2)).toBe('Школа 2');
    expect(await history.undo()).toMatchObject({ rowKey: 1, value: 'Школа 1' });
    expect(cell(1)).toBe('Школа 1');
    expect(await history.undo()).toBeNull();

    expect(await history.redo()).toMatchObject({ rowKey: 1, value: 'МБОУ СОШ № 1' });
    expect(cell(1)).toBe('МБОУ СОШ № 1');
    expect([history.undoStack.length, history.redoStack.length]).toEqual([1, 1]);
    expect(edits()).toBe(5);
  });

  it('a new edit ends what could be redone', async () => {
    const { history, edit } = setup();
    edit(1, 'a', 'b');
    await history.undo();
    expect(history.redoStack).toHaveLength(1);
    edit(1, 'a', 'c');
    expect(history.redoStack).toEqual([]);
    expect(await history.redo()).toBeNull();
  });

  it('a step the engine refuses stays where it was, and the user is told why', async () => {
    const { history, edit, cell, notices, edits } = setup(['старое']);
    edit(7, 'старое', 'новое');
    expect(await history.undo()).toBeNull();
    expect(cell(7)).toBe('новое');
    expect(history.undoStack).toHaveLength(1);
    expect(history.redoStack).toEqual([]);
    expect(notices).toEqual(['Отменить правку не удалось: значение «старое» не подходит']);
    expect(edits()).toBe(1);
  });

  it('a redo the engine refuses stays to be redone', async () => {
    const { history, edit, cell, notices } = setup(['новое']);
    edit(7, 'старое', 'новое');
    expect(await history.undo()).toMatchObject({ value: 'старое' });
    expect(await history.redo()).toBeNull();
    expect(cell(7)).toBe('старое');
    expect([history.undoStack.length, history.redoStack.length]).toEqual([0, 1]);
    expect(notices).toEqual(['Повторить правку не удалось: значение «новое» не подходит']);
  });

  it(`keeps the last ${UNDO_DEPTH} edits`, async () => {
    const { history, edit } = setup();
    for (let i = 1; i <= UNDO_DEPTH + 5; i++) edit(i, `было ${i}`, `стало ${i}`);
    expect(history.undoStack).toHaveLength(UNDO_DEPTH);
    expect(history.undoStack[0].rowKey).toBe(6);
    expect(history.undoStack.at(-1)?.rowKey).toBe(UNDO_DEPTH + 5);
  });

  it('another session starts with nothing to undo or redo', async () => {
    const { history, edit } = setup();
    edit(1, 'a', 'b');
    edit(1, 'b', 'c');
    await history.undo();
    history.reset();
    expect([history.undoStack, history.redoStack]).toEqual([[], []]);
  });
});
