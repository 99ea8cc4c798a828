/**
 * Counts calls to the fake Google services, the one thing the fakes count on purpose: it is
 * a performance figure. `service` calls are round trips to a Google service (open a
 * document, copy a file, export a PDF); `element` calls work on an open document's
 * elements (read a paragraph, copy a row), cheaper but not free.
 */
export class CallCounter {
  service = 0;
  element = 0;
  readonly byName = new Map<string, number>();

  tick(name: string, kind: 'service' | 'element'): void {
    this[kind]++;
    this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
  }

  get total(): number {
    return this.service + this.element;
  }

  reset(): void {
    this.service = 0;
    this.element = 0;
    this.byName.clear();
  }

  snapshot(): { service: number; element: number; total: number } {
    return { service: this.service, element: this.element, total: this.total };
  }
}
