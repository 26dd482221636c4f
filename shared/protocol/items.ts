import { z } from 'zod';
import { ItemId } from './ids';

export const ItemParams = z.object({ id: ItemId });
