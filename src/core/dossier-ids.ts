import type { DossierInput } from './dossier';
import type { Finding } from './findings';
import { normalizeName } from './names';
import { dossierIdMessages as M } from './messages/dossier-ids';

/** How many of the other dossiers that share an id a finding names; the rest are counted. */
export const NAMED_ID_OTHERS = 3;

/**
 * DOSSIER_ID_DUPLICATE findings, by dossier position: two dossiers of one file or workbook
 * that carry the same id (compared as the sidebar compares them when it saves: case, accents
 * and spaces aside). The id is the key of the filing: the report, the convention, the run's
 * journal and the open-data row of one would be taken for the other's, and one .docx written
 * over the other. One pass that groups, so a region's year stays linear; each finding names a
 * few of the others by their place in the file and counts the rest.
 */
export function duplicateIdFindings(dossiers: readonly DossierInput[]): Map<number, Finding[]> {
  const byKey = new Map<string, number[]>();
  dossiers.forEach((d, index) => {
    const id = d?.id;
    if (id === undefined || id === null) return;
    const key = normalizeName(String(id));
    if (key === '') return;
    const bucket = byKey.get(key);
    if (bucket) bucket.push(index);
    else byKey.set(key, [index]);
  });
  const result = new Map<number, Finding[]>();
  for (const bucket of byKey.values()) {
    if (bucket.length < 2) continue;
    for (const index of bucket) {
      const others: number[] = [];
      for (const o of bucket) {
        if (others.length === NAMED_ID_OTHERS) break;
        if (o !== index) others.push(o + 1);
      }
      result.set(index, [
        {
          code: 'DOSSIER_ID_DUPLICATE',
          severity: 'error',
          field: 'id',
          message: M.duplicate({ id: String(dossiers[index].id).trim(), position: index + 1, others, otherCount: bucket.length - 1 }),
          actual: String(dossiers[index].id),
        },
      ]);
    }
  }
  return result;
}
