// Issue 15: amounts in words and French formatting side by side with the references, on the
// same inputs in the same run: n2words' toCardinal (fr-FR) for MONTANT_LETTRES' words, and one
// reused Intl.NumberFormat('fr-FR') for EUROS. Ours take the decimals the custom functions
// hand them (the cell already read); the references take the binary numbers. Time is
// compared; where the outputs differ is counted and shown.
import { loadTs, median, fmt } from './load-ts.mjs';

export const title = 'Montants en lettres et en euros : face à n2words et Intl.NumberFormat';

const COUNT = 20_000;
const LIMIT = 1.5;

function inputs() {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  // Amounts as subsidies are: a spread over six orders of magnitude, a third with cents.
  return Array.from({ length: COUNT }, (_, i) => {
    const euros = Math.floor(10 ** (1 + rnd() * 6));
    return i % 3 === 0 ? euros + Math.floor(rnd() * 100) / 100 : euros;
  });
}

export async function run() {
  const m = await loadTs('bench/report-entry.ts');
  const { toCardinal } = await import('n2words/fr-FR');
  const values = inputs();
  const integers = values.map((v) => Math.trunc(v));
  const decs = values.map((v) => new m.Dec(String(v)));
  const nf = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
  const loop = (fn, xs) => () => { let n = 0; for (const x of xs) n += fn(x).length; return n; };

  const cases = [
    ['nombre en lettres (numberInWords) / n2words toCardinal, mêmes entiers', loop((n) => m.numberInWords(n), integers), loop(toCardinal, integers)],
    ['montant en lettres (amountInWords, MONTANT_LETTRES) / n2words toCardinal', loop((d) => m.amountInWords(d), decs), loop(toCardinal, integers)],
    ['montant en euros (formatAmount, EUROS, 2 décimales) / Intl.NumberFormat fr-FR réutilisé', loop((d) => m.formatAmount(d, { decimals: 2 }), decs), loop((v) => nf.format(v), values)],
  ];
  const lines = [];
  for (const [label, ours, theirs] of cases) {
    for (let i = 0; i < 3; i++) { ours(); theirs(); }
    // Interleaved rounds: a burst of the shared machine's load falls on both sides alike
    // (in two separate blocks of 9, one noisy block swung the ratio from 0,95 to 1,62).
    const oursTimes = [];
    const theirsTimes = [];
    for (let i = 0; i < 21; i++) {
      oursTimes.push(median(1, ours));
      theirsTimes.push(median(1, theirs));
    }
    const mid = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1];
    const oursMs = mid(oursTimes);
    const theirsMs = mid(theirsTimes);
    const ratio = oursMs / theirsMs;
    lines.push(`${label} sur ${COUNT} montants : ${fmt(oursMs, 1)} ms contre ${fmt(theirsMs, 1)} ms, rapport ${fmt(ratio, 2)} (objectif ≤ ${fmt(LIMIT, 1)}) ${ratio <= LIMIT ? 'OK' : 'ÉCHEC'}`);
  }
  // Where the outputs differ (time only is compared): counted, with one example.
  const differ = integers.filter((n) => m.numberInWords(n) !== toCardinal(n));
  lines.push(`sorties différentes de n2words : ${differ.length} entiers sur ${COUNT}${differ.length ? `, par exemple ${differ[0]} : « ${m.numberInWords(differ[0])} » / « ${toCardinal(differ[0])} »` : ''} ; n2words n’écrit ni les euros ni les centimes de MONTANT_LETTRES (« d’euros », « et cinq centimes »)`);
  const norm = (s) => s.replace(/[\u00a0\u202f]/g, ' ');
  const fdiffer = values.filter((v, i) => norm(m.formatAmount(decs[i], { decimals: 2 })) !== norm(nf.format(v)));
  lines.push(`sorties différentes d’Intl (espaces mis à part) : ${fdiffer.length} sur ${COUNT}${fdiffer.length ? `, par exemple ${fdiffer[0]} : « ${m.formatAmount(new m.Dec(String(fdiffer[0])), { decimals: 2 })} » / « ${nf.format(fdiffer[0])} »` : ''}`);
  return lines;
}
