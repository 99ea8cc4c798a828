import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * HtmlService.createHtmlOutputFromFile, reading the pushed files (dist/, clasp's rootDir):
 * the name is given without ".html", as in Apps Script, and a missing file fails the way
 * Apps Script does. The sidebar shown is recorded by the UI fake that tests provide.
 */
export class FakeHtmlOutput {
  private title = '';
  private width: number | null = null;
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setContent(content: string): FakeHtmlOutput {
    this.content = content;
    return this;
  }
  append(addedContent: string): FakeHtmlOutput {
    this.content += addedContent;
    return this;
  }
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): FakeHtmlOutput {
    this.width = width;
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
}

export function createHtmlFake(dist = join(__dirname, '..', '..', 'dist')) {
  const HtmlService = {
    createHtmlOutputFromFile(name: string): FakeHtmlOutput {
      const file = join(dist, name.endsWith('.html') ? name : `${name}.html`);
      if (!existsSync(file)) throw new Error(`Exception: No HTML file named ${name} was found.`);
      return new FakeHtmlOutput(readFileSync(file, 'utf8'));
    },
    createHtmlOutput(content = ''): FakeHtmlOutput {
      return new FakeHtmlOutput(content);
    },
  };
  return {
    HtmlService,
    install: () => {
      const g = globalThis as Record<string, unknown>;
      const previous = g.HtmlService;
      g.HtmlService = HtmlService;
      return () => {
        g.HtmlService = previous;
      };
    },
  };
}
