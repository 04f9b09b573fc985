// The read endpoints a client needs to see every task of every workflow (ProjectController and
// ProcessDefinitionController, 3.3 WorkflowDefinitionController; ProjectServiceImpl and
// ProcessDefinitionServiceImpl at 3.0.6, 3.1.9, 3.2.2 and dev):
//   GET /projects?pageNo&pageSize[&searchVal]                    PageInfo<Project>, id desc
//   GET /projects/list                                           all projects of the caller
//   GET /projects/{projectCode}/{segment}?pageNo&pageSize[&searchVal][&userId]  PageInfo<definition>
//   GET /projects/{projectCode}/{segment}/all                    DagData of every workflow (one request per project)
//   GET /projects/{projectCode}/{segment}/{code}                 DagData of one workflow
import type { DsStatus } from '../../dolphinscheduler/status.js';
import { DS_STATUS } from '../../dolphinscheduler/status.js';
import { pageInfoJson as pageInfo32 } from '../generations/storage-fs/page-info.js';
import { pageInfoJson as pageInfo31 } from '../generations/v31/entity-json.js';
import { parseJavaInt, type RequestParams } from '../params.js';
import { ServiceError, statusReply, successReply, type Reply } from '../reply.js';
import type { Route, RouteContext } from '../router.js';
import type { EmulatorUser } from '../users.js';
import type { SeededProject } from './catalog.js';
import { dagJson, definitionJson, projectJson, type JsonContext } from './entity-json.js';
import { workflowStatuses, type WorkflowStatuses } from './status.js';
import type { WorkflowStore } from './store.js';

export function workflowRoutes(store: WorkflowStore): Route[] {
  const { dialect } = store.catalog;
  const s = workflowStatuses(dialect.stem);
  const base = `/projects/{projectCode}/${dialect.segment}`;
  const route = (pattern: string, apiException: DsStatus, handle: (ctx: RouteContext, json: JsonContext) => Reply): Route => ({
    method: 'GET', pattern, apiException,
    handle: async (ctx) => {
      await store.refresh();
      return handle(ctx, store.jsonContext);
    },
  });
  return [
    route('/projects', s.LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR, ({ user, params }, json) => {
      const page = pageParams(params);
      if ('reply' in page) return page.reply;
      const search = params.optString('searchVal') ?? '';
      const projects = visibleProjects(store, user as EmulatorUser)
        .filter((p) => p.name.includes(search) || (p.description ?? '').includes(search))
        .sort((a, b) => b.id - a.id);
      const perm = (user as EmulatorUser).admin ? 0 : 7; // Constants.DEFAULT_ADMIN_PERMISSION for non-admins
      return paged(json, page, projects.map((p) => projectJson(json, p, perm)));
    }),
    route('/projects/list', s.LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR, ({ user }, json) =>
      successReply(visibleProjects(store, user as EmulatorUser).map((p) => ({ ...projectJson(json, p), userName: null, defCount: 0 })))),
    route(base, s.QUERY_DEFINITION_LIST_PAGING_ERROR, ({ user, params, pathVars }, json) => {
      const page = pageParams(params);
      if ('reply' in page) return page.reply;
      // 3.0.6 copies only the status of checkProjectAndAuth's result (putMsg without arguments): "{0}" stays.
      const project = checkedProject(store, s, user as EmulatorUser, pathVars, dialect.generation !== '3.0');
      const search = params.optString('searchVal') ?? '';
      const userId = params.optInt('userId') ?? 0;
      // queryDefineListPaging: name or description LIKE, user_id when not 0, update_time desc, id asc.
      const workflows = project.workflows
        .filter((w) => w.name.includes(search) && (userId === 0 || userId === project.userId))
        .sort((a, b) => b.updateTime.getTime() - a.updateTime.getTime() || a.id - b.id);
      return paged(json, page, workflows.map((w) => definitionJson(json, project, w, true)));
    }),
    route(`${base}/all`, s.QUERY_DEFINITION_LIST, ({ user, pathVars }, json) => {
      const project = checkedProject(store, s, user as EmulatorUser, pathVars);
      // queryAllDefinitionList: order by create_time desc (ties, one seed's workflows, newest id first).
      const newest = [...project.workflows].sort((a, b) => b.createTime.getTime() - a.createTime.getTime() || b.id - a.id);
      return successReply(newest.map((w) => dagJson(json, project, w)));
    }),
    route(`${base}/{code}`, s.QUERY_DETAIL_OF_DEFINITION_ERROR, ({ user, pathVars }, json) => {
      const project = checkedProject(store, s, user as EmulatorUser, pathVars);
      const code = javaLong('code', pathVars.code ?? '');
      const workflow = project.workflows.find((w) => w.code === code);
      // putMsg(..., String.valueOf(code)): a string, so MessageFormat adds no digit grouping.
      if (workflow === undefined) throw ServiceError.of(s.DEFINITION_NOT_EXIST, String(code));
      return successReply(dagJson(json, project, workflow));
    }),
  ];
}

interface Page { pageNo: number; pageSize: number }

/** BaseController.checkPageParams, before the service. */
function pageParams(params: RequestParams): Page | { reply: Reply } {
  const pageNo = params.int('pageNo');
  const pageSize = params.int('pageSize');
  if (pageNo <= 0) return { reply: statusReply(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageNo') };
  if (pageSize <= 0) return { reply: statusReply(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageSize') };
  return { pageNo, pageSize };
}

function paged(json: JsonContext, page: Page, items: unknown[]): Reply {
  const start = (page.pageNo - 1) * page.pageSize;
  const slice = items.slice(start, start + page.pageSize);
  const make = json.dialect.pageOffsetKey === 'start' ? pageInfo31 : pageInfo32;
  return successReply(make(page.pageNo, page.pageSize, items.length, slice));
}

/** An administrator sees every project; other users the projects they own (grants are not emulated). */
function visibleProjects(store: WorkflowStore, user: EmulatorUser): SeededProject[] {
  return store.catalog.projects.filter((p) => user.admin || p.userId === user.id);
}

/**
 * ProjectServiceImpl.checkProjectAndAuth (and ...ThrowException): 10190 for an unknown code, 30002
 * naming the user and the code (a long, so MessageFormat groups its digits) without permission.
 */
function checkedProject(
  store: WorkflowStore, s: WorkflowStatuses, user: EmulatorUser, pathVars: Readonly<Record<string, string>>, formatted = true,
): SeededProject {
  const code = javaLong('projectCode', pathVars.projectCode ?? '');
  const project = store.catalog.projectByCode(code);
  if (project === undefined) throw ServiceError.of(s.PROJECT_NOT_EXIST);
  if (!user.admin && project.userId !== user.id) {
    const status = s.USER_NO_OPERATION_PROJECT_PERM;
    throw formatted ? ServiceError.of(status, user.name, code) : new ServiceError(status.code, status.msg);
  }
  return project;
}

/** A @PathVariable long: codes are 13 digits, beyond parseJavaInt's int range. */
function javaLong(name: string, raw: string): number {
  if (!/^[+-]?\d{1,18}$/.test(raw.trim())) return parseJavaInt(name, raw);
  return Number(raw.trim());
}
