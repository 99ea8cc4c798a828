/** The local preview answers every function the sidebar calls, with local adapters. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composePreviewApi } from '../../src/local/preview/compose';
import { openOrSeedWorkbook } from '../../src/local/workbook-dossiers';
import { SIDEBAR_FUNCTIONS } from '../../src/gas/sidebar-api';
import { BATCH_FUNCTIONS } from '../../src/app/batch-api';
import type { DossierInput } from '../../src/core/dossier';

const root = join(__dirname, '..', '..');
const medinsoft = JSON.parse(readFileSync(join(root, 'examples', 'medinsoft-2018-corrige.json'), 'utf8')) as DossierInput;
const printedReport = readFileSync(join(root, 'examples', 'note-synthese-medinsoft-2018.txt'), 'utf8');
const clock = { nowIso: () => '2018-06-12T08:00:00.000Z', todayIso: () => '2018-06-12' };

async function api() {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-compose-'));
  const { workbook } = await openOrSeedWorkbook(join(dir, 'dossiers.xlsx'), () => [medinsoft]);
  return composePreviewApi(workbook, join(dir, 'notes'), clock).api as Record<string, (...a: unknown[]) => any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the preview composition', () => {
  it('answers every function the sidebar calls in Sheets, the session screen’s included', async () => {
    const a = await api();
    const missing = [...SIDEBAR_FUNCTIONS, ...BATCH_FUNCTIONS].filter((name: string) => typeof a[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('audits a pasted text as in Sheets', async () => {
    const r = (await api()).auditText(printedReport);
    expect(r.status).toBe('audited');
    expect(r.findings.map((f: { code: string }) => f.code).sort()).toEqual(['NUMBER_FORMAT_INCONSISTENT', 'NUMBER_MALFORMED']);
  });

  it('says in French that there is no Google Doc to open without a Google account', async () => {
    const r = (await api()).auditGoogleDoc('https://docs.google.com/document/d/abc/edit');
    expect(JSON.stringify(r)).toContain('collez le texte de la note');
  });
});
