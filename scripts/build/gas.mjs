import { build as esbuild } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

/**
 * The Apps Script bundle: dist/Code.js (one minified IIFE, `var App`) and dist/Wrappers.js,
 * the top-level functions Sheets and Apps Script look for. esbuild drops comments and
 * Sheets only sees top-level declarations, so the wrappers are generated here: one per
 * function App exports (onOpen, menu actions, google.script.run targets), and one per row
 * of App.CUSTOM_FUNCTIONS with the JSDoc that gives Sheets its autocomplete and argument help.
 */
export async function build({ root, dist }) {
  const codeFile = join(dist, 'Code.js');
  await esbuild({
    entryPoints: [join(root, 'src/gas/main.ts')],
    outfile: codeFile,
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
  });
  const code = readFileSync(codeFile, 'utf8');
  const App = loadApp(code);
  writeFileSync(join(dist, 'Wrappers.js'), wrappers(App));
}

const fail = (message) => {
  throw new Error(`build gas : ${message}`);
};

/** Loads Code.js with no Apps Script service defined: top-level code that calls one fails here. */
function loadApp(code) {
  const context = vm.createContext({});
  try {
    vm.runInContext(code, context, { filename: 'Code.js' });
  } catch (e) {
    fail(`le chargement de Code.js échoue (${e.message}) ; le code de premier niveau ne doit appeler aucun service Apps Script.`);
  }
  if (!context.App || typeof context.App !== 'object') fail('Code.js ne définit pas App.');
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

function customFunctionWrapper(doc) {
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
    `  return App.customFunctions.${doc.name}(...arguments);`,
    '}',
  ].join('\n');
}

function wrappers(App) {
  const docs = App.CUSTOM_FUNCTIONS;
  const impls = App.customFunctions;
  if (!Array.isArray(docs) || !impls || typeof impls !== 'object') fail('App doit exporter CUSTOM_FUNCTIONS (la table) et customFunctions.');

  const seen = new Set();
  for (const doc of docs) {
    const where = `la fonction personnalisée « ${doc.name} »`;
    if (typeof doc.name !== 'string' || !CUSTOM_NAME.test(doc.name)) fail(`${where} doit s’écrire en majuscules, chiffres et « _ », sans « _ » final.`);
    checkTopLevelName(doc.name, 'La fonction personnalisée');
    if (seen.has(doc.name)) fail(`${where} figure deux fois dans la table.`);
    seen.add(doc.name);
    if (typeof impls[doc.name] !== 'function') fail(`${where} est dans la table mais App.customFunctions.${doc.name} n’est pas une fonction.`);
    for (const field of ['summary', 'example']) if (!docText(doc[field] ?? '')) fail(`${where} n’a pas de ${field}.`);
    if (!doc.returns?.type || !doc.returns?.description) fail(`${where} ne décrit pas son résultat.`);
    const names = new Set();
    for (const p of doc.params) {
      if (!IDENTIFIER.test(p.name) || RESERVED.has(p.name)) fail(`${where} : le paramètre « ${p.name} » n’est pas un nom valide.`);
      if (names.has(p.name)) fail(`${where} : le paramètre « ${p.name} » figure deux fois.`);
      names.add(p.name);
      if (!p.type || !docText(p.description)) fail(`${where} : le paramètre « ${p.name} » n’a pas de type ou de description.`);
    }
  }
  for (const name of Object.keys(impls)) if (!seen.has(name)) fail(`App.customFunctions.${name} n’a pas de ligne dans la table CUSTOM_FUNCTIONS.`);

  const entryPoints = Object.keys(App)
    .filter((name) => typeof App[name] === 'function')
    .sort();
  for (const name of entryPoints) {
    checkTopLevelName(name, 'La fonction exportée');
    if (seen.has(name)) fail(`la fonction exportée « ${name} » porte le nom d’une fonction personnalisée.`);
  }

  return [
    '// Generated by scripts/build/gas.mjs from App (dist/Code.js): do not edit.',
    '// Apps Script runs the top-level code of every file in push order. These wrappers only',
    '// reach App when they are called, never while loading, so the order of Code.js and',
    '// Wrappers.js does not matter.',
    '',
    ...docs.map(customFunctionWrapper).map((w) => `${w}\n`),
    ...entryPoints.map((name) => `function ${name}(...args) {\n  return App.${name}(...args);\n}\n`),
  ].join('\n');
}
