// Issue 14 (found by the fuzz test): checking a template whose tag holds a long text (a
// paragraph pasted between {{ }}) compared that name letter by letter with every field for a
// suggestion, seconds for a few thousand letters. The ratio below is one long tag against a
// short typo, checked in the same run: it should stay near the ratio of their lengths' effect
// on the lexer alone, far from the thousands the comparison cost.
import { loadTs, median, fmt } from './load-ts.mjs';

export const title = 'Vérification d’un modèle : balise de 8 000 lettres face à une faute de frappe';

const LIMIT = 20;

export async function run() {
  const check = await loadTs('src/core/template/check.ts');
  const { FIELD_DOCS } = await loadTs('src/core/report-fields.ts');
  const short = '{{beneficiare}}';
  const long = `{{${'qxMM'.repeat(2000)}}}`;
  const shortMs = median(9, () => { for (let i = 0; i < 100; i++) check.checkTextTemplate(short, FIELD_DOCS); }) / 100;
  const longMs = median(5, () => check.checkTextTemplate(long, FIELD_DOCS));
  const ratio = longMs / shortMs;
  return [`balise de ${long.length - 4} lettres : ${fmt(longMs, 2)} ms, faute de frappe « beneficiare » : ${fmt(shortMs, 3)} ms, rapport ${fmt(ratio, 1)} (objectif ≤ ${LIMIT}) ${ratio <= LIMIT ? 'OK' : 'ÉCHEC'}`];
}
