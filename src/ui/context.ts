import { getContext, setContext } from 'svelte';
import type { App } from './app.svelte.ts';

const KEY = Symbol('oko-app');

export function provideApp(app: App): void {
  setContext(KEY, app);
}

export function useApp(): App {
  const app = getContext<App | undefined>(KEY);
  if (!app) throw new Error('App context is missing');
  return app;
}
