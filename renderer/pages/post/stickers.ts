import type { StickerInput } from '@shared/ipc/nouns/sync';

export const SHAPES = ['heart', 'star', 'sparkle'] as const;
export type ShapeName = (typeof SHAPES)[number];

/** A sticker on the posting page: what the preview shows and what the post burns in (the same PNG). */
export interface PlacedSticker extends StickerInput {
  readonly id: string;
  /** Height over width of its picture, so the preview keeps its shape. */
  readonly aspect: number;
}

export const MAX_TEXT = 24;
const SIZE = 256;

/** A shape sticker's picture: drawn with canvas paths, so it looks the same on every machine (no emoji font needed). */
export function drawShape(shape: ShapeName): { png: string; aspect: number } {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const g = canvas.getContext('2d')!;
  g.lineJoin = 'round';
  g.lineWidth = 12;
  g.strokeStyle = '#ffffff';
  g.beginPath();
  switch (shape) {
    case 'heart':
      g.moveTo(128, 224);
      g.bezierCurveTo(20, 150, 8, 92, 40, 56);
      g.bezierCurveTo(72, 22, 118, 36, 128, 78);
      g.bezierCurveTo(138, 36, 184, 22, 216, 56);
      g.bezierCurveTo(248, 92, 236, 150, 128, 224);
      g.fillStyle = '#ff2d6f';
      break;
    case 'star':
      for (let i = 0; i < 10; i++) {
        const r = i % 2 === 0 ? 112 : 48;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        g.lineTo(128 + r * Math.cos(a), 136 + r * Math.sin(a));
      }
      g.fillStyle = '#ffc400';
      break;
    case 'sparkle':
      for (let i = 0; i < 8; i++) {
        const r = i % 2 === 0 ? 116 : 28;
        const a = -Math.PI / 2 + (i * Math.PI) / 4;
        g.lineTo(128 + r * Math.cos(a), 128 + r * Math.sin(a));
      }
      g.fillStyle = '#25f4ee';
      break;
    default: {
      const never: never = shape;
      throw new Error(`unknown shape ${String(never)}`);
    }
  }
  g.closePath();
  g.fill();
  g.stroke();
  return { png: canvas.toDataURL('image/png'), aspect: 1 };
}

/** A text sticker's picture: the words in bold on a white rounded label (CJK through the page's fonts). */
export function drawText(text: string): { png: string; aspect: number } {
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d')!;
  const font = '800 56px system-ui, "Noto Sans CJK SC", sans-serif';
  g.font = font;
  const width = Math.ceil(Math.min(900, g.measureText(text).width)) + 56;
  const height = 96;
  canvas.width = width;
  canvas.height = height;
  g.font = font; // a resized canvas forgets its state
  g.fillStyle = '#ffffff';
  g.beginPath();
  g.roundRect(4, 4, width - 8, height - 8, 28);
  g.fill();
  g.lineWidth = 6;
  g.strokeStyle = '#fe2c55';
  g.stroke();
  g.fillStyle = '#16161d';
  g.textBaseline = 'middle';
  g.textAlign = 'center';
  g.fillText(text, width / 2, height / 2 + 2, width - 40);
  return { png: canvas.toDataURL('image/png'), aspect: height / width };
}

/** Where a new sticker goes: low in the frame, away from the face, a little apart from the last one. */
export function newStickerSpot(count: number): { x: number; y: number } {
  return { x: 0.5, y: Math.max(0.1, 0.82 - (count % 5) * 0.1) };
}

/** A text sticker's width on the frame grows with its text, within bounds. */
export const textWidth = (text: string): number => Math.min(0.8, 0.2 + 0.045 * [...text].length);

export const SHAPE_WIDTH = 0.2;
