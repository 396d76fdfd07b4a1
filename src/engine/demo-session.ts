import { gzipSync } from 'fflate';
import type { OkoSqlJs } from '../../wasm/sql-wasm.js';
import { sha256 } from '../core/import/persons/hmac.ts';
import { markSecretPublic, storeSecret } from '../core/import/persons/person-key.ts';
import { demoFiles } from '../core/demo/index.ts';
import { Engine } from './engine.ts';

/** The import time the prebuilt demo records: fixed, so the file is the same in every build. */
export const DEMO_IMPORTED_AT = '2026-09-01T09:00:00.000Z';

/**
 * The person-key secret of the prebuilt demo only. Every session gets a random secret, but a
 * random one would make each build of the demo a different file. This one is public (anyone can
 * compute it from this text), which is harmless: the demo's people are invented. The file marks
 * it public, so the first import into a demo session that needs person keys replaces it by a
 * random secret (person-key.ts, PUBLIC_MARK): whatever a user adds is keyed with a secret of their own.
 */
export const DEMO_PERSON_KEY_SECRET = sha256(new TextEncoder().encode('Око: демонстрационный муниципалитет, люди вымышлены, ключ открыт'));

/**
 * The demo municipality as a session file: the demo files imported by the same Engine.importFiles
 * the app uses, at a fixed time and with a fixed key, so two builds give byte-identical files
 * (tests/unit/demo-session.test.ts). The build ships it packed (packDemoSession) as demo/demo.sqlite.gz
 * (scripts/vite-demo-plugin.ts).
 */
export async function buildDemoSession(SQL: OkoSqlJs): Promise<Uint8Array> {
  const engine = new Engine(SQL, { now: () => DEMO_IMPORTED_AT });
  try {
    storeSecret(engine.database, DEMO_PERSON_KEY_SECRET);
    const outcomes = await engine.importFiles({ files: demoFiles() });
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length) throw new Error(`demo files did not import: ${failed.map((f) => (f.ok ? '' : `${f.file}: ${f.message}`)).join('; ')}`);
    markSecretPublic(engine.database);
    // Compact: the file users download first is as small as the data allow.
    engine.database.run('VACUUM');
    return engine.exportDatabase();
  } finally {
    engine.database.close();
  }
}

/**
 * The file the build ships: the session gzip-compressed, a third of its size. Few static hosts
 * compress an .sqlite on their own, and the page unpacks it natively (src/store/demo.ts). fflate
 * writes no time and a fixed system into the header: the same bytes on every build and platform.
 */
export function packDemoSession(session: Uint8Array): Uint8Array {
  return gzipSync(session, { level: 9, mtime: 0 });
}
