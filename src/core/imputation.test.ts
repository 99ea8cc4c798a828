import { imputationFindings } from './imputation';
import type { DossierInput } from './dossier';

type Row = [string, DossierInput, string[]];
const imp = (chapitre?: unknown, nature?: unknown, fonction?: unknown) => ({ chapitre, nature, fonction }) as DossierInput['imputation'];

describe('imputationFindings (M57)', () => {
  it.each<Row>([
    ['an operating subsidy to an association on 65 / 6574', { subsidyKind: 'fonctionnement', imputation: imp('65', '6574', '90') }, []],
    ['a subdivision of 6574', { subsidyKind: 'fonctionnement', imputation: imp('65', '65748') }, []],
    ['an exceptional operating subsidy on 67 / 6745', { subsidyKind: 'fonctionnement', imputation: imp('67', '6745') }, []],
    ['an investment subsidy to a company on 204 / 20422', { subsidyKind: 'investissement', beneficiaryKind: 'company', imputation: imp('204', '20422', '90') }, []],
    ['an investment subsidy to an association on 204 / 20421', { subsidyKind: 'investissement', imputation: imp('204', '20421') }, []],
    ['an operating subsidy to a commune on 65 / 65734', { subsidyKind: 'fonctionnement', beneficiaryKind: 'public', imputation: imp('65', '65734') }, []],
    ['an investment subsidy to a commune on 204 / 204142', { subsidyKind: 'investissement', beneficiaryKind: 'public', imputation: imp('204', '204142') }, []],
    ['codes typed with spaces or as number cells', { subsidyKind: 'fonctionnement', imputation: imp(65, ' 6574 ', 90) }, []],
    ['no imputation at all', { subsidyKind: 'fonctionnement' }, []],
    ['an imputation without subsidy kind', { imputation: imp('65', '6574') }, []],
    ['an operating subsidy on chapitre 204', { subsidyKind: 'fonctionnement', imputation: imp('204', '20421') }, ['IMPUTATION_MISMATCH:warning:imputation.chapitre']],
    ['an investment subsidy on chapitre 65', { subsidyKind: 'investissement', imputation: imp('65', '6574') }, ['IMPUTATION_MISMATCH:warning:imputation.chapitre']],
    ['an investment subsidy with only an operating nature', { subsidyKind: 'investissement', imputation: imp(undefined, '6574') }, ['IMPUTATION_MISMATCH:warning:imputation.nature']],
    ['a nature outside its chapitre', { subsidyKind: 'fonctionnement', imputation: imp('65', '20422') }, ['IMPUTATION_MISMATCH:warning:imputation.nature']],
    ['a chapitre that carries no subsidy', { subsidyKind: 'fonctionnement', imputation: imp('011', '6574') }, ['IMPUTATION_MISMATCH:warning:imputation.chapitre']],
    ['a private body on a public nature', { subsidyKind: 'fonctionnement', beneficiaryKind: 'association', imputation: imp('65', '65734') }, ['IMPUTATION_MISMATCH:warning:imputation.nature']],
    ['a public body on 6574', { subsidyKind: 'fonctionnement', beneficiaryKind: 'public', imputation: imp('65', '6574') }, ['IMPUTATION_MISMATCH:warning:imputation.nature']],
    ['a public body on 2042x', { subsidyKind: 'investissement', beneficiaryKind: 'public', imputation: imp('204', '20422') }, ['IMPUTATION_MISMATCH:warning:imputation.nature']],
    ['a company on 2041x', { subsidyKind: 'investissement', beneficiaryKind: 'company', imputation: imp('204', '20414') }, ['IMPUTATION_MISMATCH:warning:imputation.nature']],
    ['a letter in the chapitre', { subsidyKind: 'fonctionnement', imputation: imp('6S', '6574') }, ['IMPUTATION_MISMATCH:warning:imputation.chapitre']],
    ['a word for the nature', { imputation: imp('65', 'subvention') }, ['IMPUTATION_MISMATCH:warning:imputation.nature']],
    ['a letter in the fonction', { imputation: imp('65', '6574', '9O') }, ['IMPUTATION_MISMATCH:warning:imputation.fonction']],
    ['a boolean for the chapitre', { imputation: imp(true, '6574') }, ['IMPUTATION_MISMATCH:warning:imputation.chapitre']],
  ])('%s', (_label, dossier, expected) => {
    expect(imputationFindings(dossier).map((f) => `${f.code}:${f.severity}:${f.field}`)).toEqual(expected);
  });

  it.each<[string, DossierInput, string]>([
    [
      'the section against the subsidy kind',
      { subsidyKind: 'fonctionnement', imputation: imp('204', '20421') },
      'Imputation : une subvention de fonctionnement s’impute au chapitre 65 (nature 6574 pour un organisme privé), or le chapitre 204 relève de la section d’investissement : la nature de la subvention ou l’imputation est à corriger.',
    ],
    [
      'a chapitre that carries no subsidy',
      { imputation: imp('011', '6574') },
      'Imputation : le chapitre 011 ne porte pas de subvention en M57 ; une subvention de fonctionnement s’impute au chapitre 65 (nature 6574 pour un organisme privé), une subvention d’investissement au chapitre 204 (natures 2042x).',
    ],
    ['a nature outside its chapitre', { imputation: imp('65', '20422') }, 'Imputation : la nature 20422 n’appartient pas au chapitre 65 (les natures du chapitre 65 commencent par 65) ; l’un des deux est faux.'],
    ['a public body on 6574', { beneficiaryKind: 'public', imputation: imp('65', '6574') }, 'Imputation : la nature 6574 est celle des subventions aux personnes de droit privé, or le bénéficiaire est un organisme public (nature 6573x attendue).'],
    ['letters', { imputation: imp('6S') }, 'Imputation : le chapitre « 6S » n’est pas un code de la nomenclature M57 (des chiffres seulement, par exemple 65).'],
  ])('says why: %s', (_label, dossier, message) => {
    expect(imputationFindings(dossier)[0]?.message).toBe(message);
  });
});
