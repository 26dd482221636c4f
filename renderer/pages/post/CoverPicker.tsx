import type { PostingKit } from '../../../shared/ipc/platform-schemas';
import { mediaSrc } from '../../recording/export-progress-store';

export type CoverPickerProps = Readonly<{ covers: PostingKit['covers']; value: number; onChange: (index: number) => void }>;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The export's cover candidates as a radio group of thumbnails. */
export function CoverPicker({ covers, value, onChange }: CoverPickerProps) {
  if (covers.length === 0) return <p className="post-note">This video has no cover candidates; the platform takes a frame from its start.</p>;
  return (
    <div className="cover-picker" role="radiogroup" aria-label="Cover">
      {covers.map((c, i) => (
        <button key={c.url} type="button" role="radio" aria-checked={i === value} aria-label={`Cover at ${seconds(c.timeMs)}`} className={i === value ? 'cover-picker__item is-active' : 'cover-picker__item'} onClick={() => onChange(i)}>
          <img src={mediaSrc(c.url)} alt="" />
          <span>{seconds(c.timeMs)}</span>
        </button>
      ))}
    </div>
  );
}
