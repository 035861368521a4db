/**
 * A precompiled template (emit/template-view.ts `precompiledModule`) made callable by the
 * handlebars runtime alone: loading it skips the handlebars compiler and compiling the template.
 */
import Handlebars from "handlebars/runtime";
import type { Printable } from "./template-view.js";

export function templateFromSpec<V extends Printable<V>>(spec: TemplateSpecification): (view: V) => string {
  return Handlebars.template<V>(spec);
}
