/**
 * The default convention template: the « convention attributive de subvention » the council
 * approves with a subsidy above the threshold (loi n° 2000-321 du 12 avril 2000, art. 10;
 * décret n° 2001-495 du 6 juin 2001). Parties, visas, then the articles a legal officer
 * expects: object, duration, amount (digits and words, co-financing plan), payment, use,
 * « compte rendu financier » (arrêté du 11 octobre 2006), control, the « contrat
 * d'engagement républicain » for an association (loi n° 2021-1109, art. 12), termination,
 * disputes, signatures. Same template language and fields as the report (report-fields.ts),
 * so its figures are the report's, never typed twice.
 */
import { para, type TBlock, type TCell, type TDocument, type TParagraph, type TRow } from './model';
import { canonicalJson, sha256Hex } from '../report-hash';

const body = (text: string): TParagraph => para(text, { align: 'justify' });
const dash = (text: string): TParagraph => ({ ...para(text, { align: 'justify' }), list: { level: 0, glyph: 'dash' } });
const article = (text: string): TParagraph => para(text, { style: 'heading2' });
const cell = (text: string, bold = false): TCell => ({ blocks: [para(text, bold ? { bold } : {})] });
const row = (...cells: TCell[]): TRow => ({ cells });
const signature = (who: string): TCell => ({ blocks: [para(who), para('Date et signature :'), para(''), para('')] });
/** The article number after the « contrat d'engagement républicain », which only an association's convention holds. */
const after = (n: number) => `{{#association}}${n + 1}{{/association}}{{^association}}${n}{{/association}}`;

const SOURCE: TDocument = {
  header: [para('{{collectivite}}{{#numero_acte}} — acte n° {{numero_acte}}{{/numero_acte}}', { align: 'right' })],
  body: [
    para('Convention attributive de subvention', { style: 'title', align: 'center' }),
    para('{{#objet}}{{objet}}{{/objet}}', { style: 'subtitle', align: 'center' }),
    para('Entre les soussignés', { style: 'heading1' }),
    body(
      '{{collectivite}}{{#siret_collectivite}} (SIRET {{siret_collectivite}}){{/siret_collectivite}}, représentée par {{#representant_collectivite}}{{representant_collectivite}}{{/representant_collectivite}}{{^representant_collectivite}}son Président{{/representant_collectivite}}, dûment habilité{{#numero_acte}} par l’acte n° {{numero_acte}}{{/numero_acte}}{{#date_seance}} du {{date_seance}}{{/date_seance}},',
    ),
    body('ci-après désignée « la collectivité »,'),
    body('d’une part,'),
    para('Et', { style: 'heading1' }),
    body(
      '{{beneficiaire_debut}}{{#adresse_beneficiaire}}, dont le siège est situé {{adresse_beneficiaire}}{{/adresse_beneficiaire}}{{#siret}}, SIRET {{siret}}{{/siret}}{{#rna}}, RNA {{rna}}{{/rna}}, {{#association}}représentée{{/association}}{{^association}}représenté{{/association}} par {{#representant_beneficiaire}}{{representant_beneficiaire}}{{/representant_beneficiaire}}{{^representant_beneficiaire}}son représentant légal{{/representant_beneficiaire}}, dûment habilité,',
    ),
    body('ci-après désigné « le bénéficiaire »,'),
    body('d’autre part,'),
    para('Vu', { style: 'heading1' }),
    dash('la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations avec les administrations, notamment son article 10 ;'),
    dash('le décret n° 2001-495 du 6 juin 2001 pris pour l’application de l’article 10 de la loi n° 2000-321 du 12 avril 2000 et relatif à la transparence financière des aides octroyées par les personnes publiques ;'),
    dash('l’arrêté du 11 octobre 2006 relatif au compte rendu financier prévu par l’article 10 de la loi du 12 avril 2000 ;'),
    dash('{{#association}}la loi n° 2021-1109 du 24 août 2021 confortant le respect des principes de la République, notamment son article 12 ;{{/association}}'),
    dash('{{#base_legale}}l’{{base_legale}} ;{{/base_legale}}'),
    dash(
      'la délibération{{#conseil}} {{conseil_de}}{{/conseil}}{{#numero_acte}} n° {{numero_acte}}{{/numero_acte}}{{#seance}} ({{seance}}){{/seance}}{{#date_seance}} du {{date_seance}}{{/date_seance}} attribuant la subvention et approuvant la présente convention.',
    ),
    para('Il est convenu ce qui suit :', { bold: true }),

    article('Article 1 — Objet'),
    body('La présente convention a pour objet de définir les conditions dans lesquelles la collectivité apporte son soutien financier au bénéficiaire pour l’action suivante : {{#objet}}{{objet}}{{/objet}}{{^objet}}[à compléter]{{/objet}}.'),
    body('{{#actions_prevues}}Le bénéficiaire s’engage à réaliser les actions suivantes :{{/actions_prevues}}'),
    dash('{{#actions}}{{.}}{{/actions}}'),

    article('Article 2 — Durée'),
    body(
      '{{#duree_convention}}La présente convention est conclue pour {{duree_convention}}.{{/duree_convention}}{{^duree_convention}}{{#periode}}La présente convention porte sur les actions menées {{periode}}{{#nb_mois}} ({{nb_mois}} mois){{/nb_mois}}.{{/periode}}{{^periode}}La présente convention porte sur l’exercice {{exercice}}.{{/periode}}{{/duree_convention}} Elle prend effet à sa signature par les deux parties et s’achève lorsque les obligations qu’elle fixe ont été remplies.',
    ),

    article('Article 3 — Montant de la subvention'),
    body(
      'La collectivité attribue au bénéficiaire une subvention{{#nature_subvention}} de {{nature_subvention}}{{/nature_subvention}} d’un montant de {{montant_subvention}} ({{montant_subvention_lettres}}), représentant {{taux}} du budget prévisionnel{{#exercice}} {{exercice}}{{/exercice}}{{#proratise}} proratisé sur {{nb_mois}} mois, soit {{budget_proratise}} (budget prévisionnel annuel de {{budget_annuel}}){{/proratise}}{{^proratise}} de {{budget_annuel}}{{/proratise}}.',
    ),
    body('{{#cofinance}}Le plan de financement de la subvention est le suivant :'),
    {
      type: 'table',
      rows: [
        row(cell('Financeur', true), cell('Montant', true), cell('Part de la subvention', true)),
        row(cell('{{#cofinanceurs}}{{nom}}'), cell('{{montant}}'), cell('{{part}}{{/cofinanceurs}}')),
        row(cell('Total', true), cell('{{total_cofinancements}}', true), cell('100\u00a0%', true)),
      ],
    },
    body('{{/cofinance}}'),
    body('{{#imputation}}La dépense est imputée au budget {{exercice}} de la collectivité : {{imputation}}.{{/imputation}}'),
    body('Ce montant est un maximum : il ne peut être révisé qu’à la baisse, dans les conditions de l’article {{#association}}9{{/association}}{{^association}}8{{/association}}.'),

    article('Article 4 — Modalités de versement'),
    body(
      '{{#modalites_versement}}La subvention est versée {{modalites_versement}}{{/modalites_versement}}{{^modalites_versement}}La subvention est versée{{/modalites_versement}} par virement sur le compte du bénéficiaire, après la signature de la présente convention{{#echeancier_prevu}}, {{#versement_echelonne}}selon l’échéancier suivant : {{/versement_echelonne}}{{dates_versement}}{{/echeancier_prevu}}.',
    ),
    body('{{#versement_echelonne}}Chaque versement après le premier est subordonné au respect par le bénéficiaire des obligations de la présente convention.{{/versement_echelonne}}'),

    article('Article 5 — Conditions d’utilisation'),
    body(
      'Le bénéficiaire s’engage à utiliser la subvention exclusivement pour l’objet défini à l’article 1. Il ne peut la reverser à un autre organisme, sauf accord écrit de la collectivité. Il mentionne le soutien de la collectivité dans ses documents d’information et de communication relatifs à l’action. Il informe sans délai la collectivité de toute modification de ses statuts, de sa représentation ou de la réalisation de l’action.',
    ),

    article('Article 6 — Compte rendu financier'),
    body(
      'Conformément à l’article 10 de la loi n° 2000-321 du 12 avril 2000 et à l’arrêté du 11 octobre 2006, le bénéficiaire transmet à la collectivité, dans les six mois suivant la fin de l’exercice pour lequel la subvention a été attribuée, soit au plus tard le {{date_limite_compte_rendu}}, un compte rendu financier attestant de la conformité des dépenses effectuées à l’objet de la subvention, accompagné d’un bilan de l’action réalisée.',
    ),
    body('Le bénéficiaire communique également à la collectivité ses comptes annuels approuvés et son rapport d’activité du dernier exercice clos.'),

    article('Article 7 — Contrôle'),
    body(
      'La collectivité peut contrôler à tout moment, sur pièces et sur place, l’emploi de la subvention. Le bénéficiaire lui donne accès à tout document administratif ou comptable utile à ce contrôle. Le budget et les comptes du bénéficiaire sont communicables dans les conditions de l’article 10 de la loi n° 2000-321 du 12 avril 2000.',
    ),

    article('{{#association}}Article 8 — Contrat d’engagement républicain{{/association}}'),
    body(
      '{{#association}}Le bénéficiaire a souscrit le contrat d’engagement républicain prévu à l’article 10-1 de la loi n° 2000-321 du 12 avril 2000, créé par l’article 12 de la loi n° 2021-1109 du 24 août 2021, et s’engage à le respecter pendant toute la durée de la présente convention. Tout manquement à ces engagements peut justifier le retrait de la subvention, au prorata de la part de la période couverte qui restait à courir à la date du manquement.{{/association}}',
    ),

    article(`Article ${after(8)} — Résiliation et reversement`),
    body(
      'En cas de non-respect par le bénéficiaire de l’une de ses obligations, la collectivité peut résilier la présente convention de plein droit, un mois après une mise en demeure restée sans effet adressée par lettre recommandée avec accusé de réception. La collectivité peut alors exiger le reversement de tout ou partie des sommes versées, notamment lorsque la subvention n’a pas été utilisée conformément à son objet, lorsque le compte rendu financier n’a pas été produit dans le délai de l’article 6, ou lorsque les dépenses réalisées sont inférieures au budget prévisionnel.',
    ),

    article(`Article ${after(9)} — Litiges`),
    body(
      'Les parties s’efforcent de régler à l’amiable tout différend relatif à l’interprétation ou à l’exécution de la présente convention. À défaut, le litige est porté devant le tribunal administratif territorialement compétent.',
    ),

    para('Signatures', { style: 'heading1' }),
    body('Fait en deux exemplaires originaux{{#date_convention}}, le {{date_convention}}{{/date_convention}}.'),
    {
      type: 'table',
      rows: [
        row({ blocks: [para('Pour la collectivité', { bold: true }), para('{{collectivite}}')] }, { blocks: [para('Pour le bénéficiaire', { bold: true }), para('{{beneficiaire}}')] }),
        // Room for the signature under each name: a convention is signed by hand or electronically.
        row(
          signature('{{#representant_collectivite}}{{representant_collectivite}}{{/representant_collectivite}}{{^representant_collectivite}}Le Président{{/representant_collectivite}}'),
          signature('{{#representant_beneficiaire}}{{representant_beneficiaire}}{{/representant_beneficiaire}}{{^representant_beneficiaire}}Le représentant légal{{/representant_beneficiaire}}'),
        ),
      ],
    },
  ],
  footer: [para('Convention — {{beneficiaire}}{{#exercice}} — exercice {{exercice}}{{/exercice}}', { align: 'center' })],
};

/**
 * French punctuation spaces in the template's own words: a no-break space before « : » and
 * inside « … », a narrow one before « ; ! ? », so that no line of the convention starts
 * with a colon or a semicolon (the fields' values carry their own spaces, core/format.ts).
 * `frenchSpaces("suivant :")` → "suivant\u00a0:".
 */
export function frenchSpaces(text: string): string {
  return text
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ ([;!?])/g, '\u202f$1');
}

const withFrenchSpaces = (blocks: readonly TBlock[]): TBlock[] =>
  blocks.map((b) =>
    b.type === 'paragraph'
      ? { ...b, runs: b.runs.map((r) => ({ ...r, text: frenchSpaces(r.text) })) }
      : b.type === 'table'
        ? { ...b, rows: b.rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c, blocks: withFrenchSpaces(c.blocks) })) })) }
        : b,
  );

export const DEFAULT_CONVENTION_TEMPLATE: TDocument = {
  ...SOURCE,
  header: withFrenchSpaces(SOURCE.header ?? []),
  body: withFrenchSpaces(SOURCE.body),
  footer: withFrenchSpaces(SOURCE.footer ?? []),
};

let defaultConventionTemplateIdCache: string | undefined;

/**
 * The default convention template's id: its content's hash (a convention made from an older
 * default is redone), computed on first use as the report's is. Its prefix differs from the
 * report's, so that the two documents of one dossier never share a data hash.
 */
export function defaultConventionTemplateId(): string {
  return (defaultConventionTemplateIdCache ??= `default-convention@${sha256Hex(canonicalJson(DEFAULT_CONVENTION_TEMPLATE)).slice(0, 12)}`);
}

export const DEFAULT_CONVENTION_TEMPLATE_NAME = 'Rapporteur — modèle de convention attributive de subvention';
