import JSZip from 'jszip';
import { cloneElement, parseXml, serializeXml, W, type XElement } from '../../src/local/docx/xml';
import { fillDocx, modelToDocx, openDocx } from '../../src/local/docx';
import { para } from '../../src/core/template/model';

const ROW = `<w:tbl xmlns:w="${W}" xmlns:r="urn:r"><w:tr w:rsidR="00A1"><w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r r:x="1"><w:t xml:space="preserve"> a &amp; b </w:t></w:r><!-- note --><w:r><w:t><![CDATA[<c>]]></w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;

describe('cloneElement (the copy of a repeated row)', () => {
  const fresh = () => parseXml(ROW, 'test.xml').documentElement!.firstChild as XElement;

  it('serialises exactly as xmldom’s own deep clone: namespaces, xml:space, entities, comments, CDATA', () => {
    const row = fresh();
    const serialise = (el: XElement) => serializeXml(el as never);
    expect(serialise(cloneElement(row))).toBe(serialise(row.cloneNode(true) as XElement));
  });

  it('leaves the source untouched when the copy is edited', () => {
    const row = fresh();
    const before = serializeXml(row as never);
    const copy = cloneElement(row);
    copy.getElementsByTagNameNS(W, 't')[0]!.firstChild!.nodeValue = 'changé';
    copy.setAttributeNS(W, 'w:rsidR', 'FFFF');
    expect(serializeXml(row as never)).toBe(before);
    expect(copy.ownerDocument).toBe(row.ownerDocument);
  });
});

describe('fillDocx keeps the template’s unchanged parts', () => {
  it('writes the styles back byte for byte, compressed as read, for every report of one template', async () => {
    const template = await openDocx(await modelToDocx({ body: [para('{{nom}}')] }));
    const styles = await template.zip.file('word/styles.xml')!.async('string');
    for (const nom of ['un', 'deux']) {
      const out = await JSZip.loadAsync(await fillDocx(template, { nom }));
      expect(await out.file('word/styles.xml')!.async('string')).toBe(styles);
      expect(await out.file('word/document.xml')!.async('string')).toContain(`>${nom}</w:t>`);
    }
  });
});
