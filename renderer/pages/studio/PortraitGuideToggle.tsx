import { useTranslation } from 'react-i18next';
import { usePortraitGuide } from './portrait-guide';

/** The 9:16 framing guide's switch (shared by Studio and Shoot, one stored choice). */
export function PortraitGuideToggle() {
  const { t } = useTranslation();
  const [on, setOn] = usePortraitGuide();
  return (
    <label className="studio-toggle" title={t('studio.guideHelp')}>
      <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
      <span>{t('studio.guide')}</span>
    </label>
  );
}
