import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Catalog, CatalogItem, type CatalogItemId } from '@shared/catalog/schema';
import { StudioFailure } from '@shared/ipc/result';
import type { Logger } from '../logger';

interface ItemRow {
  id: string;
  kind: string;
  material_type: string;
  body_area: string;
  name: string;
  brand: string;
  model: string | null;
}

interface AttributeRow {
  item_id: string;
  id: string;
  label: string;
  swatch: string;
  params: string;
}

/**
 * Owns the catalog tables: validates resources/catalog/catalog.json with the shared schema and loads
 * it into SQLite (replacing the bundled rows, keeping platform rows), then answers `catalog.*` from
 * the database. Loaded on first use, so a bad file is an error envelope, not a failed start.
 */
export class CatalogService {
  private loaded = false;

  constructor(
    private readonly db: Database.Database,
    private readonly catalogFile: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Validates and (re)loads the bundled catalog; returns the number of items. */
  loadBundled(): number {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.catalogFile, 'utf8'));
    } catch (error) {
      throw new StudioFailure('unavailable', { key: 'catalog.unreadable', params: { file: this.catalogFile, reason: error instanceof Error ? error.message : String(error) } });
    }
    const parsed = Catalog.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StudioFailure('unavailable', { key: 'catalog.invalid', params: { path: issue?.path.join('.') ?? '?', reason: issue?.message ?? 'unknown problem' } });
    }
    const at = this.now();
    const insertItem = this.db.prepare(
      `INSERT INTO catalog_items (id, position, kind, material_type, body_area, name, brand, model, source, loaded_at)
       VALUES (@id, @position, @kind, @materialType, @bodyArea, @name, @brand, @model, 'bundled', @at)`,
    );
    const insertAttribute = this.db.prepare(`INSERT INTO catalog_attributes (item_id, id, position, label, swatch, params) VALUES (?, ?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM catalog_items WHERE source = 'bundled'`).run();
      parsed.data.items.forEach((item, position) => {
        insertItem.run({
          id: item.id,
          position,
          kind: item.kind,
          materialType: item.materialType,
          bodyArea: item.bodyArea,
          name: item.name,
          brand: item.brand,
          model: item.materialType === 'model3d' ? item.model : null,
          at,
        });
        item.attributes.forEach((attribute, index) => {
          const { id, label, swatch, ...params } = attribute;
          insertAttribute.run(item.id, id, index, label, swatch, JSON.stringify(params));
        });
      });
    })();
    this.loaded = true;
    this.logger.info('catalog loaded', { items: parsed.data.items.length });
    return parsed.data.items.length;
  }

  list(): CatalogItem[] {
    this.ensureLoaded();
    const items = this.db.prepare(`SELECT id, kind, material_type, body_area, name, brand, model FROM catalog_items ORDER BY position, id`).all() as ItemRow[];
    const attributes = this.db.prepare(`SELECT item_id, id, label, swatch, params FROM catalog_attributes ORDER BY item_id, position`).all() as AttributeRow[];
    const byItem = new Map<string, AttributeRow[]>();
    for (const row of attributes) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), row]);
    return items.map((row) => this.toItem(row, byItem.get(row.id) ?? []));
  }

  get(id: CatalogItemId): CatalogItem {
    this.ensureLoaded();
    const row = this.db.prepare(`SELECT id, kind, material_type, body_area, name, brand, model FROM catalog_items WHERE id = ?`).get(id) as ItemRow | undefined;
    if (!row) throw new StudioFailure('not_found', { key: 'catalog.noItem', params: { id } });
    const attributes = this.db.prepare(`SELECT item_id, id, label, swatch, params FROM catalog_attributes WHERE item_id = ? ORDER BY position`).all(id) as AttributeRow[];
    return this.toItem(row, attributes);
  }

  private ensureLoaded(): void {
    if (!this.loaded) this.loadBundled();
  }

  /** Rows back to the schema's shape, re-validated so the database can never hand out a bad item. */
  private toItem(row: ItemRow, attributes: readonly AttributeRow[]): CatalogItem {
    return CatalogItem.parse({
      id: row.id,
      name: row.name,
      brand: row.brand,
      kind: row.kind,
      materialType: row.material_type,
      bodyArea: row.body_area,
      ...(row.model === null ? {} : { model: row.model }),
      attributes: attributes.map((a) => ({ id: a.id, label: a.label, swatch: a.swatch, ...(JSON.parse(a.params) as object) })),
    });
  }
}

/**
 * Where resources/catalog/catalog.json is: beside the sources (tsx, tests), beside the bundled main
 * (out/main), or in a packaged app's resources folder.
 */
export function locateCatalogFile(): string {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.ANCHOR_RESOURCES_DIR,
    path.join(__dirname, '..', '..', '..', 'resources'),
    path.join(__dirname, '..', '..', 'resources'),
    resourcesPath ? path.join(resourcesPath, 'resources') : undefined,
    resourcesPath,
  ];
  for (const dir of candidates) {
    if (dir && existsSync(path.join(dir, 'catalog', 'catalog.json'))) return path.join(dir, 'catalog', 'catalog.json');
  }
  return path.join(process.cwd(), 'resources', 'catalog', 'catalog.json');
}
