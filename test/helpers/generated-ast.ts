/**
 * Structural check of generated TypeScript: parses a file and lists every construct that
 * soapkit never emits (a statement kind, a call, a `new`, an expression statement outside
 * the one place the client class has it). An empty list means no code was injected.
 */
import ts from "typescript";

const TOP_LEVEL = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.VariableStatement,
]);

/** Expression kinds that never appear in generated code at all. */
const FORBIDDEN = new Set([
  ts.SyntaxKind.TaggedTemplateExpression,
  ts.SyntaxKind.TemplateExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.Decorator,
  ts.SyntaxKind.DeleteExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.ImportKeyword,
]);

function enclosing(node: ts.Node, kind: ts.SyntaxKind): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.kind === kind) return true;
  return false;
}

function text(node: ts.Node, sf: ts.SourceFile): string {
  return node.getText(sf).slice(0, 80);
}

/** One problem per unexpected construct (`kind: text`). */
export function unexpectedConstructs(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const problems: string[] = [];
  const parse = (sf as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  for (const d of parse) problems.push(`syntax: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  for (const s of sf.statements) {
    if (!TOP_LEVEL.has(s.kind)) problems.push(`top-level ${ts.SyntaxKind[s.kind]}: ${text(s, sf)}`);
    if (ts.isVariableStatement(s) && !(s.declarationList.flags & ts.NodeFlags.Const))
      problems.push(`non-const variable: ${text(s, sf)}`);
  }
  const visit = (node: ts.Node): void => {
    problems.push(...check(node, sf));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

function check(node: ts.Node, sf: ts.SourceFile): string[] {
  if (FORBIDDEN.has(node.kind) && !isAssignmentInConstructor(node))
    return [`${ts.SyntaxKind[node.kind]}: ${text(node, sf)}`];
  if (ts.isExpressionStatement(node) && !isAssignmentInConstructor(node.expression))
    return [`expression statement: ${text(node, sf)}`];
  if (ts.isCallExpression(node) && !/^this\.#core\.invoke\b/.test(node.expression.getText(sf)) && !isJsonData(node))
    return [`call: ${text(node, sf)}`];
  if (
    ts.isNewExpression(node) &&
    !enclosing(node, ts.SyntaxKind.Constructor) &&
    !enclosing(node, ts.SyntaxKind.FunctionDeclaration)
  ) {
    return [`new outside constructor/factory: ${text(node, sf)}`];
  }
  if (
    ts.isVariableDeclaration(node) &&
    node.initializer &&
    !isPlainData(node.initializer) &&
    !isJsonData(node.initializer)
  )
    return [`initializer: ${text(node, sf)}`];
  return [];
}

/** `this.#core = new ...` inside a constructor: the only assignment soapkit emits. */
function isAssignmentInConstructor(node: ts.Node): boolean {
  return (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(node.left) &&
    node.left.name.getText() === "#core" &&
    enclosing(node, ts.SyntaxKind.Constructor)
  );
}

/**
 * A metadata constant's value, `JSON.parse(`…`)` (cheaper for a consumer's compiler than an
 * object literal): a template literal without substitutions whose text is JSON.
 */
function isJsonData(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || node.expression.getText() !== "JSON.parse" || node.arguments.length !== 1)
    return false;
  const arg = node.arguments[0]!;
  if (!ts.isNoSubstitutionTemplateLiteral(arg)) return false;
  try {
    JSON.parse(arg.text);
    return true;
  } catch {
    return false;
  }
}

/** Object/array literals of string, number, boolean and null literals only. */
function isPlainData(node: ts.Node): boolean {
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isPlainData);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (p) => ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isPlainData(p.initializer),
    );
  }
  if (ts.isPrefixUnaryExpression(node))
    return node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand);
  return (
    ts.isStringLiteral(node) ||
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  );
}

/** Top-level statement kinds of a file, for comparison with a benign generation. */
export function statementKinds(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return sf.statements.map((s) => ts.SyntaxKind[s.kind]);
}
