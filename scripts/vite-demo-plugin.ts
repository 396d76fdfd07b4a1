import type { Plugin } from 'vite';
import type { ImportFile } from '../src/core/import/types.ts';

/** Where the app fetches the prebuilt demo session, packed (src/store/demo.ts). */
export const DEMO_SESSION_FILE = 'demo.sqlite.gz';

/**
 * Serves the demo municipality under ./demo/ — in dev from memory, in the build as static assets:
 *  - demo.sqlite.gz, the prebuilt demo session the app opens directly, gzip-compressed
 *    (src/engine/demo-session.ts: the same import code, a fixed time and key, byte-identical between builds);
 *  - the source files and manifest.json listing them, for whoever wants to try the import
 *    on real layouts (README, «Демонстрационные данные»).
 * Both come from the deterministic generator, so they are never stale.
 */
export function demoDataPlugin(): Plugin {
  let files: Promise<ImportFile[]> | null = null;
  let session: Promise<Uint8Array> | null = null;
  const load = () => (files ??= import('../src/core/demo/index.ts').then((m) => m.demoFiles()));
  const manifest = async () => JSON.stringify({ files: (await load()).map((f) => f.name), session: DEMO_SESSION_FILE });
  const prebuilt = () =>
    (session ??= Promise.all([import('../wasm/node.ts'), import('../src/engine/demo-session.ts')]).then(async ([sqlJs, demo]) =>
      // the same build of SQLite the app runs (wasm/), so the prebuilt demo is what the app would write
      demo.packDemoSession(await demo.buildDemoSession(await sqlJs.default())),
    ));

  return {
    name: 'oko-demo-data',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]);
        if (!path.startsWith('/demo/')) return next();
        const name = path.slice('/demo/'.length);
        try {
          if (name === 'manifest.json') {
            res.setHeader('Content-Type', 'application/json');
            return res.end(await manifest());
          }
          if (name === DEMO_SESSION_FILE) {
            res.setHeader('Content-Type', 'application/gzip');
            return res.end(Buffer.from(await prebuilt()));
          }
          const file = (await load()).find((f) => f.name === name);
          if (!file) return next();
          res.setHeader('Content-Type', 'application/octet-stream');
          res.end(Buffer.from(file.bytes));
        } catch (error) {
          next(error);
        }
      });
    },
    async generateBundle() {
      for (const file of await load()) this.emitFile({ type: 'asset', fileName: `demo/${file.name}`, source: file.bytes });
      this.emitFile({ type: 'asset', fileName: 'demo/manifest.json', source: await manifest() });
      this.emitFile({ type: 'asset', fileName: `demo/${DEMO_SESSION_FILE}`, source: await prebuilt() });
    },
  };
}
