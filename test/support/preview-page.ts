/**
 * The local preview (`npm start`) opened in headless Chromium, as the preview's browser tests
 * need it: only the preview's own address is reachable (Google's stylesheet and anything else
 * are cut), page errors and every rpc call that did not answer ok are collected for the tests
 * to assert on.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './tools';

export interface PreviewPage {
  browser: Browser;
  page: Page;
  pageErrors: string[];
  failedCalls: string[];
}

/** `pageErrors` and `failedCalls` may be the test's own arrays, declared before the page opens. */
export async function openPreviewPage(serverUrl: string, opts: { height?: number; onRpc?: (name: string) => void; pageErrors?: string[]; failedCalls?: string[] } = {}): Promise<PreviewPage> {
  const pageErrors = opts.pageErrors ?? [];
  const failedCalls = opts.failedCalls ?? [];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: opts.height ?? 900 }, locale: 'fr-FR' });
  await context.route((url) => !url.href.startsWith(serverUrl), (route) => route.abort());
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', async (r) => {
    if (!r.url().includes('/rpc/')) return;
    opts.onRpc?.(r.url().replace(/^.*\/rpc\//, ''));
    const body = await r.json().catch(() => null);
    if (!body?.ok) failedCalls.push(`${r.url()} → ${JSON.stringify(body)}`);
  });
  return { browser, page, pageErrors, failedCalls };
}
