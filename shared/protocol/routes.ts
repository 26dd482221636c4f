import type { z } from 'zod';
import { AnchorParams, AnchorSuggestions, AnchorSuggestionsQuery, HotAnchors, HotAnchorsQuery, TriggerResponse } from './anchors';
import { AuthResponse, LoginRequest, MeResponse, RegisterRequest } from './auth';
import { CatalogItem, ItemList } from './catalog';
import { ItemParams } from './items';
import { CreateVideoRequest, ListVideosQuery, Video, VideoPage, VideoParams } from './videos';

export const API_PREFIX = '/api/v1';
export const UPLOADS_PATH = `${API_PREFIX}/uploads`;
export const EVENTS_PATH = `${API_PREFIX}/events`;
export const DOCS_PATH = '/api/docs';

/** Who may call a route: `none` ignores any token, `optional` widens what is visible, `required` answers 401 without one. */
export type AuthMode = 'none' | 'optional' | 'required';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to API_PREFIX, Fastify-style params (`/videos/:id`). */
  readonly path: string;
  readonly auth: AuthMode;
  readonly status: 200 | 201 | 204;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Absent for routes that answer with no body (204). */
  readonly response?: z.ZodType;
  readonly summary: string;
  readonly rateLimited?: boolean;
}

const spec = <S extends RouteSpec>(s: S): S => s;

/**
 * Every JSON route of the platform. The server registers exactly these (validation and OpenAPI come
 * from the schemas); the studio's client builds its calls from them, so a path is never typed twice.
 */
export const routes = {
  register: spec({ method: 'POST', path: '/auth/register', auth: 'none', status: 201, body: RegisterRequest, response: AuthResponse, summary: 'Create an account and a session', rateLimited: true }),
  login: spec({ method: 'POST', path: '/auth/login', auth: 'none', status: 200, body: LoginRequest, response: AuthResponse, summary: 'Start a session', rateLimited: true }),
  logout: spec({ method: 'POST', path: '/auth/logout', auth: 'required', status: 204, summary: 'End the calling session' }),
  me: spec({ method: 'GET', path: '/me', auth: 'required', status: 200, response: MeResponse, summary: 'The signed-in account' }),
  listItems: spec({ method: 'GET', path: '/items', auth: 'none', status: 200, response: ItemList, summary: 'The catalog' }),
  getItem: spec({ method: 'GET', path: '/items/:id', auth: 'none', status: 200, params: ItemParams, response: CatalogItem, summary: 'One catalog item' }),
  createVideo: spec({ method: 'POST', path: '/videos', auth: 'required', status: 201, body: CreateVideoRequest, response: Video, summary: 'Post a finished upload as a video (idempotent per key)' }),
  listVideos: spec({
    method: 'GET',
    path: '/videos',
    auth: 'optional',
    status: 200,
    query: ListVideosQuery,
    response: VideoPage,
    summary: 'Videos visible to the caller, newest first; with `creator`, that creator’s public videos',
  }),
  getVideo: spec({ method: 'GET', path: '/videos/:id', auth: 'optional', status: 200, params: VideoParams, response: Video, summary: 'One video with its anchors' }),
  triggerAnchor: spec({
    method: 'POST',
    path: '/anchors/:id/trigger',
    auth: 'optional',
    status: 200,
    params: AnchorParams,
    response: TriggerResponse,
    summary: 'Resolve an anchor to its item and count the trigger',
  }),
  hotAnchors: spec({ method: 'GET', path: '/anchors/hot', auth: 'none', status: 200, query: HotAnchorsQuery, response: HotAnchors, summary: 'Most triggered anchors on public videos' }),
  anchorSuggestions: spec({
    method: 'GET',
    path: '/anchors/suggestions',
    auth: 'none',
    status: 200,
    query: AnchorSuggestionsQuery,
    response: AnchorSuggestions,
    summary: 'Associated anchors to offer beside an item: same body area and kind first, then the most triggered anchors’ items',
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

/** Binary routes (not JSON), relative to API_PREFIX. */
export const mediaPath = (videoId: string): string => `/videos/${videoId}/media`;
export const coverPath = (videoId: string): string => `/videos/${videoId}/cover`;

/** Fills `:name` params of a route path. */
export function fillPath(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
