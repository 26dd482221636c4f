/**
 * The look and source carried between Studio and the shooting page ("Shoot" and "Item experience"),
 * so neither page starts over. Module state on purpose: both pages live in the same document, and a
 * File cannot travel in a URL.
 */
export interface Look {
  readonly itemId: string | null;
  readonly attributeId: string | null;
  /** The photo or video the look was tried on; null: the camera. */
  readonly file: File | null;
}

let current: Look = { itemId: null, attributeId: null, file: null };

export const lookHandoff = {
  get: (): Look => current,
  set: (next: Partial<Look>): void => {
    current = { ...current, ...next };
  },
};
