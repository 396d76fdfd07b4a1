import { describe, expect, it } from 'vitest';
import { tabKey, Tabs } from '../../src/ui/tabs/tabs.svelte.ts';
import { ConsoleState } from '../../src/ui/console/console-state.svelte.ts';
import { parseWorkspace, type WorkspaceTab } from '../../src/store/workspace.ts';

/** Tabs whose owner counts how often the workspace record was to be written, and keeps the notices. */
function tabs(): { tabs: Tabs; writes: () => number; notices: string[] } {
  let writes = 0;
  const notices: string[] = [];
  return { tabs: new Tabs({ changed: () => writes++, closedAtOpen: (message) => notices.push(message) }), writes: () => writes, notices };
}

const table = (name: string): WorkspaceTab => ({ kind: 'table', name });
const indicator = (id: string, params = {}): WorkspaceTab => ({ kind: 'indicator', id, params });

describe('tabs', () => {
  it('a tab opens at the end and becomes active; opening it again only goes to it', () => {
    const { tabs: t, writes } = tabs();
    t.open(indicator('M01'));
    t.open(table('school'));
    t.open({ kind: 'sql' });
    expect(t.list.map((x) => x.key)).toEqual(['indicator:M01', 'table:school', 'sql']);
    expect(t.activeKey).toBe('sql');
    t.open(indicator('M01', { year: 2025 }));
    expect(t.list.map((x) => x.key)).toEqual(['indicator:M01', 'table:school', 'sql']);
    // the tab keeps its own parameters: opening it from the catalogue does not reset them
    expect(t.list[0]).toEqual({ kind: 'indicator', id: 'M01', params: {}, key: 'indicator:M01' });
    expect(t.active?.key).toBe('indicator:M01');
    expect(writes()).toBe(4);
  });

  it('closing the active tab activates the one that took its place, or the new last one', () => {
    const { tabs: t } = tabs();
    for (const name of ['a', 'b', 'c', 'd']) t.open(table(name));
    t.activate('table:b');
    t.close('table:b');
    expect(t.activeKey).toBe('table:c');
    t.activate('table:d');
    t.close('table:d');
    expect(t.activeKey).toBe('table:c');
    expect(t.list.map((x) => x.key)).toEqual(['table:a', 'table:c']);
  });

  it('closing another tab keeps the active one; the last tab closed leaves none', () => {
    const { tabs: t, writes } = tabs();
    t.open(table('a'));
    t.open(table('b'));
    t.close('table:a');
    expect(t.activeKey).toBe('table:b');
    t.close('table:b');
    expect(t.activeKey).toBeNull();
    expect(t.active).toBeNull();
    const before = writes();
    t.close('table:b');
    expect(writes()).toBe(before);
  });

  it('a reopened tab whose query never ends closes at open and says why, once', () => {
    const { tabs: t, writes, notices } = tabs();
    t.open(table('school'));
    t.open(table('endless_view'));
    const before = writes();
    t.closeAtOpen('table:endless_view', 'Вкладка закрыта.');
    expect(t.list.map((x) => x.key)).toEqual(['table:school']);
    expect(t.activeKey).toBe('table:school');
    expect(writes()).toBe(before + 1);
    expect(notices).toEqual(['Вкладка закрыта.']);
  });

  it('parameters change only the indicator named, and an unchanged set writes nothing', () => {
    const { tabs: t, writes } = tabs();
    t.open(indicator('M01'));
    t.open(indicator('M02'));
    t.setIndicatorParams('M01', { year: 2025, subject: 'Математика' });
    expect(t.list.map((x) => (x.kind === 'indicator' ? x.params : null))).toEqual([{ year: 2025, subject: 'Математика' }, {}]);
    const before = writes();
    t.setIndicatorParams('M01', { year: 2025, subject: 'Математика' });
    t.setIndicatorParams('M99', { year: 2024 });
    expect(writes()).toBe(before);
  });

  it('a table dropped by SQL closes its tab and no other', () => {
    const { tabs: t } = tabs();
    t.open(table('school'));
    t.open(table('my_rows'));
    t.open(table('old_rows'));
    t.open(indicator('M01'));
    t.closeMissingTables(new Set(['school']));
    expect(t.list.map((x) => x.key)).toEqual(['table:school', 'indicator:M01']);
    expect(t.activeKey).toBe('indicator:M01');
  });

  it('the saved workspace comes back without tabs whose table or indicator is gone, the saved tab active', () => {
    const { tabs: t, writes } = tabs();
    const saved = parseWorkspace(
      JSON.stringify({ tabs: [table('school'), table('gone'), indicator('M02', { year: 2025 }), { kind: 'sql' }], active: 2, sql: 'SELECT 1' }),
    );
    t.restore(saved, (tab) => !(tab.kind === 'table' && tab.name === 'gone'));
    expect(t.list.map((x) => x.key)).toEqual(['table:school', 'indicator:M02', 'sql']);
    expect(t.activeKey).toBe('indicator:M02');
    expect([...t.restored]).toEqual(['table:school', 'indicator:M02', 'sql']);
    expect(t.saved()).toEqual({ tabs: [table('school'), indicator('M02', { year: 2025 }), { kind: 'sql' }], active: 1 });
    // restoring is not a change of the user's: nothing to write
    expect(writes()).toBe(0);
  });

  it('a saved active tab that is gone leaves the first tab active', () => {
    const { tabs: t } = tabs();
    t.restore({ tabs: [table('school'), table('gone')], active: 1 }, (tab) => tab.kind !== 'table' || tab.name !== 'gone');
    expect(t.activeKey).toBe('table:school');
  });

  it('an empty workspace opens the first indicator when one is given, else nothing', () => {
    const { tabs: t } = tabs();
    t.restore({ tabs: [], active: -1 }, () => true, indicator('M01'));
    expect(t.list).toEqual([{ kind: 'indicator', id: 'M01', params: {}, key: 'indicator:M01' }]);
    expect(t.activeKey).toBe('indicator:M01');
    t.restore({ tabs: [], active: -1 }, () => true);
    expect(t.list).toEqual([]);
    expect(t.activeKey).toBeNull();
    expect(t.restored.size).toBe(0);
  });

  it('saved() is what the workspace record keeps: the tabs without keys and the active index', () => {
    const { tabs: t } = tabs();
    expect(t.saved()).toEqual({ tabs: [], active: -1 });
    t.open({ kind: 'report' });
    t.open({ kind: 'monitoring' });
    t.activate('report');
    expect(t.saved()).toEqual({ tabs: [{ kind: 'report' }, { kind: 'monitoring' }], active: 0 });
    t.reset();
    expect(t.saved()).toEqual({ tabs: [], active: -1 });
  });

  it('one key per table, per indicator, one for each other kind', () => {
    expect([table('school'), indicator('U3'), { kind: 'sql' } as const, { kind: 'report' } as const].map(tabKey)).toEqual([
      'table:school',
      'indicator:U3',
      'sql',
      'report',
    ]);
  });
});

describe('console state', () => {
  it('typing asks for the workspace record after a pause of 1.5 s; an indicator loaded brings its parameters', () => {
    const delays: number[] = [];
    const state = new ConsoleState({ changed: (delay) => delays.push(delay) });
    state.setText('SELECT 1');
    expect(delays).toEqual([1500]);
    state.load('SELECT * FROM school WHERE year = :year', { year: 2025 }, 'M01');
    expect(state.text).toBe('SELECT * FROM school WHERE year = :year');
    expect(state.params).toEqual({ from: 'M01', params: { year: 2025 } });
    // the console's tab opening writes the record, not the load itself
    expect(delays).toEqual([1500]);
    state.reset();
    expect([state.text, state.params, state.outcome]).toEqual(['', null, null]);
  });
});
