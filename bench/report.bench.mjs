// Issue 5: local .docx reports per minute (check, fields, fill, zip) for 100 dossiers from
// the default template, against a baseline in the same run: unzipping and re-zipping the
// template unchanged, the floor any .docx writer pays.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadTs, root, fmt } from './load-ts.mjs';

const require = createRequire(import.meta.url);

export const title = 'Notes locales (.docx) : notes par minute';

const DOSSIERS = 100;

export async function run() {
  const m = await loadTs('bench/report-entry.ts');
  const base = JSON.parse(readFileSync(join(root, 'examples/medinsoft-2018-corrige.json'), 'utf8'));
  const dossiers = Array.from({ length: DOSSIERS }, (_, i) => ({
    ...base,
    id: `B-${i}`,
    subsidy: 40000 + i * 100,
    cofinancers: [
      { name: 'Métropole Aix-Marseille-Provence', amount: 10000 + i * 100 },
      { name: 'Conseil de Territoire du Pays d’Aix (CT2)', amount: 30000 },
    ],
  }));
  const templateBytes = await m.modelToDocx(m.DEFAULT_TEMPLATE);
  const template = await m.openDocx(templateBytes);

  // Warm-up, so that both timings measure steady work rather than the first compilations.
  for (const d of dossiers.slice(0, 5)) await m.fillDocx(template, m.reportFields(d, m.checkDossier(d)));

  let t = performance.now();
  let bytes = 0;
  for (const d of dossiers) {
    const out = await m.fillDocx(template, m.reportFields(d, m.checkDossier(d), undefined, { todayIso: '2018-06-12' }), { RapporteurDataHash: d.id });
    bytes += out.length;
  }
  const reportMs = performance.now() - t;

  t = performance.now();
  for (let i = 0; i < DOSSIERS; i++) await (await m.JSZip.loadAsync(templateBytes)).generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const zipMs = performance.now() - t;

  const perMinute = (ms) => (DOSSIERS * 60000) / ms;
  const versus = await sideBySide(m);
  return [
    ...versus,
    `${DOSSIERS} notes du modèle par défaut : ${fmt(reportMs, 0)} ms, soit ${fmt(perMinute(reportMs), 0)} notes par minute (${fmt(reportMs / DOSSIERS, 2)} ms par note, ${fmt(bytes / DOSSIERS / 1024, 1)} Ko chacune)`,
    `référence, même exécution : re-zipper le modèle inchangé ${DOSSIERS} fois : ${fmt(zipMs, 0)} ms (${fmt(perMinute(zipMs), 0)} par minute)`,
    `rapport : une note coûte ${fmt(reportMs / zipMs, 1)} fois un simple re-zippage du modèle`,
  ];
}

// Issue 15: the same work for our writer and for docxtemplater (bench only: src/ never imports
// it). One description gives both templates: a dozen fields and a 20-row table loop, the tags
// written in each engine's syntax; each engine fills it FILLS times, in the same run.
const FILLS = 200;
const FIELDS = Array.from({ length: 12 }, (_, i) => `champ_${i + 1}`);
const ROW_FIELDS = ['libelle', 'montant', 'taux'];

function description(m) {
  const tag = (name) => `«${name}»`;
  const body = [m.para('Note au conseil', { style: 'title' })];
  for (const f of FIELDS) body.push(m.para(`${f.replace('_', ' ')} : ${tag(f)}.`));
  const cells = ROW_FIELDS.map((f, i) => ({ blocks: [m.para(`${i === 0 ? '«#lignes»' : ''}${tag(f)}${i === ROW_FIELDS.length - 1 ? '«/lignes»' : ''}`)] }));
  body.push({ type: 'table', rows: [{ cells: ROW_FIELDS.map((f) => ({ blocks: [m.para(f, { bold: true })] })) }, { cells }] });
  body.push(m.para('Fin de la note.'));
  return { body };
}

async function inSyntax(m, open, close) {
  const JSZip = m.JSZip;
  const zip = await JSZip.loadAsync(await m.modelToDocx(description(m)));
  const xml = await zip.file('word/document.xml').async('string');
  zip.file('word/document.xml', xml.replace(/«([^»]+)»/g, (_all, name) => `${open}${name}${close}`));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function dataFor(i) {
  const data = {};
  for (const f of FIELDS) data[f] = `${f}-valeur-${i}`;
  data.lignes = Array.from({ length: 20 }, (_, r) => ({ libelle: `Ligne ${r + 1} du dossier ${i}`, montant: `${(r + 1) * 1000 + i} €`, taux: `${r},5 %` }));
  return data;
}

async function textOf(m, bytes) {
  const xml = await (await m.JSZip.loadAsync(bytes)).file('word/document.xml').async('string');
  return [...m.parseXml(xml, 'word/document.xml').documentElement.getElementsByTagNameNS(m.W, 't')].map((t) => t.textContent).join('');
}

function expectValues(text, data, who) {
  const wanted = [...FIELDS.map((f) => data[f]), ...data.lignes.flatMap((l) => ROW_FIELDS.map((f) => l[f]))];
  const missing = wanted.filter((v) => !text.includes(v));
  if (missing.length || /[{}«»]/.test(text)) throw new Error(`${who} : la note relue ne contient pas les valeurs (${missing.slice(0, 3).join(', ')}…) ou garde des balises`);
}

async function sideBySide(m) {
  const PizZip = require('pizzip');
  const Docxtemplater = require('docxtemplater');
  const ours = await m.openDocx(await inSyntax(m, '{{', '}}'));
  const theirsBytes = await inSyntax(m, '{', '}');
  const oursFill = (data) => m.fillDocx(ours, data);
  const theirsFill = (data) => {
    const doc = new Docxtemplater(new PizZip(theirsBytes), { paragraphLoop: true, linebreaks: true });
    doc.render(data);
    return doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
  };
  // Both outputs read back: every value in the text, no tag left.
  const probe = dataFor(7);
  expectValues(await textOf(m, await oursFill(probe)), probe, 'Rapporteur');
  expectValues(await textOf(m, theirsFill(probe)), probe, 'docxtemplater');
  const datas = Array.from({ length: FILLS }, (_, i) => dataFor(i));
  for (const d of datas.slice(0, 20)) { await oursFill(d); theirsFill(d); }
  // Interleaved rounds, so that a burst of load on the shared machine hits both engines.
  let oursMs = 0;
  let theirsMs = 0;
  for (let round = 0; round < 4; round++) {
    let t = performance.now();
    for (const d of datas.slice(round * (FILLS / 4), (round + 1) * (FILLS / 4))) await oursFill(d);
    oursMs += performance.now() - t;
    t = performance.now();
    for (const d of datas.slice(round * (FILLS / 4), (round + 1) * (FILLS / 4))) theirsFill(d);
    theirsMs += performance.now() - t;
  }
  const ratio = oursMs / theirsMs;
  return [
    `même modèle (12 champs, boucle de 20 lignes), ${FILLS} notes : Rapporteur ${fmt(oursMs, 0)} ms (${fmt(oursMs / FILLS, 2)} ms par note), docxtemplater ${fmt(theirsMs, 0)} ms (${fmt(theirsMs / FILLS, 2)} ms par note)`,
    `rapport Rapporteur / docxtemplater : ${fmt(ratio, 2)} (objectif ≤ 1) ${ratio <= 1 ? 'OK' : 'ÉCHEC'} ; les deux notes relues contiennent les valeurs`,
  ];
}
