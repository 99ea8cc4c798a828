/**
 * Screen switching. A feature adds a screen by writing a module that calls `registerScreen`
 * and importing it from screens/index.ts; screens with `nav` appear in the top navigation.
 * Leaving a screen asks it first (`canLeave`), so unsaved work is never dropped silently.
 */
import { clear, h, announce } from './dom';

export interface Screen {
  id: string;
  /** French, shown in the navigation and as the page title. */
  title: string;
  /** Shown in the top navigation, in registration order. */
  nav?: boolean;
  render(root: HTMLElement, params?: unknown): void | Promise<void>;
  /** Resolves false to stay (after asking the user, e.g. about unsaved changes). */
  canLeave?(): Promise<boolean>;
  /** True while leaving would lose work (the browser's beforeunload asks then). */
  isDirty?(): boolean;
}

const screens = new Map<string, Screen>();
let current: Screen | null = null;

export function registerScreen(screen: Screen): void {
  screens.set(screen.id, screen);
}

/** Whether a screen of this id is registered (the start screen a menu item asks for). */
export function hasScreen(id: string): boolean {
  return screens.has(id);
}

export function currentScreen(): Screen | null {
  return current;
}

/** Goes to a screen; false when the current one refused to be left. */
export async function show(id: string, params?: unknown): Promise<boolean> {
  const next = screens.get(id);
  if (!next) throw new Error(`unknown screen ${id}`);
  if (current && current.canLeave && !(await current.canLeave())) return false;
  current = next;
  const root = document.getElementById('screen')!;
  clear(root);
  announce('');
  document.title = `Rapporteur – ${next.title}`;
  renderNav();
  await next.render(root, params);
  return true;
}

function renderNav(): void {
  const nav = document.getElementById('nav');
  if (!nav) return;
  clear(nav);
  const list = h('ul');
  for (const s of screens.values()) {
    if (!s.nav) continue;
    const button = h('button', { type: 'button', class: 'nav-link', 'aria-current': s === current ? 'page' : null, text: s.title, on: { click: () => void show(s.id) } });
    list.append(h('li', {}, button));
  }
  nav.append(list);
}

/** Moves focus to the screen's heading so that keyboard and screen-reader users start there. */
export function focusHeading(root: HTMLElement): void {
  const heading = root.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

window.addEventListener('beforeunload', (e) => {
  if (current?.isDirty?.()) {
    e.preventDefault();
    e.returnValue = '';
  }
});
