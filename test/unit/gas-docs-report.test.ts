import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportApi, type ReportPorts } from '../../src/app/report-api';
import { docsReportWriter, docsTemplateSource, driveReportIndex, re2Escape, re2EscapeReplacement, sheetsReportLinks, type DocsServices, type DriveIndexServices, type LinkSheetLike } from '../../src/gas/docs-report';
import { createGoogleFakes, DOC_MIME } from '../fakes/drive';
import { Paragraph, Table, re2ToRegExp, expandReplacement, type StoredDoc } from '../fakes/document';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { DossierInput } from '../../src/core/dossier';

const corrected: DossierInput = JSON.parse(readFileSync(join(__dirname, '../../examples/medinsoft-2018-corrige.json'), 'utf8'));
const printed: DossierInput = JSON.parse(readFileSync(join(__dirname, '../../examples/medinsoft-2018-imprime.json'), 'utf8'));
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** The « Dossiers » sheet as a 2-D array, counting reads and writes. */
class FakeSheet implements LinkSheetLike {
  reads = 0;
  writes = 0;
  constructor(public values: unknown[][]) {}
  getDataRange() {
    return { getValues: () => (this.reads++, this.values.map((r) => [...r])) };
  }
  getRange(row: number, column: number, rows: number, columns: number) {
    return {
      setValues: (v: unknown[][]) => {
        this.writes++;
        expect([v.length, v[0]!.length]).toEqual([rows, columns]);
        v.forEach((r, i) => r.forEach((x, j) => {
          const line = (this.values[row - 1 + i] ??= []);
          line[column - 1 + j] = x;
        }));
      },
    };
  }
}

function setup(opts: { dossiers?: DossierInput[]; scope?: 'drive.file' | 'drive' } = {}) {
  const fakes = createGoogleFakes(opts.scope);
  let calls = 0;
  const services = { DocumentApp: fakes.DocumentApp, Drive: fakes.Drive } as unknown as DocsServices;
  const folder = fakes.drive.addFolder('Notes 2018');
  let settings: Settings = { ...DEFAULT_SETTINGS, outputFolder: folder };
  const dossiers = opts.dossiers ?? [corrected, printed];
  const sheet = new FakeSheet([
    ['Identifiant', 'Bénéficiaire', 'Lien de la note', 'Date de la note', 'Taux'],
    ...dossiers.map((d) => [d.id, d.beneficiary, '', '', '=C2']),
  ]);
  const ports: ReportPorts = {
    dossiers: { getDossier: (ref) => dossiers.find((d) => d.id === ref) ?? null },
    settings: () => settings,
    templates: docsTemplateSource(services, () => settings),
    writer: docsReportWriter(services, () => settings),
    index: driveReportIndex(services as unknown as DriveIndexServices),
    links: sheetsReportLinks(() => sheet, (iso) => `date:${iso}`),
    clock: { nowIso: () => '2018-06-12T08:00:00Z', todayIso: () => '2018-06-12' },
    newId: () => `call${++calls}`,
  };
  const api = reportApi(ports);
  const useTemplate = (id: string) => (settings = { ...settings, template: id });
  return { fakes, api, sheet, folder, useTemplate, setSettings: (s: Partial<Settings>) => (settings = { ...settings, ...s }) };
}

function withDefaultTemplate(opts?: Parameters<typeof setup>[0]) {
  const env = setup(opts);
  const created = env.api.createDefaultTemplate();
  if (created.status !== 'created') throw new Error(created.message);
  env.useTemplate(created.id);
  return { ...env, templateId: created.id };
}

const docText = (env: ReturnType<typeof setup>, url: string) => {
  const id = /\/d\/([^/]+)/.exec(url)![1]!;
  const t = env.fakes.drive.getDoc(id)!.plainText();
  return { header: plain(t.header), body: plain(t.body), footer: plain(t.footer) };
};

describe('« Créer le modèle par défaut »', () => {
  it('creates a Google Doc in the user’s Drive holding the default template, styled', () => {
    const env = setup();
    const r = env.api.createDefaultTemplate();
    expect(r).toMatchObject({ status: 'created', message: expect.stringContaining('Modèle créé dans votre Drive') });
    if (r.status !== 'created') return;
    const doc = env.fakes.drive.getDoc(r.id)!;
    const lines = doc.plainText().body.split('\n');
    expect(lines[0]).toBe('Note de synthèse relative au rapport {{conseil_a}}');
    expect(lines).toContain('- {{#cofinanceurs}}{{montant}} pris en charge par {{nom_article}}{{fin}}{{/cofinanceurs}}');
    const title = doc.body.children[0] as Paragraph;
    expect([title.heading, title.alignment]).toEqual(['TITLE', 'CENTER']);
    const item = doc.body.children.find((c) => c instanceof Paragraph && c.type === 'LIST_ITEM') as Paragraph;
    expect(item.glyphType).toBe('HYPHEN');
    expect(doc.plainText().header).toContain('{{collectivite}}');
    expect(env.fakes.drive.files.get(r.id)).toMatchObject({ createdByApp: true, mimeType: DOC_MIME });
  });
});

describe('« Générer la note » in Sheets', () => {
  it('copies the template into the output folder, fills it like the example, and records the link and date in the row', () => {
    const env = withDefaultTemplate();
    const r = env.api.generateReport('2018-AMFT-01');
    expect(r).toMatchObject({ status: 'created', message: 'Note créée : « association Medinsoft — note du 12 juin 2018 ».', dateIso: '2018-06-12' });
    if (r.status !== 'created') return;
    const [report] = env.fakes.drive.list(env.folder);
    expect(report).toMatchObject({ name: 'association Medinsoft — note du 12 juin 2018', mimeType: DOC_MIME, appProperties: { dossierId: '2018-AMFT-01', dataHash: r.dataHash, rapporteur: 'note' } });
    expect(r.url).toBe(`https://docs.google.com/document/d/${report!.id}/edit`);
    const text = docText(env, r.url);
    expect(text.body).toContain(
      "Pour les actions menées du 1er janvier 2018 au 31 mars 2018, le soutien financier de la Métropole d'Aix-Marseille Provence s'élèvera à 47 500 euros, représentant 23,75 % du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de 200 000 € (budget prévisionnel annuel de 800 000 euros).",
    );
    expect(text.body).toContain('Ce soutien financier se décompose comme suit :\n- 17 500 € pris en charge par la Métropole Aix-Marseille-Provence ;\n- 30 000 € pris en charge par le Conseil de Territoire du Pays d\'Aix (CT2).');
    expect(text.header).toBe("Métropole d'Aix-Marseille Provence");
    expect(text.footer).toBe('Rapporteur — note du 12 juin 2018');
    expect(JSON.stringify(text)).not.toContain('{{');
    // The template is untouched, and only the two cells of the row changed.
    expect(env.fakes.drive.getDoc(env.templateId)!.plainText().body).toContain('{{paragraphe_financier}}');
    expect(env.sheet.values[1]).toEqual(['2018-AMFT-01', 'association Medinsoft', r.url, 'date:2018-06-12', '=C2']);
    expect([env.sheet.reads, env.sheet.writes]).toEqual([1, 1]);
  });

  it('recognises an up-to-date report instead of making another, unless forced', () => {
    const env = withDefaultTemplate();
    const first = env.api.generateReport('2018-AMFT-01');
    const again = env.api.generateReport('2018-AMFT-01');
    expect(again).toMatchObject({ status: 'up_to_date', url: first.status === 'created' ? first.url : '' });
    expect(env.fakes.drive.list(env.folder)).toHaveLength(1);
    expect(env.api.generateReport('2018-AMFT-01', { force: true }).status).toBe('created');
    expect(env.fakes.drive.list(env.folder)).toHaveLength(2);
  });

  it('lists the error-level findings and creates nothing until the user confirms', () => {
    const env = withDefaultTemplate();
    env.fakes.calls.reset();
    const r = env.api.generateReport(printed);
    expect(r).toMatchObject({ status: 'needs_confirmation', findings: [expect.objectContaining({ code: 'AMOUNT_INVALID', field: 'statedProratedBudget' })] });
    expect(env.fakes.calls.total).toBe(0);
    expect(env.fakes.drive.list(env.folder)).toHaveLength(0);
    expect(env.api.generateReport(printed, { confirm: true }).status).toBe('created');
  });

  it('refuses a template with an unknown field before creating anything, saying where', () => {
    const env = withDefaultTemplate();
    const template = env.fakes.drive.getDoc(env.templateId)!;
    (template.body.children[3] as Paragraph).text.chars = 'Nature : {{nature_actes}}';
    const before = env.fakes.drive.files.size;
    const r = env.api.generateReport('2018-AMFT-01');
    expect(r).toMatchObject({ status: 'template_error', errors: [{ id: 'unknown_field', place: 'paragraphe 4, colonne 10', message: expect.stringContaining('Vouliez-vous dire {{nature_acte}} ?') }] });
    expect(env.fakes.drive.files.size).toBe(before);
    expect(env.api.checkReportTemplate()).toMatchObject({ ok: false, errors: [{ id: 'unknown_field' }] });
  });

  it.each([
    [undefined, 'Aucun modèle de note n’est choisi'],
    ['https://docs.google.com/document/d/absent/edit', 'Le modèle « https://docs.google.com/document/d/absent/edit » ne peut pas être ouvert'],
  ])('says clearly when the template %j cannot be opened', (template, message) => {
    const env = setup();
    env.setSettings({ template });
    expect(env.api.generateReport('2018-AMFT-01')).toEqual({ status: 'error', message: expect.stringContaining(message) });
    expect(env.api.checkReportTemplate()).toMatchObject({ ok: false, message: expect.stringContaining(message) });
    expect(env.fakes.drive.list(env.folder)).toHaveLength(0);
  });

  it('cannot copy a Doc the add-on did not create (drive.file), and says what to do', () => {
    const env = setup();
    const user = env.fakes.drive.addUserDoc('Mon modèle', (d) => ((d.body.children[0] as Paragraph).text.chars = '{{beneficiaire}}'));
    env.useTemplate(user.id);
    expect(env.api.checkReportTemplate()).toMatchObject({ ok: true });
    expect(env.api.generateReport('2018-AMFT-01')).toEqual({ status: 'error', message: expect.stringContaining('Rapporteur ne peut copier que les documents qu’il a créés') });
    expect(env.fakes.drive.list(env.folder)).toHaveLength(0);
  });

  it('exports a PDF beside the report when asked', () => {
    const env = withDefaultTemplate();
    const r = env.api.generateReport('2018-AMFT-01', { pdf: true });
    expect(r).toMatchObject({ status: 'created', pdfUrl: expect.stringMatching(/^https:\/\/drive\.google\.com\/file\/d\/.+\/view$/) });
    const files = env.fakes.drive.list(env.folder);
    expect(files.map((f) => f.mimeType).sort()).toEqual(['application/pdf', DOC_MIME]);
    const pdf = files.find((f) => f.mimeType === 'application/pdf')!;
    expect(pdf.name).toBe('association Medinsoft — note du 12 juin 2018.pdf');
    expect(plain(new TextDecoder().decode(pdf.bytes))).toContain('200 000 €');
  });

  it('leaves nothing half-written when filling fails: the copy goes to the trash', () => {
    const env = withDefaultTemplate();
    const open = env.fakes.DocumentApp.openById;
    env.fakes.DocumentApp.openById = (id: string) => (id === env.templateId ? open(id) : (() => { throw new Error('Service indisponible'); })());
    const r = env.api.generateReport('2018-AMFT-01');
    expect(r).toEqual({ status: 'error', message: 'La note n’a pas pu être remplie (Service indisponible) : la copie incomplète a été mise à la corbeille.' });
    expect(env.fakes.drive.list(env.folder)).toHaveLength(0);
    expect(env.sheet.values[1]![2]).toBe('');
  });

  /**
   * A cut between the copy and the fill: `killed` as when Apps Script stops the execution
   * (every service call fails from then on, so the writer cannot trash its copy), `failing`
   * as a service error the writer can still clean up after.
   */
  function cutAfterCopy(env: ReturnType<typeof setup>, kind: 'killed' | 'failing') {
    const files = env.fakes.Drive.Files;
    const docs = env.fakes.DocumentApp;
    const original = { copy: files.copy, list: files.list, update: files.update, create: files.create, openById: docs.openById };
    let dead = false;
    let copied = false;
    const alive = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A): R => {
      if (dead) throw new Error('Exceeded maximum execution time');
      return fn(...a);
    };
    files.copy = (...a) => {
      const out = alive(original.copy)(...a);
      copied = true;
      return out;
    };
    files.list = alive(original.list);
    files.update = alive(original.update);
    files.create = alive(original.create);
    docs.openById = (id: string) => {
      if (copied && !dead) {
        copied = false;
        if (kind === 'killed') dead = true;
        throw new Error(kind === 'killed' ? 'Exceeded maximum execution time' : 'Service indisponible');
      }
      return alive(original.openById)(id);
    };
    return () => {
      Object.assign(files, { copy: original.copy, list: original.list, update: original.update, create: original.create });
      docs.openById = original.openById;
    };
  }

  it.each(['killed', 'failing'] as const)('never takes a blank copy as up to date: %s between the copy and the fill, the next call ends with exactly one filled report', (kind) => {
    const env = withDefaultTemplate();
    const restore = cutAfterCopy(env, kind);
    if (kind === 'killed') expect(() => env.api.generateReport('2018-AMFT-01')).toThrow('Exceeded maximum execution time');
    else expect(env.api.generateReport('2018-AMFT-01')).toMatchObject({ status: 'error' });
    restore();
    const reportsOf = (trashed: boolean) => [...env.fakes.drive.files.values()].filter((f) => f.appProperties.dossierId === '2018-AMFT-01' && f.trashed === trashed);
    // The cut left the blank copy behind only when the execution died.
    expect(reportsOf(false)).toHaveLength(kind === 'killed' ? 1 : 0);

    const second = env.api.generateReport('2018-AMFT-01');
    expect(second).toMatchObject({ status: 'created' });
    if (second.status !== 'created') return;
    const live = reportsOf(false);
    expect(live).toHaveLength(1);
    expect(live[0]!.appProperties.dataHash).toBe(second.dataHash);
    expect(`https://docs.google.com/document/d/${live[0]!.id}/edit`).toBe(second.url);
    const text = docText(env, second.url);
    expect(text.body).toContain('23,75 %');
    expect(JSON.stringify(text)).not.toContain('{{');
    expect(reportsOf(true)).toHaveLength(1);
    expect(env.api.generateReport('2018-AMFT-01')).toMatchObject({ status: 'up_to_date', url: second.url });
  });

  it('repeats table rows and list items in a template made in Docs', () => {
    const env = setup();
    const doc = env.fakes.DocumentApp.create('Modèle tableau');
    const body = doc.getBody();
    body.appendParagraph('Plan de financement de {{beneficiaire}} :');
    const table = body.appendTable([['Financeur', 'Montant'], ['{{#cofinanceurs}}{{nom}}', '{{montant}}{{/cofinanceurs}}'], ['Total', '{{total_cofinancements}}']]);
    body.appendParagraph('{{#actions}}');
    body.appendListItem('{{.}}');
    body.appendParagraph('{{/actions}}');
    body.removeChild(body.getChild(0));
    doc.saveAndClose();
    env.useTemplate(doc.stored.id);
    void table;
    const r = env.api.generateReport('2018-AMFT-01');
    if (r.status !== 'created') throw new Error(JSON.stringify(r));
    const lines = docText(env, r.url).body.split('\n');
    expect(lines[0]).toBe('Plan de financement de association Medinsoft :');
    expect(lines[1]).toBe("[Financeur\tMontant / Métropole Aix-Marseille-Provence\t17 500 € / Conseil de Territoire du Pays d'Aix (CT2)\t30 000 € / Total\t47 500 €]");
    expect(lines.slice(2)).toEqual((corrected.actions as string[]).map((a) => `- ${a}`));
  });

  it('gives the sidebar every field with its value for the dossier', () => {
    const env = setup();
    const fields = env.api.listReportFields(corrected);
    expect(fields.find((f) => f.name === 'budget_proratise')?.value).toBe('200\u202f000\u00a0€');
    expect(fields.find((f) => f.name === 'date_note')?.value).toBe('12 juin 2018');
  });
});

describe('Apps Script calls per report', () => {
  const withCofinancers = (n: number): DossierInput => ({
    ...corrected,
    id: `N${n}`,
    subsidy: 1000 * n,
    cofinancers: Array.from({ length: n }, (_, i) => ({ name: `Financeur ${i + 1}`, amount: 1000 })),
  });

  function measure(dossier: DossierInput, pdf = false) {
    const env = withDefaultTemplate({ dossiers: [dossier] });
    env.fakes.calls.reset();
    const r = env.api.generateReport(String(dossier.id), { pdf, confirm: true });
    expect(r.status).toBe('created');
    return env.fakes.calls.snapshot();
  }

  it('makes as many service round trips with 20 co-financers as with 2, element edits growing by a fixed amount per co-financer', () => {
    const two = measure(withCofinancers(2));
    const twenty = measure(withCofinancers(20));
    expect(twenty.service).toBe(two.service);
    const perCofinancer = (twenty.element - two.element) / 18;
    expect(Number.isInteger(perCofinancer)).toBe(true);
    // copy, insertListItem, asListItem and two replaceText (adjacent tags are merged).
    expect(perCofinancer).toBe(5);
    // The PDF: open, export, create, and its pending marker replaced by the data hash.
    expect(measure(withCofinancers(2), true).service).toBe(two.service + 4);
  });

  it('makes the same number of calls whatever fields the dossier fills', () => {
    const bare: DossierInput = { id: 'B', beneficiary: 'association X', subsidy: 1000, annualBudget: 10000, context: [], actions: [], cofinancers: [{ name: 'Région', amount: 1000 }] };
    const full: DossierInput = { ...bare, authority: 'Métropole', council: 'Conseil', actKind: 'Délibération', legalBasis: 'article L1', actNumber: '12', rapporteur: 'M. X', imputation: { chapitre: '65', nature: '6574' }, sessionDate: '2018-06-12', siret: '123', subject: 'Objet' };
    const a = measure(bare);
    const b = measure(full);
    expect(b.service).toBe(a.service);
  });
});

describe('RE2 escaping for replaceText', () => {
  it.each([
    ['{{montant}}', 'a{{montant}}b', 'a47 500 $1 \\ €b'],
    ['{{#cofinanceurs}}{{nom}} (x.y){{/cofinanceurs}}', '[{{#cofinanceurs}}{{nom}} (x.y){{/cofinanceurs}}]', '[47 500 $1 \\ €]'],
    ['a+b?|^$', 'xa+b?|^$y', 'x47 500 $1 \\ €y'],
  ])('replaces %j literally, and a value with $ and \\ literally', (piece, text, expected) => {
    const re = re2ToRegExp(re2Escape(piece));
    expect(text.replace(re, (...m) => expandReplacement(re2EscapeReplacement('47 500 $1 \\ €'), m as unknown as RegExpExecArray))).toBe(expected);
  });

  it('would have broken without escaping the replacement', () => {
    const re = re2ToRegExp(re2Escape('{{x}}'));
    const m = re.exec('{{x}}')!;
    expect(expandReplacement('coût : $1', m)).toBe('coût : ');
  });
});
