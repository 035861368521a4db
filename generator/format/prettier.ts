/**
 * Formatting of generated TypeScript with the pinned prettier and an explicit options
 * object: never `resolveConfig` from the working directory, so output does not depend on
 * where or by whom the generator runs.
 */
import { format } from "prettier";

export const PRETTIER_OPTIONS = {
  parser: "typescript",
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
  proseWrap: "preserve",
} as const;

/** Format one TypeScript source. */
export async function formatTypeScript(source: string): Promise<string> {
  return format(source, { ...PRETTIER_OPTIONS });
}
