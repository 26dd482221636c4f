import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@shared/protocol/errors';

/** A refusal the client should see as `{ error: { code, message } }` with the code's status. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = ERROR_STATUS[code];
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
