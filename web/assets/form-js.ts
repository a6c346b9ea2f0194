/**
 * The complaint form's progressive enhancement (about 3 KB minified): the page works fully
 * without it. It hides the representative's fields until "on someone else's behalf" is chosen,
 * counts characters in the long fields, prevents a double submit, and sends files: with files
 * chosen it sends the complaint itself (asking for JSON), then declares each file on the status
 * link (POST <statusUrl>/attachments), posts it straight to storage with the presigned POST's
 * fields, waits for the check to list it, and opens the status page. If the complaint cannot be
 * sent that way it submits the form as without script (the server shows what to correct). Browser
 * code in one self-contained function (see browser-script.ts), so the bundler minifies it.
 */
import { browserScript } from './browser-script.ts';

declare const document: any;
declare const location: any;
declare const fetch: any;
declare const FormData: any;
declare const URLSearchParams: any;

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
    function update() {
      counter.textContent = template.replace('{n}', String(area.value.length)).replace('{max}', String(max));
    }
    area.insertAdjacentElement('afterend', counter);
    area.addEventListener('input', update);
    update();
  });

  // Files: the field is for the script (without it the note under it says where files go).
  var filesField = document.querySelector('[data-files]');
  var input = document.getElementById('f-files');
  var filesError = document.getElementById('f-files-error');
  var canSend = filesField && input && typeof fetch === 'function' && typeof FormData === 'function';
  if (canSend) {
    filesField.hidden = false;
    var later = document.querySelector('[data-files-later]');
    if (later) later.hidden = true;
  }
  var types = canSend ? JSON.parse(filesField.getAttribute('data-types') || '{}') : {};
  var known: Any = {};
  for (var ext in types) known[types[ext]] = true;
  function typeOf(file?: Any) {
    if (file.type === 'image/heif') return 'image/heic';
    if (known[file.type]) return file.type;
    return types[(file.name.split('.').pop() || '').toLowerCase()] || '';
  }
  function filesProblem() {
    var files = input.files || [];
    if (files.length > Number(filesField.getAttribute('data-max-files'))) return filesField.getAttribute('data-too-many');
    for (var f = 0; f < files.length; f++) {
      if (files[f].size > Number(filesField.getAttribute('data-max-bytes'))) return files[f].name + ': ' + filesField.getAttribute('data-too-large');
      if (!typeOf(files[f])) return files[f].name + ': ' + filesField.getAttribute('data-wrong-type');
    }
    return '';
  }
  function showFilesProblem(problem?: Any) {
    filesError.textContent = problem;
    filesError.hidden = !problem;
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'f-files-hint f-files-error');
    } else input.removeAttribute('aria-invalid');
  }
  if (canSend)
    input.addEventListener('change', function () {
      showFilesProblem(filesProblem());
    });

  // Waits until the check lists the file on the status link: true when it arrived and was not refused.
  function arrived(statusUrl?: Any, id?: Any, tries?: Any): Any {
    return fetch(statusUrl, { headers: { accept: 'application/json' } })
      .then(function (r?: Any) {
        return r.json();
      })
      .then(function (view?: Any) {
        var found = (view.files || []).filter(function (f?: Any) {
          return f.id === id;
        })[0];
        if (found) return found.state !== 'refused' && found.state !== 'infected';
        if (tries <= 0) return false;
        return new Promise(function (resolve?: Any) {
          setTimeout(resolve, 500);
        }).then(function () {
          return arrived(statusUrl, id, tries - 1);
        });
      });
  }
  function sendFile(statusUrl?: Any, file?: Any): Any {
    return fetch(statusUrl + '/attachments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: file.name, contentType: typeOf(file), size: file.size }) })
      .then(function (r?: Any) {
        return r.status === 201 ? r.json() : Promise.reject(r);
      })
      .then(function (declared?: Any) {
        var data = new FormData();
        for (var name in declared.upload.fields) data.append(name, declared.upload.fields[name]);
        data.append('file', file);
        // Storage answers without CORS headers: the answer is opaque, the status link says whether it arrived.
        return fetch(declared.upload.url, { method: 'POST', body: data, mode: 'no-cors' }).then(function () {
          return arrived(statusUrl, declared.id, 40);
        });
      })
      .catch(function () {
        return false;
      });
  }
  function notice(message?: Any, role?: Any, link?: Any) {
    var box = document.createElement('div');
    box.className = 'notice';
    box.setAttribute('role', role);
    var p = document.createElement('p');
    p.textContent = message;
    box.appendChild(p);
    if (link) {
      var a = document.createElement('a');
      a.href = link;
      a.textContent = filesField.getAttribute('data-to-status');
      box.appendChild(a);
    }
    form.parentNode.insertBefore(box, form);
    return box;
  }
  if (canSend)
    form.addEventListener('submit', function (event?: Any) {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      event.preventDefault();
      var problem = filesProblem();
      if (problem) {
        showFilesProblem(problem);
        input.focus();
        return;
      }
      fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form) as Any), headers: { accept: 'application/json' } })
        .then(function (r?: Any) {
          return r.status === 201 && /json/.test(r.headers.get('content-type') || '') ? r.json() : Promise.reject(r);
        })
        .then(
          function (created?: Any) {
            var sending = notice(filesField.getAttribute('data-uploading'), 'status');
            form.hidden = true;
            var failed: Any[] = [];
            return files
              .reduce(function (previous?: Any, file?: Any) {
                return previous.then(function () {
                  return sendFile(created.statusUrl, file).then(function (ok?: Any) {
                    if (!ok) failed.push(file.name);
                  });
                });
              }, Promise.resolve())
              .then(function () {
                if (!failed.length) {
                  location.href = created.statusPage;
                  return;
                }
                sending.remove();
                notice((filesField.getAttribute('data-failed') || '').replace('{names}', failed.join(', ')), 'alert', created.statusPage);
              });
          },
          function () {
            // Not taken this way (or not reachable): the form as without script, which shows what to correct.
            form.submit();
          },
        );
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
