/** Whether the left panel is folded away: a preference of this browser, kept across sessions. */
const KEY = 'oko.side-panel';

export function sidePanelCollapsed(): boolean {
  try {
    return localStorage.getItem(KEY) === 'collapsed';
  } catch {
    return false;
  }
}

export function rememberSidePanel(collapsed: boolean): void {
  try {
    localStorage.setItem(KEY, collapsed ? 'collapsed' : 'open');
  } catch {
    // storage refused (private mode): the panel simply opens next time
  }
}
