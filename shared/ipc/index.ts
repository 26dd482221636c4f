export * from './result';
export * from './define';
export * from './contract';
export * from './client';
export * from './dispatch';
