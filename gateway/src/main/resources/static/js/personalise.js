// The product page's personalisation: character counts, validation as the shopper types (catalog's own rules and
// messages, through the storefront's /personalisation/check), the photo upload with its progress and the crop to the
// print's aspect ratio, and the live preview drawn on the product's picture. The picture of that preview is uploaded
// when the line goes into the basket, so that the maker sees what the shopper saw. The form works without it.
(function () {
  'use strict';

  const form = document.querySelector('[data-personalisation-form]');
  const options = form && form.querySelector('[data-personalise]');
  if (!form || !options) return;
  const canvas = document.querySelector('[data-preview]');
  const base = document.querySelector('[data-preview-base]');
  const csrf = () => (form.querySelector('input[name="_csrf"]') || {}).value || '';
  const photos = {}; // option key -> the cropped photo (a canvas), drawn in the print area
  const touched = new Set();

  // ---- character counts ----
  const counters = [...options.querySelectorAll('[data-counter-for]')];
  const count = () => counters.forEach(counter => {
    const field = document.getElementById(counter.dataset.counterFor);
    if (!field) return;
    const used = [...field.value].length;
    const max = field.maxLength > 0 ? field.maxLength : null;
    counter.textContent = max ? used + ' of ' + max + ' characters' : used + ' characters';
    counter.classList.toggle('full', max !== null && used >= max);
  });

  // ---- validation as you type, by catalog's rules ----
  const keyOf = element => element.name && element.name.startsWith('personalisation.')
    ? element.name.substring('personalisation.'.length) : null;
  const values = () => {
    const found = {};
    [...form.elements].forEach(element => {
      const key = keyOf(element);
      if (!key) return;
      if ((element.type === 'radio' || element.type === 'checkbox') && !element.checked) return;
      if (element.value !== '') found[key] = element.value;
    });
    return found;
  };
  const showErrors = (errors, all) => {
    options.querySelectorAll('[data-error-for]').forEach(slot => {
      const key = slot.dataset.errorFor;
      const message = errors[key] && (all || touched.has(key)) ? errors[key] : '';
      slot.textContent = message;
      const option = slot.closest('[data-option]');
      option.querySelectorAll('input:not([type=hidden]), textarea, select').forEach(field => {
        if (message) field.setAttribute('aria-invalid', 'true'); else field.removeAttribute('aria-invalid');
      });
    });
  };
  let pending = null;
  let sequence = 0;
  let lastAnswer = null;
  const check = all => {
    const sku = form.querySelector('[name="sku"]');
    if (!sku) return Promise.resolve(null);
    const mine = ++sequence;
    return fetch(options.dataset.checkUrl, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify({sku: sku.value, values: values()})
    }).then(response => response.json()).then(answer => {
      if (mine !== sequence) return lastAnswer; // a newer check is on its way
      lastAnswer = answer;
      showErrors(answer.errors || {}, all);
      return answer;
    }).catch(() => null); // the store will check again when the line is added
  };
  const checkSoon = () => {
    clearTimeout(pending);
    pending = setTimeout(() => check(false), 350);
  };

  // ---- the live preview ----
  // where an option prints, from the product (catalog's printArea, per cent of the picture: "x,y,width,height")
  const areaOf = element => {
    const value = element && element.dataset.printArea;
    if (!value) return null;
    const [x, y, w, h] = value.split(',').map(Number);
    return {x: canvas.width * x / 100, y: canvas.height * y / 100, w: canvas.width * w / 100, h: canvas.height * h / 100};
  };
  // a photo inside its print area at the photo's own ratio, centred
  const fit = (area, ratio) => {
    let w = area.w;
    let h = w / ratio;
    if (h > area.h) {
      h = area.h;
      w = h * ratio;
    }
    return {x: area.x + (area.w - w) / 2, y: area.y + (area.h - h) / 2, w: w, h: h};
  };
  const printArea = ratio => {
    // a product without a print area of its own: centred, at the option's aspect ratio
    const width = canvas.width;
    const height = canvas.height;
    let w = width * 0.56;
    let h = w / (ratio || 1);
    if (h > height * 0.56) {
      h = height * 0.56;
      w = h * (ratio || 1);
    }
    return {x: (width - w) / 2, y: height * 0.42 - h / 2, w: w, h: h};
  };
  const colourOf = radio => {
    if (!radio) return '#222222';
    const chip = radio.parentElement.querySelector('[data-swatch]');
    return chip ? getComputedStyle(chip).backgroundColor : radio.value;
  };
  // the face the picker shows the font in (its CSS class), so that the preview and the picker agree
  const fontOf = (radio, size) => {
    const sample = radio && radio.value ? radio.parentElement.querySelector('.font-sample') : null;
    if (!sample) return size + 'px ' + (radio && radio.value ? '"' + radio.value + '", ' : '') + 'Georgia, serif';
    const style = getComputedStyle(sample);
    return style.fontStyle + ' ' + style.fontWeight + ' ' + size + 'px ' + style.fontFamily;
  };
  const draw = () => {
    if (!canvas || !base || !base.complete || !base.naturalWidth) return;
    const context = canvas.getContext('2d');
    const fields = [...form.querySelectorAll('[data-preview-text]')].filter(i => i.value.trim());
    const text = fields.map(i => i.value.trim()).join(' ');
    const pictures = Object.entries(photos);
    context.drawImage(base, 0, 0, canvas.width, canvas.height);
    let textY = canvas.height * 0.55;
    if (pictures.length) {
      const [key, photo] = pictures[0];
      const own = areaOf(options.querySelector('[data-photo][data-key="' + key + '"]'));
      const area = own ? fit(own, photo.width / photo.height) : printArea(photo.width / photo.height);
      context.drawImage(photo, area.x, area.y, area.w, area.h);
      textY = Math.min(canvas.height * 0.9, area.y + area.h + canvas.height * 0.1);
    }
    if (text) {
      const textArea = areaOf(fields[0]);
      const size = textArea ? Math.min(64, textArea.h * 0.8) : pictures.length ? 48 : 64;
      context.fillStyle = colourOf(form.querySelector('[data-preview-colour]:checked'));
      context.font = fontOf(form.querySelector('[data-preview-font]:checked'), size);
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      if (textArea) {
        context.fillText(text, textArea.x + textArea.w / 2, textArea.y + textArea.h / 2, textArea.w);
      } else {
        context.fillText(text, canvas.width / 2, textY, canvas.width * 0.8);
      }
    }
    const personalised = !!text || pictures.length > 0;
    canvas.hidden = !personalised;
    base.hidden = personalised;
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
  };

  // ---- photo: choose, crop to the print's ratio, upload with progress ----
  const ratioOf = value => {
    if (!value) return null;
    const parts = value.split(':').map(Number);
    return parts.length === 2 && parts[0] > 0 && parts[1] > 0 ? parts[0] / parts[1] : null;
  };
  const upload = (blob, name, onProgress) => new Promise((resolve, reject) => {
    const body = new FormData();
    body.append('file', blob, name);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/catalog/personalisation/uploads');
    request.setRequestHeader('X-XSRF-TOKEN', csrf());
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable && onProgress) onProgress(Math.round(event.loaded * 100 / event.total));
    });
    request.addEventListener('load', () => {
      let answer = {};
      try { answer = JSON.parse(request.responseText); } catch (e) { /* not JSON */ }
      if (request.status >= 200 && request.status < 300 && answer.id) resolve(answer);
      else reject(new Error(answer.detail || 'the upload failed (' + request.status + ')'));
    });
    request.addEventListener('error', () => reject(new Error('the upload failed: check your connection')));
    request.send(body);
  });

  options.querySelectorAll('[data-photo]').forEach(box => {
    const key = box.dataset.key;
    const ratio = ratioOf(box.dataset.ratio);
    const minWidth = Number(box.dataset.minWidth || 0);
    const minHeight = Number(box.dataset.minHeight || 0);
    const maxSize = Number(box.dataset.maxSize || 0);
    const file = box.querySelector('[data-photo-file]');
    const ref = box.querySelector('[data-photo-ref]');
    // without this script the file itself goes with the form; with it, the cropped photo is uploaded here and only
    // its id goes (the check of a missing required photo is this script's, below)
    file.removeAttribute('name');
    file.required = false;
    const crop = box.querySelector('[data-crop]');
    const view = box.querySelector('[data-crop-canvas]');
    const zoom = box.querySelector('[data-crop-zoom]');
    const apply = box.querySelector('[data-crop-apply]');
    const progress = box.querySelector('[data-photo-progress]');
    const status = box.querySelector('[data-photo-status]');
    const error = box.parentElement.querySelector('[data-error-for]');
    let image = null;
    let frame = null; // the crop in the image's pixels: {x, y, w, h}

    const fullFrame = () => {
      // the largest rectangle of the print's ratio inside the photo, centred, shrunk by the zoom
      const r = ratio || image.naturalWidth / image.naturalHeight;
      let w = image.naturalWidth;
      let h = w / r;
      if (h > image.naturalHeight) {
        h = image.naturalHeight;
        w = h * r;
      }
      const z = Number(zoom.value);
      return {w: w / z, h: h / z};
    };
    const clamp = () => {
      frame.x = Math.max(0, Math.min(image.naturalWidth - frame.w, frame.x));
      frame.y = Math.max(0, Math.min(image.naturalHeight - frame.h, frame.y));
    };
    const scale = () => Math.min(view.width / image.naturalWidth, view.height / image.naturalHeight);
    const paint = () => {
      const context = view.getContext('2d');
      const s = scale();
      const ox = (view.width - image.naturalWidth * s) / 2;
      const oy = (view.height - image.naturalHeight * s) / 2;
      context.clearRect(0, 0, view.width, view.height);
      context.drawImage(image, ox, oy, image.naturalWidth * s, image.naturalHeight * s);
      context.fillStyle = 'rgba(0, 0, 0, 0.55)';
      context.beginPath();
      context.rect(0, 0, view.width, view.height);
      context.rect(ox + frame.x * s, oy + frame.y * s, frame.w * s, frame.h * s);
      context.fill('evenodd');
      context.strokeStyle = '#ffffff';
      context.lineWidth = 2;
      context.strokeRect(ox + frame.x * s, oy + frame.y * s, frame.w * s, frame.h * s);
    };
    const reframe = () => {
      const centreX = frame ? frame.x + frame.w / 2 : image.naturalWidth / 2;
      const centreY = frame ? frame.y + frame.h / 2 : image.naturalHeight / 2;
      const size = fullFrame();
      frame = {x: centreX - size.w / 2, y: centreY - size.h / 2, w: size.w, h: size.h};
      clamp();
      paint();
    };
    const say = (message, bad) => {
      status.textContent = message;
      status.classList.toggle('error', !!bad);
    };

    file.addEventListener('change', () => {
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      if (!/^image\/(jpeg|png|webp)$/.test(chosen.type)) {
        say('Choose a JPEG, PNG or WebP photo.', true);
        return;
      }
      if (maxSize && chosen.size > maxSize) {
        say('That photo is larger than ' + Math.round(maxSize / 1e6) + ' MB; choose a smaller one.', true);
        return;
      }
      const loaded = new Image();
      loaded.addEventListener('load', () => {
        image = loaded;
        frame = null;
        zoom.value = '1';
        crop.hidden = false;
        reframe();
        say('Drag the frame to the part you want printed, then use it.');
      });
      loaded.addEventListener('error', () => say('That file could not be read as a picture.', true));
      loaded.src = URL.createObjectURL(chosen);
    });
    zoom.addEventListener('input', () => { if (image) reframe(); });

    let dragging = null;
    view.addEventListener('pointerdown', event => {
      if (!image) return;
      dragging = {x: event.clientX, y: event.clientY};
      view.setPointerCapture(event.pointerId);
    });
    view.addEventListener('pointermove', event => {
      if (!dragging) return;
      const s = scale() * view.getBoundingClientRect().width / view.width;
      frame.x -= (event.clientX - dragging.x) / s;
      frame.y -= (event.clientY - dragging.y) / s;
      dragging = {x: event.clientX, y: event.clientY};
      clamp();
      paint();
    });
    view.addEventListener('pointerup', () => { dragging = null; });
    view.addEventListener('keydown', event => {
      if (!image) return;
      const step = Math.max(image.naturalWidth, image.naturalHeight) / 50;
      const moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
      if (!moves[event.key]) return;
      event.preventDefault();
      frame.x += moves[event.key][0];
      frame.y += moves[event.key][1];
      clamp();
      paint();
    });

    apply.addEventListener('click', () => {
      if (!image) return;
      // the chosen part at its own pixels (at most 3000 on the long side): catalog checks the size it needs
      const longest = Math.max(frame.w, frame.h);
      const factor = longest > 3000 ? 3000 / longest : 1;
      const out = document.createElement('canvas');
      out.width = Math.round(frame.w * factor);
      out.height = ratio ? Math.round(out.width / ratio) : Math.round(frame.h * factor);
      out.getContext('2d').drawImage(image, frame.x, frame.y, frame.w, frame.h, 0, 0, out.width, out.height);
      if (out.width < minWidth || out.height < minHeight) {
        say('That part is ' + out.width + ' × ' + out.height + ' pixels; the print needs at least ' + minWidth
          + ' × ' + minHeight + '. Zoom out or choose a larger photo.', true);
        return;
      }
      photos[key] = out;
      draw();
      progress.hidden = false;
      progress.value = 0;
      apply.disabled = true;
      say('Uploading your photo…');
      out.toBlob(blob => {
        upload(blob, 'photo.jpg', percent => {
          progress.value = percent;
          progress.textContent = percent + ' %';
        }).then(answer => {
          ref.value = answer.id;
          progress.value = 100;
          crop.hidden = true;
          say('Your photo is uploaded and shown in the preview.');
          touched.add(key);
          return check(false);
        }).catch(failure => {
          delete photos[key];
          ref.value = '';
          draw();
          say(failure.message, true);
        }).finally(() => { apply.disabled = false; });
      }, 'image/jpeg', 0.9);
      if (error) error.textContent = '';
    });
  });

  // ---- on the way to the basket: catalog's last word, then the preview's picture goes with the line ----
  let submitting = false;
  form.addEventListener('submit', event => {
    if (submitting) return;
    // a button with an action of its own ("Add to wishlist" posts the chosen variant to the account) is not a basket
    // line: it goes as it is
    if (event.submitter && event.submitter.hasAttribute('formaction')) return;
    event.preventDefault();
    const missing = [...options.querySelectorAll('[data-photo-ref][data-required="true"]')].filter(r => !r.value);
    if (missing.length) {
      missing.forEach(r => {
        const slot = r.closest('[data-option]').querySelector('[data-error-for]');
        slot.textContent = 'Choose a photo and use the part to print first.';
      });
      missing[0].closest('[data-option]').querySelector('[data-photo-file]').focus();
      return;
    }
    const button = event.submitter || form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    const send = () => {
      submitting = true;
      if (button) button.disabled = false;
      form.requestSubmit ? form.requestSubmit(button) : form.submit();
    };
    check(true).then(answer => {
      if (answer && answer.valid === false && answer.errors && Object.keys(answer.errors).length) {
        if (button) button.disabled = false;
        const first = options.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
        return;
      }
      const previewRef = form.querySelector('[data-preview-ref]');
      if (!canvas || canvas.hidden || !previewRef) {
        send();
        return;
      }
      canvas.toBlob(blob => {
        if (!blob) { send(); return; }
        upload(blob, 'preview.jpg', null)
          .then(answer => { previewRef.value = answer.id; })
          .catch(() => { previewRef.value = ''; }) // the line goes in without its picture rather than not at all
          .finally(send);
      }, 'image/jpeg', 0.85);
    });
  });

  form.addEventListener('input', event => {
    const key = keyOf(event.target);
    if (key) touched.add(key);
    count();
    draw();
    if (key) checkSoon();
  });
  form.addEventListener('change', event => {
    const key = keyOf(event.target);
    if (key) touched.add(key);
    draw();
    if (key || event.target.name === 'sku') checkSoon();
  });
  count();
  if (base) {
    if (base.complete) draw(); else base.addEventListener('load', draw);
  }
})();
