import { Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Hands every handler error to the transport unchanged. NestJS's default RPC filter turns an
 * unknown error into `{ status: 'error', message: 'Internal server error' }`, so dead letters would
 * lose the real cause; `TransientError`/`PermanentError` survive either way. Install it with
 * `app.useGlobalFilters(new JetStreamExceptionFilter())`.
 */
@Catch()
export class JetStreamExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
