import { useEffect, useMemo, useState } from 'react';
import { findAttribute, type CatalogItem } from '@shared/catalog/schema';
import { applyAnchorAction, offerAssociated, type AnchorAction, type AnchorOffer, type AnchorSet, type AnchorSubject, type PlacedAnchor } from '@shared/domain/anchors/anchor-set';
import { autoPlace, typicalFace } from '@shared/domain/anchors/placement';
import type { DraftId } from '@shared/domain/ids';
import type { PostingKit } from '@shared/ipc/platform-schemas';
import { studioClient } from '../../client/studio-client';
import { scanFaces } from '../../publishing/face-scan';
import { postingClient } from '../../publishing/posting-client';
import { mediaSrc } from '../../recording/export-progress-store';
import { withLookLinks } from './look-links';

export const labelOf = (item: CatalogItem, attributeId: string | null): string => {
  const shade = attributeId === null ? undefined : findAttribute(item, attributeId);
  return shade ? `${item.name} · ${shade.label}` : item.name;
};

/** The target anchor for an item on this take: auto-placed near the item from the face journal. */
export function placeTarget(kit: PostingKit, item: CatalogItem, attributeId: string | null): PlacedAnchor {
  const placed = autoPlace(item.bodyArea, kit.faces, 0, Math.max(1, kit.durationMs));
  return { itemId: item.id, attributeId, label: labelOf(item, attributeId), role: 'target', point: placed.point, placement: placed.placement };
}

/**
 * The face of a draft without a face journal (an imported video or photo), looked for with the
 * tracker: idle when the journal has faces (a take), then scanning, found or none.
 */
export type FaceScan = 'idle' | 'scanning' | 'found' | 'none';

export interface Posting {
  readonly kit: PostingKit | null;
  readonly faceScan: FaceScan;
  readonly catalog: readonly CatalogItem[];
  readonly offers: readonly AnchorOffer[];
  readonly anchors: AnchorSet;
  readonly error: string | null;
  /** Why the last anchor action was refused. */
  readonly refusal: string | null;
  readonly act: (action: AnchorAction) => void;
  readonly chooseTarget: (itemId: string | null, attributeId: string | null) => void;
}

/** Loads what the posting page needs (the draft's export, the catalog, the platform's hot anchors) and holds the anchor set. */
export function usePosting(draftId: DraftId): Posting {
  const [kit, setKit] = useState<PostingKit | null>(null);
  const [catalog, setCatalog] = useState<readonly CatalogItem[]>([]);
  const [hot, setHot] = useState<readonly AnchorSubject[]>([]);
  const [anchors, setAnchors] = useState<AnchorSet>({ target: null, associated: [] });
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [faceScan, setFaceScan] = useState<FaceScan>('idle');
  // A draft still exporting cannot be posted yet: load again when it changes (the export lands).
  const [attempt, setAttempt] = useState(0);
  const loaded = kit !== null;
  useEffect(() => {
    if (loaded) return;
    return postingClient.onDraftChanged(draftId, () => setAttempt((n) => n + 1));
  }, [draftId, loaded]);

  useEffect(() => {
    let live = true;
    void Promise.all([postingClient.kit(draftId), postingClient.catalog(), postingClient.hotAnchors(10)]).then(([k, c, h]) => {
      if (!live) return;
      if (!k.ok) return setError(k.error.message);
      if (!c.ok) return setError(c.error.message);
      setError(null);
      setKit(k.value);
      setCatalog(c.value);
      // Hot anchors are a bonus: an offline platform still lets the creator prepare the post.
      if (h.length > 0) setHot(h);
      const item = c.value.find((i) => i.id === k.value.itemId);
      // The take's typical face: auto-placed associated chips keep clear of it.
      const face = typicalFace(k.value.faces, 0, Math.max(1, k.value.durationMs));
      // A photo taken in a whole look links its other items to the target ("This look"); the creator can change them.
      const target = item ? withLookLinks(placeTarget(k.value, item, k.value.attributeId ?? item.attributes[0]?.id ?? null), k.value.draft.look, c.value) : null;
      setAnchors({ target, associated: [], face });
    });
    return () => {
      live = false;
    };
  }, [draftId, attempt]);

  // No face journal (an imported video or photo): the tracker looks at a few frames, and the target
  // moves near the item when a face is found (unless the creator placed it already).
  const scanKey = kit && kit.faces.length === 0 ? kit.draft.id : null;
  useEffect(() => {
    if (!kit || !scanKey) return;
    const abort = new AbortController();
    setFaceScan('scanning');
    void scanFaces({ url: mediaSrc(kit.mediaUrl), kind: kit.draft.kind === 'photo' ? 'photo' : 'video', durationMs: kit.durationMs }, abort.signal)
      .catch(() => [])
      .then((faces) => {
        if (abort.signal.aborted) return;
        setFaceScan(faces.length > 0 ? 'found' : 'none');
        if (faces.length === 0) return;
        const found = { ...kit, faces };
        setKit(found);
        const face = typicalFace(faces, 0, Math.max(1, found.durationMs));
        setAnchors((set) => {
          const target = set.target;
          const item = target && target.placement !== 'manual' ? catalog.find((i) => i.id === target.itemId) : undefined;
          return { ...set, face, target: target && item ? { ...target, ...placeTarget(found, item, target.attributeId) } : target };
        });
      });
    return () => abort.abort();
    // Once per draft: the kit it sets keeps the same draft.
  }, [scanKey]);

  // Without a target the take's own item is the basis, so a post can carry associated anchors only.
  const basis = anchors.target?.itemId ?? kit?.itemId ?? null;
  const local = useMemo(() => offerAssociated(catalog, anchors.target?.itemId ?? null, hot, 8, basis), [catalog, anchors.target?.itemId, hot, basis]);
  // The platform's suggestions (same area and kind, then its most-triggered) when it answers; the local rule otherwise.
  const [suggested, setSuggested] = useState<{ basis: string; offers: readonly AnchorOffer[] } | null>(null);
  useEffect(() => {
    if (!basis) return;
    let live = true;
    void studioClient()
      .sync.suggestions({ itemId: basis, limit: 8 })
      .then((r) => {
        if (!live || !r.ok) return;
        setSuggested({
          basis,
          offers: r.value.suggestions.map((s) => {
            const shade = s.attributeId ? s.item.attributes.find((a) => a.id === s.attributeId) : undefined;
            return { itemId: s.item.id, attributeId: s.attributeId, label: shade ? `${s.item.name} · ${shade.label}` : s.item.name, source: s.source };
          }),
        });
      });
    return () => {
      live = false;
    };
  }, [basis]);
  const offers = useMemo(() => {
    if (!suggested || suggested.basis !== basis) return local;
    // With no target the take's own item is offered too (the platform never suggests the item asked about).
    const own = anchors.target ? [] : local.filter((o) => o.itemId === basis);
    return [...own, ...suggested.offers];
  }, [suggested, basis, local, anchors.target]);

  const act = (action: AnchorAction): void => {
    const outcome = applyAnchorAction(anchors, action);
    if (outcome.ok) {
      setAnchors(outcome.set);
      setRefusal(null);
    } else setRefusal(outcome.reason);
  };
  const chooseTarget = (itemId: string | null, attributeId: string | null): void => {
    const item = catalog.find((i) => i.id === itemId);
    act({ type: 'set-target', target: kit && item ? placeTarget(kit, item, attributeId ?? item.attributes[0]?.id ?? null) : null });
  };

  return { kit, faceScan, catalog, offers, anchors, error, refusal, act, chooseTarget };
}
