/**
 * A council session run in the local preview (issue 15, item 4), 200 then 2 000 dossiers, all valid:
 * the whole run as the page drives it (start, then one chunk after the other), with the share
 * of the time spent saving the workbook, which is rewritten whole at each save. Linear means
 * ×10 dossiers costs about ×10 time, not ×100.
 */
import { fmt, loadTs } from './load-ts.mjs';

export const title = 'Séance dans l’aperçu local : 200 puis 2 000 dossiers';

export async function run() {
  const m = await loadTs('bench/preview-session-entry.ts');
  const lines = [];
  const results = [];
  for (const n of [200, 2000]) {
    const r = await m.previewSession(n);
    results.push(r);
    lines.push(
      `aperçu, séance de ${fmt(n, 0)} dossiers : ${fmt(r.totalMs / 1000, 2)} s, ${r.created} documents, ${r.chunks} tranches, ` +
        `appel le plus long ${fmt(r.longestCallMs, 0)} ms ; ${r.saves} enregistrements du classeur, ${fmt(r.saveMs / 1000, 2)} s (${fmt((100 * r.saveMs) / r.totalMs, 0)} % du temps)`,
    );
  }
  const [a, b] = results;
  const ratio = b.totalMs / a.totalMs;
  lines.push(`aperçu, ×10 dossiers : temps ×${fmt(ratio, 1)}, enregistrements ×${fmt(b.saveMs / a.saveMs, 1)} (linéaire : ×10 environ ; cible ≤ ×15 : ${ratio <= 15 ? 'OK' : 'ÉCHEC'})`);
  return lines;
}
