/**
 * Why a save to IndexedDB failed, in words a methodist can act on. The browser's own messages are
 * English and technical («The quota has been exceeded.»); what matters to the user is that the
 * work is not kept in this browser and that a download keeps it.
 */
export function describeSaveFailure(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const text = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(text)) {
    return 'браузеру не хватило места на диске для сессии. Скачайте сессию файлом, затем освободите место (удалите ненужные сессии в меню сессий или данные других сайтов).';
  }
  if (name === 'InvalidStateError' || name === 'UnknownError' || /backing store|database.*clos|connection.*clos/i.test(text)) {
    return 'хранилище браузера недоступно (его могли очистить или закрыть). Скачайте сессию файлом, чтобы не потерять работу.';
  }
  if (name === 'SecurityError') {
    return 'браузер не разрешает этой странице хранить данные (например, в режиме инкогнито или при запрете сайтам хранить данные). Скачайте сессию файлом.';
  }
  return 'браузер не принял данные. Скачайте сессию файлом, чтобы не потерять работу.';
}
