import { formatPath } from '@intune-assets/contracts';
import type { FieldIssue } from '@intune-assets/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isAppError } from '../errors/app-error.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Readonly<Record<string, unknown>> };
}

/** Maps every failure to `{ error: { code, message, details? } }` (SPEC §7.2); 5xx messages never leak internals. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isAppError(error)) {
    if (error.status >= 500) request.log.error({ err: error }, error.message);
    const retry = error.details?.['retryAfterSeconds'];
    if (typeof retry === 'number') void reply.header('retry-after', String(retry));
    return reply.status(error.status).send(error.toJSON() satisfies ErrorBody);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'request';
    const issues: FieldIssue[] = error.validation.map((v) => {
      const issue = (v.params as { issue?: { path?: PropertyKey[]; message?: string } }).issue;
      const path = issue?.path !== undefined ? formatPath(issue.path) : v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { path: path === '' ? `(${where})` : path, message: issue?.message ?? v.message ?? 'is invalid' };
    });
    const message = `The ${where === 'querystring' ? 'query' : where} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
    return reply.status(422).send({ error: { code: 'input_invalid', message, details: { issues } } } satisfies ErrorBody);
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'a response did not match its schema');
    return reply.status(500).send({ error: { code: 'internal', message: 'The server produced an invalid response; the log has the details.' } } satisfies ErrorBody);
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx (malformed JSON, body too large, unsupported media type) are about the request.
    const code = status === 404 ? 'not_found' : status === 429 ? 'rate_limited' : 'input_invalid';
    return reply.status(status).send({ error: { code, message: fastifyError.message ?? 'The request is invalid.' } } satisfies ErrorBody);
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'internal', message: 'An unexpected error; the server log has the details.' } } satisfies ErrorBody);
}
