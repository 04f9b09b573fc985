// doctor's UDF check (issue 13): the [udf] settings, and whether the server has UDF management
// (the function list answers on 3.0-3.2; 3.3 removed it, so the jars go to the file tree).
import type { Config } from '../config/types.js';
import type { GenerationEntry } from '../remote/generations.js';
import type { DsHttp } from '../remote/http.js';
import { createUdfFunctionsClient } from '../remote/udf-functions.js';

export interface UdfCheckResult {
  status: 'ok' | 'FAIL' | 'skip';
  check: string;
  detail: string;
}

const CHECK = 'UDF functions';

export async function udfCheck(config: Config, server: { http: DsHttp; generation: GenerationEntry } | undefined): Promise<UdfCheckResult | undefined> {
  const { udf } = config;
  if (udf === undefined) return undefined;
  const folder = `${udf.dir.value}/ (functions.yaml)`;
  if (server === undefined) return { status: 'skip', check: CHECK, detail: `${folder}: the server checks failed` };
  const support = server.generation.udf;
  if (!support.functions) {
    return { status: 'ok', check: CHECK, detail: `${folder}: ${support.reason}; its jars go to the file tree and each function is reported as skipped` };
  }
  try {
    const listing = await createUdfFunctionsClient(server.http, support.binding).list();
    if (!listing.supported) return { status: 'FAIL', check: CHECK, detail: `${folder}: ${listing.reason}` };
    return { status: 'ok', check: CHECK, detail: `${folder} → UDF tree ${udf.remoteDir.value}; the server has UDF management (${listing.functions.length} functions visible)` };
  } catch (error) {
    return { status: 'FAIL', check: CHECK, detail: error instanceof Error ? error.message : String(error) };
  }
}
