import { ExprError, compile, resolveField } from '@intune-assets/expr';
import type { CompiledExpr } from '@intune-assets/expr';
import type { FieldIssue } from '@intune-assets/contracts';
import type { FieldScope } from './field-scope.js';

/**
 * Compiles the expressions of one connection document against its field scope, collecting every problem as a
 * located issue (`mapping.fields.name.expression: unknown_field at 1:10: …`) with the expr code and span.
 */
export class ExpressionCompiler {
  readonly issues: FieldIssue[] = [];

  constructor(private readonly scope: FieldScope) {}

  /** The compiled expression, or null after recording its issues. */
  compile(path: string, source: string): CompiledExpr | null {
    const result = this.attempt(source);
    if (result.ok) return result.expr;
    this.issues.push(...result.issues.map((issue) => ({ path, ...issue })));
    return null;
  }

  /**
   * For shipped defaults: a default that reads a field the analyst did not select is left out (null) rather
   * than blocking the save; any other error is still reported.
   */
  compileDefault(path: string, source: string): CompiledExpr | null {
    const result = this.attempt(source);
    if (result.ok) return result.expr;
    if (result.issues.every((issue) => issue.code === 'field_not_selected')) return null;
    this.issues.push(...result.issues.map((issue) => ({ path, ...issue })));
    return null;
  }

  /** A field named in settings (not in an expression), resolved to its Graph name. */
  resolveFieldName(path: string, name: string): string | null {
    const allowed = resolveField(name, this.scope.allowed);
    if (allowed !== undefined) return allowed.name;
    const known = resolveField(name, this.scope.all);
    this.issues.push(
      known === undefined
        ? { path, code: 'unknown_field', message: `unknown Intune field '${name}'` }
        : { path, code: 'field_not_selected', message: notSelected(name, known.name) },
    );
    return null;
  }

  private attempt(source: string): { ok: true; expr: CompiledExpr } | { ok: false; issues: Omit<FieldIssue, 'path'>[] } {
    const result = compile(source, { fields: this.scope.allowed });
    if (result.ok) return result;
    return { ok: false, issues: result.errors.map((error) => toIssue(this.explainUnselected(error, source), source)) };
  }

  private explainUnselected(error: ExprError, source: string): ExprError {
    if (error.code !== 'unknown_field') return error;
    const written = source.slice(error.span.start, error.span.end).replace(/^\[|\]$/g, '');
    const known = resolveField(written, this.scope.all);
    if (known === undefined) return error;
    return new ExprError({ phase: 'check', code: 'field_not_selected', span: error.span, summary: notSelected(written, known.name) });
  }
}

function notSelected(written: string, name: string): string {
  const alias = written === name ? `'${name}'` : `'${written}' (${name})`;
  return `field ${alias} is not among the connection's selected fields; add it to selectedFields`;
}

/** `unknown_field at 1:10: unknown field 'DevceName'; did you mean 'deviceName'?` plus code and span. */
export function toIssue(error: ExprError, source: string): Omit<FieldIssue, 'path'> {
  const firstLine = error.format(source).split('\n')[0] ?? error.summary;
  return { message: firstLine.replace(/^error\[([^\]]+)\] at /, '$1 at '), code: error.code, span: error.span };
}
