import type { Catalog } from '../catalog';
import type { lookPresetsEn } from './en-look-presets';

/** 工作室中保存的造型：`lookPresets` in zh-CN.ts. */
export const lookPresetsZhCN: Catalog<typeof lookPresetsEn> = {
  title: '已保存的造型',
  save: '保存造型',
  saveHint: '请先戴上一件商品，再保存造型。',
  nameLabel: '造型名称',
  namePlaceholder: '例如：晚宴妆',
  replace: '替换',
  replaceQuestion: '已有名为“{{name}}”的造型。要用当前造型替换它吗？',
  count: '{{count}} / {{max}}',
  empty: '还没有保存的造型。戴好一个造型并保存，之后一键即可再次使用。',
  apply: '使用 {{name}}',
  rename: '重命名',
  renameLabel: '重命名 {{name}}',
  delete: '删除',
  deleteLabel: '删除 {{name}}',
  saved: '已保存“{{name}}”。',
  replaced: '已用当前造型替换“{{name}}”。',
  renamed: '已重命名为“{{name}}”。',
  deleted: '已删除“{{name}}”。',
  undo: '撤销',
  restored: '“{{name}}”已恢复。',
  applied: '正在使用“{{name}}”。',
  appliedSkipped_other: '正在使用“{{name}}”。{{count}} 件商品已不在商品目录中。',
  nothingLeft: '“{{name}}”中的商品都已不在商品目录中。',
  missingSwatch: '已不在商品目录中',
  loadFailed: '无法列出已保存的造型：{{message}}',
};
