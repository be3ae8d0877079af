// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-nocheck -- a browser script: tsconfig's lib has no DOM.
/* global document, window */
// Binôme's console: the little the pages need from a script (no inline script: the CSP is
// script-src 'self'). Everything works without it; htmx is loaded beside it.
(function () {
  'use strict';
  // htmx requests carry the page's CSRF token in a header (forms carry it in a hidden field).
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) event.detail.headers['x-csrf-token'] = meta.content;
  });
  // On a phone, the menu folds behind a « Menu » button (the CSS shows it below 48em only).
  var nav = document.querySelector('.site-nav');
  var toggle = nav && nav.querySelector('.menu-toggle');
  var list = nav && nav.querySelector('.nav');
  if (toggle && list) {
    nav.classList.add('foldable');
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      list.classList.toggle('open', open);
    });
  }
  // A page to print (src/web/printouts): its « Imprimer » button, hidden without the script.
  var printButtons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < printButtons.length; i++) {
    printButtons[i].hidden = false;
    printButtons[i].addEventListener('click', function () {
      window.print();
    });
  }
  // A form sent back with errors: its summary takes the focus, so that a screen reader reads it.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  });
})();
