import type { Lang, LocalizedText } from './types.ts';

/** An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Partial<LocalizedText>;
  readonly path: string;
  /** The error's `details`, when the server sends them (e.g. the problems of each member). */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, messages: Partial<LocalizedText>, path: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.path = path;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (file upload); the browser sets its content type. */
  form?: FormData;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/* Module state: the CSRF token lives only in memory, never in storage. */
let csrfToken: string | null = null;
let language: Lang = 'zh-CN';
let unauthorizedHandler: ((error: ApiError) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: Lang): void {
  language = lang;
}

/** Called on a 401 that means the session is gone (see `endsSession`). */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  unauthorizedHandler = handler;
}

/** Calls made before a session exists: their 401 is the sign-in's own answer. */
const SIGN_IN_PATHS = ['/api/auth/login', '/api/auth/totp/verify', '/api/auth/me'];
/** 401s that answer what the user typed (wrong password, wrong code), not a lost session. */
const INPUT_CODES = ['invalid_credentials', 'totp_invalid'];

function endsSession(error: ApiError): boolean {
  if (error.status !== 401) return false;
  if (error.code === 'session_expired') return true;
  if (INPUT_CODES.includes(error.code)) return false;
  return !SIGN_IN_PATHS.includes(error.path);
}

function buildUrl(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toApiError(status: number, body: unknown, path: string): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error.message === 'string' ? error.message : '';
  const raw = isRecord(error.messages) ? error.messages : {};
  const messages: Partial<LocalizedText> = {};
  if (typeof raw['zh-CN'] === 'string') messages['zh-CN'] = raw['zh-CN'];
  if (typeof raw.en === 'string') messages.en = raw.en;
  return new ApiError(status, code, message, messages, path, error.details);
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return null;
  try {
    const body: unknown = await response.json();
    return body;
  } catch {
    return null;
  }
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && path !== '/api/auth/login' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', String(cause), {}, path);
  }

  const body = await readBody(response);
  // A cancelled request (page left, cache cleared) is no answer at all.
  if (options.signal?.aborted) throw new DOMException('The request was cancelled', 'AbortError');
  if (!response.ok) {
    const error = toApiError(response.status, body, path);
    if (endsSession(error)) unauthorizedHandler?.(error);
    throw error;
  }
  // The server is trusted to answer with the contract's shape.
  return body as T;
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};
