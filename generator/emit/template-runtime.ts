/**
 * A precompiled template (emit/template-view.ts `precompiledModule`) made callable by the
 * handlebars runtime alone: loading it skips the handlebars compiler and compiling the template.
 */
import runtime from "handlebars/runtime.js";
import type { Printable } from "./template-view.js";

// handlebars' runtime.d.ts declares no exports; the module is the runtime half of `handlebars`.
const Handlebars = runtime as unknown as Pick<typeof import("handlebars"), "template">;

export function templateFromSpec<V extends Printable<V>>(spec: TemplateSpecification): (view: V) => string {
  return Handlebars.template<V>(spec);
}
