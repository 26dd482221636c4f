import { useTranslation } from 'react-i18next';
import type { PostingKit } from '@shared/ipc/platform-schemas';
import { formatSeconds } from '../../components/format';
import { mediaSrc } from '../../recording/export-progress-store';

export type CoverPickerProps = Readonly<{ covers: PostingKit['covers']; value: number; onChange: (index: number) => void }>;

const seconds = (ms: number): string => formatSeconds(ms / 1000, { fractionDigits: 1 });

/** The export's cover candidates as a radio group of thumbnails. */
export function CoverPicker({ covers, value, onChange }: CoverPickerProps) {
  const { t } = useTranslation();
  if (covers.length === 0) return <p className="post-note">{t('post.noCovers')}</p>;
  return (
    <div className="cover-picker" role="radiogroup" aria-label={t('post.cover')}>
      {covers.map((c, i) => (
        <button
          key={c.url}
          type="button"
          role="radio"
          aria-checked={i === value}
          aria-label={t('post.coverAt', { time: seconds(c.timeMs) })}
          className={i === value ? 'cover-picker__item is-active' : 'cover-picker__item'}
          onClick={() => onChange(i)}
        >
          <img src={mediaSrc(c.url)} alt="" />
          <span>{seconds(c.timeMs)}</span>
        </button>
      ))}
    </div>
  );
}
