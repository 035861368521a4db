/** The element tree that `parseXml` returns (xml/parse.ts), shared by its two builders (saxes and the fast path). */

/** Prefix → namespace bindings in scope for an element (a chain of declaration sets). */
export interface XmlNamespaceScope {
  readonly parent: XmlNamespaceScope | null;
  /** Declarations made on one element (`""` is the default namespace). */
  readonly decls: Readonly<Record<string, string>>;
}

/** A parsed element. */
export interface XmlElement {
  /** Namespace URI (`""` when unqualified). */
  readonly ns: string;
  readonly local: string;
  /** Attributes keyed `{ns}local` (or `local` when unqualified); xmlns declarations excluded. */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Concatenated character data and CDATA directly inside this element. */
  readonly text: string;
  /** 1-based line of the end of the start tag. */
  readonly line: number;
  /** Column of the end of the start tag. */
  readonly column: number;
  /** Namespace bindings in scope (used to resolve QName-valued content such as `xsi:type`). */
  readonly scope: XmlNamespaceScope;
}

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const ROOT_SCOPE: XmlNamespaceScope = Object.freeze({
  parent: null,
  decls: Object.freeze({ xml: XML_NS }),
});
export const EMPTY_ATTRS: ReadonlyMap<string, string> = new Map();
export const EMPTY_CHILDREN: readonly XmlElement[] = Object.freeze([]);

/** Mutable element used while building; exposed through the readonly `XmlElement` interface. */
export class TreeElement implements XmlElement {
  children: XmlElement[] | readonly XmlElement[] = EMPTY_CHILDREN;
  text = "";
  constructor(
    readonly ns: string,
    readonly local: string,
    readonly attrs: ReadonlyMap<string, string>,
    readonly line: number,
    readonly column: number,
    readonly scope: XmlNamespaceScope,
  ) {}

  /** Append a child element. */
  add(child: XmlElement): void {
    if (this.children === EMPTY_CHILDREN) this.children = [child];
    else (this.children as XmlElement[]).push(child);
  }
}
