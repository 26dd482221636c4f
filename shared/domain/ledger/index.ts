export * from './amounts';
export * from './accounts';
export * from './holds';
export * from './plans';
export * from './transfer';
