// Atelier's service worker: keeps the shell (styles, script, icons, the offline page) so that the shop opens fast
// and says clearly when the network is gone. Pages and the API always come from the network: prices, stock and
// baskets must never be stale, so nothing the shop answers is cached here except the shell.
const SHELL = 'atelier-shell-v1';
const SHELL_FILES = ['/css/store.css', '/js/store.js', '/offline.html', '/manifest.webmanifest',
  '/icons/icon-192.png', '/icons/icon-512.png'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key !== SHELL).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/offline.html')));
    return;
  }
  if (SHELL_FILES.includes(url.pathname)) {
    // the shell from the cache at once, refreshed in the background for the next visit
    event.respondWith(caches.open(SHELL).then(cache => cache.match(request).then(cached => {
      const fresh = fetch(request).then(response => {
        if (response.ok) cache.put(request, response.clone());
        return response;
      }).catch(() => cached);
      return cached || fresh;
    })));
  }
});
