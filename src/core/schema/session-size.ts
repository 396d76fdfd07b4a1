import { formatBytes } from '../import/limits.ts';

/** About 3 million results; the tab needs 4–8 times the file in memory to open it. */
export const MAX_SESSION_BYTES = 400 * 1024 * 1024;

/** Why a session file of `size` bytes is too big to open. */
export const sessionSizeText = (size: number) =>
  `Размер ${formatBytes(size)}, а Око открывает сессии до ${formatBytes(MAX_SESSION_BYTES)} — больше браузер не удержит в памяти.`;

/** The size check alone: the page refuses a session file before reading it into memory. */
export function sessionSizeError(name: string, size: number): string | null {
  return size <= MAX_SESSION_BYTES ? null : `Файл сессии «${name}» не открыт. ${sessionSizeText(size)}`;
}
