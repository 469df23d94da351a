/**
 * Finds the message keys code asks for, without running it: a translator comes from useTranslations("ns") or
 * (await) getTranslations("ns") — also as one element of `const [t, …] = await Promise.all([getTranslations("ns"),
 * …])` — or is a parameter typed with getTranslations<"ns"> / useTranslations<"ns"> (directly or through a type
 * alias in the same file). Each call t("key"), t.rich("key"), t.markup("key") or t.raw("key") is then the key
 * "ns.key". A conditional gives both keys; a template literal with values gives its fixed start as a prefix that
 * must name a group of messages. Anything else (a key in a variable) cannot be known statically and is skipped.
 * Names are resolved by scope, so two components in one file may each have their own `t`.
 */
import ts from "typescript";

export type MessageKeyUse = { file: string; line: number; key: string; isPrefix: boolean };

const TRANSLATOR_FACTORIES = new Set(["useTranslations", "getTranslations"]);
const TRANSLATOR_METHODS = new Set(["rich", "markup", "raw"]);
const NAMESPACE_IN_TYPE = /\b(?:use|get)Translations\s*<\s*["'`]([^"'`]*)["'`]\s*>/;
const ROOT = "";

export function scanMessageKeys(file: string, source: string): MessageKeyUse[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const typeNamespaces = typeAliasNamespaces(sourceFile);
  const uses: MessageKeyUse[] = [];
  // Per scope: a name's namespace when it is a translator, null when it is something else.
  const scopes: Map<string, string | null>[] = [new Map()];

  const lookup = (name: string): string | undefined => {
    for (let index = scopes.length - 1; index >= 0; index--) {
      const scope = scopes[index]!;
      // A name declared again without a translator hides an outer translator of that name.
      if (scope.has(name)) return scope.get(name) ?? undefined;
    }
    return undefined;
  };
  const declare = (name: string, namespace: string | undefined) => {
    scopes[scopes.length - 1]!.set(name, namespace ?? null);
  };
  const record = (node: ts.Node, namespace: string, argument: ts.Expression) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    for (const { text, isPrefix } of literalKeys(argument)) {
      const key = namespace === ROOT ? text : `${namespace}.${text}`;
      uses.push({ file, line, key: isPrefix ? key.replace(/\.$/, "") : key, isPrefix });
    }
  };

  const visit = (node: ts.Node): void => {
    const opensScope = ts.isFunctionLike(node) || ts.isBlock(node) || ts.isSourceFile(node) || ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isCatchClause(node);
    if (opensScope && !ts.isSourceFile(node)) scopes.push(new Map());
    if (ts.isFunctionLike(node)) {
      for (const parameter of node.parameters) {
        if (ts.isIdentifier(parameter.name)) declare(parameter.name.text, parameter.type ? namespaceOfType(parameter.type, typeNamespaces) : undefined);
        else if (ts.isObjectBindingPattern(parameter.name)) {
          // function Text({ t }: { t: Translate }): the property's type says which translator it is.
          const members = parameter.type && ts.isTypeLiteralNode(parameter.type) ? parameter.type.members : undefined;
          for (const element of parameter.name.elements) {
            if (!ts.isIdentifier(element.name)) continue;
            const property = (element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName : element.name).text;
            const member = members?.find((candidate) => ts.isPropertySignature(candidate) && candidate.name.getText() === property) as ts.PropertySignature | undefined;
            declare(element.name.text, member?.type ? namespaceOfType(member.type, typeNamespaces) : undefined);
          }
        }
      }
    }
    if (ts.isBlock(node) || ts.isSourceFile(node)) hoistDeclarations(node.statements);

    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      if (ts.isIdentifier(callee)) {
        const namespace = lookup(callee.text);
        if (namespace !== undefined) record(node, namespace, node.arguments[0]!);
      } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && TRANSLATOR_METHODS.has(callee.name.text)) {
        const namespace = lookup(callee.expression.text);
        if (namespace !== undefined) record(node, namespace, node.arguments[0]!);
      }
    }
    ts.forEachChild(node, visit);
    if (opensScope && !ts.isSourceFile(node)) scopes.pop();
  };

  /** Declarations anywhere in a block count from its start (a function may use a `t` declared below it). */
  function hoistDeclarations(statements: ts.NodeArray<ts.Statement>) {
    for (const statement of statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) {
          declare(declaration.name.text, declaration.initializer ? translatorNamespace(declaration.initializer) : declaration.type ? namespaceOfType(declaration.type, typeNamespaces) : undefined);
        } else if (ts.isArrayBindingPattern(declaration.name)) {
          const elements = declaration.initializer ? promiseAllElements(declaration.initializer) : undefined;
          declaration.name.elements.forEach((element, index) => {
            if (ts.isBindingElement(element) && ts.isIdentifier(element.name)) {
              const source = elements?.[index];
              declare(element.name.text, source ? translatorNamespace(source) : undefined);
            }
          });
        }
      }
    }
  }

  visit(sourceFile);
  return uses;
}

/** `useTranslations("ns")`, `await getTranslations("ns")` or without a namespace (the root): the namespace. */
export function translatorNamespace(expression: ts.Expression): string | undefined {
  const inner = unwrap(expression);
  if (!ts.isCallExpression(inner) || !ts.isIdentifier(inner.expression) || !TRANSLATOR_FACTORIES.has(inner.expression.text)) return undefined;
  const [first] = inner.arguments;
  if (!first) return ROOT;
  const argument = unwrap(first);
  return ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

function promiseAllElements(expression: ts.Expression): readonly ts.Expression[] | undefined {
  const inner = unwrap(expression);
  if (!ts.isCallExpression(inner)) return undefined;
  const callee = inner.expression;
  const isPromiseAll = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Promise" && callee.name.text === "all";
  const [list] = inner.arguments;
  return isPromiseAll && list && ts.isArrayLiteralExpression(list) ? list.elements : undefined;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current)) {
    current = current.expression;
  }
  return current;
}

/** The fixed keys an argument can be: string literals, both arms of a conditional, a template's fixed start. */
function literalKeys(argument: ts.Expression): { text: string; isPrefix: boolean }[] {
  const inner = unwrap(argument);
  if (ts.isStringLiteralLike(inner)) return [{ text: inner.text, isPrefix: false }];
  if (ts.isConditionalExpression(inner)) return [...literalKeys(inner.whenTrue), ...literalKeys(inner.whenFalse)];
  if (ts.isTemplateExpression(inner)) {
    // `stepTypes.${type}`: the group before the last dot must exist; `${a}.${b}` tells nothing.
    const head = inner.head.text;
    const group = head.slice(0, head.lastIndexOf(".") + 1);
    return group ? [{ text: group, isPrefix: true }] : [];
  }
  return [];
}

/** Type aliases in the file that name a translator: `type Translate = Awaited<ReturnType<typeof getTranslations<"ns">>>`. */
function typeAliasNamespaces(sourceFile: ts.SourceFile): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const match = NAMESPACE_IN_TYPE.exec(statement.type.getText(sourceFile));
    if (match) aliases.set(statement.name.text, match[1]!);
  }
  return aliases;
}

function namespaceOfType(type: ts.TypeNode, aliases: Map<string, string>): string | undefined {
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && aliases.has(type.typeName.text)) return aliases.get(type.typeName.text);
  return NAMESPACE_IN_TYPE.exec(type.getText())?.[1];
}
