import type { DossierList, DossierSummary, LoadedDossier } from '../../app/dossier-api';
import { announce, h } from '../dom';
import { call } from '../rpc';
import { focusHeading, registerScreen, show } from '../screens';
import { beneficiaryNameKey } from '../../core/beneficiaries';

/**
 * What the filter compares: a name as the yearly totals group it (beneficiaryNameKey: case,
 * accents, spaces, apostrophes and hyphens folded). Staff type « metropole » for « Métropole »
 * and a straight apostrophe for the typographic one, and the sheet holds both
 * (« Club Nautique de l'Estaque », « club nautique de l’Estaque »): « l'estaque » found one.
 */
const fold = beneficiaryNameKey;

/** Opens a dossier in the form screen (the form registers under the id "form"). */
export function openDossier(loaded: LoadedDossier | null): Promise<boolean> {
  return show('form', loaded);
}

function stateBadge(state: string): HTMLElement {
  const kind = state === '' ? 'none' : state === 'OK' ? 'ok' : /erreur/.test(state) ? 'error' : 'warning';
  return h('span', { class: `badge badge-${kind}`, text: state === '' ? 'non contrôlé' : state });
}

function item(d: DossierSummary): HTMLElement {
  const open = async () => {
    try {
      announce('Ouverture du dossier…');
      await openDossier(await call<LoadedDossier>('loadDossier', d.ref));
    } catch (e) {
      announce((e as Error).message, 'error');
    }
  };
  const title = d.id || d.ref;
  return h(
    'li',
    {},
    h(
      'button',
      { type: 'button', class: 'dossier-item', on: { click: () => void open() } },
      // Spaces between the blocks, so that the button's accessible name reads as words.
      h('span', { class: 'dossier-id', text: title }),
      ' ',
      h('span', { class: 'dossier-beneficiary', text: d.beneficiary || 'bénéficiaire non renseigné' }),
      ' ',
      h('span', { class: 'dossier-meta' }, h('span', { text: d.subsidy || 'montant non renseigné' }), ' ', stateBadge(d.state)),
    ),
  );
}

registerScreen({
  id: 'chooser',
  title: 'Dossiers',
  nav: true,
  async render(root) {
    const list = h('ul', { class: 'dossier-list', 'aria-labelledby': 'chooser-title' });
    const filter = h('input', { id: 'chooser-filter', type: 'search', autocomplete: 'off', 'aria-describedby': 'chooser-empty' });
    // The count after each keystroke is a status message (RGAA 7.5): said politely, tied to the filter.
    const empty = h('p', { class: 'hint', id: 'chooser-empty', role: 'status', 'aria-live': 'polite' });
    const fromRow = async () => {
      try {
        await openDossier(await call<LoadedDossier>('loadActiveDossier'));
      } catch (e) {
        announce((e as Error).message, 'error');
      }
    };
    root.append(
      h('h1', { id: 'chooser-title', text: 'Dossiers' }),
      h(
        'div',
        { class: 'button-row' },
        h('button', { type: 'button', class: 'create', id: 'new-dossier', text: 'Nouveau dossier', on: { click: () => void openDossier(null) } }),
        h('button', { type: 'button', class: 'secondary', id: 'active-row', text: 'Dossier de la ligne active', on: { click: () => void fromRow() } }),
      ),
      h('div', { class: 'form-group' }, h('label', { for: 'chooser-filter', text: 'Filtrer la liste' }), filter),
      empty,
      list,
    );
    focusHeading(root);
    let all: DossierSummary[] = [];
    const render = () => {
      const q = fold(filter.value);
      const shown = all.filter((d) => !q || fold(`${d.id} ${d.beneficiary}`).includes(q));
      list.replaceChildren(...shown.map(item));
      empty.textContent = all.length === 0 ? '' : shown.length === 0 ? 'Aucun dossier ne correspond au filtre.' : `${shown.length} dossier${shown.length > 1 ? 's' : ''}.`;
    };
    filter.addEventListener('input', render);
    empty.textContent = 'Chargement des dossiers…';
    try {
      const result = await call<DossierList>('listDossiers');
      all = result.dossiers;
      render();
      if (!all.length)
        empty.textContent = result.ready
          ? 'Aucun dossier pour l’instant : créez le premier avec « Nouveau dossier ».'
          : 'Le classeur n’a pas encore de feuille « Dossiers » : elle sera créée au premier enregistrement (ou par le menu Rapporteur › Préparer le classeur).';
    } catch (e) {
      empty.textContent = '';
      announce(`La liste des dossiers n’a pas pu être lue : ${(e as Error).message}`, 'error');
    }
  },
});
