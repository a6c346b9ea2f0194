/**
 * A browser script from a self-contained TypeScript function: the bundler minifies the function
 * with the rest of the Lambda code, and its source text is what the page loads. Under tsx
 * (`npm start`) the transpiler wraps named functions in `__name(...)`; the shim makes that a
 * no-op in the browser.
 */
export function browserScript(fn: () => void): string {
  return `(function(){var __name=function(f){return f};(${fn.toString()})()})();\n`;
}
