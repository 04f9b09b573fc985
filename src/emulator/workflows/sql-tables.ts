// The seeded projects, workflows and tasks in a real metadata database, in DolphinScheduler's tables
// (dolphinscheduler-dao/src/main/resources/sql/dolphinscheduler_postgresql.sql and _mysql.sql at
// 3.0.6, 3.1.9, 3.2.2 and dev): t_ds_project, t_ds_process_definition / t_ds_workflow_definition (3.3),
// t_ds_task_definition, t_ds_process_task_relation / t_ds_workflow_task_relation (3.3). Created when
// absent with the columns a reference scan reads, under DolphinScheduler's names and types; the other
// columns of each table (locations, timeouts, worker group, ...) are left out. Rewritten whole on change.
import { quoteIdentifier } from '../../db/sql.js';
import { connectMetadataDb, type MetadataDbSettings, type SqlConnection, type SqlValue } from '../metadata-db.js';
import { resourceIdsOf, type WorkflowCatalog } from './catalog.js';
import type { WorkflowDialect } from './dialect.js';
import { taskParamsOf, type ResourceRoots } from './task-params.js';

type Columns = readonly (readonly [name: string, postgres: string, mysql: string])[];

const PROJECT: Columns = [
  ['id', 'int NOT NULL', 'int(11) NOT NULL'], ['name', 'varchar(255) DEFAULT NULL', 'varchar(255) DEFAULT NULL'],
  ['code', 'bigint NOT NULL', 'bigint(20) NOT NULL'], ['description', 'varchar(255) DEFAULT NULL', 'varchar(255) DEFAULT NULL'],
  ['user_id', 'int DEFAULT NULL', 'int(11) DEFAULT NULL'], ['flag', "int DEFAULT '1'", "tinyint(4) DEFAULT '1'"],
  ['create_time', 'timestamp DEFAULT CURRENT_TIMESTAMP', 'datetime NOT NULL'], ['update_time', 'timestamp DEFAULT CURRENT_TIMESTAMP', 'datetime DEFAULT NULL'],
];
const DEFINITION: Columns = [
  ['id', 'int NOT NULL', 'int(11) NOT NULL'], ['code', 'bigint NOT NULL', 'bigint(20) NOT NULL'],
  ['name', 'varchar(255) DEFAULT NULL', 'varchar(255) DEFAULT NULL'], ['version', 'int NOT NULL', "int(11) DEFAULT '0'"],
  ['description', 'text', 'text'], ['project_code', 'bigint DEFAULT NULL', 'bigint(20) NOT NULL'],
  ['release_state', 'int DEFAULT NULL', 'tinyint(4) DEFAULT NULL'], ['user_id', 'int DEFAULT NULL', 'int(11) DEFAULT NULL'],
  ['flag', 'int DEFAULT NULL', 'tinyint(4) DEFAULT NULL'],
  ['create_time', 'timestamp DEFAULT NULL', 'datetime NOT NULL'], ['update_time', 'timestamp DEFAULT NULL', 'datetime NOT NULL'],
];
const TASK: Columns = [
  ['id', 'int NOT NULL', 'int(11) NOT NULL'], ['code', 'bigint NOT NULL', 'bigint(20) NOT NULL'],
  ['name', 'varchar(255) DEFAULT NULL', 'varchar(255) DEFAULT NULL'], ['version', 'int NOT NULL', "int(11) DEFAULT '0'"],
  ['description', 'text', 'text'], ['project_code', 'bigint DEFAULT NULL', 'bigint(20) NOT NULL'],
  ['user_id', 'int DEFAULT NULL', 'int(11) DEFAULT NULL'], ['task_type', 'varchar(50) DEFAULT NULL', 'varchar(50) NOT NULL'],
  ['task_params', 'text', 'longtext'], ['flag', 'int DEFAULT NULL', 'tinyint(2) DEFAULT NULL'],
  ['resource_ids', 'text', 'text'],
  ['create_time', 'timestamp DEFAULT NULL', 'datetime NOT NULL'], ['update_time', 'timestamp DEFAULT NULL', 'datetime NOT NULL'],
];
const relation = (stem: string): Columns => [
  ['id', 'int NOT NULL', 'int(11) NOT NULL'], ['name', 'varchar(255) DEFAULT NULL', 'varchar(255) DEFAULT NULL'],
  ['project_code', 'bigint DEFAULT NULL', 'bigint(20) NOT NULL'],
  [`${stem}_definition_code`, 'bigint DEFAULT NULL', 'bigint(20) NOT NULL'], [`${stem}_definition_version`, 'int DEFAULT NULL', 'int(11) NOT NULL'],
  ['pre_task_code', 'bigint DEFAULT NULL', 'bigint(20) NOT NULL'], ['pre_task_version', "int DEFAULT '0'", 'int(11) NOT NULL'],
  ['post_task_code', 'bigint DEFAULT NULL', 'bigint(20) NOT NULL'], ['post_task_version', "int DEFAULT '0'", 'int(11) NOT NULL'],
  ['condition_type', 'int DEFAULT NULL', 'tinyint(2) DEFAULT NULL'], ['condition_params', 'text', 'text'],
  ['create_time', 'timestamp DEFAULT NULL', 'datetime NOT NULL'], ['update_time', 'timestamp DEFAULT NULL', 'datetime DEFAULT NULL'],
];

interface Table { name: string; columns: Columns }

export class WorkflowTables {
  private readonly tables: Table[];
  /** Closed by close() (the emulator's stop()) and opened again by the next write (restart()). */
  private connection: SqlConnection | undefined;

  private constructor(
    private readonly settings: MetadataDbSettings, db: SqlConnection, private readonly schema: string | undefined, dialect: WorkflowDialect,
  ) {
    this.connection = db;
    this.tables = [
      { name: 't_ds_project', columns: PROJECT }, { name: dialect.definitionTable, columns: DEFINITION },
      { name: 't_ds_task_definition', columns: TASK }, { name: dialect.relationTable, columns: relation(dialect.stem) },
    ];
  }

  /** Connects and creates the four tables that are not there yet (PostgreSQL schema or MySQL database). */
  static async open(settings: MetadataDbSettings, dialect: WorkflowDialect): Promise<WorkflowTables> {
    const db = await connectMetadataDb(settings);
    const schema = settings.type === 'postgresql' ? settings.schema ?? 'public' : undefined;
    const tables = new WorkflowTables(settings, db, schema, dialect);
    try {
      for (const table of tables.tables) {
        const [row] = await db.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [schema ?? settings.database, table.name]);
        if (Number(row?.n) === 0) await db.query(tables.createStatement(db, table));
      }
    } catch (error) {
      await db.close().catch(() => undefined);
      throw new Error(`metadata database ${db.target}: cannot create the workflow tables: ${(error as Error).message}`, { cause: error });
    }
    return tables;
  }

  /** Replaces every row with the catalog's, as the API server would have written them. */
  async write(catalog: WorkflowCatalog, roots: ResourceRoots): Promise<void> {
    const db = this.connection ??= await connectMetadataDb(this.settings);
    const [project, definition, task, rel] = this.tables as [Table, Table, Table, Table];
    for (const table of this.tables) await db.change(`DELETE FROM ${this.qualified(table)}`, []);
    const { dialect } = catalog;
    for (const p of catalog.projects) {
      await this.insert(db, project, [p.id, p.name, p.code, p.description, p.userId, 1, p.createTime, p.createTime]);
      for (const w of p.workflows) {
        await this.insert(db, definition, [w.id, w.code, w.name, 1, '', p.code, w.online ? 1 : 0, p.userId, 1, w.createTime, w.updateTime]);
        for (const [i, t] of w.tasks.entries()) {
          const params = JSON.stringify(taskParamsOf(dialect, roots.of(p.userId), t));
          const resourceIds = dialect.references === 'id' ? resourceIdsOf(t).join(',') : '';
          await this.insert(db, task, [t.id, t.code, t.name, 1, '', p.code, p.userId, t.type, params, 1, resourceIds, w.createTime, w.createTime]);
          await this.insert(db, rel, [w.relationIds[i] ?? 0, '', p.code, w.code, 1, 0, 0, t.code, 1, 0, '{}', w.createTime, w.createTime]);
        }
      }
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  private async insert(db: SqlConnection, table: Table, values: readonly SqlValue[]): Promise<void> {
    const names = table.columns.map(([name]) => name).join(', ');
    await db.change(`INSERT INTO ${this.qualified(table)} (${names}) VALUES (${values.map(() => '?').join(', ')})`, values);
  }

  private qualified(table: Table): string {
    return this.schema === undefined ? table.name : `${quoteIdentifier('postgresql', this.schema)}.${table.name}`;
  }

  private createStatement(db: SqlConnection, table: Table): string {
    const postgres = db.dialect === 'postgresql';
    const columns = table.columns.map(([name, pg, my]) => `  ${name} ${postgres ? pg : my}`);
    // MySQL: utf8 as in the DDL of every tag (dev adds COLLATE utf8_bin).
    return `CREATE TABLE ${this.qualified(table)} (\n${columns.join(',\n')},\n  PRIMARY KEY (id)\n)${postgres ? '' : ' DEFAULT CHARSET=utf8'}`;
  }
}
