/**
 * The desk's service worker: the shell (page, script, style) is answered from the network when it can be, else
 * from the cache, so the desk opens on a bad link. GraphQL and everything else go to the network untouched.
 */
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const scope = self as unknown as WorkerScope;
const CACHE = 'desk-shell-v1';
const SHELL = ['/', '/desk/desk.js', '/desk/desk.css'];

scope.addEventListener('install', (event) =>
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => scope.skipWaiting()),
  ),
);
scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()));
scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const shell = event.request.method === 'GET' && url.origin === scope.location.origin && (url.pathname === '/' || url.pathname.startsWith('/desk/'));
  if (!shell) return;
  event.respondWith(
    fetch(event.request)
      .then(async (response) => {
        if (response.ok) await (await caches.open(CACHE)).put(url.pathname, response.clone());
        return response;
      })
      .catch(async () => (await caches.match(url.pathname)) ?? Response.error()),
  );
});

// A module (its own scope), bundled as a classic script.
export {};
