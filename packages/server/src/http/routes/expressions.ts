import { apiErrorSchema, expressionCheckBodySchema, expressionCheckSchema, expressionEvaluateBodySchema, expressionEvaluateSchema } from '@intune-assets/contracts';
import { AppError } from '../../errors/app-error.js';
import { checkExpression, evaluateExpression } from '../../mapping/expression-check.js';
import type { RouteModule } from '../api-server.js';
import { API_PREFIX } from '../api-server.js';

const TAGS = ['expressions'];

/** The expression editor's checks (SPEC §5): errors with code and span as the analyst types, and a value for a record. */
export function expressionRoutes(): RouteModule {
  return (server) => {
    server.post(`${API_PREFIX}/expressions/check`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Parse and check a transform or condition; issues carry code and span; type is the inferred result type.', body: expressionCheckBodySchema, response: { 200: expressionCheckSchema } },
    }, async (request) => {
      const { expression, kind, graphApiVersion, selectedFields } = request.body;
      const result = checkExpression({ expression, kind, ...(graphApiVersion === undefined ? {} : { graphApiVersion }), ...(selectedFields === undefined ? {} : { selectedFields }) });
      return { ok: result.ok, ...(result.type === undefined ? {} : { type: result.type }), fieldsUsed: [...result.fieldsUsed], issues: [...result.issues] };
    });

    server.post(`${API_PREFIX}/expressions/evaluate`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Evaluate an expression against one device record; 422 with the span when it fails.', body: expressionEvaluateBodySchema, response: { 200: expressionEvaluateSchema, 422: apiErrorSchema } },
    }, async (request) => {
      const result = evaluateExpression(request.body);
      if (!result.ok) {
        throw new AppError('input_invalid', `The expression cannot be evaluated: ${result.issues.map((i) => i.message).join('; ')}`, { details: { issues: result.issues } });
      }
      return { value: result.value };
    });
  };
}
