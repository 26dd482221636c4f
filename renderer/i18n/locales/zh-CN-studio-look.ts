import type { Catalog } from '../catalog';
import type { lookEn } from './en-studio-look';

/** The Studio's layered look in Simplified Chinese: `look` in zh-CN.ts. */
export const lookZhCN: Catalog<typeof lookEn> = {
  onNow: '当前佩戴',
  count_other: '{{count}} 件',
  empty: '还没有佩戴任何商品。在下方挑选：唇部、眼部、脸颊、头部、面部各一件。',
  layers: '已佩戴的商品',
  current: '当前项：下方显示它的色号',
  meta: '{{kind}} · {{shade}}',
  intensity: '{{item}} 浓度',
  drawnWhole: '3D',
  drawnWholeHelp: '完整显示：3D 商品没有浓度',
  remove: '移除 {{item}}',
  undo: '撤销',
  redo: '重做',
  removed: '已移除 {{item}}。',
};
