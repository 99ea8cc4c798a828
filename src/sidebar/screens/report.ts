/**
 * « Note au conseil »: the report of the dossier open in the form. Its fields with their
 * values, the template check, generation (error-level findings listed and confirmed first,
 * optional PDF), then a link to the Doc, opened in a new tab. The form opens this screen
 * with the dossier as saved, since the report is written from the row of the sheet.
 */
import type { DossierInput } from '../../core/dossier';
import type { Finding } from '../../core/findings';
import type { FieldWithValue } from '../../core/report-fields';
import type { ConventionStatus, GenerateResult, TemplateErrorView } from '../../app/report-api';
import { announce, disableKeepingFocus, focusLost, h, uid } from '../dom';
import { call, inAppsScript } from '../rpc';
import { focusHeading, registerScreen, show } from '../screens';
import { loadSettings } from '../state';

export interface ReportScreenParams {
  ref: string;
  dossier: DossierInput;
}

const TEXT = {
  title: 'Note au conseil',
  noDossier: 'Ouvrez d’abord un dossier (et enregistrez-le) : la note est écrite à partir de la ligne du dossier dans la feuille « Dossiers ».',
  toChooser: 'Choisir un dossier',
  of: (ref: string, beneficiary: string) => `Dossier ${ref}${beneficiary ? ` — ${beneficiary}` : ''}`,
  generateTitle: 'Générer la note',
  generateHint: 'Un Google Doc est créé à partir du modèle, dans le dossier des notes des paramètres ; son lien est inscrit dans la ligne du dossier.',
  generateHintLocal: 'Un fichier .docx est écrit à partir du modèle, dans le dossier des notes ; son lien est inscrit dans la ligne du dossier.',
  pdf: 'Exporter aussi en PDF',
  generate: 'Générer la note',
  generating: 'Génération de la note…',
  confirmQuestion: 'Générer la note malgré ces erreurs ?',
  confirm: 'Générer malgré les erreurs',
  cancel: 'Annuler',
  cancelled: 'Génération annulée : le dossier peut être corrigé dans le formulaire.',
  regenerate: 'Générer une nouvelle version',
  openDoc: 'Ouvrir la note dans Google Docs',
  openDocLocal: 'Télécharger la note (.docx)',
  openPdf: 'Ouvrir le PDF',
  newTab: ' (nouvel onglet)',
  templateTitle: 'Modèle de note',
  templateHint: 'Le modèle est un Google Doc dont les champs {{…}} sont remplis par les valeurs du dossier.',
  templateHintLocal: 'Le modèle est un document .docx dont les champs {{…}} sont remplis par les valeurs du dossier.',
  check: 'Vérifier le modèle',
  checking: 'Vérification du modèle…',
  create: 'Créer le modèle par défaut',
  creating: 'Création du modèle…',
  openTemplate: 'Ouvrir le modèle',
  fieldsTitle: 'Champs de la note',
  fieldsHint: 'Écrivez {{nom_du_champ}} dans le modèle ; voici la valeur de chaque champ pour ce dossier.',
  fieldsLoading: 'Chargement des champs…',
  fieldsFailed: (m: string) => `Les champs n’ont pas pu être lus : ${m}`,
  filter: 'Filtrer les champs',
  empty: '(vide)',
  itemsOf: (names: string) => `Dans la boucle : ${names}`,
  back: 'Retour au dossier',
  failed: (m: string) => `L’opération a échoué : ${m}`,
  errorPrefix: 'Erreur : ',
};

/**
 * The convention block's words: same steps as the report's, its own document. Which rule
 * applies to the dossier (threshold, yearly total, approved) is said by the line the
 * server's `conventionStatus` fills, so the hint only says what is written.
 */
const CONVENTION_TEXT: typeof TEXT = {
  ...TEXT,
  generateTitle: 'Convention attributive',
  generateHint:
    'Un Google Doc est créé à partir du modèle de convention, avec les mêmes chiffres que la note.',
  generateHintLocal:
    'Un fichier .docx est écrit à partir du modèle de convention, avec les mêmes chiffres que la note.',
  pdf: 'Exporter aussi la convention en PDF',
  generate: 'Générer la convention',
  generating: 'Génération de la convention…',
  confirmQuestion: 'Générer la convention malgré ces erreurs ?',
  regenerate: 'Générer une nouvelle version de la convention',
  openDoc: 'Ouvrir la convention dans Google Docs',
  openDocLocal: 'Télécharger la convention (.docx)',
  openPdf: 'Ouvrir le PDF de la convention',
};

/** The two documents of the report screen: ids, words and the server function of each. */
const KINDS = {
  report: { prefix: 'report', text: TEXT, fn: 'generateReport' },
  convention: { prefix: 'convention', text: CONVENTION_TEXT, fn: 'generateConvention' },
} as const;

/** A link that opens in a new tab, saying so (RGAA: the user is told before leaving). */
const newTabLink = (id: string, href: string, label: string) => h('a', { id, href, target: '_blank', rel: 'noopener', class: 'outcome-link' }, label, h('span', { class: 'new-tab', text: TEXT.newTab }));

const errorItem = (message: string) => h('li', { class: 'finding finding-error' }, h('span', { class: 'finding-prefix', text: TEXT.errorPrefix }), message);

/** Sets a button busy while a call runs; calls may take seconds (copy, fill, export). */
async function busy<T>(button: HTMLButtonElement, status: string, work: () => Promise<T>): Promise<T | null> {
  const release = disableKeepingFocus(button);
  button.setAttribute('aria-busy', 'true');
  announce(status);
  try {
    return await work();
  } catch (e) {
    announce(TEXT.failed((e as Error).message), 'error');
    return null;
  } finally {
    button.removeAttribute('aria-busy');
    release();
  }
}

function buildGenerate(params: ReportScreenParams, kind: keyof typeof KINDS = 'report'): HTMLElement {
  const { prefix: P, text: TEXT, fn } = KINDS[kind];
  const pdf = h('input', { type: 'checkbox', id: `${P}-pdf` });
  const button = h('button', { type: 'button', class: 'action', id: `${P}-generate`, text: TEXT.generate });
  const outcome = h('div', { id: `${P}-outcome`, class: 'outcome' });

  const links = (r: { url: string; pdfUrl?: string }) =>
    h('p', { class: 'outcome-links' }, newTabLink(`${P}-link`, r.url, inAppsScript() ? TEXT.openDoc : TEXT.openDocLocal), r.pdfUrl ? ' ' : null, r.pdfUrl ? newTabLink(`${P}-pdf-link`, r.pdfUrl, TEXT.openPdf) : null);

  const confirmBlock = (message: string, findings: Finding[]) => {
    const titleId = uid('confirm-title');
    const heading = h('h3', { id: titleId, tabindex: -1, text: message });
    const yes = h('button', { type: 'button', class: 'action', id: `${P}-confirm`, text: TEXT.confirm, on: { click: () => void generate({ confirm: true }) } });
    const no = h('button', {
      type: 'button',
      class: 'secondary',
      id: `${P}-cancel`,
      text: TEXT.cancel,
      on: {
        click: () => {
          outcome.replaceChildren();
          button.focus();
          announce(TEXT.cancelled);
        },
      },
    });
    outcome.replaceChildren(
      h('div', { class: 'confirm-box', role: 'group', 'aria-labelledby': titleId }, heading, h('ul', { class: 'finding-list', id: `${P}-errors` }, ...findings.map((f) => errorItem(f.message))), h('p', { text: TEXT.confirmQuestion }), yes, no),
    );
    heading.focus();
  };

  const present = (r: GenerateResult, confirmed: boolean) => {
    switch (r.status) {
      case 'needs_confirmation':
        announce(r.message, 'error');
        confirmBlock(r.message, r.findings);
        return;
      case 'template_error':
        outcome.replaceChildren(h('p', { class: 'finding finding-error', text: r.message }), templateErrorList(r.errors));
        announce(r.message, 'error');
        return;
      case 'error':
        outcome.replaceChildren(h('p', { class: 'finding finding-error', text: r.message }));
        announce(r.message, 'error');
        return;
      case 'up_to_date': {
        const again = h('button', { type: 'button', class: 'secondary', id: `${P}-regenerate`, text: TEXT.regenerate, on: { click: () => void generate({ confirm: confirmed, force: true }) } });
        outcome.replaceChildren(h('p', { text: r.message }), links(r), again);
        announce(r.message, 'ok');
        outcome.querySelector<HTMLElement>(`#${P}-link`)?.focus();
        return;
      }
      case 'created':
        outcome.replaceChildren(h('p', { class: 'outcome-ok', text: r.message }), links(r));
        announce(r.message, 'ok');
        outcome.querySelector<HTMLElement>(`#${P}-link`)?.focus();
        return;
    }
  };

  async function generate(opts: { confirm?: boolean; force?: boolean } = {}) {
    const r = await busy(button, TEXT.generating, () => call<GenerateResult>(fn, params.ref, { confirm: !!opts.confirm, pdf: pdf.checked, force: !!opts.force }));
    if (r) present(r, !!opts.confirm);
    // « Générer quand même » or « Régénérer » answered by an error: its box, focus included, is gone.
    if (focusLost()) button.focus();
  }
  button.addEventListener('click', () => void generate());

  // The convention applies to some dossiers only: the screen says which rule applies (its
  // own amount, the beneficiary's yearly total, an approved convention) or why none does,
  // by the server's rules, before anything is clicked. The button of a dossier that needs
  // none is disabled, the sentence beside it saying why and how to ask for one anyway.
  // tabindex=-1: the sentence takes the focus of a control the answer disables (see below).
  const need = kind === 'convention' ? h('p', { id: `${P}-need`, class: 'convention-need', 'aria-live': 'polite', tabindex: -1 }) : null;
  if (need) {
    button.setAttribute('aria-describedby', need.id);
    void call<ConventionStatus>('conventionStatus', params.ref)
      .then((r) => {
        need.textContent = r.message;
        if (r.status !== 'ok') return need.classList.add('finding', 'finding-error');
        need.classList.add(r.needed ? 'convention-needed' : 'convention-not-needed');
        const focused = document.activeElement;
        button.disabled = !r.needed;
        pdf.disabled = !r.needed;
        // A keyboard user who tabbed to the button or the checkbox before the answer came
        // would be sent to <body> by the disabling: the sentence saying why takes the focus,
        // so that a screen reader reads the reason.
        if ((focused === button || focused === pdf) && focusLost()) need.focus();
        need.parentElement?.setAttribute('data-convention', r.needed ? 'needed' : 'not-needed');
      })
      // Unknown: the button stays, and the server's answer on click says it.
      .catch(() => undefined);
  }

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': `${P}-generate-title` },
    h('h2', { id: `${P}-generate-title`, text: TEXT.generateTitle }),
    h('p', { class: 'hint', text: inAppsScript() ? TEXT.generateHint : TEXT.generateHintLocal }),
    need,
    h('div', { class: 'form-group checkbox' }, pdf, h('label', { for: `${P}-pdf`, text: TEXT.pdf })),
    button,
    outcome,
  );
}

function templateErrorList(errors: TemplateErrorView[]): HTMLElement {
  return h('ul', { class: 'finding-list', id: 'template-errors' }, ...errors.map((e) => errorItem(`${e.message} (${e.place})`)));
}

function buildTemplate(): HTMLElement {
  const outcome = h('div', { id: 'template-outcome', class: 'outcome' });
  const check = h('button', { type: 'button', class: 'secondary', id: 'template-check', text: TEXT.check });
  const create = h('button', { type: 'button', class: 'secondary', id: 'template-create', text: TEXT.create });
  check.addEventListener('click', async () => {
    const r = await busy(check, TEXT.checking, () => call<{ ok: boolean; message: string; errors: TemplateErrorView[] }>('checkReportTemplate'));
    if (!r) return;
    outcome.replaceChildren(h('p', { class: r.ok ? 'outcome-ok' : 'finding finding-error', text: r.message }), ...(r.errors.length ? [templateErrorList(r.errors)] : []));
    announce(r.message, r.ok ? 'ok' : 'error');
  });
  create.addEventListener('click', async () => {
    const r = await busy(create, TEXT.creating, () => call<{ status: 'created'; url: string; message: string } | { status: 'error'; message: string }>('createDefaultTemplate'));
    if (!r) return;
    if (r.status === 'created') {
      outcome.replaceChildren(h('p', { class: 'outcome-ok', text: r.message }), h('p', {}, newTabLink('template-link', r.url, TEXT.openTemplate)));
      announce(r.message, 'ok');
      // The server named the new template in the settings: the settings panel must show it.
      await loadSettings();
    } else {
      outcome.replaceChildren(h('p', { class: 'finding finding-error', text: r.message }));
      announce(r.message, 'error');
    }
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'report-template-title' },
    h('h2', { id: 'report-template-title', text: TEXT.templateTitle }),
    h('p', { class: 'hint', text: inAppsScript() ? TEXT.templateHint : TEXT.templateHintLocal }),
    h('div', { class: 'button-row' }, check, create),
    outcome,
  );
}

function buildFields(params: ReportScreenParams): HTMLElement {
  const list = h('dl', { class: 'field-list', id: 'report-fields', 'aria-labelledby': 'report-fields-title' });
  const filter = h('input', { type: 'search', id: 'report-fields-filter', autocomplete: 'off', spellcheck: 'false' });
  const status = h('p', { class: 'hint', id: 'report-fields-status', 'aria-live': 'polite', text: TEXT.fieldsLoading });
  let fields: FieldWithValue[] = [];
  const render = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = fields.filter((f) => !q || `${f.name} ${f.description} ${f.value}`.toLowerCase().includes(q));
    list.replaceChildren(
      ...shown.map((f) =>
        h(
          'div',
          { class: 'field-entry' },
          h('dt', {}, h('code', { text: `{{${f.name}}}` })),
          h('dd', { class: f.value ? 'field-value' : 'field-value field-empty', text: f.value || TEXT.empty }),
          h('dd', { class: 'hint', text: f.description }),
          f.items?.length ? h('dd', { class: 'hint', text: TEXT.itemsOf(f.items.map((i) => `{{${i.name}}}`).join(', ')) }) : null,
        ),
      ),
    );
    status.textContent = `${shown.length} champ${shown.length > 1 ? 's' : ''}${q ? ` sur ${fields.length}` : ''}.`;
  };
  filter.addEventListener('input', render);
  void call<FieldWithValue[]>('listReportFields', params.dossier)
    .then((r) => {
      fields = r;
      render();
    })
    .catch((e: Error) => {
      status.textContent = TEXT.fieldsFailed(e.message);
    });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'report-fields-title' },
    h('h2', { id: 'report-fields-title', text: TEXT.fieldsTitle }),
    h('p', { class: 'hint', text: TEXT.fieldsHint }),
    h('div', { class: 'form-group' }, h('label', { for: 'report-fields-filter', text: TEXT.filter }), filter),
    status,
    list,
  );
}

registerScreen({
  id: 'report',
  title: TEXT.title,
  render(root, raw) {
    const params = raw as ReportScreenParams | undefined;
    root.append(h('h1', { id: 'report-title', text: TEXT.title }));
    if (!params?.ref) {
      root.append(h('p', { text: TEXT.noDossier }), h('button', { type: 'button', class: 'action', text: TEXT.toChooser, on: { click: () => void show('chooser') } }), buildTemplate());
      focusHeading(root);
      return;
    }
    const back = async () => {
      try {
        await show('form', await call('loadDossier', params.ref));
      } catch (e) {
        announce((e as Error).message, 'error');
      }
    };
    root.append(
      h('p', { class: 'screen-subtitle', text: TEXT.of(params.ref, typeof params.dossier.beneficiary === 'string' ? params.dossier.beneficiary : '') }),
      buildGenerate(params),
      buildGenerate(params, 'convention'),
      buildTemplate(),
      buildFields(params),
      h('div', { class: 'bottom-bar' }, h('button', { type: 'button', class: 'secondary', id: 'report-back', text: TEXT.back, on: { click: () => void back() } })),
    );
    focusHeading(root);
  },
});
