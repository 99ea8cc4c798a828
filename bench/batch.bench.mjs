// Issue 8: a council session of 100 dossiers.
// - In Sheets (on the fakes, test/support/batch-world.ts): how many chunks and google.script.run
//   calls the sidebar makes, and the service calls, with an assumed 7 s per report (6 s for the
//   Drive copy, 1 s per document open: unverified, real times vary) and the 4-minute chunk budget.
// - Locally: `rapporteur report FILE --session NAME --out DIR` for 100 dossiers (reports and the
//   summary), against a baseline in the same run: one report's fill repeated 100 times.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTs, fmt } from './load-ts.mjs';

export const title = 'Séance de 100 dossiers : tranches Apps Script, génération locale';

const N = 100;
const SESSION = 'Conseil de la Métropole du 28 juin 2018';

export async function run() {
  const m = await loadTs('bench/batch-entry.ts');
  const lines = [];

  // --- Sheets, on the fakes ---
  const world = m.createBatchWorld({ dossiers: m.sessionDossiers(N) });
  try {
    const calls = ['listSessions', 'planSessionRun', 'startSessionRun'];
    world.api.listSessions();
    world.api.planSessionRun({ session: SESSION });
    const started = world.api.startSessionRun({ session: SESSION });
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    world.google.calls.reset();
    world.gas.sheets.calls.reset();
    const t0 = Date.parse(world.clock.nowIso());
    const view = world.driveRun(started.run.runId, calls);
    const chunks = calls.filter((c) => c === 'runSessionChunk').length;
    const minutes = (Date.parse(world.clock.nowIso()) - t0) / 60000;
    const sheetsCalls = world.gas.sheets.calls.total(/^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./);
    const rowWrites = world.gas.sheets.calls.total(/^Range\.setValues$/);
    const props = world.gas.sheets.calls.total(/^Properties\./);
    lines.push(
      `Sheets (faux services, 7 s supposées par note, tranches de 4 min) : ${view.counts.created} notes + récapitulatif en ${chunks} tranches, ${calls.length} appels google.script.run (liste, plan, démarrage, ${chunks} tranches ; l’écran y ajoute une demande d’avancement toutes les 10 s pendant une tranche), ${fmt(minutes, 1)} min simulées`,
      `  appels de service : ${world.google.calls.service} Drive/Docs (${fmt(world.google.calls.service / N, 1)} par note), ${sheetsCalls} Sheets dont ${rowWrites} setValues (lignes écrites une fois par tranche), ${props} PropertiesService`,
    );
  } finally {
    world.uninstall();
  }

  // --- locally ---
  const dossiers = m.sessionDossiers(N);
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-session-'));
  const file = join(dir, 'seance.json');
  writeFileSync(file, JSON.stringify(dossiers));
  const io = { out: () => {}, err: () => {} };
  const deps = { commands: { report: m.reportCommand } };
  // Warm-up outside the timings.
  await m.runCli(['report', file, '--session', SESSION, '--out', join(dir, 'warm')], io, deps);

  let t = performance.now();
  const code = await m.runCli(['report', file, '--session', SESSION, '--out', join(dir, 'out')], io, deps);
  const sessionMs = performance.now() - t;
  t = performance.now();
  await m.runCli(['report', file, '--session', SESSION, '--out', join(dir, 'out')], io, deps);
  const keptMs = performance.now() - t;

  const template = await m.openDocx(await m.modelToDocx(m.DEFAULT_TEMPLATE));
  const one = dossiers[0];
  const data = m.reportFields(one, m.checkDossier(one), undefined, { todayIso: '2018-06-12' });
  t = performance.now();
  for (let i = 0; i < N; i++) await m.fillDocx(template, data, { RapporteurDataHash: String(i) });
  const baselineMs = performance.now() - t;

  lines.push(
    `local : rapporteur report --session, ${N} notes + récapitulatif : ${fmt(sessionMs, 0)} ms (${fmt(sessionMs / N, 1)} ms par note, code ${code})`,
    `  relance, tout à jour (aucune écriture) : ${fmt(keptMs, 0)} ms`,
    `  référence, même exécution : une même note remplie ${N} fois : ${fmt(baselineMs, 0)} ms ; rapport ${fmt(sessionMs / baselineMs, 2)}`,
  );
  return lines;
}
