// npm run demo-data -- <folder>: writes the demo municipality's files (the same bytes the app
// serves) into <folder> (default ./demo-data), to look at them in Excel or to try an import by hand.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';

const folder = resolve(process.argv[2] ?? 'demo-data');
const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'warn' });
try {
  const { demoFiles } = await vite.ssrLoadModule('/src/core/demo/index.ts');
  const files = await demoFiles();
  mkdirSync(folder, { recursive: true });
  for (const file of files) writeFileSync(join(folder, file.name), file.bytes);
  console.log(`${files.length} файлов демо-муниципалитета записаны в ${folder}`);
} finally {
  await vite.close();
}
