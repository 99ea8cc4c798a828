import { h, uid } from './dom';

export interface DialogChoice {
  id: string;
  label: string;
  kind?: 'action' | 'create' | 'secondary';
  /** The answer Escape gives: the choice that changes nothing. */
  cancel?: boolean;
}

/**
 * A modal question inside the sidebar (a browser confirm() cannot say more than OK/Cancel,
 * and Apps Script's iframe may block it). Focus moves into the dialog, Tab stays inside,
 * Escape gives the choice marked `cancel` (the one that changes nothing), and focus returns where it was.
 */
export function ask(title: string, message: string, choices: DialogChoice[]): Promise<string> {
  const previous = document.activeElement as HTMLElement | null;
  const titleId = uid('dlg-title');
  const textId = uid('dlg-text');
  return new Promise((resolve) => {
    const buttons = choices.map((c) => h('button', { type: 'button', class: c.kind ?? 'secondary', 'data-choice': c.id, text: c.label }));
    const box = h(
      'div',
      { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': textId },
      h('h2', { id: titleId, text: title }),
      h('p', { id: textId, text: message }),
      h('div', { class: 'dialog-buttons' }, ...buttons),
    );
    const overlay = h('div', { class: 'overlay' }, box);
    const app = document.getElementById('app');
    app?.setAttribute('aria-hidden', 'true');
    app?.setAttribute('inert', '');
    const close = (id: string) => {
      overlay.remove();
      app?.removeAttribute('aria-hidden');
      app?.removeAttribute('inert');
      previous?.focus();
      resolve(id);
    };
    for (const b of buttons) b.addEventListener('click', () => close(b.dataset.choice!));
    overlay.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close((choices.find((c) => c.cancel) ?? choices[choices.length - 1]!).id);
      } else if (e.key === 'Tab') {
        const first = buttons[0]!;
        const last = buttons[buttons.length - 1]!;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    });
    document.body.append(overlay);
    buttons[0]!.focus();
  });
}
