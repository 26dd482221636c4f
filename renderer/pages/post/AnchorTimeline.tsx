import { useTranslation } from 'react-i18next';
import { formatSeconds } from '../../components/format';
import { subjectKey, timeRange, type AnchorSet, type PlacedAnchor } from '@shared/domain/anchors/anchor-set';

export type AnchorTimelineProps = Readonly<{
  anchors: AnchorSet;
  durationMs: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  onTime: (key: string, startMs: number, endMs: number) => void;
}>;

const STEP_MS = 100;
const seconds = (ms: number): string => formatSeconds(ms / 1000, { fractionDigits: 1 });

/**
 * The small timeline under the preview: one row per anchor (its name, bold when selected, and a bar
 * for when viewers see it), and the selected anchor's start and end as two sliders.
 */
export function AnchorTimeline({ anchors, durationMs, selectedKey, onSelect, onTime }: AnchorTimelineProps) {
  const { t } = useTranslation();
  const all: PlacedAnchor[] = [...(anchors.target ? [anchors.target] : []), ...anchors.associated];
  if (all.length === 0) return <p className="post-note">{t('post.timeline.none')}</p>;
  const whole = Math.max(1, durationMs);
  const selected = all.find((a) => subjectKey(a) === selectedKey) ?? null;
  const range = selected ? timeRange(selected, durationMs) : null;
  return (
    <div className="anchor-timeline" role="group" aria-label={t('post.timeline.label')}>
      <ul className="anchor-timeline__rows">
        {all.map((a) => {
          const key = subjectKey(a);
          const r = timeRange(a, durationMs);
          const on = key === selectedKey;
          return (
            <li key={key} className={on ? 'anchor-timeline__row is-selected' : 'anchor-timeline__row'}>
              <button type="button" className="anchor-timeline__name" aria-pressed={on} aria-label={t('post.timeline.select', { label: a.label })} onClick={() => onSelect(key)}>
                {a.role === 'target' ? '◎ ' : ''}
                {a.label}
              </button>
              <span className="anchor-timeline__track" aria-label={t('post.timeline.shows', { label: a.label, start: seconds(r.startMs), end: seconds(r.endMs) })} role="img">
                <span className="anchor-timeline__bar" style={{ left: `${(r.startMs / whole) * 100}%`, width: `${((r.endMs - r.startMs) / whole) * 100}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      {selected && range ? (
        <div className="anchor-timeline__edit">
          <label>
            <span>{t('post.timeline.start', { time: seconds(range.startMs) })}</span>
            <input
              type="range"
              min={0}
              max={whole}
              step={STEP_MS}
              value={range.startMs}
              aria-label={t('post.timeline.startOf', { label: selected.label })}
              onChange={(e) => onTime(subjectKey(selected), Number(e.target.value), range.endMs)}
            />
          </label>
          <label>
            <span>{t('post.timeline.end', { time: seconds(range.endMs) })}</span>
            <input
              type="range"
              min={0}
              max={whole}
              step={STEP_MS}
              value={range.endMs}
              aria-label={t('post.timeline.endOf', { label: selected.label })}
              onChange={(e) => onTime(subjectKey(selected), range.startMs, Number(e.target.value))}
            />
          </label>
        </div>
      ) : (
        <p className="post-note">{t('post.timeline.pick')}</p>
      )}
    </div>
  );
}
