import type { CustomFunctionDoc } from '../../src/app/custom-functions/engine';
/**
 * The built Apps Script project, loaded as Sheets loads it: dist/*.js run as scripts in a
 * fresh global scope with fake services. Run by `node build.mjs && jest --selectProjects bundle`,
 * and again under another host zone (TZ=Pacific/Honolulu …) so that dates cannot pass by
 * the host's zone happening to match the spreadsheet's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createSpreadsheetAppMin } from '../fakes/spreadsheet-min';
import { createHtmlFake } from '../fakes/html';
import { FakeUi } from '../fakes/ui';
import { createUtilities, formatDate, midnightIn } from '../fakes/utilities';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { bundleFiles, DIST, featuresHtmlService, forbiddenService, loadBundle } from '../fakes/vm-loader';
import { createGasWorld } from '../support/gas-world';
import { createGoogleFakes } from '../fakes/drive';
import { sessionDossiers } from '../support/batch-world';

type Doc = CustomFunctionDoc;

const OTHER_SERVICES = ['DocumentApp', 'DriveApp', 'Drive', 'PropertiesService', 'LockService', 'HtmlService', 'ScriptApp', 'Session', 'CacheService', 'UrlFetchApp'];

/**
 * A Sheets session: the spreadsheet's zone, fake Ui and Utilities, every other service
 * forbidden. HtmlService is forbidden too unless `features` lets App.features() read
 * dist/Features.html ('file') or a source that throws when compiled and run ('throwing').
 */
function sheets(timeZone = 'Europe/Paris', authMode: 'FULL' | 'NONE' = 'FULL', features: 'forbidden' | 'file' | 'throwing' = 'forbidden') {
  const touched: string[] = [];
  const ui = new FakeUi();
  const utilities = createUtilities();
  const globals: Record<string, unknown> = {
    SpreadsheetApp: createSpreadsheetAppMin({ timeZone, ui, touched, authMode }),
    Utilities: utilities,
  };
  for (const name of OTHER_SERVICES) globals[name] = forbiddenService(name, touched);
  const html = featuresHtmlService(features === 'throwing' ? { source: 'throw new Error("partie à la demande compilée")' } : {});
  if (features !== 'forbidden') globals.HtmlService = html.HtmlService;
  const bundle = loadBundle(globals);
  return { ...bundle, touched, ui, utilities, featureReads: html.reads };
}

/** The feature bundle's exports (src/gas/main.ts), as App.features() gives them. */
function featureExports(): Record<string, unknown> {
  return (sheets('Europe/Paris', 'FULL', 'file').App.features as () => Record<string, unknown>)();
}
/** The table's docs, which only the feature bundle builds (the build and the help read them). */
const tableDocs = (): Doc[] => featureExports().CUSTOM_FUNCTIONS as Doc[];
const functionNames = (ns: Record<string, unknown>) => Object.keys(ns).filter((k) => typeof ns[k] === 'function');
/** Named in scripts/build/gas.mjs's LAZY: their wrappers call the feature bundle. */
const LAZY_CUSTOM_FUNCTIONS = ['VERIF_NOTE'];

// Values cross from the vm's realm; JSON gives plain host values, and no-break spaces read as spaces.
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/[\u00a0\u202f]/g, ' '));
const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return String((e as Error).message).replace(/[\u00a0\u202f]/g, ' ');
  }
  throw new Error('expected an error');
};

const wrappersText = () => readFileSync(join(DIST, 'Wrappers.js'), 'utf8');
const topLevelFunctions = () => [...wrappersText().matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]!);

describe('dist/ as Apps Script loads it', () => {
  it.each([...bundleFiles(), 'Features.html'])('%s is a plain script: no import, export or require', (file) => {
    const code = readFileSync(join(DIST, file), 'utf8');
    expect(() => new vm.Script(code, { filename: file })).not.toThrow();
    expect(code).not.toMatch(/\brequire\s*\(|\bimport\s*\(|^\s*(import|export)\s/m);
  });

  // V8 keeps a source one byte per character only when every character fits in Latin-1: the
  // two « € » of parse.ts's unit patterns made all of Code.js two bytes per character, and
  // every cell's load ~0,8 ms slower (bench/gas.bench.mjs).
  it('Code.js is plain ASCII, regular expressions included', () => {
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    const beyond = [...code].filter((c) => c.charCodeAt(0) > 0x7f);
    expect(beyond).toEqual([]);
    expect(code).toContain('\\u20AC|euros?|eur');
    const s = sheets();
    expect(s.call('TAUX', '47 500 €', '€ 200 000')).toBe(0.2375);
    expect(s.call('PRORATA', '800 000 €', '01/01/2018', '31/03/2018')).toBe(200000);
  });

  it('loads without touching any service: top-level code runs for every custom-function cell', () => {
    const s = sheets();
    expect(s.touched).toEqual([]);
    expect(s.utilities.calls.formatDate).toBe(0);
    expect(s.compiles()).toBe(0);
  });

  it('keeps the feature bundle out of every compiled file: only Code.js and Wrappers.js are scripts', () => {
    expect(bundleFiles()).toEqual(['Code.js', 'Wrappers.js']);
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    const features = readFileSync(join(DIST, 'Features.html'), 'utf8');
    // The audit's rules, the reports' Drive code and the sidebar are in Features.html only.
    for (const marker of ['NUMBER_MALFORMED', 'appProperties', 'createHtmlOutputFromFile']) {
      expect(features).toContain(marker);
      expect(code).not.toContain(marker);
    }
    expect(code).toContain('createAddonMenu');
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(100 * 1024);
  });

  it('builds no doc of the table when it loads: every cell loads Code.js, only the build and the help read them', () => {
    const s = sheets();
    expect('CUSTOM_FUNCTIONS' in s.App).toBe(false);
    expect(Object.keys(s.App.customFunctions as object)).toEqual(tableDocs().map((d) => d.name));
  });

  it('loads in either file order, since wrappers reach App only when called', () => {
    const globals = { SpreadsheetApp: createSpreadsheetAppMin(), Utilities: createUtilities() };
    const reversed = loadBundle(globals, { order: 'reversed' });
    expect(reversed.files[0]).not.toBe('Code.js');
    expect(reversed.call('TAUX', 47500, 200000)).toBe(0.2375);
  });

  // A global lookup on a non-ordinary global object (a vm context here, Apps Script's host
  // maybe) costs ~60× a scope variable: the 100 000-row PRORATA spent most of its 2 s on
  // Math.floor. The bundles read the built-ins once, at load (scripts/build/realm-globals.js).
  it('reads no built-in from the global object while a custom function runs', () => {
    const s = sheets('Europe/Paris', 'FULL', 'file');
    const reads: string[] = [];
    for (const name of ['Math', 'Number', 'Object', 'String', 'Array', 'Map', 'Set', 'Error', 'RangeError', 'TypeError', 'BigInt', 'JSON', 'Symbol', 'RegExp']) {
      const value = vm.runInContext(name, s.context) as unknown;
      Object.defineProperty(s.context, name, {
        configurable: true,
        get: () => {
          reads.push(name);
          return value;
        },
      });
    }
    const days = Array.from({ length: 40 }, (_, i) => [43101 + i * 17]);
    const amounts = days.map((_, i) => [1000.5 + i * 333]);
    const calls: [string, unknown[]][] = [
      ['PRORATA', [amounts, days, days.map(([d]) => [d! + 95])]],
      ['PRORATA', [amounts, '01/01/2018', '31/03/2018', 'jours']],
      ['NB_MOIS', [days, '31/12/2019']],
      ['TAUX', [amounts, [['200 000 €']]]],
      ['VERIF_TAUX', [amounts, 200000, '23,75 %']],
      ['VERIF_COFINANCEMENT', [47500, [[17500], ['30.000 €']]]],
      ['REPARTIR', [100, [[1], [2], [3]]]],
      ['MONTANT_LETTRES', [amounts]],
      ['EUROS', [amounts, 2]],
      ['CONVENTION_REQUISE', [amounts]],
    ];
    for (const [name, args] of calls) s.call(name, ...args);
    expect([...new Set(reads)]).toEqual([]);
  });
});

describe('wrappers', () => {
  const s = sheets();
  const docs = tableDocs();
  const customNames = docs.map((d) => d.name);
  const eagerCustom = customNames.filter((n) => !LAZY_CUSTOM_FUNCTIONS.includes(n));
  // Code.js exports features(), the loader: not an entry point of the add-on.
  const eager = functionNames(s.App).filter((n) => n !== 'features');
  const features = featureExports();
  const lazy = functionNames(features).filter((n) => !eager.includes(n));

  it('exist for every exported function of both bundles and every custom function, and nothing else', () => {
    expect(customNames.length).toBeGreaterThanOrEqual(10);
    expect(customNames).toEqual(expect.arrayContaining(LAZY_CUSTOM_FUNCTIONS));
    expect(eager.sort()).toEqual(['onInstall', 'onOpen']);
    expect(lazy).toEqual(expect.arrayContaining(['menuHelp', 'openReportPanel', 'openSidebar', 'listDossiers', 'generateReport']));
    expect([...topLevelFunctions()].sort()).toEqual([...customNames, ...eager, ...lazy].sort());
    for (const name of [...customNames, ...eager, ...lazy]) expect(typeof s.context[name]).toBe('function');
  });

  it('each reach their own export, in the bundle that has it, with the arguments given', () => {
    // App is looked up at call time: replacing it shows where each wrapper goes.
    const received: Record<string, [string, unknown[]]> = {};
    const recorder = (where: string, name: string) => (...args: unknown[]) => {
      received[name] = [where, args];
      return `résultat de ${name}`;
    };
    const recorders = (where: string, names: string[]) => Object.fromEntries(names.map((n) => [n, recorder(where, n)]));
    const onDemand: Record<string, unknown> = { ...recorders('features', lazy), customFunctions: recorders('features', LAZY_CUSTOM_FUNCTIONS) };
    const stub: Record<string, unknown> = { ...recorders('Code.js', eager), customFunctions: recorders('Code.js', eagerCustom), features: () => onDemand };
    const realApp = s.context.App;
    s.context.App = stub;
    try {
      for (const name of [...customNames, ...eager, ...lazy]) {
        expect(s.call(name, 'a', 2, name)).toBe(`résultat de ${name}`);
        const lazyName = lazy.includes(name) || LAZY_CUSTOM_FUNCTIONS.includes(name);
        expect(received[name]).toEqual([lazyName ? 'features' : 'Code.js', ['a', 2, name]]);
      }
    } finally {
      s.context.App = realApp;
    }
  });

  it('reach real exports: every lazy wrapper a function of the feature bundle, every eager one of Code.js', () => {
    const app = s.App as { customFunctions: Record<string, unknown> };
    for (const name of eagerCustom) expect(typeof app.customFunctions[name]).toBe('function');
    for (const name of LAZY_CUSTOM_FUNCTIONS) expect(typeof (features.customFunctions as Record<string, unknown>)[name]).toBe('function');
    for (const name of eager) expect(typeof s.App[name]).toBe('function');
    for (const name of lazy) expect(typeof features[name]).toBe('function');
  });

  it.each(['onOpen', 'onInstall', 'openSidebar', 'openReportPanel', 'openConventionPanel', 'openSessionPanel', 'openAuditPanel', 'openSettings', 'menuPrepareWorkbook', 'menuExportOpenData', 'menuHelp'])(
    'include the entry point %s',
    (name) => {
      expect(topLevelFunctions()).toContain(name);
    },
  );
});

describe('JSDoc of the custom functions', () => {
  const s = sheets();
  const docs = tableDocs();
  const text = wrappersText();

  it.each(docs.map((d) => [d.name, d] as const))('%s: @customfunction, summary, example, each parameter in order, @return', (name, doc) => {
    // The block must sit directly on the declaration, and nothing inside may close it early.
    const match = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${name}\\(([^)]*)\\)`).exec(text);
    expect(match).not.toBeNull();
    const [, block, declared] = match!;
    expect(declared!.split(',').map((p) => p.trim())).toEqual(doc.params.map((p) => p.name));
    expect(block).toContain('@customfunction');
    expect(block).toContain(doc.summary.slice(0, 40));
    expect(block).toContain(`Exemple : =${name}(`);
    const params = [...block!.matchAll(/@param \{([^}]+)\} (\w+) (.+)/g)].map((m) => ({ type: m[1], name: m[2], description: m[3] }));
    expect(params.map((p) => p.name)).toEqual(doc.params.map((p) => p.name));
    for (const p of params) expect(p.description!.length).toBeGreaterThan(10);
    expect(block).toMatch(/@return \{[^}]+\} \S/);
  });
});

describe('the feature bundle, compiled on demand', () => {
  const eagerCalls: [string, unknown[]][] = [
    ['PRORATA', [800000, '01/01/2018', '31/03/2018']],
    ['NB_MOIS', ['16/01/2018', '31/03/2018']],
    ['TAUX', [47500, 200000]],
    ['VERIF_TAUX', [47500, 200000, '23,75 %']],
    ['VERIF_COFINANCEMENT', [47500, [[17500], ['30 000']]]],
    ['REPARTIR', [100, [[1], [1]]]],
    ['MONTANT_LETTRES', [47500]],
    ['EUROS', [47500]],
    ['CONVENTION_REQUISE', [47500]],
  ];

  it('covers every custom function that is not LAZY', () => {
    const docs = tableDocs();
    expect(eagerCalls.map(([n]) => n).sort()).toEqual(docs.map((d) => d.name).filter((n) => !LAZY_CUSTOM_FUNCTIONS.includes(n)).sort());
  });

  it('is never compiled by a custom function: each works while the feature source throws', () => {
    const s = sheets('Europe/Paris', 'FULL', 'throwing');
    for (const [name, args] of eagerCalls) expect(() => s.call(name, ...args)).not.toThrow();
    s.call('PRORATA', 800000, midnightIn('Europe/Paris', 2018, 1, 1), midnightIn('Europe/Paris', 2018, 3, 31));
    expect(s.compiles('features')).toBe(0);
    expect(s.featureReads).toEqual([]);
    // The same session reaches the feature source for a LAZY custom function, and only then.
    expect(() => s.call('VERIF_NOTE', 'Subvention de 47 500 €.')).toThrow('partie à la demande compilée');
    expect(s.featureReads).toEqual(['Features']);
    expect(s.compiles('features')).toBe(1);
  });

  it('is compiled once per execution, however many feature calls it serves', () => {
    const s = sheets('Europe/Paris', 'FULL', 'file');
    s.call('menuHelp');
    s.call('menuHelp');
    expect(s.call('VERIF_NOTE', 'La subvention de 47 500 € représente 23,75 % du budget de 200 000 €.')).toBe('OK');
    expect(s.ui.alerts).toHaveLength(2);
    expect(s.featureReads).toEqual(['Features']);
    expect(s.compiles('features')).toBe(1);
    // A new execution (a new global scope) compiles it again: nothing survives between them.
    const next = sheets('Europe/Paris', 'FULL', 'file');
    next.call('menuHelp');
    expect(next.compiles('features')).toBe(1);
  });

  it('serves the sidebar: openSidebar through its wrapper shows dist/Sidebar.html', () => {
    const touched: string[] = [];
    const shown: { getContent(): string; getTitle(): string }[] = [];
    // FakeUi has no sidebar: this test records what would be shown.
    const ui = Object.assign(new FakeUi(), { showSidebar: (output: (typeof shown)[number]) => shown.push(output) });
    const html = createHtmlFake();
    const { HtmlService, reads } = featuresHtmlService({ base: html.HtmlService });
    const s = loadBundle({ SpreadsheetApp: createSpreadsheetAppMin({ ui, touched }), Utilities: createUtilities(), HtmlService });
    s.call('openSidebar');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.getTitle()).toBe('Rapporteur');
    expect(shown[0]!.getContent()).toBe(readFileSync(join(DIST, 'Sidebar.html'), 'utf8'));
    expect(reads).toEqual(['Features']);
    expect(s.compiles('features')).toBe(1);
  });

  it('keeps its own scope: compiling it leaves the global App (Code.js) in place', () => {
    const s = sheets('Europe/Paris', 'FULL', 'file');
    const app = s.context.App;
    s.call('menuHelp');
    expect(s.context.App).toBe(app);
    expect(s.call('TAUX', 47500, 200000)).toBe(0.2375);
  });

  it('works from dist/Features.js too (FEATURES_IN = "js"), with HtmlService untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-gas-'));
    try {
      const gas = join(__dirname, '..', '..', 'scripts', 'build', 'gas.mjs');
      const root = join(__dirname, '..', '..');
      const script = `const { build } = await import(${JSON.stringify(gas)}); await build({ root: ${JSON.stringify(root)}, dist: ${JSON.stringify(dir)}, featuresIn: 'js' });`;
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe' });
      expect(bundleFiles(dir)).toEqual(['Code.js', 'Features.js', 'Wrappers.js']);
      const touched: string[] = [];
      const ui = new FakeUi();
      for (const order of ['sorted', 'reversed'] as const) {
        const s = loadBundle({ SpreadsheetApp: createSpreadsheetAppMin({ ui, touched }), Utilities: createUtilities(), HtmlService: forbiddenService('HtmlService', touched) }, { dist: dir, order });
        expect(s.call('TAUX', 47500, 200000)).toBe(0.2375);
        expect(s.compiles('features')).toBe(0);
        s.call('menuHelp');
        expect(s.call('VERIF_NOTE', 'Subvention de 47 500 €.')).toBe('OK');
        expect(s.compiles('features')).toBe(1);
      }
      expect(touched.filter((t) => t.startsWith('HtmlService'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the French messages, compiled only when a cell needs one (COLD in scripts/build/gas.mjs)', () => {
  it('are not compiled by a custom function that answers a number or a text', () => {
    const s = sheets();
    const days = [[43101], [43132], [43160]];
    expect(s.call('PRORATA', 800000, '01/01/2018', '31/03/2018')).toBe(200000);
    s.call('PRORATA', [[800000], [600000], [450000]], days, days.map(([d]) => [d! + 89]));
    s.call('NB_MOIS', '16/01/2018', '31/03/2018');
    s.call('TAUX', [[47500], ['12 000 €']], 200000);
    s.call('REPARTIR', 100, [[1], [2]]);
    expect(s.call('MONTANT_LETTRES', 47500)).toBe('quarante-sept mille cinq cents euros');
    s.call('EUROS', 47500.5, 2);
    s.call('CONVENTION_REQUISE', 47500);
    expect(s.compiles()).toBe(0);
  });

  it.each<[string, unknown[]]>([
    ['PRORATA', ['12a', '01/01/2018', '31/03/2018']],
    ['PRORATA', [800000, '31/02/2018', '31/03/2018']],
    ['PRORATA', [800000, '31/03/2018', '01/01/2018']],
    ['TAUX', ['47.50 €', 200000]],
    ['REPARTIR', [100, [[-1], [2]]]],
    ['MONTANT_LETTRES', [47500, 'dollars']],
    ['EUROS', [47500, 3]],
    ['PRORATA', [800000, '01/01/2018', '31/03/2018', 'semaines', 'de trop']],
  ])('%s(%j) refuses with the same French message as the full code, compiling the messages once', (name, args) => {
    const s = sheets('Europe/Paris', 'FULL', 'file');
    const eager = thrown(() => s.call(name, ...args));
    expect(s.compiles()).toBe(1);
    expect(s.compiles('messages')).toBe(1);
    // The feature bundle carries the same modules as ordinary code: the reference wording.
    const full = (s.App.features as () => { customFunctions: Record<string, (...a: unknown[]) => unknown> })().customFunctions;
    expect(eager).toBe(thrown(() => full[name]!(...args)));
    expect(eager).toMatch(new RegExp(`^${name}`));
  });

  it('are compiled once per execution, however many cells are refused', () => {
    const s = sheets();
    const out = s.call('PRORATA', [['12a'], ['x'], [800000], ['1.5.6']], '01/01/2018', '31/03/2018') as unknown[][];
    expect(out[2]).toEqual([200000]);
    expect(String(out[0]![0])).toContain('« 12a »');
    expect(String(out[3]![0])).toContain('illisible');
    s.call('VERIF_TAUX', 47500, 200000, '23 %');
    expect(s.compiles('messages')).toBe(1);
    expect(s.compiles('features')).toBe(0);
    expect(sheets().compiles()).toBe(0);
  });

  it('must be leaf modules: the build refuses one that imports another module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-gas-cold-'));
    try {
      const gas = join(__dirname, '..', '..', 'scripts', 'build', 'gas.mjs');
      const root = join(__dirname, '..', '..');
      const script = `const { build } = await import(${JSON.stringify(gas)}); await build({ root: ${JSON.stringify(root)}, dist: ${JSON.stringify(dir)}, cold: ['src/core/words.ts'] });`;
      let stderr = '';
      try {
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe' });
      } catch (e) {
        stderr = String((e as { stderr: Buffer }).stderr);
      }
      expect(stderr).toContain('les modules de COLD ne doivent rien importer');
      expect(stderr).toContain('src/core/decimal.ts');
      expect(bundleFiles(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('asciiSource (scripts/build/gas.mjs), which writes Code.js in ASCII', () => {
  it('keeps what every regular expression matches, with or without the u flag, astral characters included', () => {
    const gas = join(__dirname, '..', '..', 'scripts', 'build', 'gas.mjs');
    const cases = [
      ['/^(?:€|euros?|eur)/i', ['€ 12', 'EUR 12', '12 €']],
      ['/[^\\x20-\\x7e€]/', ['€', 'é', 'a']],
      ['/[«»\u202f]+/g', ['« a »', 'a\u202fb', 'ab']],
      ['/^[😀-😂]$/u', ['😁', '😃', '\ud83d']],
      ['/^😀{2}$/u', ['😀😀', '😀\ude00']],
      ['/^😀{2}$/', ['😀😀', '😀\ude00']],
      ['/[é-ë]/v', ['ê', 'e']],
    ];
    const script = `
      const { asciiSource } = await import(${JSON.stringify(gas)});
      const cases = ${JSON.stringify(cases)};
      const out = cases.map(([source, inputs]) => {
        const escaped = asciiSource(source);
        const [written, again] = [source, escaped].map((src) => new Function('return ' + src)());
        return { escaped, ascii: /^[\\x00-\\x7f]*$/.test(escaped), same: inputs.every((t) => written.test(t) === again.test(t) && (written.lastIndex = again.lastIndex = 0, true)), hits: inputs.map((t) => again.test(t)) };
      });
      process.stdout.write(JSON.stringify(out));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { escaped: string; ascii: boolean; same: boolean; hits: boolean[] }[];
    expect(out.map((o) => o.ascii)).toEqual(cases.map(() => true));
    expect(out.map((o) => o.same)).toEqual(cases.map(() => true));
    expect(out[0]!.escaped).toBe('/^(?:\\u20AC|euros?|eur)/i');
    expect(out[0]!.hits).toEqual([true, true, false]);
    expect(out[3]!.hits).toEqual([true, false, false]);
    expect(out[4]!.hits).toEqual([true, false]);
  });
});

describe('custom functions through their wrappers', () => {
  const s = sheets('Europe/Paris', 'FULL', 'file');

  it.each<[string, unknown[], unknown]>([
    ['PRORATA', [800000, '01/01/2018', '31/03/2018'], 200000],
    ['PRORATA', [800000, 43101, 43190, 'jours'], 197260.27],
    ['NB_MOIS', ['16/01/2018', '31/03/2018'], 78 / 31],
    ['TAUX', ['47.500 €', 200000], 0.2375],
    ['VERIF_TAUX', [47500, 200000, 0.2375], 'OK'],
    ['VERIF_TAUX', [47500, 200000, '23 %'], 'Le taux annoncé (23 %) diffère du taux calculé (23,75 % = 47 500 € / 200 000 €).'],
    ['VERIF_COFINANCEMENT', [47500, [[17500], [''], ['30.000 €']]], 'OK'],
    ['REPARTIR', [100, [[1], [''], [1], [1]]], [[33.34], [''], [33.33], [33.33]]],
    ['MONTANT_LETTRES', [47500], 'quarante-sept mille cinq cents euros'],
    ['EUROS', [47500, 2], '47 500,00 €'],
    ['CONVENTION_REQUISE', [47500], true],
    ['VERIF_NOTE', ['La subvention de 47 500 € représente 23,75 % du budget de 200 000 €.'], 'OK'],
    ['VERIF_NOTE', [[['Budget proratisé : 200 00 €.'], [''], ['Subvention : 47 500 €.']]], [['ERREUR — Nombre mal écrit dans le texte, « 200 00 € » : « 200 00 » est mal formé (groupe de deux chiffres : « 00 ») : entre séparateurs, chaque groupe a trois chiffres ; un chiffre manque-t-il ou est-il en trop ?']]],
  ])('%s(%j) → %j', (name, args, expected) => {
    expect(plain(s.call(name, ...args))).toEqual(expected);
  });

  it.each([
    ['PRORATA', [[[800000], ['12a'], ['']], '01/01/2018', '31/03/2018']],
    ['NB_MOIS', [[['01/01/2018'], ['x'], ['']], '31/03/2018']],
    ['TAUX', [[[47500], ['12a'], ['']], 200000]],
    ['VERIF_TAUX', [[[47500], ['12a'], ['']], 200000, '23,75 %']],
    ['MONTANT_LETTRES', [[[1], ['12a'], ['']]]],
    ['EUROS', [[[1], ['12a'], ['']]]],
    ['CONVENTION_REQUISE', [[[1], ['12a'], ['']]]],
  ])('%s on a range: the same shape, the bad cell holding its message, the empty one ""', (name, args) => {
    const result = plain(s.call(name, ...args)) as unknown[][];
    expect(result).toHaveLength(3);
    expect(result.every((row) => row.length === 1)).toBe(true);
    expect(result[0]![0]).not.toBe('');
    expect(String(result[1]![0])).toMatch(new RegExp(`^${name} : \\w+ « (12a|x) » illisible : `));
    expect(result[2]![0]).toBe('');
  });

  it.each([
    ['PRORATA', ['12a', '01/01/2018', '31/03/2018'], /^PRORATA : montant_annuel « 12a » illisible : /],
    ['NB_MOIS', ['31/03/2018', '01/01/2018'], /^NB_MOIS : La fin de la période/],
    ['TAUX', [47500, 0], /^TAUX : La base est nulle/],
    ['VERIF_TAUX', [47500, 200000, 23.75], /^VERIF_TAUX : taux_annonce « 23,75 » illisible/],
    ['VERIF_COFINANCEMENT', [47500, [[17500], ['abc']]], /^VERIF_COFINANCEMENT : montants \(ligne 2\) « abc » illisible/],
    ['REPARTIR', [100, [[1], [-1]]], /^REPARTIR : poids \(ligne 2\) « -1 » illisible/],
    ['MONTANT_LETTRES', [10, 'dollars'], /^MONTANT_LETTRES : devise « dollars » illisible/],
    ['EUROS', [10, 3], /^EUROS : decimales « 3 » illisible/],
    ['CONVENTION_REQUISE', ['beaucoup'], /^CONVENTION_REQUISE : montant « beaucoup » illisible/],
    ['TAUX', [1, 2, 3], /^TAUX attend au plus 2 arguments, 3 donnés/],
  ])('%s(%j) on a bad single value throws its French message', (name, args, message) => {
    expect(thrown(() => s.call(name, ...args))).toMatch(message);
  });

  it.each(['PRORATA', 'NB_MOIS', 'TAUX', 'VERIF_TAUX', 'VERIF_COFINANCEMENT', 'MONTANT_LETTRES', 'EUROS', 'CONVENTION_REQUISE', 'VERIF_NOTE'])('%s answers "" for an empty cell', (name) => {
    const docs = tableDocs();
    const required = docs.find((d) => d.name === name)!.params.filter((p) => !p.optional).length;
    expect(s.call(name, ...Array(required).fill(''))).toBe('');
  });

  it('REPARTIR answers empty places for an empty total', () => {
    expect(plain(s.call('REPARTIR', '', [[1], [2]]))).toEqual([[''], ['']]);
  });
});

describe('dates from spreadsheets in other time zones', () => {
  const hostZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  it('builds "midnight in zone Z" right (the helper the other tests trust)', () => {
    expect(midnightIn('Europe/Paris', 2018, 1, 1).toISOString()).toBe('2017-12-31T23:00:00.000Z');
    expect(midnightIn('America/New_York', 2018, 3, 31).toISOString()).toBe('2018-03-31T04:00:00.000Z');
    expect(midnightIn('UTC', 2018, 3, 31).toISOString()).toBe('2018-03-31T00:00:00.000Z');
    expect(formatDate(midnightIn('America/New_York', 2018, 3, 11), 'America/New_York', "yyyy-MM-dd'T'HH:mm")).toBe('2018-03-11T00:00');
  });

  // Days around both zones' DST changes, and the ends of the year.
  const days: [number, number, number][] = [
    [2018, 1, 1],
    [2018, 3, 11],
    [2018, 3, 25],
    [2018, 3, 31],
    [2018, 10, 28],
    [2018, 11, 4],
    [2018, 12, 31],
  ];
  const dayOfYear = (m: number, d: number) => (Date.UTC(2018, m - 1, d) - Date.UTC(2018, 0, 1)) / 86400000 + 1;

  // Tokyo is east of the script's zone (Europe/Paris): reading there by accident shifts its days.
  describe.each(['Europe/Paris', 'UTC', 'America/New_York', 'Asia/Tokyo'])(`a spreadsheet in %s (host zone: ${hostZone})`, (zone) => {
    it.each(days)('reads %i-%i-%i as that calendar day', (y, m, d) => {
      const s = sheets(zone);
      // 365 € a year prorated by the day from 1 January (as text, so it cannot shift along)
      // gives the day of the year: a day off shows.
      expect(s.call('PRORATA', 365, '01/01/2018', midnightIn(zone, y, m, d), 'jours')).toBe(dayOfYear(m, d));
      expect(s.call('PRORATA', 365, midnightIn(zone, y, m, d), '31/12/2018', 'jours')).toBe(366 - dayOfYear(m, d));
    });

    it('reads a column of dates, asking the spreadsheet its zone once per call', () => {
      const s = sheets(zone);
      const starts = days.map(([y, m, d]) => [midnightIn(zone, y, m, d)]);
      const asText = days.map(([y, m, d]) => [`${d}/${m}/${y}`]);
      const result = s.call('NB_MOIS', starts, '31/12/2018');
      expect(plain(result)).toEqual(plain(s.call('NB_MOIS', asText, '31/12/2018')));
      expect(s.call('PRORATA', 800000, midnightIn(zone, 2018, 1, 1), midnightIn(zone, 2018, 3, 31))).toBe(200000);
      expect(s.touched.filter((t) => t === 'Spreadsheet.getSpreadsheetTimeZone')).toHaveLength(2);
    });
  });

  it('asks nothing of the spreadsheet when no date cell comes in', () => {
    const s = sheets();
    s.call('PRORATA', [[800000], [1200]], 43101, '31/03/2018');
    expect(s.touched).toEqual([]);
  });
});

describe('the menu', () => {
  const EXPECTED = [
    ['Ouvrir le formulaire', 'openSidebar'],
    ['Générer la note', 'openReportPanel'],
    ['Générer la convention', 'openConventionPanel'],
    ['Générer la séance', 'openSessionPanel'],
    ['Vérifier une note', 'openAuditPanel'],
    ['Préparer le classeur', 'menuPrepareWorkbook'],
    ['Exporter les données essentielles', 'menuExportOpenData'],
    ['Paramètres', 'openSettings'],
    ['Aide', 'menuHelp'],
  ];

  it.each(['onOpen', 'onInstall'])('%s in AuthMode.NONE builds the add-on menu and touches nothing else', (entry) => {
    const s = sheets('Europe/Paris', 'NONE');
    s.call(entry, { authMode: 'NONE' });
    expect(s.touched).toEqual(['SpreadsheetApp.getUi']);
    expect(s.ui.menus).toHaveLength(1);
    const menu = s.ui.menus[0]!;
    expect(menu.kind).toBe('addon');
    const items = menu.items.filter((i): i is { caption: string; functionName: string } => 'functionName' in i);
    expect(items.map((i) => [i.caption, i.functionName])).toEqual(EXPECTED);
    for (const item of items) expect(typeof s.context[item.functionName]).toBe('function');
    // The eager bundle's onOpen: opening a spreadsheet compiles no feature code.
    expect(s.compiles()).toBe(0);
  });

  it.each([
    ['Ouvrir le formulaire', 'openSidebar', null],
    ['Générer la note', 'openReportPanel', 'active-report'],
    ['Générer la convention', 'openConventionPanel', 'active-report'],
    ['Générer la séance', 'openSessionPanel', 'session'],
    ['Vérifier une note', 'openAuditPanel', 'audit'],
    ['Paramètres', 'openSettings', 'settings'],
  ])('« %s » (%s) opens the sidebar on its screen', (_caption, functionName, screen) => {
    const shown: { getContent(): string }[] = [];
    const ui = Object.assign(new FakeUi(), { showSidebar: (output: (typeof shown)[number]) => shown.push(output) });
    const { HtmlService } = featuresHtmlService({ base: createHtmlFake().HtmlService });
    const s = loadBundle({ SpreadsheetApp: createSpreadsheetAppMin({ ui, touched: [] }), Utilities: createUtilities(), HtmlService });
    s.call(functionName);
    expect(shown).toHaveLength(1);
    const content = shown[0]!.getContent();
    const page = readFileSync(join(DIST, 'Sidebar.html'), 'utf8');
    if (screen) expect(content.slice(page.length)).toBe(`<script>window.__RAPPORTEUR_START=${JSON.stringify(screen)}</script>`);
    else expect(content).toBe(page);
    expect(content.startsWith(page)).toBe(true);
  });

  it('« Aide » lists every custom function with its example', () => {
    const s = sheets('Europe/Paris', 'FULL', 'file');
    s.call('menuHelp');
    const prompt = s.ui.alerts[0]!.prompt;
    for (const doc of tableDocs()) {
      expect(prompt).toContain(doc.usage);
      expect(prompt).toContain(doc.example);
    }
  });
});

describe('the session run with conventions, through the built bundle', () => {
  it('runs « Générer la séance » from its wrappers over the fake services: one convention per dossier that needs one', () => {
    // The services the unit tests fake, handed to the bundle's own scope as Sheets gives them.
    const world = createGasWorld();
    try {
      const google = createGoogleFakes();
      const g = globalThis as Record<string, unknown>;
      let n = 0;
      const globals: Record<string, unknown> = {
        SpreadsheetApp: g.SpreadsheetApp,
        PropertiesService: g.PropertiesService,
        LockService: g.LockService,
        DocumentApp: google.DocumentApp,
        Drive: google.Drive,
        Utilities: { ...createUtilities(), getUuid: () => `uuid-${++n}` },
        HtmlService: featuresHtmlService({ base: g.HtmlService as Record<string, unknown> }).HtmlService,
        // The fake spreadsheet lives in this realm and takes this realm's dates, as Sheets takes its own.
        Date,
      };
      const s = loadBundle(globals);
      const amounts = (subsidy: number) => ({ annualBudget: '200 000', subsidy: String(subsidy), cofinancers: [{ name: 'Métropole Aix-Marseille-Provence', amount: String(subsidy - 5000) }, { name: 'Région Sud', amount: '5 000' }] });
      const [below, above, elsewhere, cumulated] = sessionDossiers(4);
      const dossiers = [
        below!,
        { ...above!, ...amounts(47500), convention: true },
        { ...elsewhere!, ...amounts(15000), beneficiary: 'association Les Petits Débrouillards', convention: undefined, session: 'Autre séance' },
        { ...cumulated!, ...amounts(15000), beneficiary: 'association Les Petits Débrouillards', convention: undefined },
      ];
      for (const dossier of dossiers) expect((plain(s.call('saveDossier', { dossier, ref: null, version: null })) as { status: string }).status).toBe('saved');
      expect((plain(s.call('createDefaultTemplate')) as { status: string }).status).toBe('created');
      const session = 'Conseil de la Métropole du 28 juin 2018';
      expect(plain(s.call('planSessionRun', { session }))).toMatchObject({ ok: true, documents: { reports: 3, conventions: 2, summary: 1, template: 2, total: 8 } });
      const started = plain(s.call('startSessionRun', { session })) as { status: string; run: { runId: string } };
      expect(started.status).toBe('started');
      const view = plain(s.call('runSessionChunk', started.run.runId));
      expect(view).toMatchObject({ status: 'done', counts: { created: 3 }, conventions: { total: 2, created: 2, errors: 0 } });
      expect((view as { message: string }).message).toBe('Terminé : 3 notes créées, 0 conservée (à jour), 0 en échec, 0 ignorée ; 2 conventions créées, 0 conservée (à jour), 0 en échec.');
      expect(google.drive.list().filter((f) => f.appProperties.kind === 'convention').map((f) => f.appProperties.dossierId).sort()).toEqual(['S-002', 'S-004']);
    } finally {
      world.uninstall();
    }
  });
});
