/**
 * The built sidebar (dist/Sidebar.html) in headless Chromium for the screen tests, its
 * google.script.run calling the real Apps Script entry points (src/gas/sidebar-api.ts and the
 * modules it re-exports) over the in-memory fakes: Sheets, properties, locks, and also
 * DocumentApp, the Advanced Drive service and Utilities, which reports and audits need.
 * The network is cut, so Google's stylesheet never loads. Contexts use the fr-FR locale.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './tools';
import { createGasWorld, type GasWorld } from './gas-world';
import { createGoogleFakes } from '../fakes/drive';
import { formatDate, midnightIn } from '../fakes/utilities';
import { SCRIPT_RUN_BINDING, scriptRunPageSource, serveScriptRun, type ScriptRunServer } from '../fakes/script-run';
import * as server from '../../src/gas/sidebar-api';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;

export const ROOT = join(__dirname, '..', '..');
export const SIDEBAR = join(ROOT, 'dist', 'Sidebar.html');
export const SHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export const norm = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** Sheets, properties and locks (GasWorld), plus Docs, Drive and Utilities as globals. */
export interface SidebarWorld extends GasWorld {
  google: ReturnType<typeof createGoogleFakes>;
}

export function createSidebarWorld(): SidebarWorld {
  const world = createGasWorld();
  const google = createGoogleFakes('drive.file');
  const g = globalThis as Record<string, unknown>;
  const names = ['DocumentApp', 'Drive', 'Utilities'] as const;
  const previous = names.map((n) => g[n]);
  g.DocumentApp = google.DocumentApp;
  g.Drive = google.Drive;
  let uuids = 0;
  g.Utilities = {
    formatDate,
    getUuid: () => `uuid-${++uuids}`,
    parseDate: (text: string, zone: string, pattern: string) => {
      if (pattern !== 'yyyy-MM-dd') throw new Error(`Utilities.parseDate: pattern ${pattern} is not supported by the fake`);
      const [y, m, d] = text.split('-').map(Number);
      return midnightIn(zone, y!, m!, d!);
    },
  };
  return {
    ...world,
    google,
    uninstall() {
      names.forEach((n, i) => (g[n] = previous[i]));
      world.uninstall();
    },
  };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs » (npm run test:browser le fait).');
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface SidebarPage {
  page: Page;
  rpc: ScriptRunServer;
  errors: string[];
  text(selector: string): Promise<string>;
  shot(name: string): Promise<void>;
  axe(): Promise<string[]>;
  /** Presses Tab until `predicate` (evaluated in the page) holds. */
  tabTo(predicate: string, max?: number): Promise<void>;
  focused(): Promise<{ id: string; tag: string; text: string }>;
}

/**
 * Opens the sidebar at 300 × 720 in French, on `start` when a menu item asks for a screen, or
 * on given HTML. The answers of the server functions named in `hold` wait for `rpc.release`.
 */
export async function openSidebar(browser: Browser, opts: { start?: string; html?: string; hold?: readonly string[] } = {}): Promise<SidebarPage> {
  const context = await browser.newContext({ viewport: { width: 300, height: 720 }, locale: 'fr-FR' });
  await context.route(/^https?:/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const rpc = serveScriptRun(Object.fromEntries(server.SIDEBAR_FUNCTIONS.map((n) => [n, server[n] as (...a: never[]) => unknown])), { hold: opts.hold });
  await page.exposeFunction(SCRIPT_RUN_BINDING, (name: string, args: string) => rpc.handle(name, args));
  await page.addInitScript(scriptRunPageSource(server.SIDEBAR_FUNCTIONS));
  if (opts.start) await page.addInitScript(`window.__RAPPORTEUR_START = ${JSON.stringify(opts.start)};`);
  if (opts.html !== undefined) await page.setContent(opts.html);
  else await page.goto(pathToFileURL(SIDEBAR).href);
  await page.waitForSelector('body[data-ready]');
  const sidebar: SidebarPage = {
    page,
    rpc,
    errors,
    text: async (selector) => norm(await page.textContent(selector)),
    async shot(name) {
      await page.screenshot({ path: join(SHOTS, name), fullPage: true });
      // A full-page capture can leave the scroll position past the end: clamp it.
      await page.evaluate(() => window.scrollTo(0, Math.min(window.scrollY, document.documentElement.scrollHeight - window.innerHeight)));
    },
    async axe() {
      await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
      return page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return r.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    },
    async tabTo(predicate, max = 120) {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(predicate)) return;
      }
      throw new Error(`focus never reached ${predicate}`);
    },
    focused: () => page.evaluate(() => ({ id: document.activeElement?.id ?? '', tag: (document.activeElement?.tagName ?? '').toLowerCase(), text: (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim() })),
  };
  return sidebar;
}
