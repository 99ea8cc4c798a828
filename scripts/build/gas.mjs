import { build as esbuild } from 'esbuild';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * The Apps Script project, in three generated files (clasp pushes dist/):
 * - dist/Code.js, the eager bundle (src/gas/eager.ts, one minified IIFE, `var App`): the
 *   custom functions and onOpen/onInstall. Every custom-function cell is an execution that
 *   compiles every pushed .js file, so this is kept to what those executions need.
 * - the feature bundle (src/gas/main.ts: sidebar API, reports, audit, open data, menu
 *   actions), stored as text and compiled by App.features() on first use in an execution:
 *   dist/Features.html by default (Apps Script never compiles an HTML file when an
 *   execution starts), or dist/Features.js (`var RAPPORTEUR_FEATURES = "…"`, scanned but not
 *   compiled). FEATURES_IN chooses; the bench gives the cold load of each.
 * - dist/Wrappers.js, the top-level functions Sheets and Apps Script look for. esbuild
 *   drops comments and Sheets only sees top-level declarations, so they are generated here:
 *   one per row of CUSTOM_FUNCTIONS with the JSDoc that gives Sheets its autocomplete and
 *   argument help, calling the eager bundle (or the feature bundle for a LAZY row), and one
 *   per function either bundle exports (onOpen, menu actions, google.script.run targets).
 */
export const FEATURES_IN = 'html';

/**
 * Kept out of the eager bundle, measured: the text audit is ~23 KB minified, and with it
 * Code.js went from 65 to 91 KB and its cold load from ×1.9 to ×2.4 decimal.js alone. The
 * eager bundle gets a stub of these modules whose functions throw; the custom functions that
 * need them are LAZY: their wrappers call the feature bundle, which has the real module.
 */
export const LAZY = {
  modules: ['src/core/audit/index.ts'],
  customFunctions: ['VERIF_NOTE'],
};

/**
 * Carried by Code.js as text, compiled on first use in an execution (by `coldModule` in the
 * eager bundle): the French messages of the custom functions, which a cell needs only when it
 * refuses a value (and VERIF_TAUX / VERIF_COFINANCEMENT for their answers). A string costs
 * V8 a scan; code costs a parse: measured in one run, these ~9 KB of message functions cost
 * 0,5–0,8 ms of every cell's load as code, ~0,15 ms as text. Leaf modules only (no import),
 * so that the cold copy shares no state or class with the eager one; the build refuses others.
 * The feature bundle keeps them as ordinary code.
 */
export const COLD = {
  modules: ['src/core/messages/numbers.ts', 'src/core/messages/periods.ts', 'src/app/custom-functions/messages.ts'],
};

const COMMON = {
  bundle: true,
  format: 'iife',
  globalName: 'App',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  // Apps Script stores files as UTF-8: French text kept as is is smaller than \u escapes.
  charset: 'utf8',
  logLevel: 'warning',
  write: false,
  // core/decimal.ts requires decimal.js so that it loads on first use: its ES module, which
  // esbuild wraps as a lazily run module too, ~1,7 KB smaller than the UMD build the
  // `require` condition names.
  alias: { 'decimal.js': 'decimal.js/decimal.mjs' },
};
/** The built-ins the bundles read as their own variables (see realm-globals.js). */
const REALM_GLOBALS = fileURLToPath(new URL('./realm-globals.js', import.meta.url));

/** `cold`: the modules to carry as text, COLD's by default (a test gives others). */
export async function build({ root, dist, featuresIn = FEATURES_IN, cold: coldList = COLD.modules }) {
  if (featuresIn !== 'html' && featuresIn !== 'js') fail(`featuresIn vaut « ${featuresIn} » : « html » ou « js » attendu.`);
  const cold = await coldModules(root, coldList);
  const [eager, lazy] = await Promise.all([
    // ASCII (French text as \u escapes, ~1 KB more; asciiSource escapes what esbuild leaves):
    // V8 scans a one-byte source faster, and Code.js is compiled by every execution.
    esbuild({ ...COMMON, entryPoints: [join(root, 'src/gas/eager.ts')], inject: [REALM_GLOBALS], plugins: [lazyStubs(root), cold.plugin], charset: 'ascii' }),
    esbuild({ ...COMMON, entryPoints: [join(root, 'src/gas/main.ts')], inject: [REALM_GLOBALS] }),
  ]);
  const code = asciiSource(eager.outputFiles[0].text);
  const featuresCode = lazy.outputFiles[0].text;
  const App = loadApp(code, 'Code.js');
  const Features = loadApp(featuresCode, 'la partie chargée à la demande (src/gas/main.ts)');
  if (typeof App.features !== 'function') fail('Code.js doit exporter features(), le chargeur de la partie à la demande.');

  // A file left by the other setting would still be pushed (and a stale Features.js compiled).
  for (const f of ['Features.js', 'Features.html']) rmSync(join(dist, f), { force: true });
  if (featuresIn === 'js') {
    writeFileSync(join(dist, 'Features.js'), `var RAPPORTEUR_FEATURES = ${JSON.stringify(featuresCode)};\n`);
  } else {
    // An HTML file is read back with createTemplateFromFile(…).getRawContent(): keep scriptlet
    // markers out, so that no template parsing can ever see one.
    if (/<\?|\?>/.test(featuresCode)) fail('la partie chargée à la demande contient « <? » ou « ?> », que HtmlService lirait comme un scriptlet : mettez FEATURES_IN à « js ».');
    writeFileSync(join(dist, 'Features.html'), featuresCode);
  }
  writeFileSync(join(dist, 'Code.js'), code);
  writeFileSync(join(dist, 'Wrappers.js'), wrappers(App, Features));
}

/**
 * Code.js with every non-ASCII character written as a \\u escape. V8 keeps a source as one
 * byte per character only when no character is beyond Latin-1; a single « € » makes the
 * whole file two bytes per character and slower to scan, at every cell's load (measured:
 * the two « € » of parse.ts's unit patterns cost a PRORATA cell ~0,8 ms, ×0,25 of decimal.js'
 * load). esbuild's ASCII output escapes strings, templates and names but leaves regular
 * expression literals as written, and there a \\u escape means the same character, with or
 * without the u flag (a surrogate pair written as two escapes is one code point under u).
 */
export function asciiSource(code) {
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const fail = (message) => {
  throw new Error(`build gas : ${message}`);
};

/**
 * Replaces each LAZY module, in the eager bundle only, by a module with the same exports,
 * each a function that throws: a custom function reaching one is a LAZY row missing from the
 * list, and the bundle tests call every eager custom function.
 */
function lazyStubs(root) {
  const lazyFiles = new Set(LAZY.modules.map((m) => join(root, m)));
  return {
    name: 'rapporteur-lazy-stubs',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.resolving || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: { resolving: true } });
        if (r.errors.length || !lazyFiles.has(r.path)) return undefined;
        return { path: r.path, namespace: 'lazy-stub' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-stub' }, async (args) => {
        const probe = await esbuild({ entryPoints: [args.path], bundle: true, format: 'esm', platform: 'neutral', mainFields: ['module', 'main'], write: false, metafile: true, logLevel: 'silent' });
        const names = Object.values(probe.metafile.outputs)[0].exports;
        const where = relative(root, args.path);
        const contents = [
          `const stub = (name) => function () { throw new Error('Rapporteur : ' + name + ' (${where}) n’est pas dans Code.js ; la fonction qui l’appelle doit être dans LAZY (scripts/build/gas.mjs).'); };`,
          ...names.map((n) => `export const ${n} = stub(${JSON.stringify(n)});`),
        ].join('\n');
        return { contents, loader: 'js' };
      });
    },
  };
}

const COLD_LOADER = 'rapporteur:cold-loader';
/** The first line of the cold source, by which the bundle tests tell its compilation apart. */
export const COLD_MARK = '/* Rapporteur : messages compilés à la demande (COLD, scripts/build/gas.mjs) */';

/**
 * COLD's modules built as one IIFE (`var Cold`, a namespace per module), and the plugin that
 * gives the eager bundle, for each of them, a module with the same exports: a function
 * forwards to the cold copy, an object of functions is a view whose properties are read from
 * it, a constant (a string, a list of month names) is inlined. The cold source is compiled at
 * most once per execution, by the first use of any of them.
 */
async function coldModules(root, modules) {
  const files = modules.map((m) => join(root, m));
  const out = await esbuild({
    ...COMMON,
    globalName: 'Cold',
    metafile: true,
    // charset stays UTF-8 (COMMON): Code.js's own ASCII output escapes the text once, inside the string.
    stdin: { contents: files.map((f, i) => `export * as m${i} from ${JSON.stringify(f)};`).join('\n'), resolveDir: root, loader: 'js' },
  });
  const inputs = Object.keys(out.metafile.inputs).map((f) => join(root, f));
  const imported = inputs.filter((f) => !files.includes(f) && !f.endsWith('<stdin>'));
  if (imported.length) fail(`les modules de COLD ne doivent rien importer ; ils importent ${imported.map((f) => relative(root, f)).join(', ')}.`);
  const source = out.outputFiles[0].text;
  const context = vm.createContext({});
  vm.runInContext(`${source}\nthis.Cold = Cold;`, context);
  const stubs = new Map(
    files.map((file, i) => {
      const ns = context.Cold[`m${i}`];
      const where = relative(root, file);
      const lines = [`import { coldModule, coldView } from ${JSON.stringify(COLD_LOADER)};`];
      for (const name of Object.keys(ns)) {
        const value = ns[name];
        const ref = `coldModule(${JSON.stringify(`m${i}`)})[${JSON.stringify(name)}]`;
        if (typeof value === 'function') lines.push(`export function ${name}(...args) { return ${ref}(...args); }`);
        else if (value && typeof value === 'object' && !Array.isArray(value)) {
          if (!Object.values(value).every((v) => typeof v === 'function')) fail(`${where} : ${name} doit ne contenir que des fonctions (module de COLD).`);
          lines.push(`export const ${name} = /* @__PURE__ */ coldView(() => ${ref});`);
        } else lines.push(`export const ${name} = ${JSON.stringify(value)};`);
      }
      return [file, lines.join('\n')];
    }),
  );
  // The cold code gets the eager bundle's built-ins as parameters (in the loader, esbuild's
  // inject turns each name into the realm variable), so that it reads none from the global
  // object either (see realm-globals.js).
  const realm = [...readFileSync(REALM_GLOBALS, 'utf8').matchAll(/^\s*\w+ as (\w+),?$/gm)].map((m) => m[1]);
  if (!realm.includes('Math')) fail('les noms exportés par realm-globals.js sont illisibles.');
  const loader = [
    `const SOURCE = ${JSON.stringify(`${COLD_MARK}\n${source}\nreturn Cold;`)};`,
    'let cold;',
    // A module variable lives as long as the execution: compiled once per execution at most.
    `export function coldModule(key) { cold ??= new Function(${realm.map((n) => JSON.stringify(n)).join(', ')}, SOURCE)(${realm.join(', ')}); return cold[key]; }`,
    // A view of an object of the cold copy: property reads (and keys) are the cold object's.
    'export function coldView(target) {',
    '  return new Proxy({}, {',
    '    get: (_, key) => target()[key],',
    '    has: (_, key) => key in target(),',
    '    ownKeys: () => Reflect.ownKeys(target()),',
    '    getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(target(), key); return d && { ...d, configurable: true }; },',
    '  });',
    '}',
  ].join('\n');
  const plugin = {
    name: 'rapporteur-cold-modules',
    setup(b) {
      b.onResolve({ filter: /^rapporteur:cold-loader$/ }, () => ({ path: COLD_LOADER, namespace: 'cold-loader' }));
      b.onLoad({ filter: /.*/, namespace: 'cold-loader' }, () => ({ contents: loader, loader: 'js' }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.coldResolving || args.kind === 'entry-point' || args.namespace === 'cold-stub') return undefined;
        const r = await b.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: { coldResolving: true, resolving: args.pluginData?.resolving } });
        if (r.errors.length || !stubs.has(r.path)) return undefined;
        return { path: r.path, namespace: 'cold-stub' };
      });
      b.onLoad({ filter: /.*/, namespace: 'cold-stub' }, (args) => ({ contents: stubs.get(args.path), loader: 'js', resolveDir: root }));
    },
  };
  return { plugin };
}

/** Loads a bundle with no Apps Script service defined: top-level code that calls one fails here. */
function loadApp(code, what) {
  const context = vm.createContext({});
  try {
    vm.runInContext(code, context, { filename: what });
  } catch (e) {
    fail(`le chargement de ${what} échoue (${e.message}) ; le code de premier niveau ne doit appeler aucun service Apps Script.`);
  }
  if (!context.App || typeof context.App !== 'object') fail(`${what} ne définit pas App.`);
  return context.App;
}

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this throw ' +
    'true try typeof var void while with yield await arguments eval undefined NaN Infinity').split(' '),
);
// The globals a top-level function would shadow in Apps Script (all files share one scope).
const APPS_SCRIPT_GLOBALS = new Set(
  ('App AdminDirectory Browser CacheService CalendarApp CardService Charts ConferenceDataService ContactsApp ContentService DataStudioApp ' +
    'DocumentApp Docs Drive DriveApp FormApp GmailApp HtmlService Jdbc LanguageApp LinearOptimizationService LockService Logger MailApp ' +
    'Maps MimeType PropertiesService ScriptApp Session Sheets SitesApp SlidesApp SpreadsheetApp UrlFetchApp Utilities XmlService console').split(' '),
);
const JS_GLOBALS = new Set(vm.runInNewContext('Object.getOwnPropertyNames(globalThis)'));
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const CUSTOM_NAME = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/;

function checkTopLevelName(name, what) {
  if (!IDENTIFIER.test(name) || RESERVED.has(name)) fail(`${what} « ${name} » n’est pas un nom de fonction JavaScript valide.`);
  if (APPS_SCRIPT_GLOBALS.has(name) || JS_GLOBALS.has(name)) fail(`${what} « ${name} » masquerait le global « ${name} » d’Apps Script ou de JavaScript.`);
  // A name ending in "_" is private in Apps Script: no menu, trigger or google.script.run can call it.
  if (name.endsWith('_')) fail(`${what} « ${name} » finit par « _ » : Apps Script la rendrait privée, donc inaccessible.`);
}

/** Text inside a JSDoc block: on one line, and unable to close the comment. */
const docText = (text) => String(text).replace(/\s+/g, ' ').replace(/\*\//g, '*\u2215').trim();


/** `target`: the expression holding the implementation, read when the wrapper is called. */
function customFunctionWrapper(doc, target) {
  const params = doc.params.map((p) => p.name);
  const lines = [
    docText(doc.summary),
    '',
    `Exemple : ${docText(doc.example)}`,
    '',
    ...doc.params.map((p) => `@param {${docText(p.type)}} ${p.name} ${docText(p.description)}`),
    `@return {${docText(doc.returns.type)}} ${docText(doc.returns.description)}`,
    '@customfunction',
  ];
  // The named parameters give Sheets its argument help; `...arguments` passes what the
  // user really typed, so that too many arguments get a clear message instead of being dropped.
  return [
    '/**',
    ...lines.map((l) => (l ? ` * ${l}` : ' *')),
    ' */',
    `function ${doc.name}(${params.join(', ')}) {`,
    `  return ${target}.customFunctions.${doc.name}(...arguments);`,
    '}',
  ].join('\n');
}

const EAGER = 'App';
const ON_DEMAND = 'App.features()';
/** Exported by Code.js for the wrappers, not an entry point of the add-on. */
const LOADER = 'features';

const functionsOf = (ns) => Object.keys(ns).filter((name) => typeof ns[name] === 'function');

/** `App`: the eager bundle's exports; `Features`: the feature bundle's (src/gas/main.ts). */
function wrappers(App, Features) {
  const docs = Features.CUSTOM_FUNCTIONS;
  // The docs come from the feature bundle only: Code.js never builds them (each cell loads it).
  if (!Array.isArray(docs) || !Features.customFunctions || typeof Features.customFunctions !== 'object') fail('src/gas/main.ts doit exporter CUSTOM_FUNCTIONS (la table) et customFunctions.');
  if ('CUSTOM_FUNCTIONS' in App) fail('Code.js exporte CUSTOM_FUNCTIONS : chaque cellule construirait la documentation de toutes les fonctions en le chargeant.');
  if (!App.customFunctions || typeof App.customFunctions !== 'object') fail('Code.js (src/gas/eager.ts) doit exporter customFunctions.');
  // Both bundles are built from the same table: a difference means an entry exports another one.
  const names = docs.map((d) => d.name);
  if (JSON.stringify(Object.keys(App.customFunctions)) !== JSON.stringify(names)) fail('Code.js et src/gas/main.ts ne lient pas les mêmes fonctions personnalisées que la table CUSTOM_FUNCTIONS.');
  const lazy = new Set(LAZY.customFunctions);
  for (const name of lazy) if (!names.includes(name)) fail(`LAZY nomme « ${name} », qui n’est pas dans la table CUSTOM_FUNCTIONS.`);

  const seen = new Set();
  for (const doc of docs) {
    const where = `la fonction personnalisée « ${doc.name} »`;
    if (typeof doc.name !== 'string' || !CUSTOM_NAME.test(doc.name)) fail(`${where} doit s’écrire en majuscules, chiffres et « _ », sans « _ » final.`);
    checkTopLevelName(doc.name, 'La fonction personnalisée');
    if (seen.has(doc.name)) fail(`${where} figure deux fois dans la table.`);
    seen.add(doc.name);
    const [impls, bundle] = lazy.has(doc.name) ? [Features.customFunctions, 'src/gas/main.ts'] : [App.customFunctions, 'Code.js'];
    if (typeof impls[doc.name] !== 'function') fail(`${where} est dans la table mais customFunctions.${doc.name} n’est pas une fonction dans ${bundle}.`);
    for (const field of ['summary', 'example']) if (!docText(doc[field] ?? '')) fail(`${where} n’a pas de ${field}.`);
    if (!doc.returns?.type || !doc.returns?.description) fail(`${where} ne décrit pas son résultat.`);
    const params = new Set();
    for (const p of doc.params) {
      if (!IDENTIFIER.test(p.name) || RESERVED.has(p.name)) fail(`${where} : le paramètre « ${p.name} » n’est pas un nom valide.`);
      if (params.has(p.name)) fail(`${where} : le paramètre « ${p.name} » figure deux fois.`);
      params.add(p.name);
      if (!p.type || !docText(p.description)) fail(`${where} : le paramètre « ${p.name} » n’a pas de type ou de description.`);
    }
  }
  for (const ns of [App, Features]) for (const name of Object.keys(ns.customFunctions)) if (!seen.has(name)) fail(`customFunctions.${name} n’a pas de ligne dans la table CUSTOM_FUNCTIONS.`);

  // onOpen/onInstall are in both bundles (main.ts re-exports the menu): the eager one is
  // called, so that opening a spreadsheet compiles no feature code.
  if (functionsOf(Features).includes(LOADER)) fail(`src/gas/main.ts exporte « ${LOADER} », le nom du chargeur de Code.js.`);
  const eagerEntries = functionsOf(App).filter((name) => name !== LOADER).sort();
  const lazyEntries = functionsOf(Features).filter((name) => !eagerEntries.includes(name)).sort();
  for (const name of [...eagerEntries, ...lazyEntries]) {
    checkTopLevelName(name, 'La fonction exportée');
    if (seen.has(name)) fail(`la fonction exportée « ${name} » porte le nom d’une fonction personnalisée.`);
  }

  const entry = (target) => (name) => `function ${name}(...args) {\n  return ${target}.${name}(...args);\n}\n`;
  return [
    '// Generated by scripts/build/gas.mjs from both bundles: do not edit.',
    '// Apps Script runs the top-level code of every file in push order. These wrappers only',
    '// reach App when they are called, never while loading, so the order of the files does',
    '// not matter. App.features() compiles the feature bundle on its first call in an execution.',
    '',
    ...docs.map((doc) => customFunctionWrapper(doc, lazy.has(doc.name) ? ON_DEMAND : EAGER)).map((w) => `${w}\n`),
    ...eagerEntries.map(entry(EAGER)),
    ...lazyEntries.map(entry(ON_DEMAND)),
  ].join('\n');
}
