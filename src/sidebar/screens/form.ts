/**
 * The dossier form: every field of the dossier, co-financers as rows, and the checks of the
 * core re-run on every keystroke (the same checkDossier the server runs, bundled here), each
 * finding shown beside its field. Saving goes through the server, which holds the document
 * lock and refuses to overwrite a dossier someone else changed since it was loaded.
 */
import { checkDossier, type DossierCheck } from '../../core/checks';
import type { DossierInput } from '../../core/dossier';
import type { Finding, Severity } from '../../core/findings';
import { formatAmount, formatMonths, formatRate } from '../../core/format';
import { DOSSIER_FIELDS, FIELD_GROUPS, type FieldGroup, type FieldSpec } from '../../app/dossier-fields';
import type { FieldError, LoadedDossier, SaveResult } from '../../app/dossier-api';
import { ask } from '../dialog';
import { announce, disableKeepingFocus, h, uid } from '../dom';
import { call } from '../rpc';
import { focusHeading, registerScreen, show } from '../screens';
import { app } from '../state';
import { cumulatedFindingsFor, type BeneficiaryContext } from '../../app/beneficiary-context';
import type { ReportScreenParams } from './report';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface FieldView {
  spec: FieldSpec;
  control: Control;
  message: HTMLElement;
}

interface CofinancerRow {
  root: HTMLFieldSetElement;
  legend: HTMLLegendElement;
  name: HTMLInputElement;
  amount: HTMLInputElement;
  share: HTMLElement;
  message: HTMLElement;
  remove: HTMLButtonElement;
}

interface Perf {
  checkMs: number[];
}
declare global {
  interface Window {
    __rapporteurPerf?: Perf;
  }
}

/**
 * How long typing must pause before the checks' figures are read out: a screen reader told
 * every keystroke's figures (« 4 », « 47 », « 475 »…) would drown what the user types.
 */
const LIVE_SUMMARY_DELAY_MS = 1000;

const SEVERITY_PREFIX: Record<Severity, string> = { error: 'Erreur : ', warning: 'Attention : ', info: 'Info : ' };
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const controlId = (path: string) => `f-${path.replace(/\./g, '-')}`;

function getPath(source: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), source);
}
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

/**
 * Writes a text only when it differs (an unchanged write still costs style and layout), and
 * into the text node already there when there is one: changing its data relays out that text
 * alone, where textContent would drop the node and attach a new one.
 */
function setText(el: HTMLElement, text: string): void {
  const only = el.firstChild;
  if (only instanceof Text && only === el.lastChild) {
    if (only.data === text) return;
    if (text !== '') {
      only.data = text;
      return;
    }
  } else if (!only && text === '') return;
  el.textContent = text;
}
function setInvalid(control: Control, invalid: boolean): void {
  if (invalid) {
    if (control.getAttribute('aria-invalid') !== 'true') control.setAttribute('aria-invalid', 'true');
  } else if (control.hasAttribute('aria-invalid')) control.removeAttribute('aria-invalid');
}

class DossierForm {
  ref: string | null = null;
  version: string | null = null;
  baseline = '';
  saving = false;
  readonly fields = new Map<string, FieldView>();
  readonly rows: CofinancerRow[] = [];
  readonly groupBadges = new Map<FieldGroup, { details: HTMLDetailsElement | null; badge: HTMLElement }>();
  heading!: HTMLHeadingElement;
  rowsBox!: HTMLElement;
  cofMessage!: HTMLElement;
  cofTotal!: HTMLElement;
  addButton!: HTMLButtonElement;
  saveButton!: HTMLButtonElement;
  general!: HTMLElement;
  figures!: { base: HTMLElement; rate: HTMLElement; total: HTMLElement; convention: HTMLElement; count: HTMLElement };
  /** The other dossiers of the sheet, for the yearly total per beneficiary; asked once per loaded dossier. */
  context: BeneficiaryContext | null = null;
  private contextAsked = 0;
  contextNotice!: HTMLElement;
  /** The checks' figures, said politely once typing pauses (RGAA 7.5: status messages). */
  live!: HTMLElement;
  private liveTimer: number | undefined;
  private liveSaid = '';
  /** What each message place shows now, so that a keystroke rebuilds only the places that change. */
  private readonly shownMessages = new WeakMap<HTMLElement, string>();

  build(root: HTMLElement): void {
    this.heading = h('h1', { id: 'form-title' });
    root.append(this.heading);
    if (app.settingsError) root.append(h('p', { class: 'notice', text: `Les paramètres du classeur n’ont pas pu être lus (${app.settingsError}) : les contrôles utilisent les valeurs par défaut.` }));
    root.append(this.buildSummary());
    const form = h('form', { id: 'dossier-form', novalidate: true, 'aria-labelledby': 'form-title' });
    for (const group of FIELD_GROUPS) {
      form.append(this.buildGroup(group));
      if (group.id === 'figures') form.append(this.buildCofinancers());
    }
    this.saveButton = h('button', { type: 'submit', class: 'action', id: 'save', text: 'Enregistrer' });
    form.append(
      h(
        'div',
        { class: 'bottom-bar' },
        this.saveButton,
        h('button', { type: 'button', class: 'secondary', id: 'back', text: 'Retour à la liste', on: { click: () => void show('chooser') } }),
        h('button', { type: 'button', class: 'secondary', id: 'copy', text: 'Copier en nouveau dossier', on: { click: () => this.copyAsNew() } }),
        h('button', { type: 'button', class: 'secondary', id: 'to-report', text: 'Note au conseil', on: { click: () => void this.openReport() } }),
      ),
    );
    // 'input' fires for text, selects and dates alike; 'change' would only repeat the work.
    form.addEventListener('input', (e) => this.onInput(e));
    // A date field whose day, month or year is incomplete or impossible (31/02) has the value
    // "" whatever is typed next: no 'input' event, and its message would stay the one of the
    // first wrong keystroke. Check again on each key and on leaving the field.
    const dateEvent = (e: Event) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'date') this.onInput(e);
    };
    form.addEventListener('keyup', dateEvent);
    form.addEventListener('paste', (e) => this.onPaste(e as ClipboardEvent));
    form.addEventListener('focusout', dateEvent);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save(false);
    });
    root.append(form);
  }

  private buildSummary(): HTMLElement {
    const row = (label: string, id: string) => {
      const value = h('dd', { id });
      return { nodes: [h('dt', { text: label }), value], value };
    };
    const base = row('Budget proratisé', 'sum-base');
    const rate = row('Taux calculé', 'sum-rate');
    const total = row('Total cofinancé', 'sum-total');
    const convention = row('Convention', 'sum-convention');
    const count = h('p', { id: 'sum-count', class: 'sum-count' });
    this.general = h('div', { id: 'sum-findings', class: 'field-message' });
    this.contextNotice = h('p', { id: 'sum-context', class: 'hint' });
    this.live = h('p', { id: 'sum-live', class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.figures = { base: base.value, rate: rate.value, total: total.value, convention: convention.value, count };
    return h(
      'section',
      { class: 'summary', 'aria-labelledby': 'summary-title' },
      h('h2', { id: 'summary-title', text: 'Contrôles' }),
      h('dl', {}, ...base.nodes, ...rate.nodes, ...total.nodes, ...convention.nodes),
      count,
      this.general,
      this.contextNotice,
      this.live,
    );
  }

  private buildGroup(group: (typeof FIELD_GROUPS)[number]): HTMLElement {
    const badge = h('span', { class: 'group-badge' });
    const fieldset = h('fieldset', { class: 'group' });
    let details: HTMLDetailsElement | null = null;
    let container: HTMLElement = fieldset;
    if (group.open) fieldset.append(h('legend', {}, group.title, ' ', badge));
    else {
      details = h('details', { class: 'group-details' }, h('summary', {}, group.title, ' ', badge), fieldset);
      fieldset.setAttribute('aria-label', group.title);
      container = details;
    }
    this.groupBadges.set(group.id, { details, badge });
    for (const spec of DOSSIER_FIELDS.filter((f) => f.group === group.id)) fieldset.append(this.buildField(spec));
    return container;
  }

  private buildField(spec: FieldSpec): HTMLElement {
    const id = controlId(spec.path);
    const messageId = `${id}-msg`;
    const hintId = spec.hint ? `${id}-hint` : null;
    let control: Control;
    if (spec.kind === 'choice' || spec.kind === 'yesno') {
      const options = spec.kind === 'yesno' ? [{ value: 'oui', label: 'oui' }, { value: 'non', label: 'non' }] : spec.choices!;
      control = h('select', { id }, h('option', { value: '', text: spec.kind === 'yesno' ? 'non renseigné' : '—' }), ...options.map((c) => h('option', { value: c.value, text: c.label })));
    } else if (spec.kind === 'lines') control = h('textarea', { id, rows: 3 });
    else if (spec.kind === 'date') control = h('input', { id, type: 'date' });
    else control = h('input', { id, type: 'text', inputmode: spec.kind === 'money' || spec.kind === 'stated' || spec.kind === 'rate' || spec.kind === 'year' ? 'decimal' : null, autocomplete: 'off', spellcheck: spec.kind === 'text' ? null : 'false' });
    control.setAttribute('aria-describedby', [hintId, messageId].filter(Boolean).join(' '));
    const message = h('div', { id: messageId, class: 'field-message' });
    this.fields.set(spec.path, { spec, control, message });
    return h('div', { class: 'form-group' }, h('label', { for: id, text: spec.label }), control, hintId ? h('p', { id: hintId, class: 'hint', text: spec.hint! }) : null, message);
  }

  private buildCofinancers(): HTMLElement {
    this.rowsBox = h('div', { class: 'cof-rows' });
    this.cofTotal = h('p', { id: 'cof-total', class: 'cof-total' });
    this.cofMessage = h('div', { id: 'cof-msg', class: 'field-message' });
    this.addButton = h('button', { type: 'button', class: 'secondary', id: 'add-cofinancer', text: 'Ajouter un cofinanceur', on: { click: () => this.addRow({}, true) } });
    return h('fieldset', { class: 'group', id: 'cofinancers', 'aria-describedby': 'cof-total cof-msg' }, h('legend', { text: 'Cofinanceurs' }), this.rowsBox, this.addButton, this.cofTotal, this.cofMessage);
  }

  addRow(values: { name?: unknown; amount?: unknown }, focus = false): void {
    const nameId = uid('cof-name');
    const amountId = uid('cof-amount');
    const shareId = uid('cof-share');
    const messageId = uid('cof-msg');
    const legend = h('legend');
    const name = h('input', { id: nameId, type: 'text', autocomplete: 'off', class: 'cof-name', 'aria-describedby': messageId });
    const amount = h('input', { id: amountId, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', class: 'cof-amount', 'aria-describedby': `${shareId} ${messageId}` });
    name.value = blank(values.name) ? '' : String(values.name);
    amount.value = blank(values.amount) ? '' : String(values.amount);
    const remove = h('button', { type: 'button', class: 'secondary remove', text: 'Retirer' });
    const row: CofinancerRow = {
      root: h(
        'fieldset',
        { class: 'cof-row' },
        legend,
        h('div', { class: 'form-group' }, h('label', { for: nameId, text: 'Nom' }), name),
        h('div', { class: 'form-group' }, h('label', { for: amountId, text: 'Montant' }), amount),
        h('p', { id: shareId, class: 'hint cof-share' }),
        h('div', { id: messageId, class: 'field-message' }),
        remove,
      ),
      legend,
      name,
      amount,
      share: null as unknown as HTMLElement,
      message: null as unknown as HTMLElement,
      remove,
    };
    row.share = row.root.querySelector(`#${shareId}`)!;
    row.message = row.root.querySelector(`#${messageId}`)!;
    remove.addEventListener('click', () => this.removeRow(row));
    this.rows.push(row);
    this.rowsBox.append(row.root);
    this.renumber();
    if (focus) {
      name.focus();
      this.update();
    }
  }

  private removeRow(row: CofinancerRow): void {
    const i = this.rows.indexOf(row);
    this.rows.splice(i, 1);
    row.root.remove();
    this.renumber();
    this.update();
    this.scheduleLive();
    const next = this.rows[i] ?? this.rows[i - 1];
    (next ? next.name : this.addButton).focus();
    announce(`Cofinanceur n° ${i + 1} retiré.`);
  }

  private renumber(): void {
    this.rows.forEach((r, i) => {
      r.legend.textContent = `Cofinanceur n° ${i + 1}`;
      r.remove.setAttribute('aria-label', `Retirer le cofinanceur n° ${i + 1}`);
    });
  }

  fill(loaded: LoadedDossier | null): void {
    const dossier = (loaded?.dossier ?? {}) as Record<string, unknown>;
    this.ref = loaded?.ref ?? null;
    this.version = loaded?.version ?? null;
    for (const view of this.fields.values()) this.setControl(view, getPath(dossier, view.spec.path));
    // A save (or « Recharger leur version ») started by Enter in a co-financer's field rebuilds
    // the rows: the keyboard goes back to the same field of the new row, not to <body>.
    const focused = document.activeElement;
    const at = this.rows.findIndex((r) => r.root.contains(focused));
    const wasAmount = this.rows[at]?.amount === focused;
    for (const r of [...this.rows]) r.root.remove();
    this.rows.length = 0;
    for (const c of (dossier.cofinancers as { name?: unknown; amount?: unknown }[] | undefined) ?? []) this.addRow(c);
    if (at >= 0) {
      const r = this.rows[at];
      (r ? (wasAmount ? r.amount : r.name) : this.addButton).focus();
    }
    this.setHeading();
    this.update();
    // A dossier just opened or saved is not news: only what typing changes is said.
    window.clearTimeout(this.liveTimer);
    this.liveSaid = this.liveSummary();
    this.baseline = this.serialized();
    void this.loadContext();
  }

  /** Asks the server once for the other dossiers; until it answers, the form checks this dossier alone. */
  private async loadContext(): Promise<void> {
    const asked = ++this.contextAsked;
    try {
      const context = await call<BeneficiaryContext>('beneficiaryContext');
      if (asked !== this.contextAsked) return;
      this.context = context;
      this.contextNotice.textContent = '';
    } catch (e) {
      if (asked !== this.contextAsked) return;
      this.context = null;
      this.contextNotice.textContent = `Le cumul annuel par bénéficiaire n’a pas pu être vérifié : ${(e as Error).message}`;
    }
    this.update();
  }

  /** The core's checks of this dossier, plus the yearly total with the other dossiers of the sheet. */
  private checked(): DossierCheck {
    // Read the form once per keystroke: both checks look at the same input.
    const dossier = this.collect();
    const check = checkDossier(dossier, app.settings);
    if (this.context) {
      const cumulated = cumulatedFindingsFor({ ref: this.ref, dossier, subsidy: check.figures.subsidy }, this.context, app.settings);
      check.findings = [...check.findings, ...cumulated];
    }
    return check;
  }

  /** « Note au conseil »: the report is written from the saved row, so unsaved work is saved first. */
  private async openReport(): Promise<void> {
    if (this.isDirty() || !this.ref) {
      const answer = await ask('Enregistrer le dossier', 'La note est écrite à partir du dossier enregistré dans la feuille « Dossiers ». Enregistrer d’abord le dossier ?', [
        { id: 'save', label: 'Enregistrer et continuer', kind: 'action' },
        { id: 'cancel', label: 'Annuler', kind: 'secondary', cancel: true },
      ]);
      if (answer !== 'save') return;
      await this.save(false);
      // A refused or conflicting save says why in the form; the report waits for a saved dossier.
      if (this.isDirty() || !this.ref) return;
    }
    const params: ReportScreenParams = { ref: this.ref, dossier: this.collect() };
    await show('report', params);
  }

  private setHeading(copyOf?: string): void {
    const id = this.fields.get('id')!.control.value.trim();
    this.heading.textContent = this.ref ? `Dossier ${this.ref}` : copyOf ? `Nouveau dossier (copie de ${copyOf})` : id ? `Nouveau dossier ${id}` : 'Nouveau dossier';
  }

  private setControl(view: FieldView, value: unknown): void {
    const { spec, control } = view;
    if (spec.kind === 'date') {
      // A stored date Sheets could not read stays visible as typed, so that nothing is lost.
      const text = blank(value) ? '' : String(value);
      (control as HTMLInputElement).type = text === '' || ISO.test(text) ? 'date' : 'text';
      control.value = text;
      return;
    }
    if (spec.kind === 'yesno') {
      control.value = value === true ? 'oui' : value === false ? 'non' : '';
      return;
    }
    if (spec.kind === 'choice') {
      const text = blank(value) ? '' : String(value);
      if (text && ![...(control as HTMLSelectElement).options].some((o) => o.value === text)) control.append(h('option', { value: text, text: `${text} (valeur inconnue)` }));
      control.value = text;
      return;
    }
    if (spec.kind === 'lines') control.value = Array.isArray(value) ? value.join('\n') : blank(value) ? '' : String(value);
    else control.value = blank(value) ? '' : String(value);
  }

  collect(): DossierInput {
    const d: Record<string, unknown> = {};
    for (const { spec, control } of this.fields.values()) {
      const raw = control.value;
      let value: unknown;
      if (spec.kind === 'yesno') value = raw === 'oui' ? true : raw === 'non' ? false : undefined;
      else if (spec.kind === 'lines') {
        const lines = raw.split('\n').map((l) => l.trim()).filter((l) => l !== '');
        value = lines.length ? lines : undefined;
      } else if (spec.kind === 'date' && control instanceof HTMLInputElement && control.validity.badInput) value = 'date incomplète';
      else value = raw.trim() === '' ? undefined : raw.trim();
      if (value !== undefined) setPath(d, spec.path, value);
    }
    d.cofinancers = this.rows.map((r) => {
      const c: Record<string, string> = {};
      if (r.name.value.trim()) c.name = r.name.value.trim();
      if (r.amount.value.trim()) c.amount = r.amount.value.trim();
      return c;
    });
    return d as DossierInput;
  }

  serialized(): string {
    return JSON.stringify(this.collect());
  }

  isDirty(): boolean {
    return this.serialized() !== this.baseline;
  }

  private onInput(e: Event): void {
    const started = e.timeStamp;
    if ((e.target as HTMLElement).id === 'f-id' && !this.ref) this.setHeading();
    this.update();
    this.scheduleLive();
    const perf = (window.__rapporteurPerf ??= { checkMs: [] });
    if (perf.checkMs.length < 1000) perf.checkMs.push(performance.now() - started);
  }

  /**
   * Text pasted into a one-line field keeps its tabs (Chromium turns line breaks into spaces,
   * not tabs): two cells copied from a spreadsheet or a PDF's table gave « 17\t500 € », refused
   * with « le caractère «  » est inattendu », an invisible character quoted, or a name holding a
   * tab printed as such in the report. They are pasted as spaces, as the line breaks are, through
   * insertText, which keeps the paste in the undo history (Ctrl+Z) and fires 'input' itself;
   * setRangeText, where insertText is refused, cannot be undone.
   */
  private onPaste(e: ClipboardEvent): void {
    const field = e.target;
    if (!(field instanceof HTMLInputElement) || field.type !== 'text') return;
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\r\n]/.test(pasted)) return;
    e.preventDefault();
    const text = pasted.replace(/^[\t\r\n]+|[\t\r\n]+$/g, '').replace(/[\t\r\n]+/g, ' ');
    if (document.execCommand('insertText', false, text)) return;
    field.setRangeText(text, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** What the live region says: the summary's figures as the screen shows them. */
  private liveSummary(): string {
    const f = this.figures;
    return `Budget proratisé : ${f.base.textContent}. Taux calculé : ${f.rate.textContent}. Total cofinancé : ${f.total.textContent}. ${f.count.textContent}`;
  }

  /** Says the figures once typing has paused, and only when they changed since last said. */
  private scheduleLive(): void {
    window.clearTimeout(this.liveTimer);
    this.liveTimer = window.setTimeout(() => {
      const text = this.liveSummary();
      if (text === this.liveSaid) return;
      this.liveSaid = text;
      setText(this.live, text);
    }, LIVE_SUMMARY_DELAY_MS);
  }

  /** Re-runs the checks and puts each result where it belongs. */
  update(): DossierCheck {
    const check = this.checked();
    this.render(check, []);
    return check;
  }

  render(check: DossierCheck, serverErrors: FieldError[]): void {
    // A keystroke re-runs every check, but only the nodes whose text or state changed are
    // written: rewriting an unchanged text or rebuilding an unchanged message still dirties
    // style and layout for the whole form, and new nodes on every keystroke feed the GC
    // pauses that made the worst keystroke (with 20 co-financers) miss the frame.
    const opts = { spacing: app.settings.spacing };
    const f = check.figures;
    const money = (d: NonNullable<typeof f.subsidy>) => formatAmount(d, opts);
    const total = f.cofinancingTotal ? `${money(f.cofinancingTotal)}${f.subsidy ? ` pour ${money(f.subsidy)} de subvention` : ''}` : f.cofinancers.length ? '—' : 'aucun cofinanceur';
    const cumulatedConvention = !f.conventionRequired && check.findings.some((x) => x.code === 'CONVENTION_REQUIRED_CUMULATED');
    setText(this.figures.base, f.proratedBudget ? `${money(f.proratedBudget)}${f.months ? ` (sur ${formatMonths(f.months)} mois)` : ''}` : f.base ? `${money(f.base)} (budget annuel, sans période)` : '—');
    setText(this.figures.rate, f.rate ? formatRate(f.rate, opts) : '—');
    setText(this.figures.total, total);
    const unknownConvention = !f.conventionRequired && check.findings.some((x) => x.code === 'CONVENTION_CUMULATED_UNKNOWN');
    setText(
      this.figures.convention,
      cumulatedConvention ? 'requise (cumul de l’exercice)' : unknownConvention ? 'impossible de dire (cumul de l’exercice incomplet)' : f.conventionRequired === null ? '—' : f.conventionRequired ? 'requise' : 'non requise',
    );
    setText(this.cofTotal, f.cofinancers.length ? `Total : ${total}` : '');
    this.rows.forEach((r, i) => {
      const c = f.cofinancers[i];
      const parts: string[] = [];
      if (c?.shareOfSubsidy) parts.push(`${formatRate(c.shareOfSubsidy, opts)} de la subvention`);
      if (c?.shareOfBase) parts.push(`${formatRate(c.shareOfBase, opts)} du budget`);
      setText(r.share, parts.join(' · '));
    });

    // Every message place starts empty, then each finding goes beside its field.
    const places = new Map<HTMLElement, { items: { severity: Severity; message: string }[]; controls: Control[] }>();
    const place = (el: HTMLElement, control?: Control) => {
      let p = places.get(el);
      if (!p) places.set(el, (p = { items: [], controls: [] }));
      if (control) p.controls.push(control);
      return p;
    };
    for (const v of this.fields.values()) place(v.message, v.control);
    for (const r of this.rows) place(r.message);
    place(this.cofMessage);
    place(this.general);
    const groupCounts = new Map<FieldGroup, number>();
    const invalid = new Set<Control>();
    const target = (field: string): { el: HTMLElement; controls: Control[]; group?: FieldGroup } => {
      const row = /^cofinancers\[(\d+)\]\.(name|amount)$/.exec(field);
      if (row) {
        const r = this.rows[Number(row[1])];
        if (r) return { el: r.message, controls: [row[2] === 'name' ? r.name : r.amount] };
      }
      if (field === 'cofinancers') return { el: this.cofMessage, controls: [] };
      const view = this.fields.get(field === 'period' ? 'period.start' : field);
      if (view) return { el: view.message, controls: [view.control], group: view.spec.group };
      return { el: this.general, controls: [] };
    };
    // A value the save refused is said once, by the refusal (its wording says how to correct
    // it), not again by the live check: the same error twice (« Montant de la subvention : … »
    // and « … est illisible : … ») counted « 4 erreurs » in the summary and the group's badge
    // where the save had refused 2 values. The next keystroke drops the refusals and the live
    // checks speak again.
    const refusedPlaces = new Set(serverErrors.map((e) => target(e.field).el));
    const live = refusedPlaces.size ? check.findings.filter((x) => x.severity !== 'error' || !refusedPlaces.has(target(x.field).el)) : check.findings;
    const all: (Finding | (FieldError & { severity: Severity }))[] = [...serverErrors.map((e) => ({ ...e, severity: 'error' as const })), ...live];
    // An impossible or incomplete date (31/02/2018, a year not typed) reaches the checks as a
    // placeholder, so that the save refuses it instead of dropping the date: its message says
    // what is wrong in the user's terms, where the checks had said « à renseigner » of a field
    // just filled, or quoted « date incomplète » as if the user had typed it.
    for (const view of this.fields.values()) {
      const message = this.impossibleDate(view.spec.path);
      if (!message) continue;
      const own = (x: { field: string }) => target(x.field).el === view.message;
      all.splice(0, all.length, ...all.filter((x) => !own(x)), { field: view.spec.path, severity: 'error', message });
    }
    const seen = new Set<string>();
    for (const finding of all) {
      const key = `${finding.field}|${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const t = target(finding.field);
      place(t.el).items.push({ severity: finding.severity, message: finding.message });
      if (finding.severity === 'error') {
        t.controls.forEach((c) => invalid.add(c));
        if (t.group) groupCounts.set(t.group, (groupCounts.get(t.group) ?? 0) + 1);
      }
    }
    for (const [el, p] of places) {
      // The list a place shows, as one string: the same findings keep the same nodes.
      const shown = p.items.map((i) => `${i.severity}\u0000${i.message}`).join('\u0001');
      if (this.shownMessages.get(el) !== shown) {
        this.shownMessages.set(el, shown);
        el.replaceChildren(...p.items.map((i) => h('p', { class: `finding finding-${i.severity}` }, h('span', { class: 'finding-prefix', text: SEVERITY_PREFIX[i.severity] }), i.message)));
      }
      for (const c of p.controls) setInvalid(c, invalid.has(c));
    }
    for (const r of this.rows) for (const c of [r.name, r.amount]) setInvalid(c, invalid.has(c));
    for (const c of invalid) setInvalid(c, true);
    for (const [group, { badge }] of this.groupBadges) {
      const n = groupCounts.get(group) ?? 0;
      setText(badge, n ? `(${n} erreur${n > 1 ? 's' : ''})` : '');
    }
    const errors = all.filter((x) => x.severity === 'error').length;
    const warnings = all.filter((x) => x.severity === 'warning').length;
    setText(this.figures.count, errors || warnings ? [errors ? `${errors} erreur${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} avertissement${warnings > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ') : 'Aucune erreur.');
    const countClass = `sum-count ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'is-ok'}`;
    if (this.figures.count.className !== countClass) this.figures.count.className = countClass;
  }

  /** The message of a date field whose day, month or year is incomplete or impossible; null for any other field. */
  private impossibleDate(path: string): string | null {
    const view = this.fields.get(path);
    if (view?.spec.kind !== 'date' || !(view.control instanceof HTMLInputElement) || !view.control.validity.badInput) return null;
    return `${view.spec.label} : la date est incomplète ou n’existe pas (un 31 février, un 31 avril…) : complétez le jour, le mois et l’année, ou effacez la date.`;
  }

  /** The control, first in the form's order, of these fields (`period` is its start, `cofinancers[i].amount` a row's). */
  private firstControl(fields: string[]): Control | undefined {
    const controls = fields.flatMap((field): Control[] => {
      const row = /^cofinancers\[(\d+)\]\.(name|amount)$/.exec(field);
      const r = row ? this.rows[Number(row[1])] : undefined;
      if (r) return [row![2] === 'name' ? r.name : r.amount];
      const view = this.fields.get(field === 'period' ? 'period.start' : field);
      return view ? [view.control] : [];
    });
    return controls.sort((x, y) => (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
  }

  private copyAsNew(): void {
    const from = this.ref ?? this.fields.get('id')!.control.value;
    this.ref = null;
    this.version = null;
    this.fields.get('id')!.control.value = '';
    this.setHeading(from);
    this.baseline = '';
    this.update();
    this.fields.get('id')!.control.focus();
    announce('Copie prête : donnez-lui un identifiant, puis enregistrez.');
  }

  async save(force: boolean): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    const release = disableKeepingFocus(this.saveButton);
    this.saveButton.setAttribute('aria-busy', 'true');
    announce('Enregistrement…');
    try {
      const result = await call<SaveResult>('saveDossier', { dossier: this.collect(), ref: this.ref, version: this.version, force });
      await this.onSaved(result);
    } catch (e) {
      announce(`Le dossier n’a pas été enregistré : ${(e as Error).message} Votre saisie est conservée.`, 'error');
    } finally {
      this.saving = false;
      this.saveButton.removeAttribute('aria-busy');
      release();
    }
  }

  private async onSaved(result: SaveResult): Promise<void> {
    if (result.status === 'saved') {
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      this.fill(result.loaded);
      announce(errors ? `Dossier enregistré, avec ${errors} erreur${errors > 1 ? 's' : ''} à corriger.` : 'Dossier enregistré.', 'ok');
      return;
    }
    if (result.status === 'invalid') {
      this.render(this.checked(), result.errors);
      for (const e of result.errors) {
        const view = this.fields.get(e.field);
        const badge = view && this.groupBadges.get(view.spec.group);
        if (badge?.details) badge.details.open = true;
      }
      const first = result.errors[0];
      announce(`Le dossier n’a pas été enregistré : ${result.errors.length} valeur${result.errors.length > 1 ? 's' : ''} à corriger. ${first ? (this.impossibleDate(first.field) ?? first.message) : ''}`, 'error');
      // As the settings screen does: the keyboard starts on the first value to correct, not
      // on the page's top where the disabled button had sent it.
      this.firstControl(result.errors.map((e) => e.field))?.focus();
      return;
    }
    const choices = result.current
      ? [
          { id: 'reload', label: 'Recharger leur version', kind: 'action' as const },
          { id: 'force', label: 'Garder ma version', kind: 'secondary' as const },
          { id: 'cancel', label: 'Annuler', kind: 'secondary' as const, cancel: true },
        ]
      : [
          { id: 'force', label: 'Enregistrer ma version', kind: 'action' as const },
          { id: 'cancel', label: 'Annuler', kind: 'secondary' as const, cancel: true },
        ];
    const explain = result.current
      ? ' « Recharger leur version » affiche le dossier tel qu’il est enregistré (vos modifications sont abandonnées) ; « Garder ma version » enregistre la vôtre à la place.'
      : ' « Enregistrer ma version » le recrée avec votre saisie.';
    const answer = await ask('Conflit de modification', result.message + explain, choices);
    if (answer === 'reload' && result.current) {
      this.fill(result.current);
      announce('La version enregistrée par l’autre utilisateur est affichée.', 'ok');
    } else if (answer === 'force') {
      this.saving = false;
      await this.save(true);
    } else announce('Enregistrement annulé : votre saisie est conservée.');
  }
}

let form: DossierForm | null = null;

registerScreen({
  id: 'form',
  title: 'Dossier',
  render(root, params) {
    form = new DossierForm();
    form.build(root);
    form.fill((params as LoadedDossier | null | undefined) ?? null);
    focusHeading(root);
  },
  isDirty: () => form?.isDirty() ?? false,
  async canLeave() {
    if (!form || !form.isDirty()) return true;
    const answer = await ask('Modifications non enregistrées', 'Ce dossier contient des modifications qui ne sont pas enregistrées. Les abandonner ?', [
      { id: 'stay', label: 'Rester sur le dossier', kind: 'action', cancel: true },
      { id: 'leave', label: 'Abandonner les modifications', kind: 'secondary' },
    ]);
    return answer === 'leave';
  },
});
