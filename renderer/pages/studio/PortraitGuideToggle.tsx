import { usePortraitGuide } from './portrait-guide';

/** The 9:16 framing guide's switch (shared by Studio and Shoot, one stored choice). */
export function PortraitGuideToggle() {
  const [on, setOn] = usePortraitGuide();
  return (
    <label className="studio-toggle" title="Shows the 9:16 portrait crop (vertical video, TikTok LIVE Studio's default canvas)">
      <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
      <span>9:16 guide</span>
    </label>
  );
}
