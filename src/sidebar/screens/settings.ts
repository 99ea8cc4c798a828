/**
 * The settings panel: the authority's settings, kept in the spreadsheet's document
 * properties (shared by its users). The live checks follow them once saved.
 */
import type { SettingsForm, SettingsSaveResult, SettingsView } from '../../app/dossier-api';
import { announce, disableKeepingFocus, h } from '../dom';
import { call } from '../rpc';
import { focusHeading, registerScreen } from '../screens';
import { app } from '../state';
import { ask } from '../dialog';

interface SettingSpec {
  key: keyof SettingsForm;
  label: string;
  hint: string;
  choices?: { value: string; label: string }[];
  /** A yes/no setting: a checkbox, its label beside it. */
  checkbox?: true;
}

const SPECS: readonly SettingSpec[] = [
  { key: 'conventionThreshold', label: 'Seuil de convention (€)', hint: 'Au-delà, une convention est obligatoire pour un organisme privé (loi n° 2000-321, art. 10 ; 23 000 € par défaut).' },
  { key: 'rateCap', label: 'Plafond du taux de subvention', hint: 'Au-delà, un avertissement est donné (80 % par défaut).' },
  {
    key: 'prorationMethod',
    label: 'Méthode de proratisation par défaut',
    hint: 'Utilisée quand le dossier n’en indique pas.',
    choices: [
      { value: 'months', label: 'au mois (« proratisé sur 3 mois »)' },
      { value: 'days', label: 'au jour près (exact/exact)' },
      { value: '30/360', label: '30/360' },
    ],
  },
  {
    key: 'spacing',
    label: 'Espace entre les milliers',
    hint: 'L’espace fine insécable est le choix des typographes ; certains logiciels l’affichent mal.',
    choices: [
      { value: 'narrow', label: 'espace fine insécable (47 500 €)' },
      { value: 'nbsp', label: 'espace insécable (47 500 €)' },
    ],
  },
  {
    key: 'spelling',
    label: 'Orthographe des montants en lettres',
    hint: 'Par exemple « deux cents » ou « deux-cents ».',
    choices: [
      { value: 'traditional', label: 'traditionnelle' },
      { value: '1990', label: 'rectifications de 1990' },
    ],
  },
  { key: 'template', label: 'Modèle de note (Google Docs)', hint: 'Adresse ou identifiant du document modèle ; vide : le modèle de Rapporteur.' },
  { key: 'outputFolder', label: 'Dossier des notes générées (Google Drive)', hint: 'Adresse ou identifiant du dossier ; vide : à côté du classeur.' },
  {
    key: 'authoritySiret',
    label: 'SIRET de la collectivité',
    hint: 'Les 14 chiffres du SIRET de la collectivité qui attribue les subventions (données essentielles, convention) ; sa clé de contrôle est vérifiée à l’enregistrement.',
  },
  {
    key: 'identityWarnings',
    label: 'Avertir des bénéficiaires mal identifiés',
    hint: 'Signale une association ou une entreprise sans SIRET ni numéro RNA, et un nom qui contredit la nature du bénéficiaire (« SAS » pour une association). Les numéros saisis sont toujours vérifiés.',
    checkbox: true,
  },
];

let baseline = '';
let controls = new Map<keyof SettingsForm, { control: HTMLInputElement | HTMLSelectElement; message: HTMLElement }>();

const isCheckbox = (c: HTMLInputElement | HTMLSelectElement): c is HTMLInputElement => c instanceof HTMLInputElement && c.type === 'checkbox';
const collect = (): Partial<SettingsForm> => Object.fromEntries([...controls].map(([k, c]) => [k, isCheckbox(c.control) ? c.control.checked : c.control.value.trim()]));
const dirty = () => controls.size > 0 && JSON.stringify(collect()) !== baseline;

/** Shows one value: a checkbox is checked by `true`, a field shows its text. */
function show(control: HTMLInputElement | HTMLSelectElement, value: string | boolean): void {
  if (isCheckbox(control)) control.checked = value === true;
  else control.value = String(value);
}

function fill(form: SettingsForm): void {
  for (const [key, { control }] of controls) show(control, form[key]);
  baseline = JSON.stringify(collect());
}

registerScreen({
  id: 'settings',
  title: 'Paramètres',
  nav: true,
  async render(root) {
    controls = new Map();
    baseline = '';
    const formEl = h('form', { id: 'settings-form', novalidate: true, 'aria-labelledby': 'settings-title' });
    for (const spec of SPECS) {
      const id = `s-${spec.key}`;
      const control = spec.checkbox
        ? h('input', { id, type: 'checkbox' })
        : spec.choices
          ? h('select', { id }, ...spec.choices.map((c) => h('option', { value: c.value, text: c.label })))
          : h('input', { id, type: 'text', autocomplete: 'off', spellcheck: spec.key === 'authoritySiret' ? 'false' : null, inputmode: spec.key === 'conventionThreshold' || spec.key === 'rateCap' ? 'decimal' : spec.key === 'authoritySiret' ? 'numeric' : null });
      const message = h('div', { id: `${id}-msg`, class: 'field-message' });
      control.setAttribute('aria-describedby', `${id}-hint ${id}-msg`);
      controls.set(spec.key, { control, message });
      // A refused value stays marked until it is changed, not until the next save: a corrected
      // threshold still said « Erreur » and aria-invalid to whoever read it back.
      control.addEventListener(control instanceof HTMLSelectElement || isCheckbox(control) ? 'change' : 'input', () => {
        if (control.getAttribute('aria-invalid') !== 'true') return;
        control.removeAttribute('aria-invalid');
        message.replaceChildren();
      });
      const hint = h('p', { id: `${id}-hint`, class: 'hint', text: spec.hint });
      formEl.append(
        spec.checkbox
          ? h('div', { class: 'form-group' }, h('div', { class: 'form-group checkbox' }, control, h('label', { for: id, text: spec.label })), hint, message)
          : h('div', { class: 'form-group' }, h('label', { for: id, text: spec.label }), control, hint, message),
      );
    }
    const saveButton = h('button', { type: 'submit', class: 'action', id: 'settings-save', text: 'Enregistrer les paramètres' });
    const resetButton = h('button', { type: 'button', class: 'secondary', id: 'settings-defaults', text: 'Valeurs par défaut' });
    formEl.append(h('div', { class: 'bottom-bar' }, saveButton, resetButton));
    root.append(h('h1', { id: 'settings-title', text: 'Paramètres' }), h('p', { class: 'hint', text: 'Communs à tous les utilisateurs de ce classeur.' }), formEl);
    focusHeading(root);

    let defaults: SettingsForm | null = null;
    resetButton.addEventListener('click', () => {
      if (defaults) for (const [key, { control }] of controls) show(control, defaults[key]);
      announce('Valeurs par défaut affichées : enregistrez pour les appliquer.');
    });
    formEl.addEventListener('submit', async (e) => {
      e.preventDefault();
      const release = disableKeepingFocus(saveButton);
      for (const { control, message } of controls.values()) {
        message.replaceChildren();
        control.removeAttribute('aria-invalid');
      }
      try {
        const result = await call<SettingsSaveResult>('saveSettings', collect());
        if (result.status === 'saved') {
          app.settings = result.view.settings;
          app.settingsError = '';
          fill(result.view.form);
          announce('Paramètres enregistrés.', 'ok');
        } else {
          for (const err of result.errors) {
            const c = controls.get(err.field as keyof SettingsForm);
            if (!c) continue;
            c.message.append(h('p', { class: 'finding finding-error' }, h('span', { class: 'finding-prefix', text: 'Erreur : ' }), err.message));
            c.control.setAttribute('aria-invalid', 'true');
          }
          announce(`Les paramètres n’ont pas été enregistrés : ${result.errors.map((x) => x.message).join(' ')}`, 'error');
          const first = result.errors.map((x) => controls.get(x.field as keyof SettingsForm)).find(Boolean);
          first?.control.focus();
        }
      } catch (err) {
        announce(`Les paramètres n’ont pas été enregistrés : ${(err as Error).message}`, 'error');
      } finally {
        release();
      }
    });

    try {
      const view = await call<SettingsView>('getSettings');
      app.settings = view.settings;
      defaults = view.defaults;
      fill(view.form);
    } catch (err) {
      announce(`Les paramètres n’ont pas pu être lus : ${(err as Error).message}`, 'error');
    }
  },
  isDirty: dirty,
  async canLeave() {
    if (!dirty()) return true;
    const answer = await ask('Paramètres non enregistrés', 'Vous avez modifié des paramètres sans les enregistrer. Les abandonner ?', [
      { id: 'stay', label: 'Rester sur les paramètres', kind: 'action', cancel: true },
      { id: 'leave', label: 'Abandonner les modifications', kind: 'secondary' },
    ]);
    return answer === 'leave';
  },
});
