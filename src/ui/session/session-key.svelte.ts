/**
 * After a session file opens: can the session still link new imports to its people? A backup
 * made with a passphrase holds the key wrapped — KeyDialog asks for the passphrase; a file without
 * the key (a backup without a passphrase, a copy for a colleague) gets a new key at once, and a
 * notice says that people imported from now on are not linked to the earlier ones.
 */
import type { EngineClient } from '../../engine/client.ts';
import type { Notice } from '../notices/notices.svelte.ts';
import { formatCount } from '../grid/format.ts';

function peopleText(people: number): string {
  const mod10 = people % 10;
  const mod100 = people % 100;
  const word = mod10 === 1 && mod100 !== 11 ? 'участник' : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'участника' : 'участников';
  return `${formatCount(people)} ${word}`;
}

/** What the check needs of its owner. */
export interface SessionKeyHost {
  readonly engine: EngineClient;
  readonly autosave: { touch(): void };
  schedule<T>(job: () => Promise<T>): Promise<T>;
  notify(kind: Notice['kind'], text: string): void;
}

export class SessionKeyCheck {
  /** the backup whose key waits for its passphrase (KeyDialog) */
  asking = $state.raw<{ fileName: string; people: number } | null>(null);
  error = $state('');
  busy = $state(false);

  constructor(private readonly app: SessionKeyHost) {}

  /** Runs inside the app's queue, right after the file opened. */
  async afterOpen(fileName: string): Promise<void> {
    this.error = '';
    const info = await this.app.engine.call('sessionKey', {});
    if (info.state === 'wrapped') {
      this.asking = { fileName, people: info.people };
      return;
    }
    if (info.state === 'present') return;
    await this.app.engine.call('unlockPersonKey', { passphrase: null });
    if (info.kind === 'share') {
      this.app.notify(
        'info',
        'Открыта копия для передачи: в ней нет ФИО и ключей участников, поэтому результаты не связаны с людьми, а участники новых загрузок не будут связаны с уже загруженными.',
      );
    } else if (info.people > 0) {
      this.app.notify(
        'info',
        `В файле сессии нет ключа, который связывает участников разных файлов: сессия получила новый ключ, и участники новых загрузок не будут связаны с уже загруженными (${peopleText(info.people)}).`,
      );
    }
  }

  /** The passphrase given when the backup was saved. */
  unlock(passphrase: string): Promise<void> {
    return this.answer(passphrase);
  }

  /** «Продолжить без ключа». */
  skip(): Promise<void> {
    return this.answer(null);
  }

  private async answer(passphrase: string | null): Promise<void> {
    const asked = this.asking;
    if (!asked || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const outcome = await this.app.schedule(() => this.app.engine.call('unlockPersonKey', { passphrase }));
      this.app.autosave.touch();
      if (!outcome.ok && outcome.wrongPassphrase) {
        this.error = outcome.message;
        return;
      }
      this.asking = null;
      if (!outcome.ok) this.app.notify('error', outcome.message);
      else if (outcome.linked) this.app.notify('info', 'Ключ участников расшифрован: новые загрузки свяжутся с уже загруженными участниками.');
      else
        this.app.notify('info', `Сессия открыта с новым ключом: участники новых загрузок не будут связаны с уже загруженными (${peopleText(asked.people)}).`);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}
