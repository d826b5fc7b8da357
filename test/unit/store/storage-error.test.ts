import { describe, expect, it } from 'vitest';
import { WardError } from '../../../src/core/errors.js';
import { StorageError } from '../../../src/store/storage-error.js';

describe('StorageError', () => {
  it('keeps the SQLSTATE, the constraint and the driver error as cause', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "x_key"'), {
      code: '23505',
      constraint: 'x_key',
    });
    const error = StorageError.from(driverError);
    expect(error).toBeInstanceOf(WardError);
    expect(error.name).toBe('StorageError');
    expect(error.code).toBe('storage_error');
    expect(error.sqlState).toBe('23505');
    expect(error.constraint).toBe('x_key');
    expect(error.cause).toBe(driverError);
    expect(error.message).toBe(
      'Database query failed (SQLSTATE 23505): duplicate key value violates unique constraint "x_key"',
    );
  });

  it('names a network error code without calling it a SQLSTATE', () => {
    const error = StorageError.from(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' }),
    );
    expect(error.sqlState).toBeUndefined();
    expect(error.message).toBe('Database query failed (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:5999');
  });

  it('passes a StorageError through unchanged and is recognised across module copies', () => {
    const original = new StorageError('boom', { sqlState: '40001' });
    expect(StorageError.from(original, 'other context')).toBe(original);
    expect(StorageError.isInstance(original)).toBe(true);
    expect(StorageError.isInstance(new WardError('invalid_input', 'no'))).toBe(false);
    expect(StorageError.isInstance({ code: 'storage_error' })).toBe(false);
  });

  it('wraps things that are not errors', () => {
    expect(StorageError.from('weird', 'Ctx').message).toBe('Ctx: weird');
  });
});
