/**
 * The platform nouns' schemas now live in nouns/account.ts and nouns/sync.ts; this file re-exports
 * them for the renderer's existing imports and goes with the path-alias change.
 */
export { PostJobId } from '../domain/ids';
export { AccountView } from './nouns/account';
export { PostJobView, FaceSampleView, PostingKit, PostInput } from './nouns/sync';
