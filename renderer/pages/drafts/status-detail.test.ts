import { afterEach, expect, test } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { statusDetailText } from './status-detail';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

test('a draft’s stored detail is said in the language shown now; a plain one (ffmpeg’s words) as stored', async () => {
  const interrupted = { statusDetail: 'The export was interrupted when the studio closed; export it again', statusKey: { key: 'draftStatus.exportInterrupted' } };
  const progress = { statusDetail: 'waiting (2 ahead)', statusKey: { key: 'draftStatus.waitingAhead', params: { ahead: 2 } } };
  expect(statusDetailText(interrupted)).toBe('The export was interrupted when the studio closed; export it again');
  await i18n.changeLanguage('zh-CN');
  expect(statusDetailText(interrupted)).toBe('工作室关闭时导出被中断；请重新导出');
  expect(statusDetailText(progress)).toBe('等待中（前面还有 2 个）');
  expect(statusDetailText({ statusDetail: 'moov atom not found', statusKey: null })).toBe('moov atom not found');
  expect(statusDetailText({ statusDetail: 'From a newer studio', statusKey: { key: 'draftStatus.notInThisBuild' } })).toBe('From a newer studio');
  expect(statusDetailText({ statusDetail: null, statusKey: null })).toBeNull();
});
