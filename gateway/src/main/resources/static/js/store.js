// The storefront's script on every page: the light/dark toggle, the consent banner and the service worker (the
// product page's personalisation and preview are in personalise.js). The pages work without it.
(function () {
  const root = document.documentElement;
  const saved = localStorage.getItem('theme');
  if (saved) root.dataset.theme = saved;
  document.addEventListener('DOMContentLoaded', () => {
    const toggle = document.querySelector('[data-theme-toggle]');
    if (toggle) {
      toggle.addEventListener('click', () => {
        const dark = root.dataset.theme ? root.dataset.theme === 'dark'
          : window.matchMedia('(prefers-color-scheme: dark)').matches;
        root.dataset.theme = dark ? 'light' : 'dark';
        localStorage.setItem('theme', root.dataset.theme);
      });
    }
  });
})();

// Cookie consent: the choice lives in the `consent` cookie ("necessary", plus "analytics" and/or "marketing"),
// asked once; nothing beyond the necessary loads before it. The live chat (when the store configured one) is
// marketing: it loads only after that consent.
(function () {
  const read = () => {
    const match = document.cookie.match(/(?:^|; )consent=([^;]*)/);
    return match ? decodeURIComponent(match[1]).split(',') : null;
  };
  const write = choices => {
    const value = ['necessary', ...choices].join(',');
    document.cookie = 'consent=' + encodeURIComponent(value) + '; Max-Age=' + 60 * 60 * 24 * 365
      + '; Path=/; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
    return value.split(',');
  };
  const loadChat = () => {
    const chat = document.querySelector('template[data-chat]');
    if (!chat || document.querySelector('script[data-chat-loaded]')) return;
    const script = document.createElement('script');
    script.src = chat.dataset.src;
    script.async = true;
    script.dataset.chatLoaded = 'true';
    document.body.appendChild(script);
  };
  const apply = consent => {
    if (consent && consent.includes('marketing')) loadChat();
  };
  document.addEventListener('DOMContentLoaded', () => {
    const banner = document.querySelector('[data-consent-banner]');
    const form = document.querySelector('[data-consent-form]');
    const consent = read();
    if (banner && !consent) banner.hidden = false;
    apply(consent);
    if (form) {
      form.addEventListener('submit', event => {
        event.preventDefault();
        const choice = event.submitter ? event.submitter.value : 'save';
        const choices = choice === 'all' ? ['analytics', 'marketing']
          : choice === 'necessary' ? []
          : ['analytics', 'marketing'].filter(name => form.elements[name].checked);
        apply(write(choices));
        banner.hidden = true;
      });
    }
    const open = document.querySelector('[data-consent-open]');
    if (open && banner) {
      open.addEventListener('click', () => {
        const current = read() || [];
        ['analytics', 'marketing'].forEach(name => { form.elements[name].checked = current.includes(name); });
        banner.hidden = false;
      });
    }
  });
})();

// The service worker keeps the shell and shows the offline page when the network is gone.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}));
}

// Listing filters: a plain GET form (it works without this script, the server tidies empty "Any" values with a
// redirect); the script only leaves the empty values out of the address, saving that round trip. A choice applies on
// "Show results", not on change: moving through radios with the arrow keys must not load a page at every step.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-filters]');
  if (!form) return;
  // on a phone the filters start folded, so that the products are the first thing on the screen
  const panel = document.querySelector('[data-filters-panel]');
  if (panel && window.matchMedia('(max-width: 720px)').matches && !form.querySelector(':checked:not([value=""])')) {
    panel.open = false;
  }
  form.addEventListener('submit', event => {
    event.preventDefault();
    const query = new URLSearchParams();
    new FormData(form).forEach((value, name) => { if (value !== '') query.append(name, value); });
    const search = query.toString();
    window.location.assign(form.getAttribute('action') + (search ? '?' + search : ''));
  });
});
