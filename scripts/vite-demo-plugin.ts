import type { Plugin } from 'vite';
import type { ImportFile } from '../src/core/import/types.ts';

/**
 * Serves the demo municipality under ./demo/ — in dev from memory, in the build as static
 * assets. The files come from the deterministic generator, so they are never stale.
 */
export function demoDataPlugin(): Plugin {
  let files: Promise<ImportFile[]> | null = null;
  const load = () => (files ??= import('../src/core/samples/index.ts').then((m) => m.demoFiles()));
  const manifest = async () => JSON.stringify({ files: (await load()).map((f) => f.name) });

  return {
    name: 'oko-demo-data',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]);
        if (!path.startsWith('/demo/')) return next();
        const name = path.slice('/demo/'.length);
        if (name === 'manifest.json') {
          res.setHeader('Content-Type', 'application/json');
          return res.end(await manifest());
        }
        const file = (await load()).find((f) => f.name === name);
        if (!file) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(Buffer.from(file.bytes));
      });
    },
    async generateBundle() {
      for (const file of await load()) this.emitFile({ type: 'asset', fileName: `demo/${file.name}`, source: file.bytes });
      this.emitFile({ type: 'asset', fileName: 'demo/manifest.json', source: await manifest() });
    },
  };
}
