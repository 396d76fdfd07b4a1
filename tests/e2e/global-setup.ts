import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

// The browser tests run against the production build, served statically, as users get it.
export default async function setup(project: TestProject) {
  await build({ logLevel: 'warn', mode: 'production' });
  const server = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server did not report its address');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
