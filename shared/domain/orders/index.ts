export * from './customization';
export * from './info';
export * from './lifecycle';
