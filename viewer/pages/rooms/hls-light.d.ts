// hls.js's light build (no subtitles, alternate audio or DRM: ~118 kB gzip instead of ~185) ships without its own
// type declarations under the `./light` export; it has the full build's API.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
