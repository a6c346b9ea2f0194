/**
 * The complaint form's progressive enhancement (about 1 KB minified): the page works fully
 * without it. It hides the representative's fields until "on someone else's behalf" is chosen,
 * counts characters in the long fields, and prevents a double submit. Browser code in one
 * self-contained function (see browser-script.ts), so the bundler minifies it.
 */
import { browserScript } from './browser-script.ts';

declare const document: any;

type Any = any;

export function formEnhancement(): void {
  'use strict';
  var form = document.querySelector('form[data-enhance=complaint-form]');
  if (!form) return;

  // Show the representative's fields only when the complaint is filed for someone else.
  var section = document.getElementById('representative');
  var radios = form.querySelectorAll('input[name=onBehalf]');
  function sync() {
    var yes = form.querySelector('input[name=onBehalf][value=yes]');
    if (!section || !yes) return;
    var invalid = section.querySelector('[aria-invalid=true]');
    section.hidden = !yes.checked && !invalid;
  }
  for (var i = 0; i < radios.length; i++) radios[i].addEventListener('change', sync);
  sync();

  // Character counters under the long text fields.
  var areas = form.querySelectorAll('textarea[maxlength]');
  Array.prototype.forEach.call(areas, function (area?: Any) {
    var max = Number(area.getAttribute('maxlength'));
    var counter = document.createElement('span');
    counter.className = 'counter';
    counter.setAttribute('aria-hidden', 'true');
    // The words come with the page (page.chars in shared/texts): '{n} van {max} tekens'.
    var template = form.getAttribute('data-chars') || '{n} / {max}';
    function update() { counter.textContent = template.replace('{n}', String(area.value.length)).replace('{max}', String(max)); }
    area.insertAdjacentElement('afterend', counter);
    area.addEventListener('input', update);
    update();
  });

  // One submit only: the button says it is sending.
  form.addEventListener('submit', function () {
    var button = form.querySelector('button[type=submit]');
    if (!button) return;
    setTimeout(function () {
      button.disabled = true;
      button.textContent = button.getAttribute('data-sending') || button.textContent;
    }, 0);
  });
}

/** The form's script, as served at /assets/form.js. */
export const FORM_JS = browserScript(formEnhancement);
