/**
 * A browser script from a self-contained TypeScript function: the bundler minifies the function
 * with the rest of the Lambda code, and its source text is what the page loads. Under tsx
 * (`npm start`) the transpiler wraps named functions in `__name(...)`; the shim makes that a
 * no-op in the browser.
 */
export function browserScript(fn: () => void): string {
  return `(function(){var __name=function(f){return f};(${fn.toString()})()})();\n`;
}

/**
 * A browser script from several self-contained functions, each a part of one app: every part is
 * called in turn with the same kit object (what the earlier parts put on it is what the later
 * ones use), then `kit.start()`. Each function must use nothing from outside its own body but
 * the kit; this is how the console stays several readable modules without a build step.
 */
export function browserParts(parts: ReadonlyArray<(kit: any) => void>): string {
  return `(function(){var __name=function(f){return f};var kit={};\n${parts.map((part) => `(${part.toString()})(kit);\n`).join('')}kit.start();})();\n`;
}
