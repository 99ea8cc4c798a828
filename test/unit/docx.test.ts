import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocx, docxModel, fillDocx, modelToDocx, openDocx, readCustomProperties, DocxError } from '../../src/local/docx';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { FIELD_DOCS, reportFields } from '../../src/core/report-fields';
import { checkDossier } from '../../src/core/checks';
import type { DossierInput } from '../../src/core/dossier';
import { TemplateRenderError, type TBlock } from '../../src/core/template';
import { formatPlace } from '../../src/core/messages/template';

const corrected: DossierInput = JSON.parse(readFileSync(join(__dirname, '../../examples/medinsoft-2018-corrige.json'), 'utf8'));
const data = reportFields(corrected, checkDossier(corrected), undefined, { todayIso: '2018-06-12' });
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const texts = (blocks: readonly TBlock[] = []): string[] =>
  blocks.flatMap((b) => (b.type === 'paragraph' ? [`${b.list ? '- ' : ''}${plain(b.runs.map((r) => r.text).join(''))}`] : b.type === 'table' ? b.rows.map((r) => r.cells.map((c) => texts(c.blocks).join('/')).join(' | ')) : []));

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A minimal .docx around a body, as Word would save it (with an extra media file to keep). */
async function docxWithBody(bodyXml: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${bodyXml}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`);
  zip.file('word/media/image1.png', new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
  return zip.generateAsync({ type: 'uint8array' });
}
const p = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const r = (text: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (...paras: string[]) => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${paras.join('')}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>${rows.join('')}</w:tbl>`;

describe('the default template as a .docx', () => {
  it('reads back as the same paragraphs, list items, header and footer', async () => {
    const model = docxModel(await openDocx(await modelToDocx(DEFAULT_TEMPLATE)));
    expect(texts(model.body)).toEqual(texts(DEFAULT_TEMPLATE.body));
    expect(texts(model.header)).toEqual(texts(DEFAULT_TEMPLATE.header));
    expect(texts(model.footer)).toEqual(texts(DEFAULT_TEMPLATE.footer));
  });

  it('carries the styles staff expect: title, heading, dash list, justified body', async () => {
    const zip = await JSZip.loadAsync(await modelToDocx(DEFAULT_TEMPLATE));
    const styles = await zip.file('word/styles.xml')!.async('string');
    const numbering = await zip.file('word/numbering.xml')!.async('string');
    const document = await zip.file('word/document.xml')!.async('string');
    expect(styles).toMatch(/w:styleId="Title"[\s\S]*<w:caps\/>/);
    expect(styles).toContain('w:styleId="Heading1"');
    expect(numbering).toContain('<w:lvlText w:val="-"/>');
    expect(document).toContain('<w:pStyle w:val="Title"/>');
    expect(document).toContain('<w:jc w:val="both"/>');
    expect(document.match(/<w:numId w:val="1"\/>/g)).toHaveLength(2);
  });

  it('is a valid template for every report field', async () => {
    expect(checkDocx(await openDocx(await modelToDocx(DEFAULT_TEMPLATE)), FIELD_DOCS)).toEqual([]);
  });
});

describe('fillDocx', () => {
  it('writes the report of the corrected example: the financial paragraph, the split as list items, no {{ left', async () => {
    const out = await fillDocx(await openDocx(await modelToDocx(DEFAULT_TEMPLATE)), data);
    const model = docxModel(await openDocx(out));
    const body = texts(model.body);
    expect(body).toContain(
      "Pour les actions menées du 1er janvier 2018 au 31 mars 2018, le soutien financier de la Métropole d'Aix-Marseille Provence s'élèvera à 47 500 euros, représentant 23,75 % du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de 200 000 € (budget prévisionnel annuel de 800 000 euros).",
    );
    expect(body.slice(body.indexOf('Ce soutien financier se décompose comme suit :') + 1).slice(0, 2)).toEqual([
      '- 17 500 € pris en charge par la Métropole Aix-Marseille-Provence ;',
      "- 30 000 € pris en charge par le Conseil de Territoire du Pays d'Aix (CT2).",
    ]);
    expect(body.filter((l) => l.startsWith('- '))).toHaveLength(6);
    expect(texts(model.header)).toEqual(["Métropole d'Aix-Marseille Provence"]);
    expect(texts(model.footer)).toEqual(['Rapporteur — note du 12 juin 2018']);
    expect(JSON.stringify([body, texts(model.header), texts(model.footer)])).not.toContain('{{');
  });

  it('finds a field Word split across runs (with proofing marks between) and keeps the formatting of its first run', async () => {
    const template = await openDocx(await docxWithBody(p(r('Montant : '), r('{{montant_', true), '<w:proofErr w:type="spellStart"/>', r('subvention}}'), r(' au total.'))));
    const zip = await JSZip.loadAsync(await fillDocx(template, data));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(plain(xml)).toContain('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">47 500 €</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve"></w:t></w:r>');
    expect(texts(docxModel(await openDocx(await zip.generateAsync({ type: 'uint8array' }))).body)).toEqual(['Montant : 47 500 € au total.']);
  });

  it('repeats a table row for each co-financer and keeps the rows around it', async () => {
    const body = tbl(tr(tc(p(r('Financeur'))), tc(p(r('Montant')))), tr(tc(p(r('{{#cofinanceurs}}{{nom}}'))), tc(p(r('{{montant}}{{/cofinanceurs}}')))), tr(tc(p(r('Total'))), tc(p(r('{{total_cofinancements}}')))));
    const out = docxModel(await openDocx(await fillDocx(await openDocx(await docxWithBody(body)), data)));
    expect(texts(out.body)).toEqual(['Financeur | Montant', 'Métropole Aix-Marseille-Provence | 17 500 €', "Conseil de Territoire du Pays d'Aix (CT2) | 30 000 €", 'Total | 47 500 €']);
  });

  it('repeats paragraphs between tags of their own and drops the tag paragraphs', async () => {
    const out = docxModel(await openDocx(await fillDocx(await openDocx(await docxWithBody(p(r('{{#actions}}')) + p(r('* {{.}}')) + p(r('{{/actions}}')) + p(r('fin')))), data)));
    expect(texts(out.body)).toEqual([...(data.actions as string[]).map((a) => `* ${a}`), 'fin']);
  });

  it('keeps the rest of the package as it was', async () => {
    const bytes = await docxWithBody(p(r('{{beneficiaire}}')));
    const out = await JSZip.loadAsync(await fillDocx(await openDocx(bytes), data, { RapporteurDataHash: 'abc' }));
    expect(Array.from(await out.file('word/media/image1.png')!.async('uint8array'))).toEqual([137, 80, 78, 71, 1, 2, 3]);
    expect(await out.file('word/document.xml')!.async('string')).toContain('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body>');
  });

  // XML 1.0 cannot write most control characters, not even as &#1;: one in a beneficiary's
  // name made LibreOffice refuse the whole report (« source file could not be loaded »).
  it('writes no character XML forbids, whatever a dossier’s text holds, in the parts and the properties', async () => {
    const dossier: DossierInput = { ...corrected, beneficiary: 'Medin\u0001soft', subject: 'Soutien\u000bà la fête\uffff', cofinancers: [{ name: 'Région\u0000\ud800', amount: '47500' }] };
    const fields = reportFields(dossier, checkDossier(dossier), undefined, { todayIso: '2018-06-12' });
    const out = await fillDocx(await openDocx(await modelToDocx(DEFAULT_TEMPLATE)), fields, { RapporteurDossierId: 'id\u0001' });
    const zip = await JSZip.loadAsync(out);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      const xml = await zip.file(name)!.async('string');
      expect([name, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)]).toEqual([name, false]);
    }
    const body = texts(docxModel(await openDocx(out)).body).join('\n');
    expect(body).toContain('Medinsoft');
    expect(body).toContain('Soutien à la fête');
    expect(body).toContain('Région');
    expect(await readCustomProperties(out)).toEqual({ RapporteurDossierId: 'id' });
  });

  it('writes the characters XML 1.0 allows as they are, the line separators U+2028 and NEL included', async () => {
    const out = await fillDocx(await openDocx(await modelToDocx({ body: [{ type: 'paragraph', runs: [{ text: '[{{b}}]' }] }] })), { b: 'a\u2028b\u0085c\u007fd\te' });
    expect(await (await JSZip.loadAsync(out)).file('word/document.xml')!.async('string')).toContain('[a\u2028b\u0085c\u007fd\te]');
  });

  it('records the data hash in the custom properties and reads it back', async () => {
    const out = await fillDocx(await openDocx(await modelToDocx(DEFAULT_TEMPLATE)), data, { RapporteurDataHash: 'f00d', RapporteurDossierId: '2018-AMFT-01' });
    expect(await readCustomProperties(out)).toEqual({ RapporteurDataHash: 'f00d', RapporteurDossierId: '2018-AMFT-01' });
    const zip = await JSZip.loadAsync(out);
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('/docProps/custom.xml');
    expect(await zip.file('_rels/.rels')!.async('string')).toContain('custom-properties');
  });

  it('refuses a template with errors, saying where they are', async () => {
    const template = await openDocx(await docxWithBody(p(r('{{benef'), r('iciare}}')) + tbl(tr(tc(p(r('{{#cofinanceurs}}'))), tc(p(r('x'))))) + p(r('{{/cofinanceurs}}'))));
    expect(checkDocx(template, FIELD_DOCS).map((e) => `${e.id}@${formatPlace(e.place)}`)).toEqual(['unknown_field@paragraphe 1, colonne 1', 'loop_across_cells@tableau 1, ligne 1, cellule 1, paragraphe 2, colonne 1']);
    await expect(fillDocx(template, data)).rejects.toThrow(TemplateRenderError);
  });

  it('says in French when a file is not a .docx', async () => {
    await expect(openDocx(new Uint8Array([1, 2, 3]), 'modele.docx')).rejects.toThrow(new DocxError('modele.docx n’est pas un document Word (.docx) lisible : le fichier n’est pas une archive .docx.'));
  });

  // A broken word/document.xml opened fine and then threw xmldom's English text (not a
  // DocxError, so the command line printed a stack trace) from the check or the fill.
  it('says in French, naming the file and the part, when a part is not XML or has no body', async () => {
    const broken = await docxWithBody(p(r('{{beneficiaire}}')).replace('</w:p>', '</w:x>'));
    const error = await openDocx(broken, 'modele.docx').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DocxError);
    expect((error as DocxError).message).toBe('modele.docx n’est pas un document Word (.docx) lisible : la partie word/document.xml n’est pas du XML valide.');
    expect((error as DocxError).detail).toBeTruthy();
    const zip = await JSZip.loadAsync(await docxWithBody(p(r('x'))));
    zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}></w:document>`);
    await expect(openDocx(await zip.generateAsync({ type: 'uint8array' }), 'modele.docx')).rejects.toThrow(new DocxError('modele.docx n’est pas un document Word (.docx) lisible : la partie word/document.xml n’a pas d’élément w:body.'));
  });

  // Found by test/fuzz/docx-template.fuzz.test.ts: a byte changed in a compressed part passed
  // jszip's opening of the archive, then its extraction threw jszip's English (« Bug :
  // uncompressed data size mismatch », « invalid distance too far back »), which the command
  // line printed as an unexpected error.
  it('says in French, naming the file and the part, when a part cannot be extracted from the archive', async () => {
    const zip = await JSZip.loadAsync(await docxWithBody(p(r('{{beneficiaire}}'.repeat(50)))));
    const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    // The compressed data of word/document.xml starts right after its local header's name.
    const at = bytes.indexOf(Buffer.from('word/document.xml')) + 'word/document.xml'.length;
    const damaged = Buffer.from(bytes);
    for (let i = at; i < at + 8; i++) damaged[i] ^= 0xff;
    const error = await openDocx(damaged, 'modele.docx').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DocxError);
    expect((error as DocxError).message).toBe('modele.docx n’est pas un document Word (.docx) lisible : la partie word/document.xml ne peut pas être extraite de l’archive (fichier abîmé ou tronqué).');
    expect((error as DocxError).detail).toBeTruthy();
  });
});
