/**
 * Whose video the creator came from when an anchor opened Studio ("from @ana's video"). Module
 * state beside the URL: the URL keeps naming only the look (`/studio?item=…&attribute=…`).
 */
let arrival: { readonly itemId: string; readonly handle: string } | null = null;

export const anchorArrival = {
  set(itemId: string, handle: string | null): void {
    arrival = handle ? { itemId, handle } : null;
  },
  /** The handle, when Studio shows the item the anchor opened. */
  handleFor: (itemId: string | null): string | null => (arrival && arrival.itemId === itemId ? arrival.handle : null),
};
