import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { InvalidQueryError, ServiceQueryError } from './service-query.error';

/** Answers a failed query in Nest's usual error shape, with the contract issues of a 400. */
@Catch(ServiceQueryError)
export class ServiceQueryExceptionFilter implements ExceptionFilter<ServiceQueryError> {
  catch(error: ServiceQueryError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(error.status).json({
      statusCode: error.status,
      error: STATUS_CODES[error.status] ?? 'Error',
      message: error.message,
      ...(error instanceof InvalidQueryError ? { issues: error.issues } : {}),
    });
  }
}
