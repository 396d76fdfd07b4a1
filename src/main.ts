import { mount } from 'svelte';
import { startEngine } from './engine/client.ts';
import { registerServiceWorker } from './store/offline.ts';
import App from './ui/App.svelte';
import { App as AppState } from './ui/app.svelte.ts';
import './ui/styles.css';

const state = new AppState(startEngine());
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing in index.html');

mount(App, { target, props: { app: state } });
void state.start();
registerServiceWorker();

// Leaving the page: write what is pending (IndexedDB finishes the transaction if it can).
addEventListener('pagehide', () => {
  void state.workspaceStore.flush();
  void state.autosave.flush();
});
