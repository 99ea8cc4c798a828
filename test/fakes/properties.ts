import { CallCounter } from './spreadsheet';

/**
 * PropertiesService with Apps Script's limits: values are strings (others are converted as
 * String() does), 9 KB per value, 500 KB per store; document properties are shared by every
 * user of the document, user properties are per user.
 */
const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;

export class FakeProperties {
  private readonly data = new Map<string, string>();
  constructor(private readonly counter: CallCounter, private readonly kind: string) {}
  private count(method: string) {
    this.counter.hit(`Properties.${method}`);
  }
  private size(): number {
    let n = 0;
    for (const [k, v] of this.data) n += Buffer.byteLength(k) + Buffer.byteLength(v);
    return n;
  }
  private put(key: string, value: unknown) {
    const text = String(value);
    if (Buffer.byteLength(text) > VALUE_LIMIT) throw new Error(`Exception: Argument too large: value (${this.kind} property « ${key} »)`);
    const previous = this.data.get(key);
    this.data.set(key, text);
    if (this.size() > STORE_LIMIT) {
      if (previous === undefined) this.data.delete(key);
      else this.data.set(key, previous);
      throw new Error('Exception: You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  }
  getProperty(key: string): string | null {
    this.count('getProperty');
    return this.data.get(key) ?? null;
  }
  setProperty(key: string, value: unknown): FakeProperties {
    this.count('setProperty');
    this.put(key, value);
    return this;
  }
  getProperties(): Record<string, string> {
    this.count('getProperties');
    return Object.fromEntries(this.data);
  }
  setProperties(values: Record<string, unknown>, deleteAllOthers = false): FakeProperties {
    this.count('setProperties');
    if (deleteAllOthers) this.data.clear();
    for (const [k, v] of Object.entries(values)) this.put(k, v);
    return this;
  }
  getKeys(): string[] {
    this.count('getKeys');
    return [...this.data.keys()];
  }
  deleteProperty(key: string): FakeProperties {
    this.count('deleteProperty');
    this.data.delete(key);
    return this;
  }
  deleteAllProperties(): FakeProperties {
    this.count('deleteAllProperties');
    this.data.clear();
    return this;
  }
}

export interface PropertiesFake {
  PropertiesService: { getDocumentProperties(): FakeProperties; getUserProperties(): FakeProperties; getScriptProperties(): FakeProperties };
  document: FakeProperties;
  calls: CallCounter;
  install(): () => void;
}

export function createPropertiesFake(calls = new CallCounter()): PropertiesFake {
  const document = new FakeProperties(calls, 'document');
  const user = new FakeProperties(calls, 'user');
  const script = new FakeProperties(calls, 'script');
  const PropertiesService = {
    getDocumentProperties: () => document,
    getUserProperties: () => user,
    getScriptProperties: () => script,
  };
  return {
    PropertiesService,
    document,
    calls,
    install: () => {
      const g = globalThis as Record<string, unknown>;
      const previous = g.PropertiesService;
      g.PropertiesService = PropertiesService;
      return () => {
        g.PropertiesService = previous;
      };
    },
  };
}
