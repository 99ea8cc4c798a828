// Issue 7: precision and recall of the text audit on test/corpus/audit, and its speed on a
// megabyte of report text against the worst adversarial megabyte (linearity: 2 MB / 1 MB).
import { existsSync } from 'node:fs';
import { loadTs, fmt, root } from './load-ts.mjs';

export const title = 'Audit des notes : précision, rappel, vitesse';

export async function run() {
  const { benchAudit } = await loadTs('bench/audit-corpus.ts');
  const f = await benchAudit();
  const pct = (x) => `${fmt(x * 100, 1)} %`;
  // The blind corpus was written from DOMAIN.md by someone who never read the audit's rules:
  // the honest figure; the main corpus was written alongside the rules.
  // Each blind corpus apart: the second was written in parallel with the audit's issue 12 rules.
  const blindLine = async (name, dir) => {
    if (!existsSync(`${dir}/manifest.json`)) return `${name} : absent (${dir})`;
    const blind = await benchAudit({ corpusDir: dir, runs: 1 });
    const missed = blind.perText.filter((t) => t.missed.length || t.falsePositives.length).map((t) => `${t.file} (${[...t.missed.map((c) => `manqué ${c}`), ...t.falsePositives.map((c) => `en trop ${c}`)].join(', ')})`);
    return `${name} : ${blind.texts} textes ; précision ${pct(blind.precision)} · rappel ${pct(blind.recall)} · textes avec fausse alerte : ${blind.falseAlarmTexts}${missed.length ? ` · écarts : ${missed.join(' ; ')}` : ''}`;
  };
  return [
    await blindLine('corpus aveugle', `${root}/test/corpus/audit-blind`),
    await blindLine('corpus aveugle 2', `${root}/test/corpus/audit-blind-2`),
    `corpus de mise au point : ${f.texts} textes ; ${f.truePositives} constats attendus trouvés, ${f.falsePositives} fausses alertes, ${f.falseNegatives} oublis`,
    `précision ${pct(f.precision)} · rappel ${pct(f.recall)} · textes avec fausse alerte : ${f.falseAlarmTexts}`,
    `1 Mo de notes réalistes : ${fmt(f.msPerMB, 0)} ms ; pire cas (${f.worstCase}) : ${fmt(f.worstMsPerMB, 0)} ms par Mo`,
    `linéarité : temps(2 Mo) / temps(1 Mo) = ${fmt(f.doublingRatio, 2)} (≈ 2 attendu)`,
  ];
}
