/**
 * « Générer la séance » and the conventions attributives: every dossier of the session that
 * needs one (above the threshold for a private body, by the year's cumulated subsidies to
 * the same body, or approved anyway) gets it after its report, on the Apps Script adapters
 * over the fakes (test/support/batch-world.ts); the others get none. Counted against the
 * quota, filed like the reports (a rerun keeps them, a cut leaves none twice), told apart
 * from the reports by their kind, and one that fails is said without losing the others.
 */
import { createBatchWorld, sessionDossiers, KILL_MESSAGE, type BatchWorld } from '../support/batch-world';
import { checkDossier } from '../../src/core/checks';
import { formatAmount } from '../../src/core/format';
import { amountInWords } from '../../src/core/words';
import type { DossierInput } from '../../src/core/dossier';
import { CONVENTION_TEMPLATE_KEY } from '../../src/gas/docs-report';
import { DEFAULT_CONVENTION_TEMPLATE_NAME } from '../../src/core/template/default-convention-template';
import { documentSettingsStore } from '../../src/gas/sidebar-api';
import { resolveSettings } from '../../src/core/settings';

const SESSION = 'Conseil de la Métropole du 28 juin 2018';
let world: BatchWorld;
afterEach(() => world?.uninstall());

const withSubsidy = (d: DossierInput, amount: number, extra: Partial<DossierInput> = {}): DossierInput => ({
  ...d,
  annualBudget: '200 000',
  subsidy: String(amount),
  cofinancers: [
    { name: 'Métropole Aix-Marseille-Provence', amount: String(amount - 5000) },
    { name: 'Région Sud', amount: '5 000' },
  ],
  ...extra,
});

/**
 * Six dossiers, five in the session: S-001 below the threshold; S-002 above it (47 500 €,
 * approved); S-003 a company above it; S-005 15 000 € alone but 30 000 € in 2018 with S-004
 * (same body, October session): a convention by cumulation only; S-006 a public body above
 * it: none.
 */
function dossiers(): DossierInput[] {
  const [a, b, c, d, e, f] = sessionDossiers(6);
  return [
    a!,
    withSubsidy(b!, 47500, { convention: true }),
    withSubsidy(c!, 80000, { beneficiaryKind: 'company', beneficiary: 'Provence Robotique SAS', convention: true }),
    withSubsidy(d!, 15000, { beneficiary: 'association Les Petits Débrouillards', session: 'Conseil de la Métropole du 18 octobre 2018', sessionDate: '2018-10-18', convention: undefined }),
    withSubsidy(e!, 15000, { beneficiary: 'association Les Petits Débrouillards', convention: undefined }),
    withSubsidy(f!, 50000, { beneficiaryKind: 'public', beneficiary: 'Commune de Gardanne', convention: undefined }),
  ];
}
const NEEDING = ['S-002', 'S-003', 'S-005'];
const IN_SESSION = ['S-001', 'S-002', 'S-003', 'S-005', 'S-006'];
const sp = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

function start(w: BatchWorld, extra: Record<string, unknown> = {}): string {
  const started = w.api.startSessionRun({ session: SESSION, ...extra });
  if (started.status !== 'started') throw new Error(JSON.stringify(started));
  return started.run.runId!;
}

describe('a session run with dossiers that need a convention', () => {
  it('plans one convention per dossier that needs one, counted against the quota with the template to create', () => {
    world = createBatchWorld({ dossiers: dossiers() });
    const plan = world.api.planSessionRun({ session: SESSION });
    expect(plan.dossiers.map((d) => [d.ref, d.convention])).toEqual(IN_SESSION.map((r) => [r, NEEDING.includes(r)]));
    expect(plan).toMatchObject({ ok: true, counts: { total: 5, conventions: 3, conventionsToCreate: 3 }, documents: { reports: 5, conventions: 3, pdfs: 0, summary: 1, template: 2, total: 11 } });
    expect(plan.messages.map(sp)).toContain(
      '3 dossiers demandent une convention attributive de subvention (subvention au-dessus du seuil, seule ou avec les autres subventions de l’année au même organisme, ou convention approuvée) : 3 conventions seront créées après les notes.',
    );
    expect(plan.messages).toContain(
      '11 documents seront créés, sur un quota de 250 par jour. Rapporteur ne peut pas savoir combien de documents vous avez déjà créés aujourd’hui : si le quota est atteint en cours de route, la génération s’arrête et pourra reprendre demain sans rien refaire.',
    );
    // PDFs: one per report, per convention, and the summary's.
    expect(world.api.planSessionRun({ session: SESSION, pdf: true }).documents).toMatchObject({ pdfs: 9, total: 20 });
  });

  // S-005 (15 000 €) beside S-004 of the same body and year, whose subsidy cannot be read:
  // whether S-005 needs a convention cannot be said, and the plan must say so, not stay silent.
  it('says, naming the dossier, that it cannot tell whether S-005 needs a convention when S-004’s subsidy is unreadable', () => {
    world = createBatchWorld({ dossiers: dossiers() });
    // The form refuses « 47.5 »; typed into the sheet by hand, it reaches the run.
    world.typeCell(3, 'Montant de la subvention', '47.5');
    const plan = world.api.planSessionRun({ session: SESSION });
    expect(plan.dossiers.filter((d) => d.convention).map((d) => d.ref)).toEqual(['S-002', 'S-003']);
    expect(plan.messages.map(sp)).toContain(
      'Pour le dossier S-005, impossible de dire si une convention est requise : une autre subvention de l’exercice au même bénéficiaire a un montant illisible ou absent. Aucune convention ne sera créée pour lui ; corrigez ce montant (voir les alertes du dossier).',
    );
    // With S-004 readable, the cumulated rule decides and the message is gone.
    world.uninstall();
    world = createBatchWorld({ dossiers: dossiers() });
    expect(world.api.planSessionRun({ session: SESSION }).messages.join(' ')).not.toContain('impossible de dire');
  });

  it('makes exactly the conventions needed, after each report, their amounts the dossier’s, and says how many', () => {
    world = createBatchWorld({ dossiers: dossiers(), budgetMs: 30000 });
    const view = world.driveRun(start(world));
    expect(view).toMatchObject({ status: 'done', counts: { created: 5, errors: 0 }, conventions: { total: 3, created: 3, upToDate: 0, errors: 0 }, summary: { status: 'created' } });
    expect(view.message).toBe('Terminé : 5 notes créées, 0 conservée (à jour), 0 en échec, 0 ignorée ; 3 conventions créées, 0 conservée (à jour), 0 en échec.');
    expect(view.chunks).toBeGreaterThan(1);
    for (const ref of IN_SESSION) {
      expect(world.docsOf(ref)).toHaveLength(1);
      expect(world.conventionsOf(ref)).toHaveLength(NEEDING.includes(ref) ? 1 : 0);
    }
    expect(world.conventionsOf('S-004')).toHaveLength(0);
    const byRef = new Map(dossiers().map((d) => [d.id, d]));
    for (const ref of NEEDING) {
      const [convention] = world.conventionsOf(ref);
      const [report] = world.docsOf(ref);
      expect(convention!.appProperties.dataHash).toMatch(/^[0-9a-f]{64}$/);
      expect(convention!.appProperties.dataHash).not.toBe(report!.appProperties.dataHash);
      const item = view.items.find((i) => i.ref === ref)!;
      expect(item.convention).toEqual({ status: 'created', statusText: 'convention créée', url: `https://docs.google.com/document/d/${convention!.id}/edit` });
      expect(item.url).toBe(`https://docs.google.com/document/d/${report!.id}/edit`);
      // The convention prints the dossier's checked subsidy, in digits and in words, as its report does.
      const subsidy = checkDossier(byRef.get(ref)!).figures.subsidy!;
      const body = sp(JSON.stringify(convention!.doc!.plainText()));
      expect(body).not.toContain('{{');
      expect(body).toContain('Convention attributive de subvention');
      expect(body).toContain(sp(formatAmount(subsidy)));
      expect(body).toContain(sp(amountInWords(subsidy)));
      expect(sp(JSON.stringify(report!.doc!.plainText()))).toContain(sp(formatAmount(subsidy)).replace(' €', ''));
    }
    for (const ref of ['S-001', 'S-006']) expect(view.items.find((i) => i.ref === ref)!.convention).toBeUndefined();
    // The rows say it; the « Lien de la note » stays the report's.
    const status = world.column('État de la note');
    expect(status).toEqual(['note créée', 'note créée ; convention créée', 'note créée ; convention créée', '', 'note créée ; convention créée', 'note créée']);
    expect(world.column('Lien de la note')[1]).toBe(`https://docs.google.com/document/d/${world.docsOf('S-002')[0]!.id}/edit`);
    // The default convention template was created once, and remembered for the next runs.
    const templates = world.google.drive.list().filter((f) => f.name === DEFAULT_CONVENTION_TEMPLATE_NAME);
    expect(templates).toHaveLength(1);
    expect(world.gas.properties.document.getProperty(CONVENTION_TEMPLATE_KEY)).toBe(templates[0]!.id);
  });

  it('keeps the conventions on a rerun (nothing to create), and « Régénérer » remakes each once', () => {
    world = createBatchWorld({ dossiers: dossiers() });
    world.driveRun(start(world));
    const plan = world.api.planSessionRun({ session: SESSION });
    expect(plan).toMatchObject({ counts: { upToDate: 5, toCreate: 0, conventions: 3, conventionsToCreate: 0 }, documents: { reports: 0, conventions: 0, template: 0, total: 0 } });
    expect(plan.dossiers.filter((d) => d.conventionUpToDate).map((d) => d.ref)).toEqual(NEEDING);
    expect(plan.messages).toContain('Toutes les notes et les conventions sont à jour : aucun document ne sera créé.');
    const again = world.driveRun(start(world));
    expect(again).toMatchObject({ counts: { created: 0, upToDate: 5 }, conventions: { created: 0, upToDate: 3 } });
    expect(world.column('État de la note')[1]).toBe('note à jour ; convention à jour');
    for (const ref of NEEDING) expect([world.docsOf(ref).length, world.conventionsOf(ref).length]).toEqual([1, 1]);
    const redo = world.driveRun(start(world, { regenerate: true }));
    expect(redo).toMatchObject({ counts: { created: 5 }, conventions: { created: 3, upToDate: 0 } });
    for (const ref of NEEDING) expect([world.docsOf(ref).length, world.conventionsOf(ref).length]).toEqual([2, 2]);
  });

  it('never takes a report for the convention, nor the reverse, even when both come from one template', () => {
    world = createBatchWorld({ dossiers: dossiers() });
    const store = documentSettingsStore();
    const settings = resolveSettings(store.read()).settings;
    store.write({ ...settings, conventionTemplate: settings.template });
    const view = world.driveRun(start(world));
    expect(view).toMatchObject({ counts: { created: 5 }, conventions: { created: 3 } });
    for (const ref of NEEDING) expect([world.docsOf(ref).length, world.conventionsOf(ref).length]).toEqual([1, 1]);
    expect(world.api.planSessionRun({ session: SESSION }).documents.total).toBe(0);
  });

  it('says a convention that fails beside its report, makes the others, and a rerun makes only the missing one', () => {
    world = createBatchWorld({ dossiers: dossiers(), budgetMs: 30000 });
    world.breakAt('convention:copy:before', 'error', (d) => d.key === 'S-003');
    const view = world.driveRun(start(world));
    expect(view).toMatchObject({ status: 'done', counts: { created: 5, errors: 0 }, conventions: { total: 3, created: 2, errors: 1 } });
    const failed = view.items.find((i) => i.ref === 'S-003')!;
    expect(failed).toMatchObject({ status: 'created', convention: { status: 'error', statusText: 'convention en échec' } });
    expect(failed.convention!.message).toContain('n’a pas pu être copié');
    expect(view.message).toContain('; 2 conventions créées, 0 conservée (à jour), 1 en échec.');
    expect(world.column('État de la note')[2]).toMatch(/^note créée ; convention en échec : Le modèle/);
    expect(world.conventionsOf('S-003')).toHaveLength(0);
    for (const ref of ['S-002', 'S-005']) expect(world.conventionsOf(ref)).toHaveLength(1);

    expect(world.api.planSessionRun({ session: SESSION }).documents).toMatchObject({ reports: 0, conventions: 1, total: 1 });
    const again = world.driveRun(start(world));
    expect(again).toMatchObject({ counts: { upToDate: 5 }, conventions: { created: 1, upToDate: 2, errors: 0 } });
    for (const ref of NEEDING) expect(world.conventionsOf(ref)).toHaveLength(1);
  });

  it.each(['convention:copy:after', 'convention:complete:before'] as const)('a run killed at %s resumes with exactly one convention per dossier that needs one', (point) => {
    world = createBatchWorld({ dossiers: dossiers(), budgetMs: 30000 });
    const runId = start(world);
    world.breakAt(point, 'kill', (d) => d.key === 'S-002');
    expect(() => world.driveRun(runId)).toThrow(KILL_MESSAGE);
    world.revive();
    const view = world.driveRun(runId);
    expect(world.hits).toEqual([point]);
    expect(view).toMatchObject({ status: 'done', conventions: { total: 3, errors: 0 } });
    expect(view.conventions.created + view.conventions.upToDate).toBe(3);
    for (const ref of IN_SESSION) expect([world.docsOf(ref).length, world.conventionsOf(ref).length]).toEqual([1, NEEDING.includes(ref) ? 1 : 0]);
    // Nothing half-made is left.
    expect(world.google.drive.list().filter((f) => String(f.appProperties.dataHash ?? '').startsWith('p-'))).toEqual([]);
  });
});
