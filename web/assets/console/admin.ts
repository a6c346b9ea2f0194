/**
 * The console's administration (one part of web/assets/console-js.ts), for the coordinator (and
 * the auditor, who reads):
 *
 *   #/koppelingen   the organisation's own systems: API keys (made and shown once with a copy
 *                   button, listed, revoked) and the webhook's state (GET /admin/webhook: whether
 *                   one is configured, and its deliveries: waiting, failing, the last error)
 *   #/privacy       a complainant's data: everything as a JSON file (GDPR art. 15/20), and
 *                   erasure on request (art. 17) after a confirmation
 *   #/audit         the privacy audit log, newest first, paged
 */
/* eslint-disable */
declare const document: any;

type Any = any;

export function consoleAdmin(K: Any): void {
  'use strict';
  var t = K.t,
    el = K.el;
  var OVERSIGHT = ['coordinator', 'auditor'];

  // --- API keys and the webhook -------------------------------------------------------------------
  function connectView(_match?: Any, _q?: Any, shown?: Any) {
    K.loadingView();
    var coordinator = K.hasRole(['coordinator']);
    Promise.all([K.api('GET', '/admin/api-keys'), K.api('GET', '/admin/webhook'), coordinator ? K.bodySchema('POST', '/admin/api-keys') : Promise.resolve(null)])
      .then(
        function (answers?: Any) {
          var keys = answers[0];
          var hook = answers[1];
          var nodes: Any[] = [];
          if (shown && shown.key) nodes.push(K.notice(t('keyMade', { label: shown.label })), K.secretBox('api-key-value', t('keyValue', { label: shown.label }), shown.key, t('keyOnce')));
          if (shown && shown.text) nodes.push(K.notice(shown.text));
          if (shown && shown.error) nodes.push(K.notice(shown.error, 'warn'));

          // API keys
          var keyNodes: Any[] = [el('h2', { id: 'keys-title' }, t('apiKeys')), el('p', { class: 'hint' }, t('apiKeysHint'))];
          if (!keys.ok) keyNodes.push(K.notice(K.problemText(keys), 'warn'));
          else if (!keys.data.items.length) keyNodes.push(el('p', { 'data-no-keys': '' }, t('noKeys')));
          else
            keyNodes.push(
              K.table(
                t('apiKeysCaption', { count: keys.data.items.length }),
                [t('keyLabel'), t('id'), t('created'), t('lastUsed'), coordinator ? t('action') : ''].filter(Boolean),
                keys.data.items.map(function (k?: Any) {
                  return el('tr', { 'data-api-key': k.id }, [
                    el('th', { scope: 'row' }, k.label),
                    el('td', {}, el('code', {}, k.id)),
                    el('td', {}, K.fmtDateTime(k.createdAt) + ' · ' + k.createdBy),
                    el('td', {}, k.lastUsedAt ? K.fmtDateTime(k.lastUsedAt) : t('never')),
                    coordinator
                      ? el(
                          'td',
                          {},
                          confirmButton(t('revokeKey'), t('revokeKeyConfirm', { label: k.label }), 'revoke-key', function () {
                            return K.api('DELETE', '/admin/api-keys/' + encodeURIComponent(k.id)).then(function (r?: Any) {
                              connectView(null, null, r.ok ? { text: t('keyRevoked', { label: k.label }) } : { error: K.problemText(r) });
                            });
                          }),
                        )
                      : '',
                  ]);
                }),
                { 'data-api-keys': '' },
              ),
            );
          if (coordinator && answers[2]) {
            var handle = K.schemaForm({
              id: 'api-key-new',
              scope: 'api-key',
              schema: answers[2],
              submit: t('makeKey'),
              onSubmit: function (body?: Any, form?: Any) {
                return K.api('POST', '/admin/api-keys', body).then(function (r?: Any) {
                  if (!r.ok) {
                    K.showErrors(form, r);
                    return;
                  }
                  K.dropDraft('api-key-new');
                  connectView(null, null, { key: r.data.key, label: r.data.label });
                });
              },
            });
            keyNodes.push(el('h3', {}, t('newKey')), handle.form);
          }
          nodes.push(el('section', { 'aria-labelledby': 'keys-title', 'data-section': 'api-keys' }, keyNodes));

          // The webhook
          var hookNodes: Any[] = [el('h2', { id: 'webhook-title' }, t('webhook'))];
          if (!hook.ok) hookNodes.push(K.notice(K.problemText(hook), 'warn'));
          else hookNodes.push(webhookState(hook.data));
          hookNodes.push(el('p', { class: 'hint' }, t('webhookHint')));
          nodes.push(el('section', { 'aria-labelledby': 'webhook-title', 'data-section': 'webhook', 'data-webhook': hook.ok ? (hook.data.configured ? 'configured' : 'none') : 'unknown' }, hookNodes));

          K.show(t('connect'), nodes, 'connect');
          if (shown) K.announce(shown.key ? t('keyMade', { label: shown.label }) : shown.text || shown.error);
        },
        function (err?: Any) {
          if (err && err.handled) throw err;
          K.errorView(t('connect'), { status: (err && err.status) || 503, data: null }, 'connect');
        },
      )
      .catch(K.ignoreHandled);
  }

  function webhookState(w?: Any) {
    if (!w.configured) return el('p', { 'data-webhook-state': 'none' }, t('webhookNone'));
    var facts: Any[] = [
      [t('webhookReceiver'), w.receiver],
      [t('webhookPending'), K.fmtNum(w.pending) + (w.complete ? '' : '+')],
      [t('webhookFailing'), K.fmtNum(w.failing)],
      w.oldestPendingSince ? [t('webhookOldest'), K.fmtDateTime(w.oldestPendingSince)] : null,
      w.nextAttemptAt ? [t('webhookNextAttempt'), K.fmtDateTime(w.nextAttemptAt)] : null,
      w.lastError ? [t('webhookLastError'), el('code', { lang: 'en' }, w.lastError)] : null,
    ].filter(Boolean);
    var state = w.failing ? 'failing' : w.pending ? 'pending' : 'ok';
    return el('div', { 'data-webhook-state': state }, [
      K.notice(
        state === 'failing' ? t('webhookFailingText', { count: w.failing }) : state === 'pending' ? t('webhookPendingText', { count: w.pending }) : t('webhookOk'),
        state === 'failing' ? 'warn' : 'ok',
      ),
      el(
        'dl',
        {},
        ([] as Any[]).concat.apply(
          [],
          facts.map(function (f?: Any) {
            return [el('dt', {}, f[0]), el('dd', {}, f[1])];
          }),
        ),
      ),
    ]);
  }

  /** A button that asks once more, in the page, before it acts. */
  function confirmButton(label?: Any, question?: Any, action?: Any, act?: Any) {
    var box = el('span', { class: 'confirm' });
    var button = el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-action': action,
        on: {
          click: function () {
            button.hidden = true;
            var yes = el(
              'button',
              {
                type: 'button',
                'data-action': action + '-confirm',
                on: {
                  click: function () {
                    yes.disabled = true;
                    Promise.resolve(act()).catch(K.ignoreHandled);
                  },
                },
              },
              t('yesDo'),
            );
            var no = el(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'data-action': 'cancel',
                on: {
                  click: function () {
                    K.clear(box);
                    button.hidden = false;
                    button.focus();
                  },
                },
              },
              t('cancel'),
            );
            K.append(box, [el('span', { role: 'alert' }, question + ' '), yes, no]);
            yes.focus();
          },
        },
      },
      label,
    );
    return [button, box];
  }

  // --- privacy: export and erasure ----------------------------------------------------------------
  function privacyView(_match?: Any, _q?: Any, shown?: Any) {
    K.loadingView();
    var coordinator = K.hasRole(['coordinator']);
    (coordinator ? K.bodySchema('POST', '/admin/subjects/erase') : Promise.resolve(null))
      .then(
        function (eraseSchema?: Any) {
          var nodes: Any[] = [];
          if (shown && shown.text) nodes.push(K.notice(shown.text));
          // Export: a GET with the address; its answer saved as a file.
          var exportForm = el('form', { 'data-form': 'subject-export', novalidate: true }, [
            el('div', { class: 'field' }, [
              el('label', { for: 'export-email' }, t('subjectEmail') + ' ' + t('required')),
              el('span', { class: 'error', id: 'export-email-error', hidden: true }),
              el('input', { type: 'email', id: 'export-email', name: 'email', required: true, maxlength: 254, autocomplete: 'off', 'data-field': 'email', 'aria-describedby': 'export-email-error' }),
            ]),
            el('button', { type: 'submit', 'data-action': 'export' }, t('exportData')),
          ]);
          var exportResult = el('div', { 'data-export-result': '', 'aria-live': 'polite' });
          exportForm.addEventListener('submit', function (e?: Any) {
            e.preventDefault();
            var email = exportForm.querySelector('#export-email').value.trim();
            if (!email) {
              K.showErrors(exportForm, null, [{ field: 'email', text: t('error.problem.required') }]);
              return;
            }
            K.request('GET', '/admin/subjects/export?email=' + encodeURIComponent(email), { as: 'blob' })
              .then(function (r?: Any) {
                if (!r.ok) {
                  K.showErrors(exportForm, r);
                  return;
                }
                K.clearErrors(exportForm);
                return r.data.text().then(function (text?: Any) {
                  var data = JSON.parse(text);
                  K.saveFile(new Blob([text], { type: 'application/json' }), t('exportFile', { date: K.localDay(K.now()) }));
                  K.clear(exportResult);
                  var message = t('exported', { count: data.complaints.length, email: email });
                  K.append(exportResult, [
                    K.notice(message),
                    data.complaints.length
                      ? el(
                          'ul',
                          {},
                          data.complaints.map(function (c?: Any) {
                            return el('li', {}, el('a', { href: '#/klacht/' + c.complaint.reference }, c.complaint.reference));
                          }),
                        )
                      : '',
                  ]);
                  K.announce(message);
                });
              })
              .catch(K.ignoreHandled);
          });
          nodes.push(
            el('section', { 'aria-labelledby': 'export-title', 'data-section': 'export' }, [
              el('h2', { id: 'export-title' }, t('exportTitle')),
              el('p', { class: 'hint' }, t('exportHint')),
              exportForm,
              exportResult,
            ]),
          );

          // Erasure: the schema's fields and a confirmation.
          if (coordinator && eraseSchema) {
            var confirm = el('div', { class: 'field' }, [
              el('span', { class: 'error', id: 'erase-confirm-error', hidden: true }),
              el('div', { class: 'choice' }, [
                el('input', { type: 'checkbox', id: 'erase-confirm', name: 'confirm', value: 'yes', 'data-field': 'confirm', 'aria-describedby': 'erase-confirm-error' }),
                el('label', { for: 'erase-confirm' }, t('eraseConfirm')),
              ]),
            ]);
            var result = el('div', { 'data-erase-result': '', 'aria-live': 'polite' });
            var handle = K.schemaForm({
              id: 'erase',
              scope: 'erase',
              schema: eraseSchema,
              submit: t('erase'),
              extra: [confirm],
              onSubmit: function (body?: Any, form?: Any) {
                if (!form.querySelector('#erase-confirm').checked) {
                  K.showErrors(form, null, [{ field: 'confirm', text: t('eraseConfirmNeeded') }]);
                  return;
                }
                return K.api('POST', '/admin/subjects/erase', body).then(function (r?: Any) {
                  if (!r.ok) {
                    K.showErrors(form, r);
                    return;
                  }
                  K.clearErrors(form);
                  K.dropDraft('erase');
                  form.reset();
                  K.clear(result);
                  var message = t('erased', { count: r.data.erased.length });
                  K.append(result, [
                    K.notice(message),
                    r.data.erased.length
                      ? el(
                          'ul',
                          { 'data-erased': '' },
                          r.data.erased.map(function (ref?: Any) {
                            return el('li', {}, ref);
                          }),
                        )
                      : '',
                    r.data.notErased.length
                      ? [
                          el('h3', {}, t('notErased')),
                          el(
                            'ul',
                            { 'data-not-erased': '' },
                            r.data.notErased.map(function (n?: Any) {
                              return el('li', {}, [el('a', { href: '#/klacht/' + n.reference }, n.reference), ': ' + whyNotErased(n)]);
                            }),
                          ),
                        ]
                      : '',
                  ]);
                  K.announce(message);
                });
              },
            });
            handle.form.querySelector('button[type=submit]').className = 'danger';
            nodes.push(
              el('section', { 'aria-labelledby': 'erase-title', 'data-section': 'erase' }, [
                el('h2', { id: 'erase-title' }, t('eraseTitle')),
                el('p', { class: 'hint' }, t('eraseHint')),
                handle.form,
                result,
              ]),
            );
          }
          K.show(t('privacy'), nodes, 'privacy');
        },
        function (err?: Any) {
          if (err && err.handled) throw err;
          K.errorView(t('privacy'), { status: (err && err.status) || 503, data: null }, 'privacy');
        },
      )
      .catch(K.ignoreHandled);
  }
  /** Why a complaint was not erased, in words: held (since), or still being handled (its status). */
  function whyNotErased(n?: Any) {
    if (n.outcome === 'held') return t('notErasedHeld', { since: K.fmtDate(n.since) });
    if (n.outcome === 'open') return t('notErasedOpen', { status: K.statusLabel(n.status) });
    return n.why;
  }

  // --- the audit log ------------------------------------------------------------------------------
  function auditView() {
    K.loadingView();
    var items: Any[] = [];
    var cursor: Any = null;
    var region = el('div', { 'data-audit': '' });
    var more = el('button', { type: 'button', class: 'secondary', 'data-action': 'more', hidden: true }, t('more'));
    var count = el('p', { role: 'status' });
    function page() {
      return K.api('GET', '/admin/audit?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '')).then(function (r?: Any) {
        if (!r.ok) {
          K.errorView(t('audit'), r, 'audit');
          return false;
        }
        items = items.concat(r.data.items);
        cursor = r.data.cursor;
        K.clear(region);
        K.append(
          region,
          items.length
            ? K.table(
                t('auditCaption', { count: K.fmtNum(items.length) }),
                [t('when'), t('who'), t('what'), t('complaints'), t('details')],
                items.map(function (a?: Any) {
                  return el('tr', { 'data-audit-entry': a.id, 'data-audit-action': a.action }, [
                    el('td', {}, K.fmtDateTime(a.at)),
                    el('td', {}, K.actorLabel(a.actor)),
                    el('th', { scope: 'row' }, t('console.auditAction.' + a.action)),
                    el(
                      'td',
                      {},
                      (a.references || []).map(function (ref?: Any) {
                        return [el('a', { href: '#/klacht/' + ref }, ref), ' '];
                      }),
                    ),
                    el('td', {}, [
                      a.subjectHash ? el('div', {}, [t('subjectHash') + ': ', el('code', {}, String(a.subjectHash).slice(0, 12) + '…')]) : '',
                      a.reason ? el('div', {}, t('reasonGiven') + ': ' + a.reason) : '',
                      (a.skipped || []).length
                        ? el(
                            'div',
                            {},
                            t('skipped') +
                              ': ' +
                              a.skipped
                                .map(function (s?: Any) {
                                  return s.reference + ' (' + whyNotErased(s) + ')';
                                })
                                .join('; '),
                          )
                        : '',
                    ]),
                  ]);
                }),
                { 'data-audit-log': '' },
              )
            : el('p', {}, t('noAudit')),
        );
        more.hidden = !cursor;
        count.textContent = t('auditCount', { count: K.fmtNum(items.length) });
        return true;
      });
    }
    more.addEventListener('click', function () {
      more.disabled = true;
      page().then(function () {
        more.disabled = false;
        K.announce(count.textContent);
      }, K.ignoreHandled);
    });
    page().then(function (ok?: Any) {
      if (ok) K.show(t('audit'), [el('p', { class: 'hint' }, t('auditHint')), count, region, more], 'audit');
    }, K.ignoreHandled);
  }

  K.addNav('#/koppelingen', 'connect', 'connect', OVERSIGHT);
  K.addNav('#/privacy', 'privacy', 'privacy', OVERSIGHT);
  K.addNav('#/audit', 'audit', 'audit', OVERSIGHT);
  K.addRoute(/^\/koppelingen$/, function () {
    connectView();
  });
  K.addRoute(/^\/privacy$/, function () {
    privacyView();
  });
  K.addRoute(/^\/audit$/, auditView);
}
