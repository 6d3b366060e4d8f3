import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ParameterInvalidError, ParameterMissingError } from '../core/benefits/parameters.ts';
import { AppError, errorBody } from '../core/errors.ts';
import { isUploadFailure, uploadError } from './uploads.ts';

export function requestLanguage(req: FastifyRequest): 'zh-CN' | 'en' {
  const header = req.headers['accept-language'];
  return typeof header === 'string' && header.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** The zh-CN text of a schema issue: the input layer's types give it as `params.zh` (src/core/input.ts). */
function issueZh(params: Record<string, unknown>, message: string | undefined): string {
  const custom = params.params as { zh?: unknown } | undefined;
  return typeof custom?.zh === 'string' ? custom.zh : message ?? '';
}

/** Maps framework errors to AppErrors with stable codes; anything unexpected becomes a 500 without internals. */
export function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ParameterMissingError) return new AppError('parameter_missing', { en: err.message });
  if (err instanceof ParameterInvalidError) return new AppError('parameter_invalid', { en: err.message });
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message,
      zh: issueZh(v.params, v.message),
      params: v.params,
    }));
    return new AppError('validation_failed', {
      zh: `请求数据不符合要求：${issues.map((i) => `${i.path} ${i.zh}`).join(';')}`,
      en: `Invalid request: ${issues.map((i) => `${i.path} ${i.message ?? ''}`).join('; ')}`,
      details: issues.map(({ zh: _zh, ...issue }) => issue),
    });
  }
  const code = (err as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid_json');
    default:
      break;
  }
  const status = (err as FastifyError).statusCode;
  if (status === 400 && err instanceof SyntaxError) return new AppError('invalid_json');
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError('validation_failed', { details: { reason: err.message } });
  }
  return new AppError('internal_error');
}

/**
 * Fastify's own answers to a URL it cannot route (a bad percent-encoding, an over-long parameter),
 * given the same shape and stable code as every other error (the `frameworkErrors` option).
 */
export function answerFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(err);
  req.log.info({ code: appError.code, reason: err.code }, 'request rejected');
  void reply.status(appError.status).send(errorBody(appError, requestLanguage(req)));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const appError = req.isMultipart() && isUploadFailure(err) ? uploadError(err) : toAppError(err);
    if (appError.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appError.code }, 'request rejected');
    void reply.status(appError.status).send(errorBody(appError, requestLanguage(req)));
  });
}
