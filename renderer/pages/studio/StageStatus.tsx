import type { TryOnState } from './use-try-on';

export interface StageStatusProps {
  readonly state: TryOnState;
  readonly hasSource: boolean;
}

/** What the stage says over the picture: loading, no source, no face, or what went wrong. */
export function StageStatus({ state, hasSource }: Readonly<StageStatusProps>) {
  if (state.error) {
    const offerFile = state.error.code === 'no-camera' || state.error.code === 'permission-denied' || state.error.code === 'camera-busy';
    return (
      <div className="studio-overlay studio-overlay--error" role="alert">
        <strong>{titleFor(state.error.code)}</strong>
        <span>{state.error.message}</span>
        {offerFile && <span className="studio-overlay__hint">Use “Open photo or video…” above to try looks on a file.</span>}
      </div>
    );
  }
  if (!hasSource) {
    return (
      <div className="studio-overlay" role="status">
        <strong>{state.tracker ? 'Start your camera or open a photo' : 'Loading the face tracker…'}</strong>
        <span>Looks appear on the face as soon as one is found.</span>
      </div>
    );
  }
  if (state.face === false) {
    return (
      <div className="studio-overlay studio-overlay--corner" role="status">
        No face found
      </div>
    );
  }
  return (
    <div className="studio-sr-only" role="status">
      {state.face ? 'Face found' : state.tracker ? 'Looking for a face…' : 'Loading the face tracker…'}
    </div>
  );
}

function titleFor(code: string): string {
  switch (code) {
    case 'permission-denied':
      return 'Camera permission denied';
    case 'no-camera':
      return 'No camera';
    case 'camera-busy':
      return 'Camera busy';
    case 'camera-lost':
      return 'Camera disconnected';
    case 'unsupported-file':
      return 'Not a photo or video';
    case 'corrupt-file':
      return 'This file cannot be opened';
    case 'model':
      return 'Face tracker problem';
    default:
      return 'Something went wrong';
  }
}
