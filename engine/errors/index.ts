export { ApiError, ERROR_CATALOGUE, type ErrorCode } from './catalogue';
export { registerErrorHandler, ErrorBody } from './handler';
