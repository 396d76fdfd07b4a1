/**
 * Whether the page is being printed (Ctrl+P, «Сохранить как PDF», print media). What only a
 * printout shows — an indicator's whole table — is built while this is true, not with every
 * result drawn on screen: a thousand-row table costs the click a quarter of a second and is
 * never seen there.
 *
 * `beforeprint` comes before the browser lays the page out for print, and the page is built at
 * once inside it (flushSync), so the printout has the table. The print media query covers a page
 * shown as printed without the print dialog (an emulated print medium).
 */
import { flushSync } from 'svelte';

let printing = $state(false);
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const set = (value: boolean) => {
    if (printing === value) return;
    printing = value;
    if (value) flushSync();
  };
  window.addEventListener('beforeprint', () => set(true));
  window.addEventListener('afterprint', () => set(false));
  const media = window.matchMedia('print');
  media.addEventListener('change', (event) => set(event.matches));
}

/** True while the page is printed; reactive (read it in a template or $derived). */
export function isPrinting(): boolean {
  listen();
  return printing;
}
