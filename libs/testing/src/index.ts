export * from './factory';
export * from './test-database';
export * from './test-database.constants';
