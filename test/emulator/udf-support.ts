// Shared by the UDF emulator tests: the calls of the official UI's UDF pages (resources/index.ts
// and views/resource/udf at 3.1.9 and 3.2.2), which send every field of the function form as a
// form body, empty strings included, and `resourceId` (-1 on 3.2, where `fullName` binds).
import type { Answer, Api, Fields } from './support.js';

export interface FunctionForm {
  type?: 'HIVE' | 'SPARK';
  funcName: string;
  className: string;
  argTypes?: string;
  database?: string;
  description?: string;
}

function uiForm(f: FunctionForm): Fields {
  return { type: 'HIVE', argTypes: '', database: '', description: '', ...f };
}

/** 3.0/3.1: the jar is the path variable. */
export class UdfCallsV31 {
  constructor(readonly api: Api) {}

  mkdir(name: string, pid = -1, currentDir = '/'): Promise<Answer> {
    return this.api.form('POST', '/resources/directory', { type: 'UDF', name, pid, currentDir, description: '' });
  }

  uploadJar(name: string, content: string | Buffer, pid = -1, currentDir = '/'): Promise<Answer> {
    return this.api.multipart('POST', '/resources', { type: 'UDF', name, pid, currentDir, description: '' }, { filename: name, content });
  }

  create(resourceId: number, f: FunctionForm): Promise<Answer> {
    return this.api.form('POST', `/resources/${resourceId}/udf-func`, { ...uiForm(f), resourceId });
  }

  update(resourceId: number, id: number, f: FunctionForm): Promise<Answer> {
    return this.api.form('PUT', `/resources/${resourceId}/udf-func/${id}`, { ...uiForm(f), resourceId, id });
  }
}

/** 3.2: the jar is the `fullName` form field. */
export class UdfCallsV32 {
  constructor(readonly api: Api) {}

  mkdir(name: string, currentDir: string): Promise<Answer> {
    return this.api.form('POST', '/resources/directory', { type: 'UDF', name, pid: -1, currentDir });
  }

  uploadJar(name: string, content: string | Buffer, currentDir: string): Promise<Answer> {
    return this.api.multipart('POST', '/resources', { type: 'UDF', name, currentDir }, { filename: name, content });
  }

  create(fullName: string, f: FunctionForm): Promise<Answer> {
    return this.api.form('POST', '/resources/udf-func', { ...uiForm(f), resourceId: -1, fullName });
  }

  update(fullName: string, id: number, f: FunctionForm): Promise<Answer> {
    return this.api.form('PUT', `/resources/udf-func/${id}`, { ...uiForm(f), resourceId: -1, fullName, id });
  }
}

/** The paged list as the UI asks for it. */
export function page(api: Api, extra: Fields = {}): Promise<Answer> {
  return api.get('/resources/udf-func', { pageNo: 1, pageSize: 10, searchVal: '', ...extra });
}
