/**
 * Building the DOM without HTML strings: every value goes through textContent or
 * setAttribute, so a beneficiary named "<img onerror=…>" stays text.
 */
type Child = Node | string | null | undefined | false;
type Listeners = Partial<Record<keyof HTMLElementEventMap, (e: Event) => void>>;
type Attrs = { [attribute: string]: string | number | boolean | null | undefined | Listeners; text?: string; on?: Listeners };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') el.textContent = String(value ?? '');
    else if (key === 'on') for (const [event, fn] of Object.entries((value as Listeners | undefined) ?? {})) el.addEventListener(event, fn as EventListener);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let counter = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Shows a message in the shared status lines: polite for news, assertive (role=alert) for failures. */
export function announce(text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  const status = document.getElementById('status');
  const alert = document.getElementById('alert');
  if (!status || !alert) return;
  status.className = `status status-${kind}`;
  status.textContent = kind === 'error' ? '' : text;
  alert.textContent = kind === 'error' ? text : '';
}

/**
 * Disables a button while its work runs, and gives it back the focus it had. Chromium sends
 * the focus of a button that becomes disabled to <body>: a keyboard user who pressed
 * « Enregistrer » would then start again from the top of the page, and a screen reader
 * lose its place. The returned function re-enables the button; when the button had the focus
 * and nothing took it meanwhile (an invalid field, a link to the new note), it takes it back.
 */
export function disableKeepingFocus(button: HTMLButtonElement): () => void {
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  return () => {
    button.disabled = false;
    const now = document.activeElement;
    if (hadFocus && button.isConnected && (now === null || now === document.body || now === button)) button.focus();
  };
}

/**
 * Whether the keyboard has lost its place or is about to: the focus on <body>, on a control
 * disabled or hidden (Chromium moves it to <body> a moment later), or inside `box`, about to
 * be emptied. The caller then gives it to the element that takes the removed one's place.
 */
export function focusLost(box?: Element): boolean {
  const a = document.activeElement;
  return !a || a === document.body || !!box?.contains(a) || a.matches(':disabled') || !!a.closest('[hidden]');
}
