// GET /favourite/taskTypes (FavTaskController, 3.1.0+): the default task types of
// task-type-config.yaml as FavTaskDto (Lombok `isCollection` becomes "collection"). Clients use the
// endpoint's existence to tell 3.1 from 3.0.

const GROUPS: Record<string, readonly string[]> = {
  Universal: ['SHELL', 'PYTHON', 'PROCEDURE', 'SQL', 'SPARK', 'FLINK', 'HTTP', 'MR', 'DINKY', 'FLINK_STREAM', 'HIVECLI'],
  Cloud: ['EMR', 'K8S'],
  Logic: ['SUB_PROCESS', 'DEPENDENT', 'CONDITIONS', 'SWITCH', 'NEXT_LOOP', 'SURVEIL'],
  DataIntegration: ['SEATUNNEL', 'DATAX', 'SQOOP'],
  DataQuality: ['DATA_QUALITY'],
  MachineLearning: ['JUPYTER', 'MLFLOW', 'OPENMLDB', 'DVC', 'SAGEMAKER', 'PYTORCH'],
  Other: ['PIGEON', 'ZEPPELIN', 'CHUNJUN'],
};

export const TASK_TYPES: readonly { taskName: string; collection: boolean; taskType: string }[] = Object.entries(GROUPS)
  .flatMap(([taskType, names]) => names.map((taskName) => ({ taskName, collection: false, taskType })));
