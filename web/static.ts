/**
 * The hosted pages' static files that do not ship inside a Lambda bundle: the admin console's
 * script (about 60 KB minified, web/assets/console-js.ts; with it the console's bundle would pass the 150 KB budget).
 * Whoever hosts them serves each under its name and points CONSOLE_SCRIPT_URL of the admin-console
 * function at console.js: the local gateway serves them at /_web/<name>; a deployed stack
 * uploads them (e.g. `Source.data(name, file.body)` into its static bucket) and gives the URL.
 */
import { asset, type Asset } from './html.ts';
import { CONSOLE_JS } from './assets/console-js.ts';

export const STATIC_FILES: Readonly<Record<string, Asset>> = {
  'console.js': asset(CONSOLE_JS, 'text/javascript; charset=utf-8'),
};

/** Where the local gateway serves them. */
export const LOCAL_STATIC_PREFIX = '/_web/';
