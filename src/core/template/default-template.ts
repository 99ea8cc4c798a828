/**
 * The default report template, modelled on the 2018 note de synthèse of the Conseil de
 * Territoire Marseille Provence (shared/examples): heading, subject, kind of act, legal
 * basis, context, actions, the financial paragraph, the co-financers' split and the
 * convention sentence. One abstract model, so the Google Doc and the .docx say the same.
 */
import { para, type TDocument, type TParagraph } from './model';
import { canonicalJson, sha256Hex } from '../report-hash';

const body = (text: string): TParagraph => para(text, { align: 'justify' });
const dash = (text: string): TParagraph => ({ ...para(text, { align: 'justify' }), list: { level: 0, glyph: 'dash' } });

export const DEFAULT_TEMPLATE: TDocument = {
  header: [para('{{collectivite}}{{#date_seance}} — séance du {{date_seance}}{{/date_seance}}', { align: 'right' })],
  body: [
    para('Note de synthèse relative au rapport {{conseil_a}}', { style: 'title', align: 'center' }),
    para('{{#numero_acte}}Acte n° {{numero_acte}}{{/numero_acte}}', { align: 'center' }),
    para('{{#objet}}{{objet}}{{/objet}}', { style: 'heading1', align: 'justify' }),
    para('{{#nature_acte}}{{nature_acte}}.{{/nature_acte}}', { bold: true }),
    para('{{#rapporteur}}Rapporteur : {{rapporteur}}{{/rapporteur}}'),
    body('Le Président soumet {{conseil_a}} le rapport suivant :'),
    body('{{#base_legale}}Dans le cadre des dispositions {{base_legale_de}}, {{conseil_le}} est saisi du rapport présenté ci-après :{{/base_legale}}'),
    body('{{#contexte}}{{.}}{{/contexte}}'),
    dash('{{#actions}}{{.}}{{/actions}}'),
    body('{{paragraphe_financier}}'),
    body('{{#cofinance}}Ce soutien financier se décompose comme suit :{{/cofinance}}'),
    dash('{{#cofinanceurs}}{{montant}} pris en charge par {{nom_article}}{{fin}}{{/cofinanceurs}}'),
    body(
      '{{#convention_requise}}La subvention dépassant {{seuil_convention}}, une convention définissant son objet, son montant et ses conditions d\'utilisation est conclue avec {{beneficiaire_le}} (loi n° 2000-321 du 12 avril 2000, article 10 ; décret n° 2001-495 du 6 juin 2001).{{/convention_requise}}',
    ),
    body('{{#imputation}}La dépense sera imputée au budget {{exercice}} : {{imputation}}.{{/imputation}}'),
    body('Le montant de la subvention s\'établit ainsi à {{montant_subvention_lettres}} ({{montant_subvention}}).'),
  ],
  footer: [para('Rapporteur — note du {{date_note}}', { align: 'center' })],
};

/** Changes with the template itself, so that reports made from an older default are redone. */
let defaultTemplateIdCache: string | undefined;

/**
 * The default template's id: its content's hash, so a report made from an older default
 * template is not taken as up to date. Computed on first use: a hash at load time would be
 * paid by every custom-function cell, which loads the whole script.
 */
export function defaultTemplateId(): string {
  return (defaultTemplateIdCache ??= `default@${sha256Hex(canonicalJson(DEFAULT_TEMPLATE)).slice(0, 12)}`);
}

export const DEFAULT_TEMPLATE_NAME = 'Rapporteur — modèle de note de synthèse';
