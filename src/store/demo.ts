/**
 * The demo municipality: a prebuilt session file the build ships gzip-compressed as
 * demo/demo.sqlite.gz (src/engine/demo-session.ts). Opening it is one fetch, an unpacking in the
 * browser's own code and one open — no import runs in the page.
 */
export const DEMO_SESSION_URL = './demo/demo.sqlite.gz';

/** the download prefetchDemoSession started, until fetchDemoSession takes it */
let prefetched: Promise<Uint8Array> | null = null;

/**
 * Starts the download now (a first visit, before the screen's code runs: src/early-start.ts); the next
 * fetchDemoSession() takes it over instead of asking again.
 */
export function prefetchDemoSession(): void {
  prefetched ??= downloadDemoSession();
  prefetched.catch(() => undefined);
}

/** The demo session's bytes: a fresh download, or the one prefetchDemoSession started. Each call gets bytes of its own. */
export function fetchDemoSession(): Promise<Uint8Array> {
  const early = prefetched;
  prefetched = null;
  return early ?? downloadDemoSession();
}

async function downloadDemoSession(): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(DEMO_SESSION_URL);
  } catch {
    throw new Error('файл демо-данных не получен: нет связи с сайтом, а в браузере его копии ещё нет');
  }
  if (!response.ok) throw new Error(`файл демо-данных не получен (ответ сайта ${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A host that sends .gz files with «Content-Encoding: gzip» hands over the session already unpacked.
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes);
  } catch {
    throw new Error('файл демо-данных повреждён: обновите страницу');
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}
