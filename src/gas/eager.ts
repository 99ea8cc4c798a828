/**
 * The eager Apps Script bundle (dist/Code.js): only what every execution may need at once.
 * Every custom-function cell is its own execution that compiles every pushed .js file, so
 * this bundle holds the custom functions and onOpen/onInstall (the menu, AuthMode.NONE) and
 * nothing else. Everything else (sidebar API, reports, audit, open data, menu actions) is
 * src/gas/main.ts, built by scripts/build/gas.mjs as a second bundle that is stored as text
 * and compiled by `features()` the first time an execution needs it.
 */
import type * as Features from './main';

export { customFunctions } from './custom-functions';
export { onOpen, onInstall } from './menu';

/**
 * Where the build may put the feature bundle's source: a string in dist/Features.js
 * (`var RAPPORTEUR_FEATURES = "…"`), or dist/Features.html, which Apps Script stores but
 * never compiles (only .gs/.js files are loaded for each execution). The build chooses.
 */
declare const RAPPORTEUR_FEATURES: string | undefined;
const FEATURES_FILE = 'Features';

function featuresSource(): string {
  if (typeof RAPPORTEUR_FEATURES === 'string') return RAPPORTEUR_FEATURES;
  // getRawContent: the file's text as pushed, with no scriptlet evaluation.
  return HtmlService.createTemplateFromFile(FEATURES_FILE).getRawContent();
}

let features_: typeof Features | undefined;

/**
 * The feature bundle, compiled at most once per execution (a module variable lives as long
 * as the execution). The source is this project's own build output, pushed with it by
 * clasp: never remote code, never user input. `new Function` gives it its own scope: its
 * `var App` does not replace this bundle's global App.
 */
export function features(): typeof Features {
  if (!features_) features_ = new Function(`${featuresSource()}\nreturn App;`)() as typeof Features;
  return features_;
}
