import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDossier } from '../checks';
import type { DossierInput } from '../dossier';
import { FIELD_DOCS, reportFields } from '../report-fields';
import { checkTemplate } from './check';
import { DEFAULT_CONVENTION_TEMPLATE, defaultConventionTemplateId, frenchSpaces } from './default-convention-template';
import { defaultTemplateId } from './default-template';
import { documentToText } from './plain-text';
import { renderDocument, toModel } from './render';

const example: DossierInput = JSON.parse(readFileSync(join(__dirname, '../../../examples/medinsoft-2018-corrige.json'), 'utf8'));

const conventionText = (dossier: DossierInput) => {
  const r = renderDocument(DEFAULT_CONVENTION_TEMPLATE, reportFields(dossier, checkDossier(dossier)));
  return documentToText({ header: toModel(r.header ?? []), body: toModel(r.body), footer: toModel(r.footer ?? []) });
};

describe('the default convention template', () => {
  it('passes the template check with the report fields', () => {
    expect(checkTemplate(DEFAULT_CONVENTION_TEMPLATE, FIELD_DOCS)).toEqual([]);
  });

  it('has an id of its own, distinct from the report template', () => {
    expect(defaultConventionTemplateId()).toMatch(/^default-convention@/);
    expect(defaultConventionTemplateId()).not.toBe(defaultTemplateId());
  });

  it('writes the example dossier amounts in digits and words, the plan and the deadline', () => {
    const text = conventionText(example);
    expect(text).toContain('47\u202f500\u00a0€ (quarante-sept mille cinq cents euros)');
    expect(text).toContain('23,75\u00a0%');
    expect(text).toContain('200\u202f000\u00a0€');
    expect(text).toMatch(/Métropole Aix-Marseille-Provence\t17\u202f500\u00a0€/);
    expect(text).toMatch(/Conseil de Territoire du Pays d'Aix \(CT2\)\t30\u202f000\u00a0€/);
    expect(text).toContain('au plus tard le 30 juin 2019');
    expect(text).toContain('du 1er janvier 2018 au 31 mars 2018');
    expect(text).toContain('la délibération du Conseil de Territoire Marseille Provence');
  });

  it('introduces the list of actions once, and not at all without actions', () => {
    expect(conventionText(example).split('actions suivantes').length - 1).toBe(1);
    expect(conventionText({ ...example, actions: [] })).not.toContain('actions suivantes');
  });

  it.each([
    ['an association', 'association', true],
    ['a company', 'company', false],
  ] as const)('holds the contrat d’engagement républicain only for %s', (_name, kind, expected) => {
    const text = conventionText({ ...example, beneficiaryKind: kind });
    expect(text.includes('Contrat d’engagement républicain')).toBe(expected);
    expect(text.includes('loi n° 2021-1109')).toBe(expected);
    // The articles after it keep consecutive numbers.
    expect(text).toContain(expected ? 'Article 9 — Résiliation' : 'Article 8 — Résiliation');
    expect(text).toContain(expected ? 'Article 10 — Litiges' : 'Article 9 — Litiges');
  });

  it('writes the parties, the visas and the payment schedule from the dossier', () => {
    const text = conventionText({
      ...example,
      siret: '12345678901234',
      rna: 'W133012345',
      authoritySiret: '20005478100022',
      beneficiaryRepresentative: 'Mme Jeanne Martin, présidente',
      beneficiaryAddress: '1 rue de la République, 13001 Marseille',
      authorityRepresentative: 'M. Paul Durand, Président',
      actNumber: 'CT1/2018/042',
      session: 'Conseil de Territoire du 28 juin 2018',
      sessionDate: '2018-06-28',
      paymentTerms: 'échelonné',
      paymentDates: '2018-07-16, 2018-10-15',
    });
    expect(text).toContain('(SIRET 20005478100022), représentée par M. Paul Durand, Président');
    expect(text).toContain('L’association Medinsoft, dont le siège'.replace('’', "'"));
    expect(text).toContain('dont le siège est situé 1 rue de la République, 13001 Marseille, SIRET 12345678901234, RNA W133012345, représentée par Mme Jeanne Martin, présidente');
    expect(text).toContain('n° CT1/2018/042 (Conseil de Territoire du 28 juin 2018) du 28 juin 2018');
    expect(text).toContain('La subvention est versée en plusieurs versements');
    expect(text).toContain('après la signature de la présente convention, selon l’échéancier suivant\u00a0: le 16 juillet 2018 et le 15 octobre 2018.');
  });

  it.each([
    ['one date', ['2018-07-16'], 1],
    ['two dates', ['2018-04-16', '2018-10-15'], 2],
    ['three dates', ['2018-04-16', '2018-07-16', '2018-10-15'], 3],
  ] as const)('announces the schedule once, with %s (a section over the list repeated it per date)', (_name, dates, n) => {
    const text = conventionText({ ...example, paymentTerms: 'échelonné', paymentDates: [...dates] });
    expect(text.split('selon l’échéancier suivant').length - 1).toBe(1);
    expect(text.match(/convention, selon l’échéancier suivant\u00a0: le [^.]*\./)![0].match(/le \d/g)).toHaveLength(n);
  });

  it('writes a single payment date in the sentence, with no schedule announced for it', () => {
    const text = conventionText({ ...example, paymentTerms: 'unique', paymentDates: ['2018-05-02'] });
    expect(text).toContain('La subvention est versée en une seule fois par virement sur le compte du bénéficiaire, après la signature de la présente convention, le 2 mai 2018.');
    expect(text).not.toContain('échéancier');
  });

  it('ends the payment sentence with a full stop when no date is given', () => {
    const text = conventionText({ ...example, paymentTerms: 'unique', paymentDates: undefined });
    expect(text).toContain('après la signature de la présente convention.');
    expect(text).not.toContain('échéancier');
  });

  it('names the deliberation with single spaces, with or without the council (no council left a double space)', () => {
    const without = conventionText({ ...example, council: undefined, actNumber: '2018-CM-301' });
    expect(without).toContain('- la délibération n° 2018-CM-301');
    expect(conventionText({ ...example, actNumber: '2018-CM-301' })).toContain('- la délibération du Conseil de Territoire Marseille Provence n° 2018-CM-301');
    expect(without).not.toMatch(/\S {2,}\S/);
  });

  it('keeps no breakable space before a colon or a semicolon, nor inside guillemets, in its own words', () => {
    // The actions are the dossier's own text (one holds « gouvernance : »): left out here.
    const text = conventionText({ ...example, actions: [], paymentTerms: 'échelonné', paymentDates: ['2018-04-16', '2018-10-15'] });
    expect(text).not.toMatch(/ [:;!?»]|« /);
    expect(text).toContain('Il est convenu ce qui suit\u00a0:');
    expect(text).toContain('ci-après désignée «\u00a0la collectivité\u00a0»');
    expect(frenchSpaces('a : b ; « c » ?')).toBe('a\u00a0: b\u202f; «\u00a0c\u00a0»\u202f?');
  });
});
