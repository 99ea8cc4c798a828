import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDossier } from './checks';
import type { DossierInput } from './dossier';
import { DEFAULT_SETTINGS } from './settings';
import { describeReportFields, FIELD_DOCS, reportFields, withArticle } from './report-fields';
import { checkTemplate, renderDocument, toModel, type TBlock } from './template';
import { DEFAULT_TEMPLATE } from './template/default-template';
import { reportDataHash, sha256Hex, canonicalJson } from './report-hash';
import { createHash } from 'node:crypto';

const example = (name: string): DossierInput => JSON.parse(readFileSync(join(__dirname, '../../examples', name), 'utf8'));
const corrected = example('medinsoft-2018-corrige.json');
const fields = (d: DossierInput) => reportFields(d, checkDossier(d, DEFAULT_SETTINGS), DEFAULT_SETTINGS, { todayIso: '2018-06-12' });
/** Spaces of every kind as one, to compare with the example's plain text. */
const plain = (s: unknown) => String(s).replace(/[\u202f\u00a0]/g, ' ');

describe('reportFields of the corrected example dossier', () => {
  const f = fields(corrected);

  it.each([
    ['montant_subvention', '47 500 €'],
    ['montant_subvention_euros', '47 500 euros'],
    ['montant_subvention_lettres', 'quarante-sept mille cinq cents euros'],
    ['taux', '23,75 %'],
    ['budget_proratise', '200 000 €'],
    ['budget_annuel', '800 000 €'],
    ['periode', 'du 1er janvier 2018 au 31 mars 2018'],
    ['nb_mois', '3'],
    ['beneficiaire', 'association Medinsoft'],
    ['beneficiaire_le', "l'association Medinsoft"],
    ['conseil_a', 'au Conseil de Territoire Marseille Provence'],
    ['collectivite_de', "de la Métropole d'Aix-Marseille Provence"],
    ['base_legale_de', "de l'article L5218-7, I du Code Général des Collectivités Territoriales"],
    ['nature_acte', 'Avis du Conseil de Territoire'],
    ['exercice', '2018'],
    ['seuil_convention', '23 000 €'],
    ['date_note', '12 juin 2018'],
    ['liste_cofinanceurs', "17 500 € pris en charge par la Métropole Aix-Marseille-Provence et 30 000 € pris en charge par le Conseil de Territoire du Pays d'Aix (CT2)"],
  ])('%s reads « %s »', (name, expected) => {
    expect(plain(f[name])).toBe(expected);
  });

  it('writes the financial paragraph of the example, with the figures right', () => {
    expect(plain(f.paragraphe_financier)).toBe(
      "Pour les actions menées du 1er janvier 2018 au 31 mars 2018, le soutien financier de la Métropole d'Aix-Marseille Provence s'élèvera à 47 500 euros, représentant 23,75 % du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de 200 000 € (budget prévisionnel annuel de 800 000 euros).",
    );
  });

  it('uses no-break spaces in figures, as French typography does', () => {
    expect(f.montant_subvention).toBe('47\u202f500\u00a0€');
    expect(f.taux).toBe('23,75\u00a0%');
  });

  it('gives each co-financer its name, amount, shares and end punctuation', () => {
    expect((f.cofinanceurs as unknown[]).map((c) => Object.fromEntries(Object.entries(c as object).map(([k, v]) => [k, plain(v)])))).toEqual([
      { nom: 'Métropole Aix-Marseille-Provence', nom_article: 'la Métropole Aix-Marseille-Provence', montant: '17 500 €', part: '36,84 %', part_budget: '8,75 %', fin: ' ;' },
      { nom: "Conseil de Territoire du Pays d'Aix (CT2)", nom_article: "le Conseil de Territoire du Pays d'Aix (CT2)", montant: '30 000 €', part: '63,16 %', part_budget: '15,00 %', fin: '.' },
    ]);
  });

  it('sets the flags the default template tests', () => {
    expect([f.convention_requise, f.convention, f.proratise, f.cofinance]).toEqual([true, true, true, true]);
  });
});

describe('paragraphe_financier adapts to the figures available', () => {
  const base: DossierInput = { beneficiary: 'association X', authority: 'Région Sud', subsidy: 10000, annualBudget: 50000, budgetYear: 2019 };
  it.each<[string, DossierInput, string]>([
    ['without a period: the annual budget', base, 'Le soutien financier de la Région Sud s\'élèvera à 10 000 euros, représentant 20,00 % du budget prévisionnel annuel 2019 d\'un montant de 50 000 €.'],
    [
      'with a period of partial months',
      { ...base, period: { start: '2019-01-16', end: '2019-03-31' } },
      "Pour les actions menées du 16 janvier 2019 au 31 mars 2019, le soutien financier de la Région Sud s'élèvera à 10 000 euros, représentant 95,38 % du budget prévisionnel 2019 proratisé sur 2,52 mois d'un montant de 10 483,87 € (budget prévisionnel annuel de 50 000 euros).",
    ],
    ['without a budget: the amount only', { ...base, annualBudget: undefined }, "Le soutien financier de la Région Sud s'élèvera à 10 000 euros."],
    ['without an authority', { ...base, authority: undefined }, "Le soutien financier de la collectivité s'élèvera à 10 000 euros, représentant 20,00 % du budget prévisionnel annuel 2019 d'un montant de 50 000 €."],
    ['without a readable subsidy: a visible gap', { ...base, subsidy: '10.0' }, '[à compléter]'],
  ])('%s', (_, dossier, expected) => {
    expect(plain(fields(dossier).paragraphe_financier)).toBe(expected);
  });
});

describe('withArticle', () => {
  it.each<[string, 'de' | 'à' | 'par' | 'none', string]>([
    ['Métropole Aix-Marseille-Provence', 'none', 'la Métropole Aix-Marseille-Provence'],
    ['Métropole Aix-Marseille-Provence', 'de', 'de la Métropole Aix-Marseille-Provence'],
    ['Conseil de Territoire du Pays d\'Aix', 'de', "du Conseil de Territoire du Pays d'Aix"],
    ['Conseil de Territoire', 'à', 'au Conseil de Territoire'],
    ['association Medinsoft', 'none', "l'association Medinsoft"],
    ['État', 'par', "par l'État"],
    ['article L5218-7', 'de', "de l'article L5218-7"],
    ['le Département des Bouches-du-Rhône', 'de', 'du Département des Bouches-du-Rhône'],
    ['les Amis du Musée', 'à', 'aux Amis du Musée'],
    ['la Région Sud', 'de', 'de la Région Sud'],
    ['Medinsoft', 'de', 'de Medinsoft'],
    ['Medinsoft', 'none', 'Medinsoft'],
  ])('withArticle(%j, %j) → %j', (name, prep, expected) => {
    expect(withArticle(name, prep)).toBe(expected);
  });
});

describe('FIELD_DOCS and describeReportFields', () => {
  it('documents every field reportFields gives, and nothing else', () => {
    expect(FIELD_DOCS.map((d) => d.name).sort()).toEqual(Object.keys(fields(corrected)).sort());
  });

  it('gives the sidebar each field with its French description and its value for the dossier', () => {
    const shown = describeReportFields(corrected);
    expect(shown.find((f) => f.name === 'taux')).toEqual({ name: 'taux', description: 'Part de la subvention dans le budget de référence (« 23,75 % »)', value: '23,75\u00a0%' });
    expect(plain(shown.find((f) => f.name === 'cofinanceurs')?.value)).toBe("17 500 € — Métropole Aix-Marseille-Provence ; 30 000 € — Conseil de Territoire du Pays d'Aix (CT2)");
    expect(shown.find((f) => f.name === 'cofinanceurs')?.items?.map((i) => i.name)).toEqual(['nom', 'nom_article', 'montant', 'part', 'part_budget', 'fin']);
    expect(JSON.parse(JSON.stringify(shown))).toEqual(shown);
  });
});

const lines = (blocks: readonly TBlock[]) => blocks.map((b) => (b.type === 'paragraph' ? `${b.list ? '- ' : ''}${plain(b.runs.map((r) => r.text).join(''))}` : '[tableau]'));

describe('the default template', () => {
  it('uses only known fields and is well formed', () => {
    expect(checkTemplate(DEFAULT_TEMPLATE, FIELD_DOCS)).toEqual([]);
  });

  it('reads like the example report for the corrected dossier', () => {
    const out = lines(toModel(renderDocument(DEFAULT_TEMPLATE, fields(corrected)).body));
    const text = out.join('\n');
    expect(text).not.toContain('{{');
    expect(out).toEqual(
      expect.arrayContaining([
        "Attribution d'une subvention dans le cadre de la French Tech Aix-Marseille à l'association Medinsoft – Approbation d'une convention",
        'Avis du Conseil de Territoire.',
        "Pour les actions menées du 1er janvier 2018 au 31 mars 2018, le soutien financier de la Métropole d'Aix-Marseille Provence s'élèvera à 47 500 euros, représentant 23,75 % du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de 200 000 € (budget prévisionnel annuel de 800 000 euros).",
        'Ce soutien financier se décompose comme suit :',
        '- 17 500 € pris en charge par la Métropole Aix-Marseille-Provence ;',
        "- 30 000 € pris en charge par le Conseil de Territoire du Pays d'Aix (CT2).",
      ]),
    );
    expect(out.filter((l) => l.startsWith('- '))).toHaveLength(6);
    expect(text).toMatch(/une convention définissant son objet/);
    expect(text).not.toContain('200 00 €');
  });

  it('drops the convention sentence, the split and empty headings when they do not apply', () => {
    const small: DossierInput = { beneficiary: 'Ville de Gap', beneficiaryKind: 'public', subsidy: 5000, annualBudget: 20000 };
    const out = lines(toModel(renderDocument(DEFAULT_TEMPLATE, fields(small)).body));
    expect(out.join('\n')).not.toMatch(/convention|décompose|\{\{/);
    expect(out).not.toContain('');
    expect(out.slice(0, 2)).toEqual(["Note de synthèse relative au rapport à l'assemblée délibérante", "Le Président soumet à l'assemblée délibérante le rapport suivant :"]);
  });
});

describe('reportDataHash', () => {
  it.each(['', 'abc', 'é€𝄞'.repeat(40), 'x'.repeat(1000)])('sha256Hex agrees with node:crypto on %j', (s) => {
    expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });

  it('does not depend on key order, and changes with the data or the template', () => {
    const a = reportDataHash({ subsidy: 1, beneficiary: 'X', period: { end: '2018-03-31', start: '2018-01-01' } }, 'default');
    expect(reportDataHash({ beneficiary: 'X', period: { start: '2018-01-01', end: '2018-03-31' }, subsidy: 1 }, 'default')).toBe(a);
    expect(reportDataHash({ beneficiary: 'X', period: { start: '2018-01-01', end: '2018-03-31' }, subsidy: 2 }, 'default')).not.toBe(a);
    expect(reportDataHash({ subsidy: 1, beneficiary: 'X', period: { end: '2018-03-31', start: '2018-01-01' } }, 'other')).not.toBe(a);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});
