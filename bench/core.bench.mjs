// Issue 2: dossiers checked per second over 10 000 generated dossiers, against the same
// arithmetic in plain binary numbers in the same run (the ratio is the figure that travels
// across machines; the absolute rate depends on the shared machine's load).
import { loadTs, median, fmt } from './load-ts.mjs';

export const title = 'Cœur : contrôle des dossiers';

function generate(count) {
  // A seeded linear congruential generator: the same dossiers on every run.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const dossiers = [];
  for (let i = 0; i < count; i++) {
    const annual = Math.round(rnd() * 2_000_000) + 10_000;
    const subsidy = Math.round(annual * rnd() * 0.3);
    const a = Math.round(subsidy * rnd());
    const month = 1 + Math.floor(rnd() * 6);
    dossiers.push({
      id: `D${i}`,
      beneficiary: `Association ${i}`,
      annualBudget: i % 2 ? annual : `${annual.toLocaleString('fr-FR')} €`,
      subsidy,
      period: { start: `2018-0${month}-01`, end: `2018-${String(month + 3).padStart(2, '0')}-15` },
      budgetYear: 2018,
      statedRate: '12,34 %',
      cofinancers: [
        { name: 'Métropole', amount: a },
        { name: 'Région', amount: subsidy - a },
      ],
      convention: subsidy > 23000,
    });
  }
  return dossiers;
}

function plainCheck(d) {
  // The same steps with floats: what the product must not do, timed as a floor.
  const annual = typeof d.annualBudget === 'number' ? d.annualBudget : Number(d.annualBudget.replace(/[^\d]/g, ''));
  const [, sm, sd] = d.period.start.split('-').map(Number);
  const [, em, ed] = d.period.end.split('-').map(Number);
  const months = em - sm + (ed - sd + 1) / 30;
  const base = Math.round((annual * months) / 12 * 100) / 100;
  const rate = d.subsidy / base;
  const sum = d.cofinancers.reduce((s, c) => s + c.amount, 0);
  return [rate.toFixed(4), sum === d.subsidy, d.subsidy > 23000];
}

export async function run() {
  const { checkDossier } = await loadTs('src/core/checks.ts');
  const dossiers = generate(10_000);
  checkDossier(dossiers[0]);
  const tCore = median(5, () => dossiers.forEach((d) => checkDossier(d)));
  const tPlain = median(5, () => dossiers.forEach((d) => plainCheck(d)));
  return [
    `10 000 dossiers contrôlés : ${fmt(tCore, 0)} ms, soit ${fmt(10_000 / (tCore / 1000), 0)} dossiers/s`,
    `référence (même calcul en nombres binaires, sans contrôles ni messages) : ${fmt(tPlain, 1)} ms`,
    `rapport décimal / binaire : ×${fmt(tCore / tPlain, 0)} (prix de l'exactitude et des messages ; ${fmt(tCore / 10_000 * 1000, 0)} µs par dossier)`,
  ];
}
