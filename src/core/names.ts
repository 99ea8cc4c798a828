/**
 * A name as people mean it: "Métropole  Aix-Marseille" and "metropole aix-marseille" are
 * the same body. Case, accents and runs of spaces do not count.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}
