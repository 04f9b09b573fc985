// How each generation names and shapes projects, workflows and tasks. 3.0–3.2 call workflows
// "process definitions" (ProcessDefinitionController at projects/{projectCode}/process-definition,
// tables t_ds_process_definition and t_ds_process_task_relation, DagData.processDefinition);
// the dev line (3.3) renamed them "workflow definitions" everywhere (WorkflowDefinitionController at
// projects/{projectCode}/workflow-definition, t_ds_workflow_definition, t_ds_workflow_task_relation,
// DagData.workflowDefinition). Task params reference resources by id up to 3.1 and by absolute
// storage path from 3.2 (dolphinscheduler-ui .../task/components/node/format-data.ts of each tag).

export type ReferenceStyle = 'id' | 'path';

export interface WorkflowDialect {
  readonly generation: '3.0' | '3.1' | '3.2' | '3.3';
  /** The controller's path segment under projects/{projectCode}. */
  readonly segment: 'process-definition' | 'workflow-definition';
  /** "process" or "workflow": the stem of the DagData keys, relation fields and status messages. */
  readonly stem: 'process' | 'workflow';
  readonly definitionTable: string;
  readonly relationTable: string;
  readonly references: ReferenceStyle;
  /** SQL tasks carry `udfs` (UDF function ids); 3.3 removed UDF support (#16212). */
  readonly udfs: boolean;
  /** api/utils/PageInfo: 3.0/3.1 expose the offset as `start`, 3.2+ as `pageNo` (Lombok @Data). */
  readonly pageOffsetKey: 'start' | 'pageNo';
  /** Entity fields that exist only in some generations (t_ds_process_definition.tenant_id went in 3.2). */
  readonly definitionTenant: boolean;
  /** t_ds_task_definition.is_cache (3.2+), task_execute_type/cpu_quota/memory_max (3.1+). */
  readonly taskIsCache: boolean;
  readonly taskExecuteType: boolean;
  /** Project.instRunningCount (gone on dev); ProcessDefinition.warningGroupId is an int on 3.1 only (0, not null). */
  readonly projectInstRunningCount: boolean;
  readonly intWarningGroupId: boolean;
}

const PROCESS = {
  segment: 'process-definition', stem: 'process',
  definitionTable: 't_ds_process_definition', relationTable: 't_ds_process_task_relation',
} as const;

export const WORKFLOW_DIALECTS: Readonly<Record<WorkflowDialect['generation'], WorkflowDialect>> = {
  '3.0': { generation: '3.0', ...PROCESS, references: 'id', udfs: true, pageOffsetKey: 'start', definitionTenant: true, taskIsCache: false, taskExecuteType: false, projectInstRunningCount: true, intWarningGroupId: false },
  '3.1': { generation: '3.1', ...PROCESS, references: 'id', udfs: true, pageOffsetKey: 'start', definitionTenant: true, taskIsCache: false, taskExecuteType: true, projectInstRunningCount: true, intWarningGroupId: true },
  '3.2': { generation: '3.2', ...PROCESS, references: 'path', udfs: true, pageOffsetKey: 'pageNo', definitionTenant: false, taskIsCache: true, taskExecuteType: true, projectInstRunningCount: true, intWarningGroupId: false },
  '3.3': {
    generation: '3.3', segment: 'workflow-definition', stem: 'workflow',
    definitionTable: 't_ds_workflow_definition', relationTable: 't_ds_workflow_task_relation',
    references: 'path', udfs: false, pageOffsetKey: 'pageNo', definitionTenant: false, taskIsCache: true, taskExecuteType: true,
    projectInstRunningCount: false, intWarningGroupId: false,
  },
};
