/**
 * The demo municipality: a prebuilt session file the build ships as demo/demo.sqlite
 * (src/engine/demo-session.ts). Opening it is one fetch and one open — no import runs in the page.
 */
export const DEMO_SESSION_URL = './demo/demo.sqlite';

export async function fetchDemoSession(): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(DEMO_SESSION_URL);
  } catch {
    throw new Error('файл демо-данных не получен: нет связи с сайтом, а в браузере его копии ещё нет');
  }
  if (!response.ok) throw new Error(`файл демо-данных не получен (ответ сайта ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
