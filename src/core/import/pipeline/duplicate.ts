import type { Database } from '../../db.ts';
import { queryObjects } from '../../db.ts';
import { formatTimestamp } from '../dates.ts';
import { ImportError } from '../types.ts';

/** The same bytes (SHA-256) imported before: refuse, so that nothing is counted twice. */
export function refuseDuplicate(db: Database, fileName: string, sha256: string): void {
  const earlier = queryObjects<{ file_name: string | null; imported_at: string | null }>(
    db,
    'SELECT file_name, imported_at FROM import_batch WHERE sha256 = ?',
    [sha256],
  )[0];
  if (!earlier) return;
  const when = earlier.imported_at ? ` ${formatTimestamp(earlier.imported_at)}` : '';
  const as = earlier.file_name && earlier.file_name !== fileName ? ` (под именем «${earlier.file_name}»)` : '';
  throw new ImportError({
    code: 'duplicate',
    file: fileName,
    message: `Файл «${fileName}» уже загружен${when}${as} — пропущен.`,
  });
}
