import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';

export type StageProps = Readonly<{
  canvas: RefObject<HTMLCanvasElement | null>;
  /** The source's frame size; the canvas is letterboxed to it (16:9 before a source is chosen). */
  size: Readonly<{ width: number; height: number }> | null;
  /** 0 = no before/after line, else where it sits across the picture (0…1). */
  split?: number;
  /** Shows the 9:16 portrait framing guide (TikTok LIVE Studio's default canvas) over the picture. */
  portraitGuide?: boolean;
  className?: string;
  /** Overlays over the stage (status, countdown, REC, toasts): placed against the whole stage. */
  children?: ReactNode;
}>;

/**
 * The try-on canvas fitted inside the stage whatever the source's shape: the frame takes the
 * source's aspect ratio and the largest size the stage allows (container query units), so a
 * 1080×1920 photo is shown whole, with bars at the sides, at any window size.
 */
export function Stage({ canvas, size, split = 0, portraitGuide = false, className, children }: StageProps) {
  const { t } = useTranslation();
  const aspect = size && size.width > 0 && size.height > 0 ? size.width / size.height : 16 / 9;
  return (
    <div className={`studio-canvas-wrap${className ? ` ${className}` : ''}`} data-aspect={aspect.toFixed(4)}>
      <div className="studio-frame" style={{ ['--aspect' as string]: String(aspect) }}>
        <canvas ref={canvas} className="studio-canvas" role="img" aria-label={t('studio.preview')} />
        {split > 0 && <div className="studio-split-line" style={{ left: `${split * 100}%` }} aria-hidden="true" />}
        {portraitGuide && (
          <div className="studio-guide" data-testid="portrait-guide" aria-hidden="true">
            <span className="studio-guide__label">9:16</span>
          </div>
        )}
      </div>
      {children}
    </div>
  );
}
