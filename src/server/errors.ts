import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ParameterInvalidError, ParameterMissingError } from '../core/benefits/parameters.ts';
import { AppError, errorBody } from '../core/errors.ts';
import { isUploadFailure, uploadError } from './uploads.ts';
import { issueReason, validationError } from './validationText.ts';

export function requestLanguage(req: FastifyRequest): 'zh-CN' | 'en' {
  const header = req.headers['accept-language'];
  return typeof header === 'string' && header.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/**
 * What a schema issue means in both languages: the input layer's own types give it (`params.zh`,
 * src/core/input.ts); other issues are worded from their kind and limits.
 */
function issueText(keyword: string, params: Record<string, unknown>, message: string | undefined) {
  const custom = params.params as { zh?: unknown } | undefined;
  if (typeof custom?.zh === 'string') return { zh: custom.zh, en: message ?? '' };
  return issueReason(keyword, params, { zh: '不符合要求', en: message ?? 'is invalid' });
}

/** Maps framework errors to AppErrors with stable codes; anything unexpected becomes a 500 without internals. */
export function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ParameterMissingError) return new AppError('parameter_missing', { en: err.message });
  if (err instanceof ParameterInvalidError) return new AppError('parameter_invalid', { en: err.message });
  if (hasZodFastifySchemaValidationErrors(err)) {
    return validationError(
      err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        reason: issueText(v.keyword, v.params, v.message),
        details: { params: v.params },
      })),
    );
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
