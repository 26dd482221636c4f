#!/usr/bin/env node
/**
 * Writes the seeded gifts' media into this folder (run it again after changing a drawing or a tune,
 * then commit the files; nothing runs at install or build time):
 *   <id>.svg       the picture (128×128 viewBox, hand-drawn shapes, no fonts, no external refs)
 *   <id>.anim.svg  the animation: the same picture in an SVG with CSS keyframes (pops in, sparkles
 *                  rise, plays once in 1.6 s and stays on its last frame). Any browser plays it in a
 *                  plain <img>: no player, no script (scripts never run in SVG used as an image).
 *   <id>.mp3       the sound effect: a few synthesized notes (ffmpeg's aevalsrc (the expression quoted: it has commas), a decaying
 *                  sine with a soft octave), mono 22.05 kHz, 48 kb/s.
 * Operators add gifts by putting their own files beside these (any of .svg .png .webp .gif for
 * pictures and animations, .mp3 .ogg for sounds) and naming them in the catalog entry.
 * Usage: node resources/gifts/make-gift-media.mjs [--ffmpeg /path/to/ffmpeg]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ffmpegAt = process.argv.indexOf('--ffmpeg');
const ffmpeg = ffmpegAt > 0 ? process.argv[ffmpegAt + 1] : 'ffmpeg';

const bowl = (fill, rim) =>
  `<path d="M18 62h92c0 26-20 44-46 44S18 88 18 62z" fill="${fill}"/><rect x="14" y="56" width="100" height="10" rx="5" fill="${rim}"/><rect x="44" y="104" width="40" height="8" rx="4" fill="${rim}"/>`;
const steam = (color) => [36, 64, 92].map((x) => `<path d="M${x} 46c-8-8 8-14 0-24" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" opacity=".7"/>`).join('');
const egg = (cx, cy, s = 1) =>
  `<g transform="translate(${cx} ${cy}) scale(${s})"><path d="M0-38c20 0 30 30 30 48 0 18-14 30-30 30S-30 28-30 10C-30-8-20-38 0-38z" fill="#fff7e6" stroke="#e2c796" stroke-width="3"/><ellipse cx="-9" cy="-14" rx="6" ry="10" fill="#fff" opacity=".9"/></g>`;
const loaf = (cx, cy, s = 1) =>
  `<g transform="translate(${cx} ${cy}) scale(${s})"><path d="M-44 20v-22c0-18 18-28 44-28s44 10 44 28v22c0 6-4 10-10 10h-68c-6 0-10-4-10-10z" fill="#d9903d"/><path d="M-36 0c0-14 14-22 36-22s36 8 36 22" fill="none" stroke="#f4c27a" stroke-width="5" stroke-linecap="round"/>${[-20, 0, 20].map((x) => `<path d="M${x - 6} -8l12-10" stroke="#a8621f" stroke-width="4" stroke-linecap="round"/>`).join('')}</g>`;
const cup = (cx, cy, s = 1) =>
  `<g transform="translate(${cx} ${cy}) scale(${s})"><path d="M-30-30h60l-8 62c-1 6-6 10-12 10h-20c-6 0-11-4-12-10z" fill="#f2ede4" stroke="#9b8f7d" stroke-width="3"/><path d="M-27-20h54l-2 14h-50z" fill="#fbf6ea"/><rect x="-34" y="-36" width="68" height="8" rx="4" fill="#6fa8dc"/><path d="M6-36l8-22" stroke="#e06666" stroke-width="5" stroke-linecap="round"/></g>`;
const stick = (cx, cy, angle) =>
  `<g transform="translate(${cx} ${cy}) rotate(${angle})"><rect x="-12" y="-46" width="24" height="92" rx="12" fill="#e8a93e"/><path d="M0-40v80" stroke="#c27a1e" stroke-width="3" stroke-dasharray="8 6"/></g>`;
const flame = (x, y, s) =>
  `<path transform="translate(${x} ${y}) scale(${s})" d="M0 0c-14 0-20-12-16-24 3-9 10-12 8-24 12 8 22 20 22 34 0 8-6 14-14 14z" fill="#ff6b2c"/><path transform="translate(${x} ${y}) scale(${s})" d="M0-2c-6 0-9-6-7-11 2-4 5-6 4-12 6 4 10 10 10 16 0 4-3 7-7 7z" fill="#ffd23f"/>`;
const blossom = (cx, cy, color) =>
  `<g transform="translate(${cx} ${cy})">${[0, 72, 144, 216, 288].map((a) => `<circle r="9" cx="0" cy="-9" transform="rotate(${a})" fill="${color}"/>`).join('')}<circle r="6" fill="#ffd966"/></g>`;

/** The drawings, by gift id; tones are frequencies in Hz, played 0.11 s apart. */
const GIFTS = {
  egg: { art: egg(64, 66, 1.2), tones: [659.25, 783.99, 1046.5] },
  bread: { art: loaf(64, 70, 1.1), tones: [523.25, 659.25, 783.99] },
  soymilk: { art: cup(64, 74, 1.1), tones: [587.33, 739.99, 880] },
  'fried-dough-stick': { art: stick(52, 64, -18) + stick(76, 64, 18), tones: [493.88, 659.25, 987.77] },
  'bread-party': { art: loaf(48, 86, 0.7) + egg(96, 78, 0.6) + cup(84, 40, 0.55) + stick(28, 46, -30), tones: [523.25, 659.25, 783.99, 1046.5] },
  'midday-in-flame': { art: bowl('#c0392b', '#7b241c') + flame(44, 58, 1) + flame(66, 52, 1.3) + flame(88, 58, 1), tones: [440, 554.37, 659.25, 880] },
  'noodle-bowl': {
    art:
      steam('#b7c9d6') +
      bowl('#f6e3b4', '#b5651d') +
      `<path d="M26 66c10 10 20-8 30 2s20-8 30 2 18-6 20-4" fill="none" stroke="#e9c46a" stroke-width="5"/><path d="M70 20l40 40M80 16l36 44" stroke="#8d5524" stroke-width="5" stroke-linecap="round"/>`,
    tones: [392, 493.88, 587.33],
  },
  'hot-pot': {
    art:
      steam('#d9d9d9') +
      `<rect x="12" y="60" width="14" height="8" rx="4" fill="#555"/><rect x="102" y="60" width="14" height="8" rx="4" fill="#555"/><path d="M20 56h88v30c0 14-12 24-26 24H46c-14 0-26-10-26-24z" fill="#444"/><ellipse cx="64" cy="58" rx="44" ry="10" fill="#d62828"/><path d="M64 48v20" stroke="#fff" stroke-width="3"/><circle cx="44" cy="58" r="4" fill="#f4a261"/><circle cx="84" cy="58" r="4" fill="#90be6d"/>`,
    tones: [349.23, 440, 523.25, 698.46],
  },
  'happy-birthday': {
    art: `<rect x="20" y="64" width="88" height="44" rx="8" fill="#f7a1c4"/><path d="M20 76c11 8 22-8 33 0s22-8 33 0 22-8 22 0" fill="none" stroke="#fff" stroke-width="6"/><rect x="30" y="44" width="68" height="24" rx="6" fill="#fcd5e5"/><rect x="14" y="106" width="100" height="8" rx="4" fill="#c9a227"/>${[46, 64, 82].map((x) => `<rect x="${x - 3}" y="26" width="6" height="18" rx="2" fill="#6fa8dc"/><path d="M${x} 12c-5 6-5 10 0 12 5-2 5-6 0-12z" fill="#ffb703"/>`).join('')}`,
    tones: [523.25, 523.25, 587.33, 523.25, 698.46],
  },
  'bundle-of-flowers': {
    art: `<path d="M64 112L40 58M64 112L64 52M64 112L88 58" stroke="#4f8a3a" stroke-width="5"/>${blossom(40, 50, '#ff6f91')}${blossom(64, 36, '#ffc75f')}${blossom(88, 50, '#c34a96')}${blossom(52, 66, '#f9f871')}${blossom(76, 66, '#ff9671')}<path d="M44 86h40l-12 28H56z" fill="#b8e0d2"/><path d="M50 90l28 0" stroke="#6aa6a0" stroke-width="4"/>`,
    tones: [783.99, 987.77, 1174.66, 1567.98],
  },
  heart: {
    art: `<path d="M64 110C24 82 12 62 12 44c0-16 12-28 27-28 11 0 20 6 25 16 5-10 14-16 25-16 15 0 27 12 27 28 0 18-12 38-52 66z" fill="#e63946"/><ellipse cx="38" cy="40" rx="8" ry="12" fill="#fff" opacity=".35"/>`,
    tones: [880, 1318.51],
  },
};

const svg = (inner, extra = '') => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">${extra}${inner}</svg>\n`;

const ANIMATION_STYLE =
  '<style>' +
  '.art{transform-box:view-box;transform-origin:64px 76px;animation:pop 1.6s cubic-bezier(.2,.9,.3,1.2) both}' +
  '.spark{animation:rise 1.6s ease-out both}.s2{animation-delay:.15s}.s3{animation-delay:.3s}' +
  '@keyframes pop{0%{transform:translateY(40px) scale(.2);opacity:0}30%{transform:translateY(-6px) scale(1.18);opacity:1}45%{transform:scale(.94) rotate(-4deg)}60%{transform:scale(1.05) rotate(3deg)}75%,100%{transform:none;opacity:1}}' +
  '@keyframes rise{0%{transform:translateY(20px);opacity:0}30%{opacity:1}100%{transform:translateY(-40px);opacity:0}}' +
  '@media (prefers-reduced-motion:reduce){.art,.spark{animation:none}.spark{opacity:0}}' +
  '</style>';
const SPARKS = [
  [18, 40, 's1'],
  [110, 34, 's2'],
  [100, 96, 's3'],
  [24, 96, 's2'],
]
  .map(([x, y, c]) => `<path class="spark ${c}" d="M${x} ${y - 8}l2 6 6 2-6 2-2 6-2-6-6-2 6-2z" fill="#ffd23f"/>`)
  .join('');

/** A decaying sine per note (with a quieter octave above), 0.11 s apart, into one mono mp3. */
function writeSound(id, tones) {
  const step = 0.11;
  const length = (tones.length - 1) * step + 0.45;
  const notes = tones.map((f, i) => `gte(t,${(i * step).toFixed(2)})*exp(-7*(t-${(i * step).toFixed(2)}))*(sin(2*PI*${f}*t)+0.3*sin(4*PI*${f}*t))`).join('+');
  const target = path.join(here, `${id}.mp3`);
  execFileSync(
    ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `aevalsrc='0.28*(${notes})':s=22050:d=${length.toFixed(2)}`,
      '-ac',
      '1',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '48k',
      '-map_metadata',
      '-1',
      '-id3v2_version',
      '0',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      target,
    ],
    { stdio: 'inherit' },
  );
}

for (const [id, { art, tones }] of Object.entries(GIFTS)) {
  writeFileSync(path.join(here, `${id}.svg`), svg(art));
  writeFileSync(path.join(here, `${id}.anim.svg`), svg(`${SPARKS}<g class="art">${art}</g>`, ANIMATION_STYLE));
  writeSound(id, tones);
}
process.stdout.write(`wrote ${Object.keys(GIFTS).length * 3} files into ${here}\n`);
