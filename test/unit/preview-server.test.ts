/**
 * The preview server's rpc contract (src/sidebar/rpc.ts's HTTP side), over real HTTP on a
 * free port, with a real workbook file: checked by the answers and by what the workbook
 * file and the reports folder hold afterwards.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { startPreview, type PreviewHooks, type RpcApi } from '../../src/local/preview/server';
import { composePreviewApi } from '../../src/local/preview/compose';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { LocalWorkbook } from '../../src/local/workbook';
import type { DossierInput } from '../../src/core/dossier';

const root = join(__dirname, '..', '..');
const medinsoft = JSON.parse(readFileSync(join(root, 'examples', 'medinsoft-2018-corrige.json'), 'utf8')) as DossierInput;
const clock = { nowIso: () => '2018-06-12T08:00:00.000Z', todayIso: () => '2018-06-12' };

async function serve(make: (wb: LocalWorkbook, reportsDir: string) => { api: RpcApi; hooks?: PreviewHooks }, opts: { reportsDir?: (dir: string) => string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-srv-'));
  const path = join(dir, 'dossiers.xlsx');
  const { workbook } = await openOrSeedWorkbook(path, () => [medinsoft]);
  const reportsDir = opts.reportsDir ? opts.reportsDir(dir) : join(dir, 'notes');
  if (!opts.reportsDir) mkdirSync(reportsDir);
  const server = await startPreview({ workbook, ...make(workbook, reportsDir), sidebarHtml: () => '<!doctype html><title>x</title>', reportsDir, port: 0 });
  const rpc = async (name: string, body: string | unknown[] = []) => {
    const r = await fetch(`${server.url}rpc/${encodeURIComponent(name)}`, { method: 'POST', headers: own(server), body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as { ok: boolean; value?: any; error?: { message: string } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { dir, path, workbook, reportsDir, server, rpc };
}
/** The headers the preview's own page sends: its Origin, JSON, the run's secret. */
const own = (server: { url: string; secret: string }) => ({ Origin: server.url.replace(/\/$/, ''), 'Content-Type': 'application/json', 'X-Rapporteur-Jeton': server.secret });
const real = (wb: LocalWorkbook, reportsDir: string) => composePreviewApi(wb, reportsDir, clock);
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(...args: Parameters<typeof serve>) {
  const s = await serve(...args);
  servers.push(s.server);
  return s;
}

describe('the preview server’s rpc', () => {
  it('answers an unknown function with 404 and a French JSON error, inherited names included', async () => {
    const { rpc } = await start(real);
    for (const name of ['laFonctionQuiNExistePas', 'toString', '__proto__']) {
      const r = await rpc(name);
      expect(r.status).toBe(404);
      expect(r.type).toMatch(/^application\/json/);
      expect(r.body).toEqual({ ok: false, error: { message: `Fonction inconnue côté serveur : ${name}` } });
    }
  });

  it('refuses arguments that are not a JSON list', async () => {
    const { rpc } = await start(real);
    expect((await rpc('listDossiers', '{pas du json')).body).toEqual({ ok: false, error: { message: 'Arguments illisibles (JSON attendu).' } });
    expect((await rpc('listDossiers', '{"a":1}')).status).toBe(400);
  });

  it('refuses a result holding a Date, as google.script.run does', async () => {
    const { rpc } = await start(() => ({ api: { when: () => ({ rows: [{ date: new Date('2018-01-01') }] }) } }));
    const r = await rpc('when');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: false, error: { message: 'La fonction when a renvoyé une date (Date) : Apps Script refuserait ce résultat.' } });
  });

  it('refuses a body over 2 MB with 413 and a JSON error, and calls nothing', async () => {
    let called = 0;
    const { rpc } = await start(() => ({ api: { echo: () => ++called } }));
    const r = await rpc('echo', JSON.stringify(['x'.repeat(2 * 1024 * 1024 + 10)]));
    expect(r.status).toBe(413);
    expect(r.body.ok).toBe(false);
    expect(r.body.error!.message).toMatch(/^Requête trop volumineuse/);
    expect(called).toBe(0);
  });

  it('runs one call at a time, hooks included, in the order they came', async () => {
    const log: string[] = [];
    const pause = () => new Promise((r) => setTimeout(r, 30));
    const hooks: PreviewHooks = {
      before: async (n) => void log.push(`before ${n}`),
      after: async (n) => {
        await pause();
        log.push(`after ${n}`);
      },
      rollback: async () => undefined,
    };
    const api = {
      slow: async (tag: string) => {
        log.push(`start ${tag}`);
        await pause();
        log.push(`end ${tag}`);
        return tag;
      },
    };
    const { rpc } = await start(() => ({ api: api as unknown as RpcApi, hooks }));
    const answers = await Promise.all([rpc('slow', ['a']), rpc('slow', ['b'])]);
    expect(answers.map((a) => a.body.value)).toEqual(['a', 'b']);
    expect(log).toEqual(['before slow', 'start a', 'end a', 'after slow', 'before slow', 'start b', 'end b', 'after slow']);
  });

  it('saves the workbook after a call that changed it, and not after one that did not', async () => {
    const { path, rpc } = await start(real);
    const mtime = () => statSync(path).mtimeMs;
    const before = mtime();
    await new Promise((r) => setTimeout(r, 20));
    expect((await rpc('listDossiers')).body.value.dossiers).toHaveLength(1);
    expect((await rpc('loadDossier', ['2018-AMFT-01'])).body.ok).toBe(true);
    expect(mtime()).toBe(before);
    const loaded = (await rpc('loadDossier', ['2018-AMFT-01'])).body.value;
    const saved = await rpc('saveDossier', [{ dossier: { ...loaded.dossier, subject: 'Objet modifié' }, ref: loaded.ref, version: loaded.version }]);
    expect(saved.body.value.status).toBe('saved');
    expect(mtime()).not.toBe(before);
    expect((await readWorkbookDossiers(path))[0].subject).toBe('Objet modifié');
  });

  it('writes the files of a call before the workbook is saved', async () => {
    let dirtyAtFlush: boolean | null = null;
    const { rpc } = await start((wb, reportsDir) => {
      const { api, hooks } = real(wb, reportsDir);
      return { api, hooks: { ...hooks, after: async (n) => { dirtyAtFlush = wb.dirty; await hooks.after(n); } } };
    });
    expect((await rpc('generateReport', ['2018-AMFT-01'])).body.value.status).toBe('created');
    expect(dirtyAtFlush).toBe(true);
  });

  it('rolls back when the report cannot be written: an error, no link recorded, memory and file alike', async () => {
    const { path, dir, server, rpc } = await start(real, { reportsDir: (d) => (writeFileSync(join(d, 'notes'), 'un fichier, pas un dossier'), join(d, 'notes')) });
    const r = await rpc('generateReport', ['2018-AMFT-01']);
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.error!.message).toMatch(/^La note n’a pas pu être écrite dans le dossier des notes/);
    const link = (grid: unknown[][]) => grid[1][grid[0].indexOf('Lien de la note')] ?? '';
    expect(link((await LocalWorkbook.open(path)).snapshot('Dossiers')!.values)).toBe('');
    const state = (await (await fetch(`${server.url}preview/state`, { headers: own(server) })).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const col = state.sheet.header.indexOf('Lien de la note');
    expect(col < 0 ? '' : state.sheet.rows[0][col].text).toBe('');
    expect((await rpc('loadDossier', ['2018-AMFT-01'])).body.value.reportLink).toBe('');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('undoes the changes of a call that throws', async () => {
    const { path, rpc } = await start((wb) => ({
      api: {
        halfway: () => {
          wb.writeSettings({ conventionThreshold: '1', rateCap: '0.5', prorationMethod: 'days', spacing: 'narrow', spelling: 'traditional' });
          throw new Error('Échec au milieu.');
        },
        settings: () => wb.readSettings(),
      },
    }));
    expect((await rpc('halfway')).body).toEqual({ ok: false, error: { message: 'Échec au milieu.' } });
    expect((await rpc('settings')).body.value).toBeNull();
    expect((await LocalWorkbook.open(path)).readSettings()).toBeNull();
  });

  it('serves the report written, and lists it in the page’s state', async () => {
    const { server, rpc } = await start(real);
    const made = (await rpc('generateReport', ['2018-AMFT-01'])).body.value;
    const state = (await (await fetch(`${server.url}preview/state`, { headers: own(server) })).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(state.reports.map((r: { url: string }) => r.url)).toEqual([made.url]);
    const file = await fetch(`${server.url}${made.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});

/** A request exactly as given (Host included, which fetch would not let a test set). */
function raw(url: string, opts: { method?: string; path: string; headers: Record<string, string>; body?: string }) {
  const { port } = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the preview answers only its own page', () => {
  // The call a cross-site page would make: rewrite a dossier's subject.
  async function attack(headers: (own: Record<string, string>, host: string) => Record<string, string>, path = '/rpc/saveDossier') {
    const s = await start(real);
    const loaded = (await s.rpc('loadDossier', ['2018-AMFT-01'])).body.value;
    const before = readFileSync(s.path);
    const host = new URL(s.server.url).host;
    const body = JSON.stringify(path.startsWith('/rpc/') ? [{ dossier: { ...loaded.dossier, subject: 'Réécrit par un autre site' }, ref: loaded.ref, version: loaded.version }] : { row: 3 });
    const r = await raw(s.server.url, { path, headers: headers({ Host: host, ...own(s.server) }, host), body });
    return { ...s, r, before, message: (JSON.parse(r.body) as { error?: { message: string } }).error?.message };
  }
  const without = (o: Record<string, string>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

  it.each([
    ['a foreign Host (DNS rebinding)', (o: Record<string, string>) => ({ ...o, Host: 'evil.example' }), /^Adresse refusée \(Host : « evil\.example »\)/],
    ['the right port on a foreign name', (o: Record<string, string>, host: string) => ({ ...o, Host: `evil.example:${host.split(':')[1]}` }), /^Adresse refusée/],
    ['a foreign Origin', (o: Record<string, string>) => ({ ...o, Origin: 'http://evil.example' }), /^Origine refusée \(« http:\/\/evil\.example »\)/],
    ['the own address on another port as Origin', (o: Record<string, string>) => ({ ...o, Origin: 'http://127.0.0.1:1' }), /^Origine refusée/],
    ['no Origin on a POST', (o: Record<string, string>) => without(o, 'Origin'), /^Origine absente/],
    ['text/plain (the « simple » request of the issue)', (o: Record<string, string>) => ({ ...o, 'Content-Type': 'text/plain' }), /^Type de contenu refusé \(« text\/plain »\)/],
    ['no Content-Type', (o: Record<string, string>) => without(o, 'Content-Type'), /^Type de contenu refusé/],
    ['no secret', (o: Record<string, string>) => without(o, 'X-Rapporteur-Jeton'), /^Jeton de l’aperçu absent ou faux/],
    ['a wrong secret', (o: Record<string, string>) => ({ ...o, 'X-Rapporteur-Jeton': 'x'.repeat(43) }), /^Jeton de l’aperçu absent ou faux/],
  ])('refuses %s with 403 and a French message, and writes nothing', async (_name, headers, message) => {
    const { r, path, before, message: got, workbook } = await attack(headers);
    expect(r.status).toBe(403);
    expect(got).toMatch(message);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect((await readWorkbookDossiers(path)).find((d) => d.id === '2018-AMFT-01')?.subject).not.toBe('Réécrit par un autre site');
    expect(workbook.dirty).toBe(false);
  });

  it('refuses the active row from a foreign Origin, and moves nothing', async () => {
    const { r, workbook } = await attack((o) => ({ ...o, Origin: 'http://evil.example' }), '/preview/active-row');
    expect(r.status).toBe(403);
    expect(workbook.activeRowNumber()).not.toBe(3);
  });

  it('answers the legitimate call, from each of its own addresses', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      const { r, path, before } = await attack((o, host) => ({ ...o, Host: `${name}:${host.split(':')[1]}`, Origin: `http://${name}:${host.split(':')[1]}` }));
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).value.status).toBe('saved');
      expect(readFileSync(path).equals(before)).toBe(false);
    }
  });

  it('serves no page and no state to a foreign Host, and the state only with the secret', async () => {
    const { server } = await start(real);
    const host = new URL(server.url).host;
    for (const path of ['/', '/sidebar', '/preview/state', '/preview/revision']) {
      const r = await raw(server.url, { method: 'GET', path, headers: { Host: 'evil.example' } });
      expect(r.status).toBe(403);
      expect(r.body).not.toContain(tmpdir());
    }
    const foreign = await raw(server.url, { method: 'GET', path: '/preview/state', headers: { Host: host } });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain(tmpdir());
    expect((await raw(server.url, { method: 'GET', path: '/preview/state', headers: { Host: host, 'X-Rapporteur-Jeton': server.secret } })).status).toBe(200);
  });

  it('gives the page and the sidebar the run’s secret in a <meta>, a new one each run, never a cookie', async () => {
    const a = await start(real);
    const b = await start(real);
    expect(a.server.secret).not.toBe(b.server.secret);
    expect(a.server.secret.length).toBeGreaterThanOrEqual(32);
    for (const path of ['', 'sidebar']) {
      const r = await fetch(`${a.server.url}${path}`);
      expect(r.headers.get('set-cookie')).toBeNull();
      expect(await r.text()).toContain(`<meta name="rapporteur-jeton" content="${a.server.secret}">`);
    }
  });
});
