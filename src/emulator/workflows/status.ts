// The status codes of the project and workflow endpoints (dolphinscheduler-api/.../api/enums/Status.java,
// identical codes at 3.0.6, 3.1.9, 3.2.2 and dev; the dev line says "workflow definition" where the
// older ones say "process definition").
import type { DsStatus } from '../../dolphinscheduler/status.js';

export interface WorkflowStatuses {
  PROJECT_NOT_EXIST: DsStatus;
  USER_NO_OPERATION_PROJECT_PERM: DsStatus;
  LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR: DsStatus;
  QUERY_DETAIL_OF_DEFINITION_ERROR: DsStatus;
  QUERY_DEFINITION_LIST: DsStatus;
  QUERY_DEFINITION_LIST_PAGING_ERROR: DsStatus;
  DEFINITION_NOT_EXIST: DsStatus;
}

export function workflowStatuses(stem: 'process' | 'workflow'): WorkflowStatuses {
  return {
    PROJECT_NOT_EXIST: { code: 10190, msg: 'This project was not found. Please refresh page.' },
    USER_NO_OPERATION_PROJECT_PERM: { code: 30002, msg: 'user {0} is not has project {1} permission' },
    LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR: { code: 10049, msg: 'login user query project list paging error' },
    QUERY_DETAIL_OF_DEFINITION_ERROR: { code: 10109, msg: `query detail of ${stem} definition error` },
    QUERY_DEFINITION_LIST: { code: 10110, msg: `query ${stem} definition list` },
    QUERY_DEFINITION_LIST_PAGING_ERROR: { code: 10122, msg: `query ${stem} definition list paging error` },
    DEFINITION_NOT_EXIST: { code: 50003, msg: `${stem} definition {0} does not exist` },
  };
}
