import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import type { TDocument } from '../core/template/model';
import { auditApi, docRefOf, MAX_AUDIT_CHARS } from './audit-api';
import { DocumentReadError, type DocumentRef, type DocumentReader } from './ports/document-reader';

const printed = readFileSync(join(__dirname, '../../test/corpus/audit/00-medinsoft-imprime.txt'), 'utf8');
const corrected = readFileSync(join(__dirname, '../../test/corpus/audit/01-medinsoft-corrige.txt'), 'utf8');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const ID = '1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789_-abcd';

/** Documents in memory, by id; records how each was asked for. */
function reader(docs: Record<string, { name: string; model: TDocument }>) {
  const asked: DocumentRef[] = [];
  const port: DocumentReader = {
    read(ref) {
      asked.push(ref);
      const d = docs[ref.id];
      if (!d) throw new DocumentReadError(`introuvable : ${ref.id}`);
      return { ...d, url: `https://docs.google.com/document/d/${ref.id}/edit` };
    },
  };
  return { port, asked };
}

const para = (text: string, list = false) => ({ type: 'paragraph' as const, runs: [{ text }], ...(list ? { list: { level: 0 } } : {}) });

function setup(docs: Record<string, { name: string; model: TDocument }> = {}, settings: Settings = DEFAULT_SETTINGS) {
  const r = reader(docs);
  return { api: auditApi({ documents: r.port, settings: () => settings }), asked: r.asked };
}

describe('docRefOf: what a user pastes to name a Google Doc', () => {
  it.each([
    [`https://docs.google.com/document/d/${ID}/edit`, { id: ID, url: `https://docs.google.com/document/d/${ID}/edit` }],
    [`https://docs.google.com/document/d/${ID}/edit?usp=sharing#heading=h.abc`, { id: ID, url: `https://docs.google.com/document/d/${ID}/edit` }],
    [`https://docs.google.com/document/u/1/d/${ID}/view`, { id: ID, url: `https://docs.google.com/document/d/${ID}/edit` }],
    [`  docs.google.com/document/d/${ID}  `, { id: ID, url: `https://docs.google.com/document/d/${ID}/edit` }],
    [ID, { id: ID }],
  ])('%s', (input, ref) => {
    expect(docRefOf(input)).toEqual({ ok: true, ref });
  });

  it.each([
    ['', /^Indiquez l’adresse/],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit`, /feuille de calcul Google Sheets, pas à un Google Doc/],
    [`https://drive.google.com/file/d/${ID}/view`, /fichier déposé dans Drive .*Enregistrer au format Google Docs/],
    [`https://drive.google.com/drive/folders/${ID}`, /un dossier Google Drive/],
    ['note du conseil', /« note du conseil » n’est ni l’adresse ni l’identifiant d’un Google Doc/],
    ['https://example.org/document/d/x', /n’est ni l’adresse ni l’identifiant/],
  ])('refuses %j with a French message', (input, message) => {
    const r = docRefOf(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('auditText', () => {
  it('finds « 200 00 € » and the mixed styles in the example report as printed, excerpts at their offsets', () => {
    const r = setup().api.auditText(printed);
    if (r.status !== 'audited') throw new Error(JSON.stringify(r));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['NUMBER_FORMAT_INCONSISTENT', 'warning'],
      ['NUMBER_MALFORMED', 'error'],
    ]);
    for (const f of r.findings) expect(r.text.slice(f.offset, f.offset + f.excerpt.length)).toBe(f.excerpt);
    expect(r.findings[1]!.excerpt).toBe('200 00 €');
    expect(r.summary).toBe('1 erreur, 1 avertissement.');
    expect(r.text).toBe(printed);
  });

  it('says nothing is wrong in the corrected report', () => {
    expect(setup().api.auditText(corrected)).toMatchObject({ status: 'audited', findings: [], summary: 'Aucune anomalie dans les chiffres de la note.' });
  });

  it('reads Windows line ends as line ends, so offsets point into the text it answers', () => {
    const r = setup().api.auditText('Budget :\r\n200 00 €');
    if (r.status !== 'audited') throw new Error('not audited');
    expect(r.text).toBe('Budget :\n200 00 €');
    expect(r.findings[0]).toMatchObject({ excerpt: '200 00 €', offset: 9 });
  });

  it('writes computed figures with the spacing of the settings', () => {
    const text = 'La subvention de 47 500 € représente 25 % du budget de 200 000 €.';
    const narrow = setup().api.auditText(text);
    const nbsp = setup({}, { ...DEFAULT_SETTINGS, spacing: 'nbsp' }).api.auditText(text);
    if (narrow.status !== 'audited' || nbsp.status !== 'audited') throw new Error('not audited');
    expect(narrow.findings[0]!.message).toContain('23,75\u00a0%');
    expect(narrow.findings[0]!.message).toMatch(/47\u202f500/);
    expect(nbsp.findings[0]!.message).toMatch(/47\u00a0500/);
  });

  it.each([
    ['', 'Collez le texte de la note à vérifier.'],
    ['   \n  ', 'Collez le texte de la note à vérifier.'],
  ])('refuses an empty text (%j)', (text, message) => {
    expect(setup().api.auditText(text)).toEqual({ status: 'error', message });
  });

  it('refuses a text beyond the limit, saying how long it is', () => {
    const r = setup().api.auditText('a'.repeat(MAX_AUDIT_CHARS + 1));
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(plain(r.message)).toBe('Le texte est trop long (1 000 001 caractères, au plus 1 000 000) : vérifiez-le en plusieurs parties.');
  });

  it('answers plain data only', () => {
    const r = setup().api.auditText(printed);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('auditGoogleDoc', () => {
  const split: TDocument = {
    header: [para('Métropole — Conseil du 12 juin 2019')],
    body: [
      para('Pour l’édition 2019, la participation financière des collectivités s’élève à 60 000 €.'),
      para('Cette participation se répartit comme suit :'),
      para('25 000 € pris en charge par la Métropole ;', true),
      para('30 000 € pris en charge par le Département.', true),
    ],
  };

  it('audits the Doc’s text as a reader sees it (list items with their dash) and names the Doc', () => {
    const { api, asked } = setup({ [ID]: { name: 'Note Start-up Days', model: split } });
    const r = api.auditGoogleDoc(`https://docs.google.com/document/d/${ID}/edit`);
    if (r.status !== 'audited') throw new Error(JSON.stringify(r));
    expect(asked).toEqual([{ id: ID, url: `https://docs.google.com/document/d/${ID}/edit` }]);
    expect(r.source).toEqual({ name: 'Note Start-up Days', url: `https://docs.google.com/document/d/${ID}/edit` });
    expect(r.text.split('\n').slice(3)).toEqual(['- 25 000 € pris en charge par la Métropole ;', '- 30 000 € pris en charge par le Département.']);
    expect(r.findings.map((f) => f.code)).toEqual(['COFINANCING_SUM_MISMATCH']);
    expect(plain(r.findings[0]!.message)).toContain('55 000 €');
    for (const f of r.findings) expect(r.text.slice(f.offset, f.offset + f.excerpt.length)).toBe(f.excerpt);
  });

  it('opens a bare id by id', () => {
    const { api, asked } = setup({ [ID]: { name: 'Note', model: { body: [para('Une subvention de 10 000 €.')] } } });
    expect(api.auditGoogleDoc(ID)).toMatchObject({ status: 'audited', findings: [] });
    expect(asked).toEqual([{ id: ID }]);
  });

  it('passes on the port’s French message when the Doc cannot be opened, and asks nothing for a bad address', () => {
    const { api, asked } = setup();
    expect(api.auditGoogleDoc(ID)).toEqual({ status: 'error', message: `introuvable : ${ID}` });
    expect(api.auditGoogleDoc(`https://docs.google.com/spreadsheets/d/${ID}/edit`)).toMatchObject({ status: 'error', message: expect.stringContaining('Google Sheets') });
    expect(asked).toHaveLength(1);
  });

  it('says so when the Doc holds no text', () => {
    const { api } = setup({ [ID]: { name: 'Vide', model: { body: [para('')] } } });
    expect(api.auditGoogleDoc(ID)).toEqual({ status: 'error', message: 'Le document « Vide » ne contient aucun texte à vérifier.' });
  });

  it('lets an unexpected failure through, so that it is not mistaken for a missing Doc', () => {
    const api = auditApi({
      documents: {
        read() {
          throw new TypeError('bug');
        },
      },
      settings: () => DEFAULT_SETTINGS,
    });
    expect(() => api.auditGoogleDoc(ID)).toThrow('bug');
  });
});
