// The UDF resource tree through the file-tree adapters. DolphinScheduler serves both trees from
// the same endpoints and tells them apart only by the `type` parameter (FILE or UDF;
// ResourcesController at 3.0.6, 3.1.9, 3.2.2), so an adapter opened on this client addresses the UDF
// tree: query and form `type=FILE` become `type=UDF`, and the uploads, whose multipart fields the
// adapter builds itself, read `resourceType`. No adapter learns a second code path.
import type { DsHttp, HttpRequest } from './http.js';

export function udfTreeHttp(http: DsHttp): DsHttp {
  return {
    endpoint: http.endpoint,
    baseUrl: http.baseUrl,
    authKind: http.authKind,
    resourceType: 'UDF',
    authenticate: () => http.authenticate(),
    send: (request) => http.send(asUdf(request)),
    receive: (request, consume) => http.receive(asUdf(request), consume),
    // The client is the file tree's: whoever built it closes it.
    close: () => undefined,
  };
}

function asUdf(request: HttpRequest): HttpRequest {
  return {
    ...request,
    ...(request.searchParams ? { searchParams: retyped(request.searchParams) } : {}),
    ...(request.form ? { form: retyped(request.form) } : {}),
  };
}

function retyped<T extends Record<string, string | number>>(params: T): T {
  return params['type'] === 'FILE' ? { ...params, type: 'UDF' } : params;
}
