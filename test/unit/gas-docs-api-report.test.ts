import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportApi, type ReportPorts } from '../../src/app/report-api';
import { docsReportWriter, docsTemplateSource, driveReportIndex, sheetsReportLinks, type DocsServices, type DriveIndexServices, type LinkSheetLike } from '../../src/gas/docs-report';
import { createGoogleFakes } from '../fakes/drive';
import { createFakeDocsApi } from '../fakes/docs-api';
import { Paragraph, type StoredDoc } from '../fakes/document';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { DossierInput } from '../../src/core/dossier';

const corrected: DossierInput = JSON.parse(readFileSync(join(__dirname, '../../examples/medinsoft-2018-corrige.json'), 'utf8'));

const sheet = (dossiers: DossierInput[]): LinkSheetLike => {
  const values: unknown[][] = [['Identifiant', 'Lien de la note', 'Date de la note'], ...dossiers.map((d) => [d.id, '', ''])];
  return {
    getDataRange: () => ({ getValues: () => values.map((r) => [...r]) }),
    getRange: (row, column) => ({ setValues: (v: unknown[][]) => v[0]!.forEach((x, j) => ((values[row - 1]!)[column - 1 + j] = x)) }),
  };
};

/** The same add-on over the same fakes, filling with the Docs API or with DocumentApp. */
function setup(opts: { docsApi: boolean; dossiers?: DossierInput[] }) {
  const fakes = createGoogleFakes();
  const docsApi = createFakeDocsApi(fakes.drive, fakes.calls);
  const services = { DocumentApp: fakes.DocumentApp, Drive: fakes.Drive, ...(opts.docsApi ? { Docs: docsApi } : {}) } as unknown as DocsServices;
  const folder = fakes.drive.addFolder('Notes');
  let settings: Settings = { ...DEFAULT_SETTINGS, outputFolder: folder };
  const dossiers = opts.dossiers ?? [corrected];
  let n = 0;
  const ports: ReportPorts = {
    dossiers: { getDossier: (ref) => dossiers.find((d) => d.id === ref) ?? null },
    settings: () => settings,
    templates: docsTemplateSource(services, () => settings),
    writer: docsReportWriter(services, () => settings),
    index: driveReportIndex(services as unknown as DriveIndexServices),
    links: sheetsReportLinks(() => sheet(dossiers), (iso) => iso),
    clock: { nowIso: () => '2018-06-12T08:00:00Z', todayIso: () => '2018-06-12' },
    newId: () => `id${++n}`,
  };
  const api = reportApi(ports);
  return { fakes, docsApi, api, folder, useTemplate: (id: string) => (settings = { ...settings, template: id }) };
}

function withDefaultTemplate(opts: Parameters<typeof setup>[0]) {
  const env = setup(opts);
  const created = env.api.createDefaultTemplate();
  if (created.status !== 'created') throw new Error(created.message);
  env.useTemplate(created.id);
  return env;
}

function withTableTemplate(opts: Parameters<typeof setup>[0]) {
  const env = setup(opts);
  const doc = env.fakes.DocumentApp.create('Modèle tableau');
  const body = doc.getBody();
  // A field in a bold run between plain ones: the run's style must survive the new text.
  const first = body.appendParagraph('Plan de financement de {{beneficiaire}} :');
  first.editAsText().setBold(23, 38, true);
  body.appendTable([['Financeur', 'Montant'], ['{{#cofinanceurs}}{{nom}}', '{{montant}}{{/cofinanceurs}}'], ['Total', '{{total_cofinancements}}']]);
  body.appendParagraph('{{#actions}}');
  body.appendListItem('{{.}}');
  body.appendParagraph('{{/actions}}');
  body.removeChild(body.getChild(0));
  doc.addHeader().appendParagraph('{{collectivite}}');
  doc.addFooter().appendParagraph('Note du {{date_note}}');
  doc.saveAndClose();
  env.useTemplate(doc.stored.id);
  return env;
}

const reportDoc = (env: ReturnType<typeof setup>, url: string): StoredDoc => env.fakes.drive.getDoc(/\/d\/([^/]+)/.exec(url)![1]!)!;

/**
 * The bold characters of a paragraph. The DocumentApp fake keeps one attribute per code
 * point where it builds text from a string and per UTF-16 unit elsewhere: read either.
 */
function boldText(p: Paragraph): string {
  const points = Array.from(p.text.chars);
  const units = p.text.attrs.length === points.length ? points : p.text.chars.split('');
  return units.map((ch, i) => (p.text.attrs[i]?.bold ? ch : '·')).join('');
}

/** Every paragraph with what a reader sees of its form: text, list, heading, alignment, bold runs. */
function shape(doc: StoredDoc) {
  const section = (s: { children: unknown[] } | null) =>
    (s?.children ?? []).map((c) =>
      c instanceof Paragraph
        ? { text: c.text.chars, list: c.type === 'LIST_ITEM' ? c.glyphType : null, heading: c.heading, align: c.alignment, bold: boldText(c) }
        : { table: (c as { plainText(): string }).plainText() },
    );
  return { header: section(doc.header), body: section(doc.body), footer: section(doc.footer) };
}

function generate(env: ReturnType<typeof setup>, id: string) {
  const r = env.api.generateReport(id, { confirm: true });
  if (r.status !== 'created') throw new Error(JSON.stringify(r));
  return r;
}

describe('Filling the report with the Docs API', () => {
  it.each([
    ['the default template', withDefaultTemplate],
    ['a template with a table-row loop, a list loop, a header and a footer', withTableTemplate],
  ])('writes exactly what the DocumentApp path writes, styles kept: %s', (_label, make) => {
    const viaApi = make({ docsApi: true });
    const viaApp = make({ docsApi: false });
    const a = shape(reportDoc(viaApi, generate(viaApi, '2018-AMFT-01').url));
    const b = shape(reportDoc(viaApp, generate(viaApp, '2018-AMFT-01').url));
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toContain('{{');
    expect(a.header.length + a.footer.length).toBeGreaterThan(1);
    // One read and one atomic write of the copy.
    expect(viaApi.docsApi.log).toHaveLength(1);
  });

  it('counts indices in UTF-16 code units, as the API does: characters outside the BMP shift nothing', () => {
    const astral: DossierInput = { ...corrected, beneficiary: 'association 𝔐edinsoft 🎉', cofinancers: [{ name: 'Région 🌍 Sud', amount: 17500 }, { name: '𝒞onseil', amount: 30000 }] };
    for (const make of [withDefaultTemplate, withTableTemplate]) {
      const viaApi = make({ docsApi: true, dossiers: [astral] });
      const viaApp = make({ docsApi: false, dossiers: [astral] });
      const doc = reportDoc(viaApi, generate(viaApi, '2018-AMFT-01').url);
      // The DocumentApp fake's attributes are not reliable around surrogate pairs: texts and
      // paragraph forms are compared, and the Docs path's bold runs checked on their own.
      const withoutBold = (d: StoredDoc) => JSON.parse(JSON.stringify(shape(d), (k, v) => (k === 'bold' ? undefined : v)));
      const a = withoutBold(doc);
      expect(JSON.stringify(a)).toContain('🎉');
      expect(a).toEqual(withoutBold(reportDoc(viaApp, generate(viaApp, '2018-AMFT-01').url)));
      for (const c of doc.body.children) if (c instanceof Paragraph) expect(c.text.attrs).toHaveLength(c.text.chars.length);
      if (make === withTableTemplate) expect(boldText(doc.body.children[0] as Paragraph).replace(/·/g, '')).toBe('association 𝔐edinsoft 🎉');
    }
  });

  it('keeps the example’s list of co-financers and its financial paragraph', () => {
    const env = withDefaultTemplate({ docsApi: true });
    const text = reportDoc(env, generate(env, '2018-AMFT-01').url).plainText().body.replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('Ce soutien financier se décompose comme suit :\n- 17 500 € pris en charge par la Métropole Aix-Marseille-Provence ;\n- 30 000 € pris en charge par le Conseil de Territoire du Pays d\'Aix (CT2).');
    expect(text).toContain('200 000 €');
  });

  it('fills the copy with DocumentApp when the batchUpdate is refused: the batch is atomic, the copy is still the template', () => {
    const env = withDefaultTemplate({ docsApi: true });
    env.docsApi.failNext('Service indisponible');
    const r = generate(env, '2018-AMFT-01');
    const viaApp = withDefaultTemplate({ docsApi: false });
    expect(shape(reportDoc(env, r.url))).toEqual(shape(reportDoc(viaApp, generate(viaApp, '2018-AMFT-01').url)));
    const copies = [...env.fakes.drive.files.values()].filter((f) => f.appProperties.dossierId === '2018-AMFT-01');
    expect(copies.map((f) => f.trashed)).toEqual([false]);
  });

  it('leaves nothing half-written when both fills fail: the pending copy goes to the trash, the API’s reason is given', () => {
    const env = withDefaultTemplate({ docsApi: true });
    env.docsApi.failNext('Service indisponible');
    const docs = env.fakes.DocumentApp;
    const openById = docs.openById;
    let opens = 0;
    // The template is opened first; the copy is the second document opened.
    docs.openById = (id: string) => {
      if (++opens === 2) throw new Error('Document indisponible');
      return openById(id);
    };
    const r = env.api.generateReport('2018-AMFT-01');
    docs.openById = openById;
    expect(r).toEqual({ status: 'error', message: 'La note n’a pas pu être remplie (Service indisponible) : la copie incomplète a été mise à la corbeille.' });
    expect(env.fakes.drive.list(env.folder)).toHaveLength(0);
    const copies = [...env.fakes.drive.files.values()].filter((f) => f.appProperties.dossierId === '2018-AMFT-01');
    expect(copies.map((f) => f.trashed)).toEqual([true]);
  });

  it('refuses a request the real API refuses, and writes nothing of the batch', () => {
    const env = withDefaultTemplate({ docsApi: true });
    const [copy] = [...env.fakes.drive.files.values()].filter((f) => f.doc);
    const before = copy!.doc!.plainText();
    const end = (env.docsApi.Documents.get(copy!.id) as { body: { content: { endIndex: number }[] } }).body.content.at(-1)!.endIndex;
    expect(() => env.docsApi.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'x' } }, { deleteContentRange: { range: { startIndex: end, endIndex: end + 1 } } }] }, copy!.id)).toThrow('last newline');
    expect(copy!.doc!.plainText()).toEqual(before);
  });
});

describe('Apps Script calls per report, Docs API path', () => {
  const withCofinancers = (n: number): DossierInput => ({
    ...corrected,
    id: `N${n}`,
    subsidy: 1000 * n,
    cofinancers: Array.from({ length: n }, (_, i) => ({ name: `Financeur ${i + 1}`, amount: 1000 })),
  });
  function measure(dossier: DossierInput, make = withDefaultTemplate) {
    const env = make({ docsApi: true, dossiers: [dossier] });
    env.fakes.calls.reset();
    generate(env, String(dossier.id));
    return env.fakes.calls.snapshot();
  }

  it.each([
    ['default template', withDefaultTemplate],
    ['table-row loop', withTableTemplate],
  ])('makes the same calls with 20 co-financers as with 2 (%s)', (_l, make) => {
    const two = measure(withCofinancers(2), make);
    const twenty = measure(withCofinancers(20), make);
    expect(twenty).toEqual(two);
  });

  it('makes the same calls whatever fields the dossier fills', () => {
    const bare: DossierInput = { id: 'B', beneficiary: 'association X', subsidy: 1000, annualBudget: 10000, context: [], actions: [], cofinancers: [{ name: 'Région', amount: 1000 }] };
    const full: DossierInput = { ...bare, authority: 'Métropole', council: 'Conseil', actKind: 'Délibération', legalBasis: 'article L1', actNumber: '12', rapporteur: 'M. X', imputation: { chapitre: '65', nature: '6574' }, sessionDate: '2018-06-12', siret: '123', subject: 'Objet' };
    expect(measure(full)).toEqual(measure(bare));
  });

  it('reads the copy once and writes it once, where DocumentApp’s element calls grow with the co-financers', () => {
    // Reading the template (DocumentApp) and filing the copy (Drive) are the same on both paths.
    expect(measure(withCofinancers(2))).toEqual({ service: 7, element: 76, total: 83 });
    const app = (n: number) => {
      const env = withDefaultTemplate({ docsApi: false, dossiers: [withCofinancers(n)] });
      env.fakes.calls.reset();
      generate(env, `N${n}`);
      return env.fakes.calls.total;
    };
    expect(app(20) - app(2)).toBe(18 * 5);
  });
});
