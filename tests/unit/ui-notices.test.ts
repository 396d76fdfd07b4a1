import { describe, expect, it } from 'vitest';
import { NOTICE_MS, Notices } from '../../src/ui/notices/notices.svelte.ts';

/** A clock the test turns by hand: each scheduled dismissal waits until the test runs it. */
function handClock() {
  const pending: Array<{ then: () => void; ms: number }> = [];
  return {
    pending,
    later: (then: () => void, ms: number) => void pending.push({ then, ms }),
    run(index: number) {
      pending.splice(index, 1)[0].then();
    },
  };
}

describe('notices', () => {
  it('lists notices in the order they came, each with its own id', () => {
    const clock = handClock();
    const notices = new Notices(clock.later);
    notices.notify('info', 'Создана копия: «Моя сессия (2)».');
    notices.notify('error', 'Сессия не удалена: нет места.');
    expect(notices.list).toEqual([
      { id: 1, kind: 'info', text: 'Создана копия: «Моя сессия (2)».' },
      { id: 2, kind: 'error', text: 'Сессия не удалена: нет места.' },
    ]);
  });

  it('an info goes after 5 s, an error after 12 s; each takes away only itself', () => {
    const clock = handClock();
    const notices = new Notices(clock.later);
    notices.notify('info', 'первое');
    notices.notify('error', 'второе');
    expect(clock.pending.map((p) => p.ms)).toEqual([NOTICE_MS.info, NOTICE_MS.error]);
    expect(NOTICE_MS).toEqual({ info: 5_000, error: 12_000 });
    clock.run(1);
    expect(notices.list.map((n) => n.text)).toEqual(['первое']);
    clock.run(0);
    expect(notices.list).toEqual([]);
  });

  it('a sticky notice stays until the user closes it', () => {
    const clock = handClock();
    const notices = new Notices(clock.later);
    notices.notify('error', 'Вкладка закрыта: запрос остановлен.', true);
    notices.notify('info', 'временное');
    expect(clock.pending).toHaveLength(1);
    clock.run(0);
    expect(notices.list.map((n) => n.text)).toEqual(['Вкладка закрыта: запрос остановлен.']);
    notices.dismiss(notices.list[0].id);
    expect(notices.list).toEqual([]);
  });

  it('closing a notice that already went changes nothing', () => {
    const clock = handClock();
    const notices = new Notices(clock.later);
    notices.notify('info', 'одно');
    notices.dismiss(1);
    clock.run(0);
    expect(notices.list).toEqual([]);
  });
});
