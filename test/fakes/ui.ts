/**
 * A fake of SpreadsheetApp.getUi(): menus and alerts are kept as state, so that a test
 * reads what the user would see (the menu's items, the alert's text), not a call count.
 */
export type FakeMenuItem = { caption: string; functionName: string } | { separator: true } | { caption: string; subMenu: FakeMenu };

export class FakeMenu {
  readonly items: FakeMenuItem[] = [];
  constructor(
    readonly kind: 'addon' | 'menu',
    readonly title: string,
    private readonly ui: FakeUi,
  ) {}
  addItem(caption: string, functionName: string): this {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: FakeMenu): this {
    this.items.push({ caption: menu.title, subMenu: menu });
    return this;
  }
  addToUi(): void {
    this.ui.menus.push(this);
  }
}

export interface FakeAlert {
  title: string | null;
  prompt: string;
  buttons: string | null;
}

export class FakeUi {
  readonly menus: FakeMenu[] = [];
  readonly alerts: FakeAlert[] = [];
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;

  /** In an add-on the menu's title is the add-on's name, set by the Marketplace listing. */
  createAddonMenu(): FakeMenu {
    return new FakeMenu('addon', '(module complémentaire)', this);
  }
  createMenu(title: string): FakeMenu {
    return new FakeMenu('menu', title, this);
  }
  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons), as in Apps Script. */
  alert(...args: string[]): string {
    if (args.length === 3) this.alerts.push({ title: args[0]!, prompt: args[1]!, buttons: args[2]! });
    else this.alerts.push({ title: null, prompt: args[0]!, buttons: args[1] ?? null });
    return this.Button.OK;
  }
}
