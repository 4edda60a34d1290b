import type { BinaryOp, CastTarget } from './ast.js';

export const RESERVED = new Set([
  'AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'LIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'TRUE', 'FALSE', 'CAST', 'AS',
]);
export const COMPARISON: ReadonlyMap<string, BinaryOp> = new Map([
  ['=', '='], ['<>', '<>'], ['!=', '<>'], ['<', '<'], ['>', '>'], ['<=', '<='], ['>=', '>='],
]);
export const CAST_TYPES: ReadonlyMap<string, CastTarget> = new Map([
  ['INT', 'int'], ['INTEGER', 'int'], ['BIGINT', 'int'], ['SMALLINT', 'int'], ['TINYINT', 'int'],
  ['DECIMAL', 'decimal'], ['NUMERIC', 'decimal'], ['FLOAT', 'decimal'], ['REAL', 'decimal'], ['MONEY', 'decimal'],
  ['VARCHAR', 'varchar'], ['NVARCHAR', 'varchar'], ['CHAR', 'varchar'], ['NCHAR', 'varchar'],
  ['BIT', 'bit'], ['DATETIME', 'datetime'], ['DATETIME2', 'datetime'], ['SMALLDATETIME', 'datetime'], ['DATETIMEOFFSET', 'datetime'],
]);
/** Functions whose first argument is a bare date part (`DATEADD(day, 1, x)`), not a field. */
export const DATEPART_FUNCTIONS = new Set(['DATEADD', 'DATEDIFF']);
