// t_ds_resources as DolphinScheduler 3.1.9 creates it (identical in 3.0.6), from
// dolphinscheduler-dao/src/main/resources/sql/dolphinscheduler_postgresql.sql and dolphinscheduler_mysql.sql.
// Column names, types, defaults and the unique key are copied, not improved: the MySQL charset (utf8,
// case-insensitive collation) and the PostgreSQL sequence default are behaviour the index must live with.
import type { DbDialect } from './port.js';
import { qualifiedTable, quoteIdentifier } from './sql.js';

/**
 * The statements that create an empty t_ds_resources, in `schema` (PostgreSQL schema or MySQL database)
 * or in the connection's default one. PostgreSQL's text holds several statements (table, sequence,
 * default), which its simple query protocol runs in one call; MySQL's is one statement.
 */
export function createResourcesTable(dialect: DbDialect, schema?: string): string {
  return dialect === 'postgresql' ? postgresTable(schema) : mysqlTable(schema);
}

function postgresTable(schema?: string): string {
  const table = qualifiedTable('postgresql', schema);
  const sequence = schema === undefined
    ? 't_ds_resources_id_sequence'
    : `${quoteIdentifier('postgresql', schema)}.t_ds_resources_id_sequence`;
  return `CREATE TABLE ${table} (
  id int NOT NULL  ,
  alias varchar(64) DEFAULT NULL ,
  file_name varchar(64) DEFAULT NULL ,
  description varchar(255) DEFAULT NULL ,
  user_id int DEFAULT NULL ,
  type int DEFAULT NULL ,
  size bigint DEFAULT NULL ,
  create_time timestamp DEFAULT NULL ,
  update_time timestamp DEFAULT NULL ,
  pid int,
  full_name varchar(128),
  is_directory boolean DEFAULT FALSE,
  PRIMARY KEY (id),
  CONSTRAINT t_ds_resources_un UNIQUE (full_name, type)
) ;
CREATE SEQUENCE ${sequence};
ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT NEXTVAL('${sequence.replace(/'/g, "''")}');
`;
}

function mysqlTable(schema?: string): string {
  return `CREATE TABLE ${qualifiedTable('mysql', schema)} (
  \`id\` int(11) NOT NULL AUTO_INCREMENT COMMENT 'key',
  \`alias\` varchar(64) DEFAULT NULL COMMENT 'alias',
  \`file_name\` varchar(64) DEFAULT NULL COMMENT 'file name',
  \`description\` varchar(255) DEFAULT NULL,
  \`user_id\` int(11) DEFAULT NULL COMMENT 'user id',
  \`type\` tinyint(4) DEFAULT NULL COMMENT 'resource type,0:FILE，1:UDF',
  \`size\` bigint(20) DEFAULT NULL COMMENT 'resource size',
  \`create_time\` datetime DEFAULT NULL COMMENT 'create time',
  \`update_time\` datetime DEFAULT NULL COMMENT 'update time',
  \`pid\` int(11) DEFAULT NULL,
  \`full_name\` varchar(128) DEFAULT NULL,
  \`is_directory\` tinyint(4) DEFAULT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`t_ds_resources_un\` (\`full_name\`,\`type\`)
) ENGINE=InnoDB AUTO_INCREMENT=1 DEFAULT CHARSET=utf8`;
}
