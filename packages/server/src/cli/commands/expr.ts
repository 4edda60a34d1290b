import { Command } from 'commander';
import { compile, resolveField } from '@intune-assets/expr';
import { intuneFieldList } from '../../mapping/intune-fields.js';
import type { FieldDef } from '@intune-assets/expr';

/** Where the command writes; tests pass their own. */
export interface ExprCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const PROCESS_IO: ExprCommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

type RecordParse = { ok: true; record: Record<string, unknown> } | { ok: false; message: string };

/** Keys may be written as in expressions (any case, seed aliases); they are stored under the Graph name. */
function parseRecord(raw: string, fields: readonly FieldDef[]): RecordParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { ok: false, message: `--record is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, message: `--record must be a JSON object such as '{"deviceName":"PC-1"}', got ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}` };
  }
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) record[resolveField(key, fields)?.name ?? key] = value;
  return { ok: true, record };
}

/**
 * `intune-assets expr '<expression>' [--record '<json object>']`: checks an expression against the Intune
 * device fields and prints its value as JSON, or the errors with carets (exit code 1).
 */
export function exprCommand(io: ExprCommandIo = PROCESS_IO): Command {
  return new Command('expr')
    .description('Check and evaluate a transform or condition expression against the Intune device fields')
    .argument('<expression>', "the expression, e.g. \"COALESCE(SerialNumber, IMEI)\"")
    .option('--record <json>', 'an Intune device as a JSON object (keys as in Graph or as in expressions)', '{}')
    .action((expression: string, options: { record: string }) => {
      const fields = intuneFieldList();
      const record = parseRecord(options.record, fields);
      if (!record.ok) {
        io.err(`error[invalid_record]: ${record.message}\n`);
        process.exitCode = 1;
        return;
      }
      const compiled = compile(expression, { fields });
      if (!compiled.ok) {
        io.err(`${compiled.errors.map((e) => e.format(expression)).join('\n')}\n`);
        process.exitCode = 1;
        return;
      }
      const result = compiled.expr.evaluate(record.record);
      if (!result.ok) {
        io.err(`${result.error.format(expression)}\n`);
        process.exitCode = 1;
        return;
      }
      io.out(`${JSON.stringify(result.value)}\n`);
    });
}
