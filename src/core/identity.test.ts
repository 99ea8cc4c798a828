import fc from 'fast-check';
import { checkRna, checkSiret, identityFindings, isValidSiren, isValidSiret, kindFromName, luhnValid, normalizeRna, normalizeSiret } from './identity';
import { checkDossier } from './checks';
import { resolveSettings } from './settings';
import type { DossierInput } from './dossier';

/** The Luhn key digit that completes `prefix`, computed here independently of the module. */
function luhnDigit(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const digits = prefix + d;
    let sum = 0;
    [...digits].reverse().forEach((c, i) => {
      const n = Number(c) * (i % 2 === 1 ? 2 : 1);
      sum += n > 9 ? n - 9 : n;
    });
    if (sum % 10 === 0) return String(d);
  }
  throw new Error('unreachable');
}
const withKeys = (siren8: string, nic4: string) => {
  const siren = siren8 + luhnDigit(siren8);
  return siren + nic4 + luhnDigit(siren + nic4);
};

describe('luhnValid', () => {
  it.each([
    ['732829320', true],
    ['732829321', false],
    ['73282932000074', true],
    ['73282932000075', false],
    ['0', true],
    ['18', true],
    ['81', false],
  ])('%s → %s', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });

  it('agrees with the key computed independently for generated SIRENs', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{8}$/), (p) => luhnValid(p + luhnDigit(p))));
  });
});

describe('checkSiret', () => {
  it.each([
    ['14 digits with their keys', '73282932000074', '73282932000074'],
    ['grouped by spaces as INSEE prints it', '732 829 320 00074', '73282932000074'],
    ['grouped by no-break and narrow no-break spaces', '732\u00a0829\u202f320\u00a000074', '73282932000074'],
    ['grouped by dots', '732.829.320.00074', '73282932000074'],
    ['with spaces around', '  73282932000074 ', '73282932000074'],
    ['as a number cell', 73282932000074, '73282932000074'],
    ['La Poste head office (Luhn, not the sum rule)', '35600000000048', '35600000000048'],
    ['a La Poste establishment (digits add up to 45)', '35600000049837', '35600000049837'],
    ['another La Poste establishment (digits add up to 15)', '356 000 000 00010', '35600000000010'],
    ['the fictitious example association', withKeys('21130055', '0001'), '21130055300016'],
  ])('accepts %s', (_label, input, value) => {
    expect(checkSiret(input)).toEqual({ ok: true, value });
    expect(normalizeSiret(input)).toBe(value);
    expect(isValidSiret(input)).toBe(true);
  });

  it.each([
    ['13 digits', '7328293200007', 'length', 'SIRET 7328293200007 : 13 chiffres au lieu de 14.'],
    ['15 digits', '732829320000740', 'length', 'SIRET 732829320000740 : 15 chiffres au lieu de 14.'],
    ['a SIREN alone', '732 829 320', 'length', 'SIRET 732 829 320 : 9 chiffres, c’est un numéro SIREN ; le SIRET en compte 14 (le SIREN suivi des 5 chiffres de l’établissement).'],
    ['a letter O for a zero', '7328293200OO74', 'characters', 'SIRET 7328293200OO74 : un SIRET ne contient que des chiffres (14, espaces permis) ; « O » n’en est pas un.'],
    ['hyphens', '732-829-320-00074', 'characters', 'SIRET 732-829-320-00074 : un SIRET ne contient que des chiffres (14, espaces permis) ; « - » n’en est pas un.'],
    ['zeros as a placeholder (they pass Luhn)', '00000000000000', 'placeholder', 'SIRET 00000000000000 : ce n’est pas un numéro attribué ; indiquez le vrai SIRET ou laissez le champ vide.'],
    ['a wrong last digit', '73282932000075', 'siret-key', 'SIRET 73282932000075 : clé de contrôle invalide ; un chiffre est faux ou deux sont inversés.'],
    ['two NIC digits swapped', '73282932000047', 'siret-key', 'SIRET 73282932000047 : clé de contrôle invalide ; un chiffre est faux ou deux sont inversés.'],
    ['the brief’s example', '12345678901234', 'siren-key', 'SIRET 12345678901234 : clé de contrôle invalide du SIREN 123456789 (les 9 premiers chiffres) ; un chiffre est faux ou deux sont inversés.'],
    ['a SIRET whose 14 digits pass but whose SIREN fails', '73282932100072', 'siren-key', 'SIRET 73282932100072 : clé de contrôle invalide du SIREN 732829321 (les 9 premiers chiffres) ; un chiffre est faux ou deux sont inversés.'],
    ['a La Poste establishment whose digits add up to 46', '35600000049838', 'la-poste-key', 'SIRET 35600000049838 : clé de contrôle invalide (pour un établissement de La Poste, la somme des 14 chiffres est un multiple de 5).'],
  ])('refuses %s', (_label, input, problem, message) => {
    const r = checkSiret(input);
    expect(r).toMatchObject({ ok: false, problem });
    expect(normalizeSiret(input)).toBeNull();
    expect(identityFindings({ beneficiary: 'X', beneficiaryKind: 'company', siret: input })[0]?.message).toBe(message);
  });

  it('says that a number cell one digit short probably lost its leading zero', () => {
    const siret = withKeys('01234567', '0001'); // a SIREN beginning with 0
    const f = identityFindings({ beneficiary: 'X', beneficiaryKind: 'company', siret: Number(siret) as unknown as string });
    expect(f[0]).toMatchObject({ code: 'SIRET_INVALID', severity: 'error', field: 'siret' });
    expect(f[0]?.message).toBe(`SIRET ${siret.slice(1)} : 13 chiffres au lieu de 14. Une cellule au format nombre efface le zéro du début : saisissez le SIRET comme du texte.`);
    expect(checkSiret(siret)).toEqual({ ok: true, value: siret });
  });

  it.each([true, {}, [], null, undefined, Number.NaN])('reports %p as not a SIRET, without throwing', (value) => {
    expect(checkSiret(value)).toMatchObject({ ok: false, problem: 'not-text' });
  });

  it('passes every generated SIRET and fails every single-digit change of it', () => {
    const laPoste = '356000000';
    // One digit away from La Poste's SIREN, a change could land on its other rule.
    const farFromLaPoste = (s: string) => [...s.slice(0, 9)].filter((c, i) => c !== laPoste[i]).length >= 2;
    const siret = fc.tuple(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{4}$/)).map(([a, b]) => withKeys(a, b)).filter((s) => farFromLaPoste(s) && !/^0+$/.test(s));
    fc.assert(
      fc.property(siret, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }), (s, at, delta) => {
        expect(checkSiret(s)).toEqual({ ok: true, value: s });
        const changed = s.slice(0, at) + String((Number(s[at]) + delta) % 10) + s.slice(at + 1);
        expect(checkSiret(changed).ok).toBe(false);
      }),
      { seed: 13, numRuns: 2000 },
    );
  });

  it('checks La Poste establishments by the sum of their digits, which a change of ±5 in one digit keeps (the rule’s known weakness)', () => {
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049832')).toBe(true); // 7 → 2: the sum drops by 5
    expect(isValidSiret('35600000049833')).toBe(false);
  });
});

describe('isValidSiren', () => {
  it.each([
    ['732829320', true],
    ['356000000', true],
    ['123456789', false],
    ['000000000', false],
    ['73282932', false],
  ])('%s → %s', (siren, expected) => {
    expect(isValidSiren(siren)).toBe(expected);
  });
});

describe('checkRna', () => {
  it.each([
    ['W and 9 digits', 'W133000017', 'W133000017'],
    ['a lower-case w', 'w133000017', 'W133000017'],
    ['spaces as people group it', 'W 133 000 017', 'W133000017'],
    ['no-break spaces and spaces around', ' W133\u00a0000\u202f017 ', 'W133000017'],
  ])('accepts %s', (_label, input, value) => {
    expect(checkRna(input)).toEqual({ ok: true, value });
    expect(normalizeRna(input)).toBe(value);
  });

  it.each([
    ['the W forgotten', '133000017', 'prefix', 'RNA 133000017 : un numéro RNA commence par la lettre W (W133000017 ?).'],
    ['another letter', 'X133000017', 'prefix', 'RNA X133000017 : un numéro RNA s’écrit W suivi de 9 chiffres (W133000017).'],
    ['8 digits', 'W13300001', 'length', 'RNA W13300001 : W suivi de 9 chiffres attendu, 8 chiffres reçus.'],
    ['10 digits', 'W1330000170', 'length', 'RNA W1330000170 : W suivi de 9 chiffres attendu, 10 chiffres reçus.'],
    ['a letter O for a zero', 'W1330O0017', 'characters', 'RNA W1330O0017 : après le W, un numéro RNA ne contient que des chiffres ; « O » n’en est pas un.'],
    ['zeros as a placeholder', 'W000000000', 'placeholder', 'RNA W000000000 : ce n’est pas un numéro attribué ; indiquez le vrai numéro RNA ou laissez le champ vide.'],
    ['a number cell', 133000017, 'prefix', 'RNA 133000017 : un numéro RNA commence par la lettre W (W133000017 ?).'],
  ])('refuses %s', (_label, input, problem, message) => {
    expect(checkRna(input)).toMatchObject({ ok: false, problem });
    expect(normalizeRna(input)).toBeNull();
    const f = identityFindings({ beneficiary: 'X', rna: input as string });
    expect(f).toEqual([{ code: 'RNA_INVALID', severity: 'error', field: 'rna', message, actual: String(input) }]);
  });
});

describe('kindFromName', () => {
  it.each([
    ['Provence Robotique SAS', 'company', 'SAS'],
    ['Festival des Calanques SARL', 'company', 'SARL'],
    ['Festival des Calanques Sarl', 'company', 'Sarl'],
    ['ROBOTIQUE S.A.R.L.', 'company', 'SARL'],
    ['Durand SA', 'company', 'SA'],
    ['Atelier Durand EURL', 'company', 'EURL'],
    ['Durand SASU', 'company', 'SASU'],
    ['Scop Les Tisserands', 'company', 'Scop'],
    ['Les Tisserands, société coopérative ouvrière de production', 'company', 'societe cooperative ouvriere de production'],
    ['Durand, société à responsabilité limitée', 'company', 'societe a responsabilite limitee'],
    ['association Medinsoft', 'association', 'association'],
    ['ASSOCIATION DES AMIS DU MUSÉE', 'association', 'ASSOCIATION'],
    ['Asso. Les Petits Débrouillards', 'association', 'Asso'],
  ])('%s says %s', (name, kind, marker) => {
    expect(kindFromName(name)).toEqual({ kind, marker });
  });

  it.each([
    ['Club Nautique de l’Estaque'],
    ['Société nautique de Marseille'], // often an association: « société » alone says nothing
    ['Pour sa ville, ensemble'], // « sa » is a French word
    ['Le sas des Arts'],
    ['Association des salariés de Durand SAS'], // both: nothing reliable
    [''],
    [42],
    [undefined],
  ])('%p says nothing', (name) => {
    expect(kindFromName(name)).toBeNull();
  });
});

type Row = [string, DossierInput, string[]];
const VALID_SIRET = withKeys('21130055', '0001');
describe('identityFindings', () => {
  it.each<Row>([
    ['an association with a valid SIRET', { beneficiary: 'association A', beneficiaryKind: 'association', siret: VALID_SIRET }, []],
    ['an association with an RNA only', { beneficiary: 'association A', rna: 'W133000017' }, []],
    ['an association with neither', { beneficiary: 'association A', beneficiaryKind: 'association' }, ['IDENTIFIER_MISSING:warning:siret']],
    ['a dossier that says no kind (association by default) and no number', { beneficiary: 'Club A' }, ['IDENTIFIER_MISSING:warning:siret']],
    ['a company without SIRET', { beneficiary: 'Robotique SAS', beneficiaryKind: 'company' }, ['IDENTIFIER_MISSING:warning:siret']],
    ['a company with only an RNA', { beneficiary: 'Robotique SAS', beneficiaryKind: 'company', rna: 'W133000017' }, ['IDENTIFIER_MISSING:warning:siret']],
    ['a public body without any number', { beneficiary: 'Commune de Cassis', beneficiaryKind: 'public' }, []],
    ['a public body with a wrong SIRET', { beneficiary: 'Commune de Cassis', beneficiaryKind: 'public', siret: '21130055300017' }, ['SIRET_INVALID:error:siret']],
    ['an invalid SIRET does not also count as missing', { beneficiary: 'association A', siret: '1234' }, ['SIRET_INVALID:error:siret']],
    ['a wrong SIREN key', { beneficiary: 'association A', siret: '12345678901234' }, ['SIREN_INVALID:error:siret']],
    ['an invalid authority SIRET', { beneficiary: 'association A', rna: 'W133000017', authoritySiret: '20005479900017' }, ['AUTHORITY_SIRET_INVALID:error:authoritySiret']],
    ['a valid authority SIRET', { beneficiary: 'association A', rna: 'W133000017', authoritySiret: '200 054 799 00016' }, []],
    ['a company name with the association kind', { beneficiary: 'Provence Robotique SAS', beneficiaryKind: 'association', siret: VALID_SIRET }, ['BENEFICIARY_KIND_MISMATCH:warning:beneficiaryKind']],
    ['a company name with no kind (association by default)', { beneficiary: 'Provence Robotique SAS', siret: VALID_SIRET }, ['BENEFICIARY_KIND_MISMATCH:warning:beneficiaryKind']],
    ['an association name with the company kind', { beneficiary: 'association Medinsoft', beneficiaryKind: 'company', siret: VALID_SIRET }, ['BENEFICIARY_KIND_MISMATCH:warning:beneficiaryKind']],
    ['a company name with the company kind', { beneficiary: 'Festival des Calanques SARL', beneficiaryKind: 'company', siret: VALID_SIRET }, []],
    ['a company name for a public body (an SPL, an SEM: not checked)', { beneficiary: 'Aménagement SA', beneficiaryKind: 'public' }, []],
    ['an unknown kind (FIELD_INVALID elsewhere)', { beneficiary: 'Robotique SAS', beneficiaryKind: 'entreprise' as 'company' }, []],
  ])('%s', (_label, dossier, expected) => {
    expect(identityFindings(dossier).map((f) => `${f.code}:${f.severity}:${f.field}`)).toEqual(expected);
  });

  it('names the kind and the word of the name that contradict each other', () => {
    expect(identityFindings({ beneficiary: 'Provence Robotique SAS', beneficiaryKind: 'association', siret: VALID_SIRET })[0]).toEqual({
      code: 'BENEFICIARY_KIND_MISMATCH',
      severity: 'warning',
      field: 'beneficiaryKind',
      message: 'Le nom « Provence Robotique SAS » désigne une société (SAS), mais la nature du bénéficiaire est « association » : vérifiez-la, elle décide de l’identifiant attendu (RNA ou SIRET) et des clauses de la convention.',
      expected: 'company',
      actual: 'association',
    });
    expect(identityFindings({ beneficiary: 'Provence Robotique SAS', siret: VALID_SIRET })[0]?.message).toContain('la nature du bénéficiaire n’est pas renseignée (association par défaut)');
  });

  it('prefixes the authority’s SIRET message so that it is not taken for the beneficiary’s', () => {
    expect(identityFindings({ beneficiary: 'association A', rna: 'W133000017', authoritySiret: '20005479900017' })[0]?.message).toBe(
      'SIRET de la collectivité 20005479900017 : clé de contrôle invalide ; un chiffre est faux ou deux sont inversés.',
    );
  });
});

describe('checkDossier with any identity values', () => {
  it('never throws, whatever the identity fields hold', () => {
    const anyValue = fc.oneof(fc.string(), fc.stringMatching(/^[\dW w.\u00a0-]{0,16}$/), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object(), fc.array(fc.string()));
    fc.assert(
      fc.property(fc.record({ siret: anyValue, rna: anyValue, authoritySiret: anyValue, beneficiary: anyValue, beneficiaryKind: anyValue, subsidyKind: anyValue, imputation: fc.oneof(anyValue, fc.record({ chapitre: anyValue, nature: anyValue, fonction: anyValue })) }), (fields) => {
        const d = { subsidy: 1000, annualBudget: 10000, ...fields } as unknown as DossierInput;
        const { findings } = checkDossier(d);
        for (const f of findings) expect(typeof f.message).toBe('string');
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('checkDossier and the identityWarnings setting', () => {
  const bare: DossierInput = { beneficiary: 'Provence Robotique SAS', subsidy: 1000, annualBudget: 10000 };
  const codesOf = (d: DossierInput, identityWarnings?: boolean) =>
    checkDossier(d, { ...resolveSettings(identityWarnings === undefined ? {} : { identityWarnings }).settings }).findings.map((f) => f.code);

  it('leaves out the two warnings by default, as the shared contract expects of a bare dossier', () => {
    expect(codesOf(bare)).toEqual([]);
  });

  it('adds them when the setting asks for them (true, or "oui" as the Paramètres sheet stores it)', () => {
    expect(codesOf(bare, true)).toEqual(['IDENTIFIER_MISSING', 'BENEFICIARY_KIND_MISMATCH']);
    expect(checkDossier(bare, resolveSettings({ identityWarnings: 'oui' }).settings).findings.map((f) => f.code)).toEqual(['IDENTIFIER_MISSING', 'BENEFICIARY_KIND_MISMATCH']);
  });

  it('always checks the keys of the numbers given', () => {
    expect(codesOf({ ...bare, beneficiaryKind: 'company', siret: '73282932000075' })).toEqual(['SIRET_INVALID']);
  });

  it('refuses a setting that is not a yes or no', () => {
    expect(resolveSettings({ identityWarnings: 'peut-être' }).errors).toEqual(['Le paramètre « identityWarnings » vaut "peut-être" ; valeurs possibles : true, false.']);
  });
});
