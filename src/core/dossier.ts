/**
 * The dossier as CONTRACT.md defines it. Values arrive from JSON, a sheet row or the
 * sidebar, so amounts are `number | string` (French text) and every field may be absent;
 * unknown keys are kept for templates.
 */
export interface CofinancerInput {
  name?: string;
  amount?: number | string;
  [key: string]: unknown;
}

export interface DossierInput {
  id?: string;
  beneficiary?: string;
  subject?: string;
  authority?: string;
  council?: string;
  period?: { start?: string; end?: string };
  budgetYear?: number | string;
  annualBudget?: number | string;
  subsidy?: number | string;
  prorationMethod?: string;
  statedProratedBudget?: number | string;
  statedRate?: number | string;
  cofinancers?: CofinancerInput[];
  convention?: boolean;
  beneficiaryKind?: 'association' | 'company' | 'public';
  subsidyKind?: 'fonctionnement' | 'investissement';
  imputation?: { chapitre?: string; nature?: string; fonction?: string };
  siret?: string;
  rna?: string;
  actKind?: string;
  legalBasis?: string;
  context?: string | string[];
  actions?: string | string[];
  session?: string;
  sessionDate?: string;
  actNumber?: string;
  rapporteur?: string;
  [key: string]: unknown;
}

export const BENEFICIARY_KINDS = ['association', 'company', 'public'] as const;
export const SUBSIDY_KINDS = ['fonctionnement', 'investissement'] as const;

/** A structural problem that makes a dossier unreadable (not a figure to check). */
export interface ShapeError {
  path: string;
  message: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'une liste' : typeof v === 'object' ? 'un objet' : typeof v === 'string' ? 'un texte' : typeof v === 'number' ? 'un nombre' : typeof v === 'boolean' ? 'un booléen' : typeof v);

/**
 * Checks the structure only: objects where objects are expected, lists where lists are.
 * Bad values inside a sound structure are findings of `checkDossier`, not shape errors,
 * so that one typo in an amount is reported beside its field rather than refusing the file.
 */
export function dossierShapeErrors(value: unknown, path = 'dossier'): ShapeError[] {
  if (!isPlainObject(value)) return [{ path, message: `${path} doit être un objet JSON (reçu : ${describe(value)}).` }];
  const errors: ShapeError[] = [];
  const expectObject = (key: string) => {
    const v = value[key];
    if (v !== undefined && v !== null && !isPlainObject(v)) errors.push({ path: `${path}.${key}`, message: `${path}.${key} doit être un objet (reçu : ${describe(v)}).` });
  };
  expectObject('period');
  expectObject('imputation');
  // The dates of the period are read as text: an object or a list there would print as
  // « [object Object] » in the finding, so it is a structural error like the period's own.
  const period = value.period;
  if (isPlainObject(period))
    for (const key of ['start', 'end']) {
      const v = period[key];
      if (v !== null && typeof v === 'object') errors.push({ path: `${path}.period.${key}`, message: `${path}.period.${key} doit être un texte, une date comme "2018-03-31" (reçu : ${describe(v)}).` });
    }
  // Identifiers too: a number cell or a JSON number is read by identity.ts, which says what is wrong with it.
  const textOrNumber = ['annualBudget', 'subsidy', 'statedProratedBudget', 'statedRate', 'budgetYear', 'siret', 'rna', 'authoritySiret'];
  for (const key of textOrNumber) {
    const v = value[key];
    if (v !== undefined && v !== null && typeof v !== 'string' && typeof v !== 'number') errors.push({ path: `${path}.${key}`, message: `${path}.${key} doit être un nombre ou un texte (reçu : ${describe(v)}).` });
  }
  const text = ['id', 'beneficiary', 'subject', 'authority', 'council', 'prorationMethod', 'beneficiaryKind', 'subsidyKind', 'session', 'sessionDate', 'actNumber', 'rapporteur', 'actKind', 'legalBasis'];
  for (const key of text) {
    const v = value[key];
    if (v !== undefined && v !== null && typeof v !== 'string' && !(key === 'id' && typeof v === 'number')) errors.push({ path: `${path}.${key}`, message: `${path}.${key} doit être un texte (reçu : ${describe(v)}).` });
  }
  const conv = value.convention;
  if (conv !== undefined && conv !== null && typeof conv !== 'boolean') errors.push({ path: `${path}.convention`, message: `${path}.convention doit valoir true ou false (reçu : ${JSON.stringify(conv)}).` });
  const cof = value.cofinancers;
  if (cof !== undefined && cof !== null) {
    if (!Array.isArray(cof)) errors.push({ path: `${path}.cofinancers`, message: `${path}.cofinancers doit être une liste (reçu : ${describe(cof)}).` });
    else
      cof.forEach((c, i) => {
        if (!isPlainObject(c)) errors.push({ path: `${path}.cofinancers[${i}]`, message: `${path}.cofinancers[${i}] doit être un objet {"name": …, "amount": …} (reçu : ${describe(c)}).` });
        // An amount like the dossier's own: an object there cannot even be quoted back ({"toString": 1} throws in String()).
        else if (c.amount !== undefined && c.amount !== null && typeof c.amount !== 'string' && typeof c.amount !== 'number')
          errors.push({ path: `${path}.cofinancers[${i}].amount`, message: `${path}.cofinancers[${i}].amount doit être un nombre ou un texte (reçu : ${describe(c.amount)}).` });
      });
  }
  return errors;
}
