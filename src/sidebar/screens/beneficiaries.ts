/**
 * « Bénéficiaires »: the subsidies of each budget year added up per beneficiary, from every
 * dossier of the sheet, since the convention threshold (décret n° 2001-495) is the yearly
 * amount given to one body. Each dossier id opens that dossier in the form.
 */
import type { BeneficiaryList, BeneficiaryRow } from '../../app/beneficiary-api';
import type { LoadedDossier } from '../../app/dossier-api';
import { announce, disableKeepingFocus, h } from '../dom';
import { call } from '../rpc';
import { focusHeading, registerScreen, show } from '../screens';

const TEXT = {
  title: 'Bénéficiaires',
  intro: (threshold: string) =>
    `Subventions de chaque exercice cumulées par bénéficiaire (même SIRET, RNA ou nom). Au-delà de ${threshold} par an pour un même organisme privé, une convention est obligatoire (décret n° 2001-495).`,
  introLoading: 'Subventions de chaque exercice cumulées par bénéficiaire (même SIRET, RNA ou nom).',
  refresh: 'Actualiser',
  loading: 'Chargement des bénéficiaires…',
  failed: (m: string) => `La liste des bénéficiaires n’a pas pu être lue : ${m}`,
  none: 'Aucun dossier pour l’instant : les bénéficiaires apparaîtront avec les dossiers.',
  noSheet: 'Le classeur n’a pas encore de feuille « Dossiers ».',
  caption: 'Total annuel par bénéficiaire',
  count: (rows: number, required: number) =>
    `${rows} ligne${rows > 1 ? 's' : ''}${required ? ` ; convention requise pour ${required} d’entre elle${required > 1 ? 's' : ''}` : ''}.`,
  // Soft hyphens: at 300 px the narrow columns break their titles as a typesetter would.
  columns: ['Bénéficiaire', 'Exer\u00adcice', 'Dos\u00adsiers', 'Total', 'Convention requise'],
  unknownYear: 'inconnu',
  incomplete: ' (un montant illisible)',
  openDossier: (id: string) => `Ouvrir le dossier ${id}`,
};

function row(r: BeneficiaryRow): HTMLElement {
  const open = async (ref: string) => {
    try {
      await show('form', await call<LoadedDossier>('loadDossier', ref));
    } catch (e) {
      announce((e as Error).message, 'error');
    }
  };
  const ids = r.dossiers.map((ref) => h('button', { type: 'button', class: 'link-button', 'aria-label': TEXT.openDossier(ref), text: ref, on: { click: () => void open(ref) } }));
  return h(
    'tr',
    { class: r.conventionRequired ? 'row-required' : null },
    h('th', { scope: 'row' }, h('span', { class: 'beneficiary-name', text: r.beneficiary || '—' }), h('span', { class: 'dossier-ids' }, ...ids)),
    h('td', { text: r.year === null ? TEXT.unknownYear : String(r.year) }),
    h('td', { class: 'num', text: String(r.dossiers.length) }),
    h('td', { class: 'num', text: r.total + (r.incomplete ? TEXT.incomplete : '') }),
    h('td', {}, h('span', { class: `badge ${r.conventionRequired || r.conventionUnknown ? 'badge-warning' : 'badge-none'}`, text: r.convention })),
  );
}

registerScreen({
  id: 'beneficiaries',
  title: TEXT.title,
  nav: true,
  async render(root) {
    const intro = h('p', { class: 'hint', id: 'beneficiaries-intro', text: TEXT.introLoading });
    const status = h('p', { id: 'beneficiaries-status', class: 'hint', 'aria-live': 'polite' });
    const body = h('tbody');
    const table = h(
      'table',
      { class: 'beneficiaries', id: 'beneficiaries-table', hidden: true },
      h('caption', { text: TEXT.caption }),
      h('thead', {}, h('tr', {}, ...TEXT.columns.map((c) => h('th', { scope: 'col', text: c })))),
      body,
    );
    const refresh = h('button', { type: 'button', class: 'secondary', id: 'beneficiaries-refresh', text: TEXT.refresh });
    const load = async () => {
      const release = disableKeepingFocus(refresh);
      status.textContent = TEXT.loading;
      try {
        const list = await call<BeneficiaryList>('listBeneficiaries');
        intro.textContent = TEXT.intro(list.threshold);
        body.replaceChildren(...list.rows.map(row));
        table.hidden = list.rows.length === 0;
        status.textContent = list.rows.length ? TEXT.count(list.rows.length, list.rows.filter((r) => r.conventionRequired).length) : list.ready ? TEXT.none : `${TEXT.noSheet} ${TEXT.none}`;
      } catch (e) {
        status.textContent = '';
        announce(TEXT.failed((e as Error).message), 'error');
      } finally {
        release();
      }
    };
    refresh.addEventListener('click', () => void load());
    root.append(h('h1', { id: 'beneficiaries-title', text: TEXT.title }), intro, h('div', { class: 'button-row' }, refresh), status, h('div', { class: 'table-scroll', id: 'beneficiaries-scroll', tabindex: 0, role: 'region', 'aria-label': TEXT.caption }, table));
    focusHeading(root);
    await load();
  },
});
