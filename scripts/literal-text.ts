import ts from 'typescript'

/**
 * Text a person would read, written straight into a component instead of coming from the
 * catalogue: JSX text, a string shown as a JSX child (or one branch of it), and strings in the
 * attributes that are read out or shown (aria-label, title, placeholder, alt...). Strings without
 * a letter (punctuation, "·", "—") are not words and pass.
 */
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label'])
const LETTER = /\p{L}/u

export interface Literal {
  readonly file: string
  readonly line: number
  readonly text: string
}

/** The strings an expression can evaluate to as a whole (not those it compares or passes on). */
function shown(expr: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr) || ts.isTemplateExpression(expr)) return [expr]
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) return shown(expr.expression)
  if (ts.isConditionalExpression(expr)) return [...shown(expr.whenTrue), ...shown(expr.whenFalse)]
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return [...shown(expr.left), ...shown(expr.right)]
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shown(expr.right)
  }
  return []
}

/** A template's own text, without what its ${} parts insert. */
function staticText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('')
  return ''
}

export function literalTexts(file: string, source: string, allowed: ReadonlySet<string> = new Set()): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: Literal[] = []
  const report = (node: ts.Node, text: string): void => {
    const t = text.trim()
    if (LETTER.test(t) && !allowed.has(t)) found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: t })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text)
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const s of shown(node.expression)) report(s, staticText(s))
    } else if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer
      if (ts.isStringLiteral(init)) report(init, init.text)
      else if (ts.isJsxExpression(init) && init.expression) for (const s of shown(init.expression)) report(s, staticText(s))
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}
