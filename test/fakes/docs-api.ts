/**
 * An in-memory Docs API v1 (advanced service `Docs`) over the same stored documents as the
 * DocumentApp and Drive fakes, so a Drive copy is a Docs document too. `get` returns the
 * structural JSON with startIndex/endIndex in UTF-16 code units (body from 1, after the
 * section break; headers and footers from 0; a table takes one index at its start, one per
 * row start, one per cell start and one at its end). `batchUpdate` applies the requests in
 * order on a copy and writes back only if every one is valid: atomic, like the real API.
 * It refuses what the real API refuses: text outside a paragraph, deleting a segment's or a
 * cell's last newline, part of a table, the newline before a table without the table.
 */
import { CallCounter } from './calls';
import { Paragraph, Section, Table, TableCell, TableRow, Text, type DocStore, type StoredDoc } from './document';

type TextStyle = { bold?: boolean; italic?: boolean };
type ParagraphStyle = { namedStyleType?: string; alignment?: string };
type Bullet = { listId: string; nestingLevel?: number };
type Unit =
  | { k: 'c'; ch: string; ts: TextStyle }
  | { k: 'p'; ts: TextStyle; ps: ParagraphStyle; bullet?: Bullet; glyph?: string | null }
  | { k: 'T' }
  | { k: 'R' }
  | { k: 'C' }
  | { k: 'E' };

const HEADING_TO_NAMED: Record<string, string> = { NORMAL: 'NORMAL_TEXT', HEADING1: 'HEADING_1', HEADING2: 'HEADING_2', HEADING3: 'HEADING_3', TITLE: 'TITLE', SUBTITLE: 'SUBTITLE' };
const NAMED_TO_HEADING = Object.fromEntries(Object.entries(HEADING_TO_NAMED).map(([a, b]) => [b, a]));
const ALIGN_TO_API: Record<string, string> = { LEFT: 'START', CENTER: 'CENTER', RIGHT: 'END', JUSTIFY: 'JUSTIFIED' };
const API_TO_ALIGN = Object.fromEntries(Object.entries(ALIGN_TO_API).map(([a, b]) => [b, a]));

class BadRequest extends Error {
  constructor(message: string) {
    super(`API call to docs.documents.batchUpdate failed with error: Invalid requests: ${message}`);
  }
}

function flattenContainer(blocks: readonly (Paragraph | Table)[], out: Unit[]): void {
  for (const b of blocks) {
    if (b instanceof Paragraph) {
      const attrs = b.text.attrs;
      for (let i = 0; i < b.text.chars.length; i++) out.push({ k: 'c', ch: b.text.chars[i]!, ts: { ...attrs[i] } });
      const ps: ParagraphStyle = { namedStyleType: HEADING_TO_NAMED[b.heading] ?? 'NORMAL_TEXT', ...(b.alignment ? { alignment: ALIGN_TO_API[b.alignment]! } : {}) };
      out.push({ k: 'p', ts: { ...(attrs[attrs.length - 1] ?? {}) }, ps, ...(b.type === 'LIST_ITEM' ? { bullet: { listId: 'kix.list', nestingLevel: b.nestingLevel }, glyph: b.glyphType } : {}) });
    } else {
      out.push({ k: 'T' });
      for (const r of b.rows) {
        out.push({ k: 'R' });
        for (const c of r.cells) {
          out.push({ k: 'C' });
          flattenContainer(c.children, out);
        }
      }
      out.push({ k: 'E' });
    }
  }
}

/** Rebuilds DocumentApp elements from units [from, to), which hold whole blocks. */
function unflatten(calls: CallCounter, units: Unit[], from: number, to: number): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  let i = from;
  let chars = '';
  let attrs: TextStyle[] = [];
  while (i < to) {
    const u = units[i]!;
    if (u.k === 'c') {
      chars += u.ch;
      attrs.push(u.ts);
      i++;
    } else if (u.k === 'p') {
      const p = new Paragraph(calls, u.bullet ? 'LIST_ITEM' : 'PARAGRAPH');
      p.text = Object.assign(new Text(calls), { chars, attrs: attrs.map((a) => ({ ...a })), parent: p });
      p.heading = NAMED_TO_HEADING[u.ps.namedStyleType ?? 'NORMAL_TEXT'] ?? 'NORMAL';
      p.alignment = u.ps.alignment ? (API_TO_ALIGN[u.ps.alignment] ?? null) : null;
      if (u.bullet) Object.assign(p, { glyphType: u.glyph ?? 'BULLET', nestingLevel: u.bullet.nestingLevel ?? 0 });
      blocks.push(p);
      chars = '';
      attrs = [];
      i++;
    } else if (u.k === 'T') {
      const end = matchingEnd(units, i);
      const t = new Table(calls);
      let j = i + 1;
      while (j < end) {
        const r = new TableRow(calls);
        r.parent = t;
        t.rows.push(r);
        j++;
        while (j < end && units[j]!.k === 'C') {
          let k = j + 1;
          while (k < end && units[k]!.k !== 'C' && units[k]!.k !== 'R') k = units[k]!.k === 'T' ? matchingEnd(units, k) + 1 : k + 1;
          const c = new TableCell(calls);
          c.parent = r;
          for (const b of unflatten(calls, units, j + 1, k)) {
            b.parent = c;
            c.children.push(b);
          }
          r.cells.push(c);
          j = k;
        }
      }
      blocks.push(t);
      i = end + 1;
    } else throw new Error(`fake Docs: unexpected ${u.k}`);
  }
  return blocks;
}

function matchingEnd(units: Unit[], start: number): number {
  let depth = 0;
  for (let i = start; i < units.length; i++) {
    if (units[i]!.k === 'T') depth++;
    else if (units[i]!.k === 'E' && --depth === 0) return i;
  }
  throw new Error('fake Docs: unclosed table');
}

interface Segment {
  units: Unit[];
  /** Index of units[0]: 1 in the body (after the section break), 0 in headers and footers. */
  base: number;
}

export interface DocsApiFake {
  Documents: {
    get(documentId: string): unknown;
    batchUpdate(resource: { requests: object[] }, documentId: string): { replies: object[] };
  };
  /** Requests of every batchUpdate, in order: what a test inspects. */
  readonly log: object[][];
  /** Makes the next batchUpdate fail as the real one does on a server error. */
  failNext(message: string): void;
}

export function createFakeDocsApi(store: DocStore, calls: CallCounter): DocsApiFake {
  const log: object[][] = [];
  let failure: string | null = null;
  const segmentsOf = (doc: StoredDoc): Record<string, Segment> => {
    const seg = (s: Section, base: number): Segment => {
      const units: Unit[] = [];
      flattenContainer(s.children, units);
      return { units, base };
    };
    const out: Record<string, Segment> = { '': seg(doc.body, 1) };
    if (doc.header) out['header'] = seg(doc.header, 0);
    if (doc.footer) out['footer'] = seg(doc.footer, 0);
    return out;
  };
  const open = (id: string): StoredDoc => {
    const doc = store.getDoc(id);
    if (!doc) throw new Error(`API call to docs.documents failed with error: Requested entity was not found.`);
    return doc;
  };

  function toJson(seg: Segment, from: number, to: number): object[] {
    const content: object[] = [];
    let i = from;
    let start = i;
    let runs: object[] = [];
    let runStart = i;
    let runText = '';
    let runStyle: string | null = null;
    const flushRun = (at: number) => {
      if (runText) runs.push({ startIndex: seg.base + runStart, endIndex: seg.base + at, textRun: { content: runText, textStyle: JSON.parse(runStyle!) } });
      runText = '';
      runStyle = null;
      runStart = at;
    };
    while (i < to) {
      const u = seg.units[i]!;
      if (u.k === 'c' || u.k === 'p') {
        const style = JSON.stringify(u.ts);
        if (runStyle !== null && style !== runStyle) flushRun(i);
        if (runStyle === null) runStart = i;
        runStyle = style;
        runText += u.k === 'c' ? u.ch : '\n';
        i++;
        if (u.k === 'p') {
          flushRun(i);
          content.push({
            startIndex: seg.base + start,
            endIndex: seg.base + i,
            paragraph: { elements: runs, paragraphStyle: { ...u.ps }, ...(u.bullet ? { bullet: { ...u.bullet } } : {}) },
          });
          runs = [];
          start = i;
        }
      } else if (u.k === 'T') {
        const end = matchingEnd(seg.units, i);
        const rows: object[] = [];
        let j = i + 1;
        let columns = 0;
        while (j < end) {
          const rowStart = j;
          j++;
          const cells: object[] = [];
          while (j < end && seg.units[j]!.k === 'C') {
            let k = j + 1;
            while (k < end && seg.units[k]!.k !== 'C' && seg.units[k]!.k !== 'R') k = seg.units[k]!.k === 'T' ? matchingEnd(seg.units, k) + 1 : k + 1;
            cells.push({ startIndex: seg.base + j, endIndex: seg.base + k, content: toJson(seg, j + 1, k) });
            j = k;
          }
          columns = Math.max(columns, cells.length);
          rows.push({ startIndex: seg.base + rowStart, endIndex: seg.base + j, tableCells: cells });
        }
        content.push({ startIndex: seg.base + i, endIndex: seg.base + end + 1, table: { rows: rows.length, columns, tableRows: rows } });
        i = end + 1;
        start = i;
      } else throw new Error(`fake Docs: unexpected ${u.k}`);
    }
    return content;
  }

  /** The table whose start unit is at `at`, as rows of cells of [start, end) unit spans. */
  function tableAt(seg: Segment, at: number): { end: number; rows: { start: number; cells: { start: number; end: number }[] }[] } {
    if (seg.units[at]?.k !== 'T') throw new BadRequest(`No table found at index ${at + seg.base}.`);
    const end = matchingEnd(seg.units, at);
    const rows: { start: number; cells: { start: number; end: number }[] }[] = [];
    let j = at + 1;
    while (j < end) {
      const row = { start: j, cells: [] as { start: number; end: number }[] };
      j++;
      while (j < end && seg.units[j]!.k === 'C') {
        let k = j + 1;
        while (k < end && seg.units[k]!.k !== 'C' && seg.units[k]!.k !== 'R') k = seg.units[k]!.k === 'T' ? matchingEnd(seg.units, k) + 1 : k + 1;
        row.cells.push({ start: j, end: k });
        j = k;
      }
      rows.push(row);
    }
    return { end, rows };
  }

  function apply(segs: Record<string, Segment>, req: Record<string, any>): object {
    const [kind, body] = Object.entries(req)[0] as [string, any];
    const segOf = (id: string | undefined) => {
      const s = segs[id ?? ''];
      if (!s) throw new BadRequest(`${kind}: segment "${id}" not found.`);
      return s;
    };
    const rangeOf = (r: { segmentId?: string; startIndex: number; endIndex: number }) => {
      const s = segOf(r.segmentId);
      const a = r.startIndex - s.base;
      const b = r.endIndex - s.base;
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > s.units.length || a >= b) throw new BadRequest(`${kind}: invalid range [${r.startIndex}, ${r.endIndex}).`);
      return { s, a, b };
    };
    switch (kind) {
      case 'insertText': {
        const s = segOf(body.location?.segmentId);
        const at = body.location.index - s.base;
        const here = s.units[at];
        if (!here || (here.k !== 'c' && here.k !== 'p')) throw new BadRequest(`insertText: index ${body.location.index} must be inside the bounds of an existing paragraph.`);
        const para = s.units.slice(at).find((u) => u.k === 'p') as Extract<Unit, { k: 'p' }>;
        const prev = s.units[at - 1];
        const like: TextStyle = prev && (prev.k === 'c' || prev.k === 'p') ? prev.ts : here.ts;
        const units: Unit[] = Array.from(body.text as string, (ch) =>
          ch === '\n' ? { k: 'p', ts: { ...like }, ps: { ...para.ps }, ...(para.bullet ? { bullet: { ...para.bullet }, glyph: para.glyph } : {}) } : { k: 'c', ch, ts: { ...like } },
        );
        // Array.from splits by code point: the API counts UTF-16 code units.
        const flat: Unit[] = [];
        for (const u of units) if (u.k === 'c' && u.ch.length === 2) flat.push({ ...u, ch: u.ch[0]! }, { ...u, ch: u.ch[1]! });
        else flat.push(u);
        s.units.splice(at, 0, ...flat);
        return {};
      }
      case 'deleteContentRange': {
        const { s, a, b } = rangeOf(body.range);
        const last = s.units.length - 1;
        for (let i = a; i < b; i++) {
          const u = s.units[i]!;
          if (u.k === 'p' && i === last) throw new BadRequest('deleteContentRange: the last newline of a segment cannot be deleted.');
          if (u.k === 'p' && ['C', 'R', 'E'].includes(s.units[i + 1]?.k ?? '')) throw new BadRequest('deleteContentRange: the last newline of a table cell cannot be deleted.');
          if (u.k === 'p' && s.units[i + 1]?.k === 'T' && b <= matchingEnd(s.units, i + 1)) throw new BadRequest('deleteContentRange: the newline before a table cannot be deleted without the table.');
          if (u.k === 'T') {
            const end = matchingEnd(s.units, i);
            if (end >= b) throw new BadRequest('deleteContentRange: a table can only be deleted whole.');
            i = end;
          } else if (u.k === 'R' || u.k === 'C' || u.k === 'E') throw new BadRequest('deleteContentRange: rows and cells cannot be deleted this way.');
        }
        s.units.splice(a, b - a);
        return {};
      }
      case 'updateTextStyle': {
        const { s, a, b } = rangeOf(body.range);
        const fields = String(body.fields).split(',').map((f) => f.trim());
        for (let i = a; i < b; i++) {
          const u = s.units[i]!;
          if (u.k !== 'c' && u.k !== 'p') continue;
          for (const f of ['bold', 'italic'] as const) if (fields.includes('*') || fields.includes(f)) body.textStyle[f] ? (u.ts[f] = true) : delete u.ts[f];
        }
        return {};
      }
      case 'updateParagraphStyle': {
        const { s, a, b } = rangeOf(body.range);
        const fields = String(body.fields).split(',').map((f) => f.trim());
        let i = a;
        while (i < s.units.length) {
          const u = s.units[i]!;
          if (u.k === 'p') {
            for (const f of ['namedStyleType', 'alignment'] as const) if (fields.includes('*') || fields.includes(f)) body.paragraphStyle[f] ? (u.ps[f] = body.paragraphStyle[f]) : delete u.ps[f];
            if (i >= b - 1) break;
          }
          i++;
        }
        return {};
      }
      case 'createParagraphBullets': {
        const { s, a, b } = rangeOf(body.range);
        for (let i = a; i < s.units.length; i++) {
          const u = s.units[i]!;
          if (u.k === 'p') {
            u.bullet = { listId: 'kix.new', nestingLevel: 0 };
            u.glyph = String(body.bulletPreset).includes('DASH') || String(body.bulletPreset).includes('HYPHEN') ? 'HYPHEN' : 'BULLET';
            if (i >= b - 1) break;
          }
        }
        return {};
      }
      case 'deleteParagraphBullets': {
        const { s, a, b } = rangeOf(body.range);
        for (let i = a; i < s.units.length; i++) {
          const u = s.units[i]!;
          if (u.k === 'p') {
            delete u.bullet;
            delete u.glyph;
            if (i >= b - 1) break;
          }
        }
        return {};
      }
      case 'insertTableRow': {
        const loc = body.tableCellLocation;
        const s = segOf(loc.tableStartLocation.segmentId);
        const t = tableAt(s, loc.tableStartLocation.index - s.base);
        const row = t.rows[loc.rowIndex];
        if (!row) throw new BadRequest(`insertTableRow: row ${loc.rowIndex} out of bounds.`);
        const at = body.insertBelow ? (t.rows[loc.rowIndex + 1]?.start ?? t.end) : row.start;
        // The new row is empty, its cells' one paragraph styled like the reference row's.
        const fresh: Unit[] = [{ k: 'R' }];
        for (const c of row.cells) {
          const firstP = s.units.slice(c.start, c.end).find((u) => u.k === 'p') as Extract<Unit, { k: 'p' }>;
          fresh.push({ k: 'C' }, { k: 'p', ts: {}, ps: { ...firstP.ps } });
        }
        s.units.splice(at, 0, ...fresh);
        return {};
      }
      case 'deleteTableRow': {
        const loc = body.tableCellLocation;
        const s = segOf(loc.tableStartLocation.segmentId);
        const t = tableAt(s, loc.tableStartLocation.index - s.base);
        const row = t.rows[loc.rowIndex];
        if (!row) throw new BadRequest(`deleteTableRow: row ${loc.rowIndex} out of bounds.`);
        if (t.rows.length === 1) throw new BadRequest('deleteTableRow: a table keeps at least one row.');
        const end = t.rows[loc.rowIndex + 1]?.start ?? t.end;
        s.units.splice(row.start, end - row.start);
        return {};
      }
      default:
        throw new BadRequest(`${kind} is not supported by the fake.`);
    }
  }

  return {
    log,
    failNext(message: string) {
      failure = message;
    },
    Documents: {
      get(documentId: string) {
        calls.tick('Docs.Documents.get', 'service');
        const doc = open(documentId);
        const segs = segmentsOf(doc);
        const json: Record<string, any> = {
          documentId,
          title: doc.name,
          body: { content: [{ startIndex: 0, endIndex: 1, sectionBreak: { sectionStyle: {} } }, ...toJson(segs['']!, 0, segs['']!.units.length)] },
        };
        if (segs['header']) json.headers = { header: { headerId: 'header', content: toJson(segs['header'], 0, segs['header'].units.length) } };
        if (segs['footer']) json.footers = { footer: { footerId: 'footer', content: toJson(segs['footer'], 0, segs['footer'].units.length) } };
        if (segs['header']) json.documentStyle = { defaultHeaderId: 'header', ...(segs['footer'] ? { defaultFooterId: 'footer' } : {}) };
        else if (segs['footer']) json.documentStyle = { defaultFooterId: 'footer' };
        return json;
      },
      batchUpdate(resource: { requests: object[] }, documentId: string) {
        calls.tick('Docs.Documents.batchUpdate', 'service');
        const doc = open(documentId);
        log.push(resource.requests);
        if (failure) {
          const m = failure;
          failure = null;
          throw new Error(m);
        }
        const segs = segmentsOf(doc);
        const replies = resource.requests.map((r) => apply(segs, r as Record<string, any>));
        // Every request passed: the document changes at once.
        const section = (seg: Segment, type: 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION') => {
          const s = new Section(calls, type);
          for (const b of unflatten(calls, seg.units, 0, seg.units.length)) {
            b.parent = s;
            s.children.push(b);
          }
          return s;
        };
        doc.body = section(segs['']!, 'BODY_SECTION');
        if (segs['header']) doc.header = section(segs['header'], 'HEADER_SECTION');
        if (segs['footer']) doc.footer = section(segs['footer'], 'FOOTER_SECTION');
        return { replies };
      },
    },
  };
}
