import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SOURCE_DIR = join(import.meta.dirname, '../../renderer/src');
/** Attributes a person reads or hears (screen readers); their text must come from i18n too. */
const READ_ATTRIBUTES = new Set(['placeholder', 'title', 'alt', 'aria-label', 'aria-description', 'label']);
/** Any letter of any script: digits, symbols (₩, ×, ⌫, ·) and punctuation are not words. */
const WORDS = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsxFiles(path) : name.endsWith('.tsx') ? [path] : [];
  });
}

/** String literals that end up as text in the rendered page, outside any call (t('key') is a call). */
function literalsShown(expression: ts.Node, found: ts.Node[]): void {
  if (ts.isCallExpression(expression) || ts.isJsxElement(expression) || ts.isJsxSelfClosingElement(expression) || ts.isArrowFunction(expression)) return;
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    if (WORDS.test(expression.text)) found.push(expression);
    return;
  }
  if (ts.isTemplateExpression(expression)) {
    if ([expression.head.text, ...expression.templateSpans.map((s) => s.literal.text)].some((t) => WORDS.test(t))) found.push(expression);
    return;
  }
  if (ts.isConditionalExpression(expression)) {
    // the condition (mode === 'cancel') is never shown, the branches may be
    literalsShown(expression.whenTrue, found);
    literalsShown(expression.whenFalse, found);
    return;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind !== ts.SyntaxKind.PlusToken) {
    // a && 'text', a ?? 'text', a || 'text': only the right side can be shown; a comparison shows nothing
    const shows = [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken];
    if (shows.includes(expression.operatorToken.kind)) literalsShown(expression.right, found);
    return;
  }
  expression.forEachChild((child) => literalsShown(child, found));
}

/** Every place a .tsx source puts words on screen without going through i18n. */
function untranslatedText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) problems.push(node);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer) && WORDS.test(node.initializer.text)) problems.push(node);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) literalsShown(node.initializer.expression, problems);
    }
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      literalsShown(node.expression, problems);
    }
    node.forEachChild(visit);
  };
  visit(file);
  return problems.map((node) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${fileName}:${line + 1}: ${node.getText(file).trim().slice(0, 60)}`;
  });
}

describe('components', () => {
  it('put no words on screen that are not translated (JSX text, shown literals, read attributes)', () => {
    const files = tsxFiles(SOURCE_DIR);
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((file) => untranslatedText(relative(SOURCE_DIR, file), readFileSync(file, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('catches each kind of literal the check is for', () => {
    const sample = `
      export const A = () => <p>Total</p>;
      export const B = () => <input placeholder="이름" />;
      export const C = ({ x }: { x: boolean }) => <p>{x ? '合计' : null}</p>;
      export const D = () => <img alt={'logo'} />;
      export const E = ({ n }: { n: number }) => <p>{\`\${n} items\`}</p>;
      export const F = ({ t }: { t: (k: string) => string }) => <p className="total">{t('sale.total')} · {'₩'} 1</p>;
    `;
    const found = untranslatedText('sample.tsx', sample);
    expect(found.map((p) => p.split(':')[1])).toEqual(['2', '3', '4', '5', '6']);
  });
});
