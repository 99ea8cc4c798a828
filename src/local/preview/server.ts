import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LocalWorkbook } from '../workbook';
import { DOSSIERS_SHEET } from '../../app/dossier-fields';
import { PREVIEW_PAGE } from './page';
import { newSecret, PreviewGuard } from './guard';

export type RpcApi = Record<string, (...args: never[]) => unknown>;

/**
 * The steps around each rpc call that make it one unit of work with the files its ports
 * use: the ports are synchronous (as Apps Script is), file I/O is not.
 */
export interface PreviewHooks {
  /** Before the call: read what the synchronous ports will need (a template, the reports already written). */
  before(name: string): Promise<void>;
  /** After the call, before the workbook is saved: write what the call queued (reports). Throws when it could not. */
  after(name: string): Promise<void>;
  /** The call or `after` failed: forget what was queued; the server then rereads the workbook from disk. */
  rollback(name: string): Promise<void>;
}

const NO_HOOKS: PreviewHooks = { before: async () => undefined, after: async () => undefined, rollback: async () => undefined };

export interface PreviewOptions {
  workbook: LocalWorkbook;
  api: RpcApi;
  hooks?: PreviewHooks;
  /** The sidebar exactly as Sheets would serve it (read again on each request, so a rebuild shows). */
  sidebarHtml: () => string;
  reportsDir: string;
  port: number;
  host?: string;
}

const MAX_BODY = 2 * 1024 * 1024;

/** True when a value holds a Date: google.script.run refuses those, so the preview does too. */
export function containsDate(v: unknown, seen = new Set<unknown>()): boolean {
  if (v instanceof Date) return true;
  if (typeof v !== 'object' || v === null || seen.has(v)) return false;
  seen.add(v);
  return Object.values(v).some((x) => containsDate(x, seen));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(body);
}
const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      // The rest is read and dropped (not the socket cut), so the client gets the answer.
      if (size > MAX_BODY) reject(new BodyTooLarge(`Requête trop volumineuse (plus de ${MAX_BODY / 1024 / 1024} Mo).`));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
const frNumber = (n: number, decimals: number) => n.toLocaleString('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** The « Dossiers » sheet as text, the way a French spreadsheet displays it. */
function sheetView(workbook: LocalWorkbook) {
  const grid = workbook.snapshot(DOSSIERS_SHEET)?.values ?? [];
  const [header = [], ...rows] = grid;
  return {
    header: header.map(String),
    rows: rows.map((r) =>
      r.map((v, c) => {
        const h = String(header[c] ?? '');
        if (v instanceof Date) return { text: `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`, numeric: true };
        if (typeof v === 'number') {
          const percent = h === 'Taux' || h === 'Part';
          const money = /budget|montant|total/i.test(h);
          const text = percent ? `${frNumber(v * 100, 2)}\u00a0%` : money ? `${frNumber(v, 2)}\u00a0€` : String(v);
          return { text, numeric: true };
        }
        if (typeof v === 'boolean') return { text: v ? 'VRAI' : 'FAUX', numeric: false };
        return { text: String(v), numeric: false };
      }),
    ),
  };
}

function reportList(dir: string) {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // Missing, or not a folder: the page still shows the sheet; generating says what is wrong.
    return [];
  }
  return names
    .filter((f) => /\.(docx|pdf)$/i.test(f))
    .map((f) => ({ name: f, mtime: statSync(join(dir, f)).mtime }))
    .sort((a, b) => b.mtime.getTime() - a.mtime.getTime())
    .map((f) => ({ name: f.name, url: `reports/${encodeURIComponent(f.name)}`, date: f.mtime.toLocaleString('fr-FR') }));
}

/**
 * One call of the preview as a unit of work: the workbook read again if it changed on disk,
 * the hooks' preparation, the call, the files written (hooks.after) BEFORE the workbook is
 * saved — the workbook must never record a link to a report not written —, and on any
 * failure nothing left behind: no queued file, no change in the workbook (Sheets would keep
 * the writes made before a throw; locally the whole call can be undone).
 */
export async function runUnitOfWork<T>(workbook: LocalWorkbook, hooks: PreviewHooks, name: string, call: () => T | Promise<T>): Promise<T> {
  await workbook.refresh();
  let value: T;
  try {
    await hooks.before(name);
    value = await call();
    await hooks.after(name);
  } catch (e) {
    try {
      await hooks.rollback(name);
    } finally {
      if (workbook.dirty) await workbook.discardChanges();
    }
    throw e;
  }
  if (workbook.dirty) {
    try {
      await workbook.save();
    } catch (e) {
      await workbook.discardChanges();
      throw new Error(`Le classeur n’a pas pu être enregistré (${e instanceof Error ? e.message : String(e)}) : la modification est annulée.`);
    }
  }
  return value;
}

/**
 * Serves the local preview on 127.0.0.1 only: the page, the real sidebar, its rpc over HTTP
 * (POST rpc/NAME with a JSON array of arguments → {ok, value} or {ok:false, error:{message}},
 * the contract of src/sidebar/rpc.ts), and the reports written.
 */
export function startPreview(opts: PreviewOptions): Promise<{ url: string; port: number; secret: string; close: () => Promise<void> }> {
  const { workbook, api } = opts;
  const guard = new PreviewGuard(newSecret());
  const hooks = opts.hooks ?? NO_HOOKS;
  let queue: Promise<unknown> = Promise.resolve();

  async function rpc(name: string, body: string): Promise<{ status: number; value: unknown }> {
    if (!Object.prototype.hasOwnProperty.call(api, name) || typeof api[name] !== 'function') {
      return { status: 404, value: { ok: false, error: { message: `Fonction inconnue côté serveur : ${name}` } } };
    }
    let args: unknown;
    try {
      args = JSON.parse(body || '[]');
    } catch {
      return { status: 400, value: { ok: false, error: { message: 'Arguments illisibles (JSON attendu).' } } };
    }
    if (!Array.isArray(args)) return { status: 400, value: { ok: false, error: { message: 'Les arguments doivent être une liste JSON.' } } };
    const failed = (e: unknown) => ({ status: 200, value: { ok: false, error: { message: e instanceof Error ? e.message : String(e) } } });
    // One call at a time, like a document lock held for the whole use case.
    const run = queue.then(async () => {
      let value: unknown;
      try {
        value = await runUnitOfWork(workbook, hooks, name, () => (api[name] as (...a: unknown[]) => unknown)(...args));
      } catch (e) {
        return failed(e);
      }
      // As google.script.run: the call ran (its writes stay), only its answer is refused.
      if (containsDate(value)) return failed(new Error(`La fonction ${name} a renvoyé une date (Date) : Apps Script refuserait ce résultat.`));
      return { status: 200, value: { ok: true, value: value === undefined ? null : value } };
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      // Before anything is read: only the preview's own page, at its own address, gets an answer.
      const changes = req.method !== 'GET' && req.method !== 'HEAD';
      const refused = guard.refuse(req, { changes, needsSecret: changes || path.startsWith('/rpc/') || path === '/preview/state' });
      if (refused) {
        req.resume();
        return json(res, 403, { ok: false, error: { message: refused } });
      }
      if (req.method === 'GET' && (path === '/' || path === '/index.html')) return send(res, 200, 'text/html; charset=utf-8', guard.withSecret(PREVIEW_PAGE));
      if (req.method === 'GET' && path === '/sidebar') return send(res, 200, 'text/html; charset=utf-8', guard.withSecret(opts.sidebarHtml()));
      if (req.method === 'POST' && path.startsWith('/rpc/')) {
        let body: string;
        try {
          body = await readBody(req);
        } catch (e) {
          if (e instanceof BodyTooLarge) return json(res, 413, { ok: false, error: { message: e.message } });
          throw e;
        }
        const r = await rpc(decodeURIComponent(path.slice(5)), body);
        return json(res, r.status, r.value);
      }
      if (req.method === 'GET' && path === '/preview/revision') return json(res, 200, { revision: workbook.revision * 1000 + reportList(opts.reportsDir).length });
      if (req.method === 'GET' && path === '/preview/state') {
        const reports = reportList(opts.reportsDir);
        return json(res, 200, { revision: workbook.revision * 1000 + reports.length, workbook: workbook.path, reportsDir: opts.reportsDir, sheet: sheetView(workbook), reports, activeRow: workbook.activeRowNumber() });
      }
      if (req.method === 'POST' && path === '/preview/active-row') {
        const { row } = JSON.parse(await readBody(req)) as { row: unknown };
        workbook.setActiveRow(typeof row === 'number' && Number.isInteger(row) && row >= 2 ? row : null);
        workbook.revision++;
        return json(res, 200, { ok: true });
      }
      if (req.method === 'GET' && path.startsWith('/reports/')) {
        const name = basename(decodeURIComponent(path.slice('/reports/'.length)));
        const file = join(opts.reportsDir, name);
        if (!/\.(docx|pdf)$/i.test(name) || !existsSync(file)) return send(res, 404, 'text/plain; charset=utf-8', 'Note introuvable.');
        const type = name.endsWith('.pdf') ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
        return send(res, 200, type, readFileSync(file), { 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` });
      }
      send(res, 404, 'text/plain; charset=utf-8', 'Page introuvable.');
    } catch (e) {
      send(res, 500, 'text/plain; charset=utf-8', `Erreur : ${e instanceof Error ? e.message : String(e)}`);
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`Le port ${opts.port} est déjà utilisé : choisissez-en un autre avec --port N (ou PORT=N).`) : e),
    );
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      guard.listen(port);
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        secret: guard.secret,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => queue.then(() => done(), () => done()));
        }),
      });
    });
  });
}
