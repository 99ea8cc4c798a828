/**
 * The default summary template of a council session: a title, the session, one table with a
 * row per dossier (a row loop `{{#dossiers}}…{{/dossiers}}` opening in the first cell and
 * closing in the last) and a totals row. Same template language and same abstract model as
 * the report's, so the Google Doc and the .docx say the same; staff edit it like the report's.
 */
import { para, type TCell, type TDocument, type TRow } from './model';
import { canonicalJson, sha256Hex } from '../report-hash';

const cell = (text: string, bold = false): TCell => ({ blocks: [para(text, bold ? { bold } : {})] });
const row = (...cells: TCell[]): TRow => ({ cells });

export const DEFAULT_SUMMARY_TEMPLATE: TDocument = {
  header: [para('{{collectivite}}', { align: 'right' })],
  body: [
    para('Récapitulatif des subventions', { style: 'title', align: 'center' }),
    para('{{seance}}', { style: 'heading1', align: 'center' }),
    para('{{#date_seance}}Séance du {{date_seance}}{{/date_seance}}', { align: 'center' }),
    para('{{nombre_dossiers}} dossiers, {{total_montant}} de subventions ; convention requise pour {{nombre_conventions}} d’entre eux.', { align: 'justify' }),
    {
      type: 'table',
      rows: [
        row(cell('Bénéficiaire', true), cell('Objet', true), cell('Montant', true), cell('Taux', true), cell('Cofinanceurs', true), cell('Convention requise', true)),
        row(cell('{{#dossiers}}{{beneficiaire}}'), cell('{{objet}}'), cell('{{montant}}'), cell('{{taux}}'), cell('{{cofinanceurs}}'), cell('{{convention_requise}}{{/dossiers}}')),
        row(cell('Total', true), cell('{{nombre_dossiers}} dossiers'), cell('{{total_montant}}', true), cell(''), cell('{{total_cofinancements}}'), cell('{{nombre_conventions}}')),
      ],
    },
    para('{{#total_incomplet}}Au moins un montant est à compléter : le total est incomplet.{{/total_incomplet}}', { bold: true }),
  ],
  footer: [para('Rapporteur — récapitulatif du {{date_recapitulatif}}', { align: 'center' })],
};

/** Changes with the template itself, so that summaries made from an older default are redone. */
export const DEFAULT_SUMMARY_TEMPLATE_ID = `default-summary@${sha256Hex(canonicalJson(DEFAULT_SUMMARY_TEMPLATE)).slice(0, 12)}`;

export const DEFAULT_SUMMARY_TEMPLATE_NAME = 'Rapporteur — modèle de récapitulatif de séance';
