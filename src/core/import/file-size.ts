import { MAX_FILE_BYTES, formatBytes } from './limits.ts';
import { fileError } from './messages.ts';
import type { ImportError } from './types.ts';

/**
 * The size check alone, free of SheetJS: the page uses it to refuse a file before reading
 * it into memory, the worker again before parsing.
 */
export function fileSizeError(name: string, size: number): ImportError | null {
  if (size <= MAX_FILE_BYTES) return null;
  return fileError(
    'too-large',
    { file: name },
    `размер ${formatBytes(size)}, а Око принимает файлы до ${formatBytes(MAX_FILE_BYTES)}: больше браузер не удержит в памяти. ` +
      'Разделите таблицу на несколько файлов (например, по муниципалитетам или предметам) и загрузите их по очереди.',
  );
}
