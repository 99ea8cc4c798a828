/**
 * In-memory Drive: the Advanced Drive service v3 (`Drive.Files.copy/get/create/list/update/remove`)
 * with names, parents, appProperties and trash, and a minimal DriveApp. Under the
 * `drive.file` scope it behaves as Google's does: a file the add-on did not create (and the
 * user did not pick) is "not found". Google Docs in it are the DocumentApp fake's documents,
 * so a copy is a real copy. Every call is counted as a service call.
 */
import { CallCounter } from './calls';
import { createFakeDocumentApp, FakeBlob, StoredDoc, type DocStore } from './document';

export const DOC_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export interface DriveFileRecord {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  appProperties: Record<string, string>;
  createdByApp: boolean;
  picked: boolean;
  trashed: boolean;
  doc?: StoredDoc;
  bytes?: Uint8Array;
}

export interface DriveFileResource {
  id?: string;
  name?: string;
  mimeType?: string;
  parents?: string[];
  appProperties?: Record<string, string>;
  trashed?: boolean;
  webViewLink?: string;
}

const notFound = (method: string, id: string) => new Error(`GoogleJsonResponseException: API call to drive.files.${method} failed with error: File not found: ${id}.`);

export class FakeDrive implements DocStore {
  readonly files = new Map<string, DriveFileRecord>();
  private next = 1;
  constructor(
    readonly calls: CallCounter,
    public scope: 'drive.file' | 'drive' = 'drive.file',
  ) {}

  newId(): string {
    return `f${String(this.next++).padStart(4, '0')}`;
  }
  registerDoc(doc: StoredDoc, createdByApp: boolean): void {
    this.files.set(doc.id, { id: doc.id, name: doc.name, mimeType: DOC_MIME, parents: ['root'], appProperties: {}, createdByApp, picked: false, trashed: false, doc });
  }
  getDoc(id: string): StoredDoc | null {
    const f = this.files.get(id);
    return f?.doc && !f.trashed ? f.doc : null;
  }
  /** A Google Doc the user made outside the add-on (DocumentApp can open it; Drive under drive.file cannot). */
  addUserDoc(name: string, build?: (doc: StoredDoc) => void): StoredDoc {
    const doc = new StoredDoc(this.calls, this.newId(), name);
    build?.(doc);
    this.registerDoc(doc, false);
    return doc;
  }
  addFolder(name: string, createdByApp = true): string {
    const id = this.newId();
    this.files.set(id, { id, name, mimeType: FOLDER_MIME, parents: ['root'], appProperties: {}, createdByApp, picked: false, trashed: false });
    return id;
  }
  private accessible(f: DriveFileRecord | undefined): f is DriveFileRecord {
    return !!f && (this.scope === 'drive' || f.createdByApp || f.picked);
  }
  private resource(f: DriveFileRecord): DriveFileResource {
    const webViewLink = f.mimeType === DOC_MIME ? `https://docs.google.com/document/d/${f.id}/edit` : `https://drive.google.com/file/d/${f.id}/view`;
    return { id: f.id, name: f.name, mimeType: f.mimeType, parents: [...f.parents], appProperties: { ...f.appProperties }, trashed: f.trashed, webViewLink };
  }
  private checkParents(method: string, parents: string[] | undefined): void {
    for (const p of parents ?? []) if (p !== 'root' && !this.accessible(this.files.get(p))) throw notFound(method, p);
  }

  /** `Drive.Files` of the Advanced Drive service, v3. */
  readonly Files = {
    copy: (resource: DriveFileResource, fileId: string): DriveFileResource => {
      this.calls.tick('Drive.Files.copy', 'service');
      const src = this.files.get(fileId);
      if (!this.accessible(src) || src.trashed) throw notFound('copy', fileId);
      this.checkParents('copy', resource.parents);
      const id = this.newId();
      const name = resource.name ?? `Copie de ${src.name}`;
      const rec: DriveFileRecord = { ...src, id, name, parents: resource.parents ?? ['root'], appProperties: { ...(resource.appProperties ?? {}) }, createdByApp: true, picked: false, trashed: false };
      if (src.doc) rec.doc = src.doc.clone(id, name);
      this.files.set(id, rec);
      return this.resource(rec);
    },
    get: (fileId: string): DriveFileResource => {
      this.calls.tick('Drive.Files.get', 'service');
      const f = this.files.get(fileId);
      if (!this.accessible(f)) throw notFound('get', fileId);
      return this.resource(f);
    },
    create: (resource: DriveFileResource, blob?: FakeBlob): DriveFileResource => {
      this.calls.tick('Drive.Files.create', 'service');
      this.checkParents('create', resource.parents);
      const id = this.newId();
      const rec: DriveFileRecord = {
        id,
        name: resource.name ?? blob?.getName() ?? 'Sans titre',
        mimeType: resource.mimeType ?? blob?.getContentType() ?? 'application/octet-stream',
        parents: resource.parents ?? ['root'],
        appProperties: { ...(resource.appProperties ?? {}) },
        createdByApp: true,
        picked: false,
        trashed: false,
        ...(blob ? { bytes: blob.bytes } : {}),
      };
      if (rec.mimeType === DOC_MIME) rec.doc = new StoredDoc(this.calls, id, rec.name);
      this.files.set(id, rec);
      return this.resource(rec);
    },
    update: (resource: DriveFileResource, fileId: string): DriveFileResource => {
      this.calls.tick('Drive.Files.update', 'service');
      const f = this.files.get(fileId);
      if (!this.accessible(f)) throw notFound('update', fileId);
      if (resource.name !== undefined) f.name = resource.name;
      if (resource.trashed !== undefined) f.trashed = resource.trashed;
      if (resource.appProperties) Object.assign(f.appProperties, resource.appProperties);
      return this.resource(f);
    },
    remove: (fileId: string): void => {
      this.calls.tick('Drive.Files.remove', 'service');
      const f = this.files.get(fileId);
      if (!this.accessible(f)) throw notFound('delete', fileId);
      this.files.delete(fileId);
    },
    /** Understands the query clauses Rapporteur writes, joined by "and". */
    list: (opts: { q?: string; pageSize?: number } = {}): { files: DriveFileResource[] } => {
      this.calls.tick('Drive.Files.list', 'service');
      const clauses = (opts.q ?? '').split(/\s+and\s+(?![^{]*\})/).map((c) => c.trim()).filter(Boolean);
      const matches = (f: DriveFileRecord) =>
        clauses.every((c) => {
          let m: RegExpExecArray | null;
          if ((m = /^appProperties has \{ key='(.*?)' and value='(.*?)' \}$/.exec(c))) return f.appProperties[m[1]!] === m[2]!.replace(/\\'/g, "'");
          if ((m = /^trashed = (true|false)$/.exec(c))) return f.trashed === (m[1] === 'true');
          if ((m = /^'(.*?)' in parents$/.exec(c))) return f.parents.includes(m[1]!);
          if ((m = /^mimeType = '(.*?)'$/.exec(c))) return f.mimeType === m[1];
          throw new Error(`GoogleJsonResponseException: Invalid Value (q: ${c})`);
        });
      const files = [...this.files.values()].filter((f) => this.accessible(f) && matches(f)).map((f) => this.resource(f));
      return { files: files.slice(0, opts.pageSize ?? 100) };
    },
  };

  /** DriveApp, minimal: under drive.file it too refuses files the add-on did not create. */
  readonly DriveApp = {
    getFileById: (id: string) => {
      this.calls.tick('DriveApp.getFileById', 'service');
      const f = this.files.get(id);
      if (!this.accessible(f)) throw new Error(`No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.`);
      return {
        getId: () => f.id,
        getName: () => f.name,
        getUrl: () => this.resource(f).webViewLink!,
        setTrashed: (t: boolean) => {
          this.calls.tick('File.setTrashed', 'service');
          f.trashed = t;
        },
      };
    },
  };

  /** Files of a folder (or all), for tests to read the state. */
  list(parent?: string): DriveFileRecord[] {
    return [...this.files.values()].filter((f) => !f.trashed && (!parent || f.parents.includes(parent)));
  }
}

/** DocumentApp and Drive over one store and one call counter. */
export function createGoogleFakes(scope: 'drive.file' | 'drive' = 'drive.file') {
  const calls = new CallCounter();
  const drive = new FakeDrive(calls, scope);
  return { calls, drive, Drive: { Files: drive.Files }, DriveApp: drive.DriveApp, DocumentApp: createFakeDocumentApp(drive, calls) };
}
