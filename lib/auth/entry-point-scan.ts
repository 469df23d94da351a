/**
 * Finds the server entry points of a source file and whether each asks the authorisation module, without running
 * anything: the exported functions of a "use server" file, functions with their own "use server" directive, and
 * the exported HTTP method handlers of a route.ts. An entry point is authorised when its code (or a function of
 * the same file that it calls, however deep) calls one of AUTHORISERS imported from the module that defines it.
 * Tested by lib/auth/authorization-coverage.test.ts, which runs it over app/, components/ and lib/.
 */
import ts from "typescript";

/** The authorisation calls, by the module they must come from. */
export const AUTHORISERS: Record<string, readonly string[]> = {
  // Signed-in users and their role's permissions (pages, actions, the app's own routes).
  "@/lib/auth/session": ["authorize", "requirePageUser"],
  // API keys with the endpoint's permission, scope and rate limit (the REST API).
  "@/lib/api/endpoint": ["handle"],
};

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export type EntryPoint = { name: string; kind: "action" | "route"; line: number; isAuthorised: boolean };

export function scanEntryPoints(file: string, source: string): EntryPoint[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const authorisers = importedAuthorisers(sourceFile);
  const localFunctions = topLevelFunctions(sourceFile);
  const authorisedFunctions = new Set<string>();
  // A local function is authorised when it calls an authoriser or an authorised local function: repeat until stable.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, node] of localFunctions) {
      if (!authorisedFunctions.has(name) && callsAny(node, authorisers, authorisedFunctions)) {
        authorisedFunctions.add(name);
        changed = true;
      }
    }
  }
  const isAuthorised = (node: ts.Node) => callsAny(node, authorisers, authorisedFunctions);
  const line = (node: ts.Node) => sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const entries: EntryPoint[] = [];

  const isRoute = /(^|\/)route\.tsx?$/.test(file);
  const isServerFile = hasUseServer(sourceFile.statements);
  for (const statement of sourceFile.statements) {
    for (const [name, node] of exportedValues(statement)) {
      if (isServerFile) entries.push({ name, kind: "action", line: line(node), isAuthorised: isAuthorised(node) });
      else if (isRoute && HTTP_METHODS.has(name)) entries.push({ name, kind: "route", line: line(node), isAuthorised: isAuthorised(node) });
    }
    if (isRoute && ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      // export { handler as GET }: the handler's own declaration decides.
      for (const element of statement.exportClause.elements) {
        if (!HTTP_METHODS.has(element.name.text)) continue;
        const local = (element.propertyName ?? element.name).text;
        const declaration = localFunctions.get(local);
        entries.push({ name: element.name.text, kind: "route", line: line(element), isAuthorised: declaration ? isAuthorised(declaration) : false });
      }
    }
  }
  // Inline server actions (`async function save() { "use server"; … }` inside a page) outside "use server" files.
  if (!isServerFile) {
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body) && hasUseServer(node.body.statements)) {
        const name = node.name && ts.isIdentifier(node.name) ? node.name.text : "(inline action)";
        entries.push({ name, kind: "action", line: line(node), isAuthorised: isAuthorised(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return entries;
}

function hasUseServer(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use server") return true;
  }
  return false;
}

/** Names imported from the authorisation modules under whatever local name. */
function importedAuthorisers(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const allowed = AUTHORISERS[statement.moduleSpecifier.text];
    const bindings = statement.importClause?.namedBindings;
    if (!allowed || !bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (allowed.includes((element.propertyName ?? element.name).text)) names.add(element.name.text);
    }
  }
  return names;
}

/** Functions declared at the top of the file: function f() {} and const f = (…) => … / function … / wrapper(…). */
function topLevelFunctions(sourceFile: ts.SourceFile): Map<string, ts.Node> {
  const functions = new Map<string, ts.Node>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) functions.set(declaration.name.text, declaration.initializer);
      }
    }
  }
  return functions;
}

/** The exported values a statement declares: export (async) function f, export const f = …. */
function exportedValues(statement: ts.Statement): [string, ts.Node][] {
  const isExported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  if (!isExported) return [];
  if (ts.isFunctionDeclaration(statement) && statement.name) return [[statement.name.text, statement]];
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) =>
      ts.isIdentifier(declaration.name) && declaration.initializer ? [[declaration.name.text, declaration.initializer] as [string, ts.Node]] : [],
    );
  }
  return [];
}

function callsAny(node: ts.Node, authorisers: Set<string>, authorisedFunctions: Set<string>): boolean {
  let found = false;
  const visit = (child: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(child) && ts.isIdentifier(child.expression) && (authorisers.has(child.expression.text) || authorisedFunctions.has(child.expression.text))) {
      found = true;
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}
