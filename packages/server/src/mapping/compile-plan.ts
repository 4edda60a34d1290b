import type { ConnectionSettings, FieldIssue, SourceOfTruth } from '@intune-assets/contracts';
import type { CompiledExpr } from '@intune-assets/expr';
import { compileDeviceTypeRules } from '../rules/device-type.js';
import { vetDeviceTypeRules } from '../rules/vet-device-type-rules.js';
import type { MappedField, MatchField, SyncPlan } from '../sync/plan.js';
import { buildClassifier } from './classifier.js';
import type { CategoryRule } from './classifier.js';
import { buildDeviceFilter } from './device-filter.js';
import { buildMapper } from './device-mapper.js';
import type { CompiledMapping } from './device-mapper.js';
import { ExpressionCompiler } from './expression-compiler.js';
import { fieldScope } from './field-scope.js';
import type { FieldScope } from './field-scope.js';
import { resolveMapping } from './resolve-mapping.js';

/** `mappings` are the plan's compiled key field mappings, for the live preview's value per field. */
export type CompilePlanResult =
  | { readonly ok: true; readonly plan: SyncPlan; readonly mappings: readonly CompiledMapping[] }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/** The mapped fields a match field reads (SPEC §4.7); matching needs one of them mapped. */
const MATCH_TARGETS: Readonly<Record<MatchField, readonly MappedField[]>> = {
  serialNumber: ['serialNumber'],
  name: ['name'],
  mac: ['wifiMac', 'ethernetMac'],
  imei: ['imei'],
  azureAdDeviceId: ['azureAdDeviceId'],
};

/**
 * Compiles a validated connection document into the SyncPlan a run uses: every expression parsed and checked
 * once against the connection's Intune fields (its Graph version, restricted to `selectedFields`), every
 * device-type regex vetted, the default mapping merged in. Returns every problem at once, each with its path
 * and, for expressions, the expr error's code and span. Called at save time (validate-connection.ts) and at
 * the start of each run.
 *
 * @example
 * const res = compileSyncPlan({ document: settings, connectionId: c.id, departmentId: c.departmentId });
 * if (!res.ok) throw new AppError('input_invalid', describeIssues(res.issues), { details: { issues: res.issues } });
 * const skip = res.plan.filter(device, res.plan.detectType(device), { groupMembers: null });
 */
export function compileSyncPlan(input: {
  readonly document: ConnectionSettings;
  readonly connectionId: string;
  readonly departmentId: string;
}): CompilePlanResult {
  const doc = input.document;
  const scope = fieldScope({ version: doc.graphApiVersion, selectedFields: doc.selectedFields, ownerField: doc.allocation.ownerField });
  const compiler = new ExpressionCompiler(scope);
  const issues = compiler.issues;
  issues.push(...vetDeviceTypeRules(doc.deviceTypes.rules));

  const condition = doc.filters.condition === null ? null : compiler.compile('filters.condition', doc.filters.condition);
  const categoryRules = compileCategoryRules(compiler, doc);
  const categoryField = doc.classification.field === null ? null : compiler.resolveFieldName('classification.field', doc.classification.field);
  const mappings = compileMappings(compiler, doc);
  issues.push(...checkMatchField(doc.matching.field, mappings, issues));
  if (issues.length > 0) return { ok: false, issues: [...issues] };

  const classification = doc.classification;
  const used: string[] = [
    ...(condition?.fieldsUsed ?? []),
    ...(classification.mode === 'rules' ? categoryRules.flatMap((r) => r.condition.fieldsUsed) : []),
    ...(classification.mode === 'field' && categoryField !== null ? [categoryField] : []),
    ...mappings.flatMap((m) => m.expr.fieldsUsed),
  ];
  const classifier = buildClassifier({ settings: classification, rules: categoryRules, field: categoryField });
  const sourceOfTruth: Partial<Record<MappedField, SourceOfTruth>> = {};
  const categorySourceOfTruth: Record<string, SourceOfTruth> = {};
  for (const m of resolveMapping(doc.mapping.fields)) {
    if (!mappings.some((c) => c.target === m.target)) continue;
    if (m.ref.kind === 'standard') sourceOfTruth[m.ref.field] = m.sourceOfTruth;
    else categorySourceOfTruth[m.ref.field] = m.sourceOfTruth;
  }
  const plan: SyncPlan = {
    connectionId: input.connectionId,
    departmentId: input.departmentId,
    integrationUser: doc.integrationUser,
    graphApiVersion: doc.graphApiVersion,
    ...fetchFields(scope, used),
    batchSize: doc.batchSize,
    groupIds: doc.filters.groupIds === null ? null : Object.freeze([...doc.filters.groupIds]),
    filter: buildDeviceFilter({ filters: doc.filters, condition, isCaughtByRule: classifier.isCaughtByRule }),
    detectType: compileDeviceTypeRules(doc.deviceTypes.rules),
    classify: classifier.classify,
    map: buildMapper(mappings),
    match: Object.freeze({ ...doc.matching }),
    allocation: Object.freeze({ ...doc.allocation }),
    lifecycle: Object.freeze({ ...doc.lifecycle, retireSafetyPercent: doc.retireSafetyPercent }),
    sourceOfTruth: Object.freeze(sourceOfTruth),
    categorySourceOfTruth: Object.freeze(categorySourceOfTruth),
    keepExistingCategory: classification.keepExistingCategory,
    defaultStore: doc.defaults.store,
  };
  return { ok: true, plan: Object.freeze(plan), mappings: Object.freeze(mappings) };
}

function compileCategoryRules(compiler: ExpressionCompiler, doc: ConnectionSettings): CategoryRule[] {
  const rules: CategoryRule[] = [];
  doc.classification.rules.forEach((rule, index) => {
    const condition = compiler.compile(`classification.rules[${index}].condition`, rule.condition);
    if (condition !== null) rules.push({ category: rule.category, condition });
  });
  return rules;
}

function compileMappings(compiler: ExpressionCompiler, doc: ConnectionSettings): CompiledMapping[] {
  const compiled: CompiledMapping[] = [];
  for (const m of resolveMapping(doc.mapping.fields)) {
    const path = `mapping.fields.${m.target}.expression`;
    const expr: CompiledExpr | null = m.isDefault ? compiler.compileDefault(path, m.source) : compiler.compile(path, m.source);
    if (expr !== null) compiled.push({ target: m.target, ref: m.ref, source: m.source, expr });
  }
  return compiled;
}

function checkMatchField(field: MatchField, mappings: readonly CompiledMapping[], reported: readonly FieldIssue[]): FieldIssue[] {
  const needed = MATCH_TARGETS[field];
  if (mappings.some((m) => m.ref.kind === 'standard' && needed.includes(m.ref.field))) return [];
  if (reported.some((issue) => needed.some((target) => issue.path === `mapping.fields.${target}.expression`))) return [];
  return [{
    path: 'matching.field',
    code: 'match_field_unmapped',
    message: `matching by ${field} needs a mapping for ${needed.join(' or ')} (removed, or its default reads a field that is not selected)`,
  }];
}

/** The list call requests identity plus what is read; GET-only fields are fetched per device instead (NOTES §1.5). */
function fetchFields(scope: FieldScope, used: readonly string[]): { listFields: readonly string[]; enrichFields: readonly string[] } {
  const unique = [...new Set([...scope.identity, ...used])];
  return {
    listFields: Object.freeze(unique.filter((name) => !scope.isGetOnly(name))),
    enrichFields: Object.freeze(unique.filter((name) => scope.isGetOnly(name))),
  };
}
