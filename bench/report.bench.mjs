// Issue 5: local .docx reports per minute (check, fields, fill, zip) for 100 dossiers from
// the default template, against a baseline in the same run: unzipping and re-zipping the
// template unchanged, the floor any .docx writer pays.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTs, root, fmt } from './load-ts.mjs';

export const title = 'Notes locales (.docx) : notes par minute';

const DOSSIERS = 100;

export async function run() {
  const m = await loadTs('bench/report-entry.ts');
  const base = JSON.parse(readFileSync(join(root, 'examples/medinsoft-2018-corrige.json'), 'utf8'));
  const dossiers = Array.from({ length: DOSSIERS }, (_, i) => ({
    ...base,
    id: `B-${i}`,
    subsidy: 40000 + i * 100,
    cofinancers: [
      { name: 'Métropole Aix-Marseille-Provence', amount: 10000 + i * 100 },
      { name: 'Conseil de Territoire du Pays d’Aix (CT2)', amount: 30000 },
    ],
  }));
  const templateBytes = await m.modelToDocx(m.DEFAULT_TEMPLATE);
  const template = await m.openDocx(templateBytes);

  // Warm-up, so that both timings measure steady work rather than the first compilations.
  for (const d of dossiers.slice(0, 5)) await m.fillDocx(template, m.reportFields(d, m.checkDossier(d)));

  let t = performance.now();
  let bytes = 0;
  for (const d of dossiers) {
    const out = await m.fillDocx(template, m.reportFields(d, m.checkDossier(d), undefined, { todayIso: '2018-06-12' }), { RapporteurDataHash: d.id });
    bytes += out.length;
  }
  const reportMs = performance.now() - t;

  t = performance.now();
  for (let i = 0; i < DOSSIERS; i++) await (await m.JSZip.loadAsync(templateBytes)).generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const zipMs = performance.now() - t;

  const perMinute = (ms) => (DOSSIERS * 60000) / ms;
  return [
    `${DOSSIERS} notes du modèle par défaut : ${fmt(reportMs, 0)} ms, soit ${fmt(perMinute(reportMs), 0)} notes par minute (${fmt(reportMs / DOSSIERS, 2)} ms par note, ${fmt(bytes / DOSSIERS / 1024, 1)} Ko chacune)`,
    `référence, même exécution : re-zipper le modèle inchangé ${DOSSIERS} fois : ${fmt(zipMs, 0)} ms (${fmt(perMinute(zipMs), 0)} par minute)`,
    `rapport : une note coûte ${fmt(reportMs / zipMs, 1)} fois un simple re-zippage du modèle`,
  ];
}
