// First: the worker and the demo start before the modules below run (early-start.ts).
import { engine } from './early-start.ts';
import { mount } from 'svelte';
import { registerServiceWorker } from './store/offline.ts';
import App from './ui/App.svelte';
import { App as AppState } from './ui/app.svelte.ts';
import './ui/styles.css';

const state = new AppState(engine);
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing in index.html');

mount(App, { target, props: { app: state } });
document.getElementById('boot')?.remove();
// The service worker's first install downloads the whole app once more into its cache: only once a
// session is open (the last one, or the one chosen on the start screen), so that it competes
// neither with the start nor with opening the first session.
void state
  .start()
  .then(() => state.sessions.firstOpened)
  .then(registerServiceWorker);

// Leaving the page: write what is pending (IndexedDB finishes the transaction if it can).
addEventListener('pagehide', () => {
  void state.workspaceStore.flush();
  void state.autosave.flush();
});
