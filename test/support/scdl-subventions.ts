/**
 * A test-side validator of SCDL « Subventions » 2.1.1, transcribed by hand from the schema's
 * documentation (schema.data.gouv.fr/scdl/subventions/2.1.1, the datagouv/schema.data.gouv.fr
 * repository's site/scdl/subventions/2.1.1/documentation.md) and its field rules
 * (schema.md of the 2.x table schema: patterns, enums, bounds, true/false values, missing
 * values ""), plus the two custom checks the schema declares and Validata runs:
 * `french-siret-value` on idAttribuant and idBeneficiaire (python-stdnum fr.siret), and
 * `one-of-required` on idBeneficiaire / rnaBeneficiaire (changelog 2.1.0).
 *
 * Written apart from src/core/opendata.ts on purpose, so that the export is checked against
 * the schema and not against itself.
 */

type FieldType = 'string' | 'date' | 'number' | 'boolean';

interface FieldRule {
  name: string;
  type: FieldType;
  required: boolean;
  pattern?: RegExp;
  enum?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  trueValues?: string[];
  falseValues?: string[];
}

/** The sixteen fields, in the schema's order. */
export const SCDL_SUBVENTIONS_2_1_1: FieldRule[] = [
  { name: 'nomAttribuant', type: 'string', required: true },
  { name: 'idAttribuant', type: 'string', required: true, pattern: /^\d{14}$/ },
  { name: 'dateConvention', type: 'date', required: true },
  // The 2.1.1 page's table says "Non" (its detail line says otherwise, a generator slip;
  // 2.0.x said "valeur optionnelle"): optional.
  { name: 'referenceDecision', type: 'string', required: false },
  { name: 'nomBeneficiaire', type: 'string', required: true },
  // Optional since 2.1.0, replaced by rnaBeneficiaire when absent (one-of-required).
  { name: 'idBeneficiaire', type: 'string', required: false, pattern: /^\d{14}$/ },
  { name: 'rnaBeneficiaire', type: 'string', required: false, pattern: /^W\d{9}$/ },
  { name: 'objet', type: 'string', required: true, maxLength: 256 },
  { name: 'montant', type: 'number', required: true },
  {
    name: 'nature',
    type: 'string',
    required: true,
    enum: ['aide en numéraire', 'aide en nature', 'aide en numéraire;aide en nature', 'aide en nature;aide en numéraire'],
  },
  // 'unique', 'échelonné' or a free description: no enum in the schema, only a length.
  { name: 'conditionsVersement', type: 'string', required: true, maxLength: 256 },
  { name: 'datesPeriodeVersement', type: 'string', required: true, pattern: /^[0-9]{4}-[0-9]{2}-[0-9]{2}(\/[0-9]{4}-[0-9]{2}-[0-9]{2})?$/ },
  { name: 'idRAE', type: 'string', required: false, maxLength: 5 },
  { name: 'notificationUE', type: 'boolean', required: true, trueValues: ['oui'], falseValues: ['non'] },
  { name: 'pourcentageSubvention', type: 'number', required: true, minimum: 0.01, maximum: 1 },
  { name: 'dispositifAide', type: 'string', required: false },
];

export interface SchemaError {
  /** 1-based data row (the header is row 0), as Validata counts. */
  row: number;
  field: string;
  rule: string;
  value: string;
}

/** Table-schema dates: ISO 8601 YYYY-MM-DD of a real calendar day. */
function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Table-schema numbers with the default decimal character "." and no grouping. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** python-stdnum fr.siret, rewritten: Luhn on 14 and on the SIREN's 9 digits; La Poste apart. */
export function stdnumSiretIsValid(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  const luhnOk = (s: string) =>
    s
      .split('')
      .reverse()
      .map(Number)
      .map((n, i) => (i % 2 ? (n * 2) % 10 + Math.floor((n * 2) / 10) : n))
      .reduce((a, b) => a + b, 0) %
      10 ===
    0;
  if (value.slice(0, 9) === '356000000' && value !== '35600000000048') return value.split('').map(Number).reduce((a, b) => a + b, 0) % 5 === 0;
  return luhnOk(value) && luhnOk(value.slice(0, 9));
}

/** Validates a parsed CSV (header row first) against the schema; an empty list means valid. */
export function validateScdlSubventions(table: string[][]): SchemaError[] {
  const errors: SchemaError[] = [];
  const [header, ...rows] = table;
  const expected = SCDL_SUBVENTIONS_2_1_1.map((f) => f.name);
  if (!header || header.join(',') !== expected.join(',')) {
    return [{ row: 0, field: '*', rule: 'header', value: (header ?? []).join(',') }];
  }
  rows.forEach((cells, r) => {
    const row = r + 1;
    if (cells.length !== expected.length) errors.push({ row, field: '*', rule: 'column-count', value: String(cells.length) });
    SCDL_SUBVENTIONS_2_1_1.forEach((f, c) => {
      const v = cells[c] ?? '';
      const err = (rule: string) => errors.push({ row, field: f.name, rule, value: v });
      // missingValues: [""]: an empty cell is a missing value.
      if (v === '') {
        if (f.required) err('required');
        return;
      }
      if (f.type === 'date' && !isIsoDate(v)) err('type:date');
      if (f.type === 'number') {
        if (!NUMBER.test(v)) err('type:number');
        else {
          if (f.minimum !== undefined && Number(v) < f.minimum) err('minimum');
          if (f.maximum !== undefined && Number(v) > f.maximum) err('maximum');
        }
      }
      if (f.type === 'boolean' && ![...(f.trueValues ?? []), ...(f.falseValues ?? [])].includes(v)) err('type:boolean');
      if (f.pattern && !f.pattern.test(v)) err('pattern');
      if (f.enum && !f.enum.includes(v)) err('enum');
      if (f.maxLength !== undefined && [...v].length > f.maxLength) err('maxLength');
    });
    const at = (name: string) => cells[expected.indexOf(name)] ?? '';
    for (const name of ['idAttribuant', 'idBeneficiaire']) {
      const v = at(name);
      if (v !== '' && !stdnumSiretIsValid(v)) errors.push({ row, field: name, rule: 'french-siret-value', value: v });
    }
    if (at('idBeneficiaire') === '' && at('rnaBeneficiaire') === '') errors.push({ row, field: 'idBeneficiaire|rnaBeneficiaire', rule: 'one-of-required', value: '' });
  });
  return errors;
}
