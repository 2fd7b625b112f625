// The storefront's only script: the light/dark toggle and the live preview of a personalisation. The pages work
// without it.
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
    const form = document.querySelector('[data-personalisation-form]');
    const canvas = document.querySelector('[data-preview]');
    const base = document.querySelector('[data-preview-base]');
    if (!form || !canvas || !base) return;
    const draw = () => {
      const text = [...form.querySelectorAll('[data-preview-text]')].map(i => i.value).filter(Boolean).join(' ');
      const font = form.querySelector('[data-preview-font]');
      const colour = form.querySelector('[data-preview-colour]:checked');
      const context = canvas.getContext('2d');
      context.drawImage(base, 0, 0, canvas.width, canvas.height);
      if (text) {
        context.fillStyle = colour ? colour.value : '#222222';
        context.font = '64px ' + (font && font.value ? '"' + font.value + '", ' : '') + 'serif';
        context.textAlign = 'center';
        context.fillText(text, canvas.width / 2, canvas.height * 0.55, canvas.width * 0.8);
      }
      canvas.hidden = !text;
      base.hidden = !!text;
    };
    if (base.complete) draw(); else base.addEventListener('load', draw);
    form.addEventListener('input', draw);
    form.addEventListener('change', draw);
  });
})();
