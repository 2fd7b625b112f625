// Follows an order's checkout saga over Server-Sent Events (the storefront relays order-service's stream). On the
// wait page (data-follow-mode="go") it sends the shopper to the payment page, or to the order's page, as soon as the
// stream names it; on an order's page ("reload") it reloads when the status changes. Without it (or when the stream
// fails) the pages reload themselves.
(function () {
  'use strict';
  const page = document.querySelector('[data-follow]');
  if (!page || !window.EventSource) return;
  const status = document.querySelector('[data-follow-status]');
  const shown = page.dataset.status;
  const source = new EventSource(page.dataset.follow);
  const words = {
    PLACED: 'We are reserving your items and checking your basket…',
    AWAITING_PAYMENT: 'Your items are reserved. Opening the payment page…',
    PAID: 'Paid. Thank you!',
    CANCELLED: 'This order was cancelled.'
  };
  source.addEventListener('order', event => {
    const update = JSON.parse(event.data);
    if (status && words[update.status]) status.textContent = words[update.status];
    if (page.dataset.followMode === 'go' && update.next) {
      source.close();
      window.location.assign(update.next);
    } else if (page.dataset.followMode === 'reload' && update.status !== shown) {
      source.close();
      window.location.reload();
    }
  });
  source.addEventListener('end', () => {
    source.close();
    window.location.reload();
  });
  source.addEventListener('error', () => {
    // the stream broke (the store restarted, the network went): try again with a fresh page shortly
    source.close();
    setTimeout(() => window.location.reload(), 3000);
  });
})();
