import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header every rpc call and every state-changing request carries; the page gets it in a <meta>. */
export const SECRET_HEADER = 'x-rapporteur-jeton';
export const SECRET_META = 'rapporteur-jeton';

/** What the preview refuses, in French: the answer to a request the preview did not make itself. */
export const GUARD_TEXT = {
  host: (host: string) => `Adresse refusée (Host : « ${host} ») : l’aperçu ne répond qu’à sa propre adresse, 127.0.0.1, localhost ou [::1] sur son port.`,
  origin: (origin: string) => `Origine refusée (« ${origin} ») : seule la page de l’aperçu peut modifier le classeur ou appeler ses fonctions.`,
  noOrigin: 'Origine absente : seule la page de l’aperçu peut modifier le classeur ou appeler ses fonctions.',
  contentType: (type: string) => `Type de contenu refusé (« ${type} ») : l’aperçu n’accepte que du JSON (Content-Type: application/json).`,
  secret: 'Jeton de l’aperçu absent ou faux : rechargez la page de l’aperçu (le jeton change à chaque lancement).',
} as const;

/** A fresh random secret for one run of the preview (never stored, never in a cookie). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * The checks a request to the local preview passes before anything is read or written:
 * its Host is the preview's own address (no DNS rebinding), and for what changes state or
 * calls the api, its Origin is the preview's own page, its body JSON and the run's secret
 * present (a cross-site « simple » request has none of these).
 */
export class PreviewGuard {
  private hosts: Set<string> = new Set();
  constructor(readonly secret: string) {}

  /** Called once the port is known. */
  listen(port: number): void {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  }

  /** The French reason a request is refused, or null when it may go on. */
  refuse(req: IncomingMessage, opts: { changes: boolean; needsSecret: boolean }): string | null {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.hosts.has(host)) return GUARD_TEXT.host(req.headers.host ?? '');
    if (opts.changes) {
      const origin = req.headers.origin;
      if (!origin) return GUARD_TEXT.noOrigin;
      if (!this.ownOrigin(origin)) return GUARD_TEXT.origin(origin);
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) return GUARD_TEXT.contentType(type);
    }
    if (opts.needsSecret && !this.secretMatches(req.headers[SECRET_HEADER])) return GUARD_TEXT.secret;
    return null;
  }

  private ownOrigin(origin: string): boolean {
    const m = /^http:\/\/([^/]+)$/i.exec(origin);
    return !!m && this.hosts.has(m[1]!.toLowerCase());
  }

  private secretMatches(given: string | string[] | undefined): boolean {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** The page as served: the secret in a <meta> the page's scripts read (no inline value to trip a CSP). */
  withSecret(html: string): string {
    const meta = `<meta name="${SECRET_META}" content="${this.secret}">`;
    const head = /<head(\s[^>]*)?>/i.exec(html);
    if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
    const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
    const at = doctype ? doctype[0].length : 0;
    return html.slice(0, at) + meta + html.slice(at);
  }
}
