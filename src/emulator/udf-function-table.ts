// t_ds_udfs of 3.0–3.2 in memory (dolphinscheduler_postgresql.sql at 3.0.6, 3.1.9, 3.2.2): ids from
// a sequence, the unique index on func_name (compared as PostgreSQL does, case-sensitively), and the
// varchar limits, counted in characters. func_name is varchar(100) up to 3.1 and varchar(255) from
// 3.2.0 on, so each generation passes its own limit. Rows are copied in and out, never shared.
import { characterCount } from './resource-table.js';

export type UdfType = 'HIVE' | 'SPARK';
/** common/enums/UdfType: HIVE(0), SPARK(1); Spring binds the name, the mappers the code. */
export const UDF_TYPES: readonly UdfType[] = ['HIVE', 'SPARK'];

export interface UdfFunctionRow {
  id: number;
  userId: number;
  funcName: string;
  className: string;
  type: UdfType;
  argTypes: string | null;
  database: string | null;
  description: string | null;
  /** The bound resource's id on 3.0/3.1; -1 from 3.2 on, which binds by name only. */
  resourceId: number;
  /** The bound resource's full name ("/udf/a.jar" on 3.0/3.1, an absolute storage URI on 3.2). */
  resourceName: string;
  createTime: Date;
  updateTime: Date;
}

export type NewUdfFunctionRow = Omit<UdfFunctionRow, 'id'>;

/** What the database would raise: DuplicateKeyException or DataIntegrityViolationException. */
export class UdfTableError extends Error {
  override readonly name = 'UdfTableError';
  constructor(readonly kind: 'duplicateKey' | 'valueTooLong' | 'notFound', message: string) {
    super(message);
  }
}

const LIMITS = { className: 255, argTypes: 255, database: 255, description: 255, resourceName: 255 } as const;

export class UdfFunctionTable {
  private readonly rows = new Map<number, UdfFunctionRow>();
  private nextId = 1;

  /** @param funcNameLimit the varchar size of func_name in the generation's DDL. */
  insert(row: NewUdfFunctionRow, funcNameLimit: number): UdfFunctionRow {
    this.check(row, undefined, funcNameLimit);
    const stored = copy({ ...row, id: this.nextId++ });
    this.rows.set(stored.id, stored);
    return copy(stored);
  }

  update(row: UdfFunctionRow, funcNameLimit: number): void {
    if (!this.rows.has(row.id)) throw new UdfTableError('notFound', `no UDF function with id ${row.id}`);
    this.check(row, row.id, funcNameLimit);
    this.rows.set(row.id, copy(row));
  }

  delete(id: number): void {
    this.rows.delete(id);
  }

  byId(id: number): UdfFunctionRow | undefined {
    const row = this.rows.get(id);
    return row === undefined ? undefined : copy(row);
  }

  byName(funcName: string): UdfFunctionRow | undefined {
    return this.all().find((r) => r.funcName === funcName);
  }

  /** Every row by ascending id (the order of the mappers without ORDER BY). */
  all(): UdfFunctionRow[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).map(copy);
  }

  private check(row: NewUdfFunctionRow, ownId: number | undefined, funcNameLimit: number): void {
    if (characterCount(row.funcName) > funcNameLimit) throw tooLong('func_name');
    for (const column of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
      const value = row[column];
      if (value !== null && characterCount(value) > LIMITS[column]) throw tooLong(column);
    }
    for (const other of this.rows.values()) {
      if (other.id !== ownId && other.funcName === row.funcName) {
        throw new UdfTableError('duplicateKey', `duplicate key value violates unique constraint "unique_func_name" (${row.funcName})`);
      }
    }
  }
}

function tooLong(column: string): UdfTableError {
  return new UdfTableError('valueTooLong', `value too long for column ${column} of t_ds_udfs`);
}

function copy(row: UdfFunctionRow): UdfFunctionRow {
  return { ...row, createTime: new Date(row.createTime), updateTime: new Date(row.updateTime) };
}
