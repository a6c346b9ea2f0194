/**
 * The console's complaint views (one part of web/assets/console-js.ts):
 *
 *   #/                     the dashboard (GET /admin/dashboard): overdue first, then due this
 *                          week, then later, then without a deadline, across the years, paged;
 *                          the counts, per handler (a handler sees their own); ?handler= one handler's
 *   #/klachten?q=&...      find: a reference, a name or an e-mail address, the filters, sorting by
 *                          due date, paged; the CSV of the same query
 *   #/klacht/<reference>   the file: its facts, the steps open now (exactly availableSteps, each a
 *                          form generated from its schema, with a preview of the letters it would
 *                          send), every date with its reason, the files (open a clean one, add
 *                          one), the letters as sent, legal holds, the timeline
 */
/* eslint-disable */
declare const document: any;
declare const location: any;

type Any = any;

export function consoleComplaints(K: Any): void {
  'use strict';
  var t = K.t,
    el = K.el,
    reg = K.reg,
    config = K.config;

  // --- a line per complaint -----------------------------------------------------------------------
  /** The next deadline in words: milestone, date, hard or target, overdue or this week. */
  function nextDeadline(c?: Any) {
    var d = c.nextDeadline;
    if (!d) return '–';
    var urgency = c.urgency || (c.overdue ? 'overdue' : d.due <= K.weekEnd() ? 'this-week' : 'later');
    return [
      K.milestoneLabel(d.milestone) + ': ' + K.fmtDate(d.due) + ' ',
      d.kind === 'target' ? K.tag(t('targetKind'), 'target') : '',
      ' ',
      urgency === 'overdue' ? K.tag(t('overdue'), 'overdue') : urgency === 'this-week' ? K.tag(t('thisWeek'), 'week') : '',
    ];
  }
  function complaintRows(items?: Any) {
    return items.map(function (c?: Any) {
      return el('tr', { 'data-reference': c.reference, 'data-status': c.status, 'data-urgency': c.urgency || (c.overdue ? 'overdue' : '') }, [
        el('th', { scope: 'row' }, el('a', { href: '#/klacht/' + c.reference }, c.reference)),
        el('td', {}, K.statusLabel(c.status)),
        el('td', {}, [K.fmtDateTime(c.receivedAt), el('br'), el('span', { class: 'muted' }, K.channelLabel(c.channel) + ' · ' + t('mode.' + (c.mode === 'oral' ? 'oral' : 'written')))]),
        el('td', {}, (c.categories || []).map(K.categoryLabel).join(', ') || '–'),
        el('td', {}, nextDeadline(c)),
        el('td', {}, c.handler || t('unassigned')),
      ]);
    });
  }
  function complaintTable(caption?: Any, items?: Any, attrs?: Any) {
    return K.table(
      caption,
      [t('reference'), t('status'), t('received'), t('categories'), t('nextDeadline'), t('handler')],
      complaintRows(items),
      Object.assign({ 'data-complaints': '' }, attrs || {}),
    );
  }

  // --- the dashboard ------------------------------------------------------------------------------
  var SECTIONS = [
    ['overdue', 'overdue'],
    ['this-week', 'thisWeek'],
    ['later', 'later'],
    ['none', 'withoutDeadline'],
  ];
  function dashboard(_match?: Any, q?: Any) {
    K.loadingView();
    var handler = K.ownOnly() ? '' : q.get('handler') || '';
    var items: Any[] = [];
    var counts: Any = null;
    var cursor: Any = null;
    var sections = el('div', { 'data-sections': '' });
    var more = el('button', { type: 'button', class: 'secondary', 'data-action': 'more', hidden: true }, t('more'));
    var status = el('p', { role: 'status', 'data-loaded': '' });
    function render() {
      K.clear(sections);
      SECTIONS.forEach(function (s?: Any) {
        var own = items.filter(function (c?: Any) {
          return c.urgency === s[0];
        });
        var total = counts
          ? ({ overdue: counts.overdue, 'this-week': counts.dueThisWeek, none: counts.withoutDeadline, later: counts.open - counts.overdue - counts.dueThisWeek - counts.withoutDeadline } as Any)[s[0]]
          : own.length;
        var id = 'section-' + s[0];
        K.append(
          sections,
          el('section', { 'aria-labelledby': id, 'data-section': s[0] }, [
            el('h2', { id: id }, t(s[1]) + ' (' + K.fmtNum(total) + ')'),
            own.length ? complaintTable(t(s[1]) + ': ' + t('shown', { count: K.fmtNum(own.length), total: K.fmtNum(total) }), own) : el('p', {}, cursor && total ? t('notYetLoaded') : t('none')),
          ]),
        );
      });
      more.hidden = !cursor;
      status.textContent = t('dashboardLoaded', { count: K.fmtNum(items.length), total: K.fmtNum(counts ? counts.open : items.length) });
    }
    function page() {
      var params = new URLSearchParams({ limit: '50' });
      if (handler) params.set('handler', handler);
      if (cursor) params.set('cursor', cursor);
      return K.api('GET', '/admin/dashboard?' + params.toString()).then(function (r?: Any) {
        if (!r.ok) {
          K.errorView(t('dashboard'), r, 'dashboard');
          return false;
        }
        items = items.concat(r.data.items);
        if (r.data.counts) counts = r.data.counts;
        cursor = r.data.cursor;
        render();
        return true;
      });
    }
    more.addEventListener('click', function () {
      more.disabled = true;
      page().then(function () {
        more.disabled = false;
        K.announce(status.textContent);
      }, K.ignoreHandled);
    });
    page().then(function (ok?: Any) {
      if (!ok) return;
      var nodes: Any[] = [];
      if (handler) nodes.push(el('p', { 'data-filter-handler': handler }, [t('onlyHandler', { handler: handler }) + ' ', el('a', { href: '#/' }, t('everyone'))]));
      if (counts) {
        nodes.push(
          el(
            'p',
            { class: 'lead', 'data-counts': '' },
            t('counts', { open: K.fmtNum(counts.open), overdue: K.fmtNum(counts.overdue), week: K.fmtNum(counts.dueThisWeek), none: K.fmtNum(counts.withoutDeadline) }),
          ),
        );
        if (!counts.complete) nodes.push(K.notice(t('countsIncomplete'), 'warn'));
      }
      nodes.push(sections, more, status);
      if (counts && counts.byHandler.length && !K.ownOnly() && !handler) {
        nodes.push(
          el('section', { 'aria-labelledby': 'per-handler', 'data-per-handler': '' }, [
            el('h2', { id: 'per-handler' }, t('perHandler')),
            K.table(
              t('perHandler'),
              [t('handler'), t('open'), t('overdue'), t('thisWeek'), t('withoutDeadline')],
              counts.byHandler.map(function (h?: Any) {
                return el('tr', { 'data-handler': h.handler || '' }, [
                  el('th', { scope: 'row' }, h.handler ? el('a', { href: '#/?handler=' + encodeURIComponent(h.handler) }, h.handler) : t('unassigned')),
                  el('td', {}, K.fmtNum(h.open)),
                  el('td', {}, K.fmtNum(h.overdue)),
                  el('td', {}, K.fmtNum(h.dueThisWeek)),
                  el('td', {}, K.fmtNum(h.withoutDeadline)),
                ]);
              }),
            ),
          ]),
        );
      }
      K.show(K.ownOnly() ? t('dashboardOwn') : t('dashboard'), nodes, 'dashboard');
    }, K.ignoreHandled);
  }

  // --- find ---------------------------------------------------------------------------------------
  var FILTERS = ['q', 'status', 'category', 'handler', 'year', 'overdue', 'deadline', 'sort'];
  function selectField(id?: Any, label?: Any, name?: Any, choices?: Any, value?: Any) {
    return el('div', { class: 'field' }, [
      el('label', { for: id }, label),
      el(
        'select',
        { id: id, name: name, 'data-field': name },
        choices.map(function (o?: Any) {
          return el('option', { value: o[0], selected: o[0] === (value || '') }, o[1]);
        }),
      ),
    ]);
  }
  function inputField(id?: Any, label?: Any, name?: Any, type?: Any, value?: Any, extra?: Any) {
    var attrs: Any = Object.assign({ id: id, name: name, type: type || 'text', value: value || '', 'data-field': name }, extra || {});
    return el('div', { class: 'field' }, [el('label', { for: id }, label), el('input', attrs)]);
  }
  function list(_match?: Any, q?: Any) {
    K.loadingView();
    var params = new URLSearchParams();
    FILTERS.forEach(function (k?: Any) {
      if (q.get(k)) params.set(k, q.get(k));
    });
    var categories = [].concat.apply(
      [],
      reg.categories.map(function (s?: Any) {
        return s.categories;
      }),
    );
    var any = [['', t('any')]];
    var filters = el(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': t('find'),
        'data-form': 'find',
        novalidate: true,
        on: {
          submit: function (e?: Any) {
            e.preventDefault();
            var next = new URLSearchParams();
            Array.prototype.forEach.call(filters.elements, function (c?: Any) {
              if (!c.name || (c.type === 'checkbox' && !c.checked)) return;
              if (String(c.value).trim()) next.set(c.name, String(c.value).trim());
            });
            var hash = '#/klachten' + (next.toString() ? '?' + next.toString() : '');
            if (location.hash === hash) K.route();
            else location.hash = hash;
          },
        },
      },
      [
        el('div', { class: 'field search' }, [
          el('label', { for: 'f-q' }, t('search')),
          el('span', { class: 'hint', id: 'f-q-hint' }, t('searchHint')),
          el('input', { id: 'f-q', name: 'q', type: 'search', value: q.get('q') || '', maxlength: 200, 'data-field': 'q', 'aria-describedby': 'f-q-hint', autocomplete: 'off' }),
        ]),
        selectField(
          'f-status',
          t('status'),
          'status',
          any.concat(
            config.statuses.map(function (s?: Any) {
              return [s, K.statusLabel(s)];
            }),
          ),
          q.get('status'),
        ),
        categories.length
          ? selectField(
              'f-category',
              t('category'),
              'category',
              any.concat(
                categories.map(function (c?: Any) {
                  return [c.id, c.label];
                }),
              ),
              q.get('category'),
            )
          : '',
        K.ownOnly() ? '' : inputField('f-handler', t('handlerEmail'), 'handler', 'email', q.get('handler'), { list: 'f-handler-list', autocomplete: 'off' }),
        inputField('f-year', t('year'), 'year', 'number', q.get('year'), { min: 2000, max: 2100, inputmode: 'numeric' }),
        selectField(
          'f-deadline',
          t('deadlineKind'),
          'deadline',
          [
            ['', t('any')],
            ['hard', t('hardKindLong')],
            ['target', t('targetKindLong')],
          ],
          q.get('deadline'),
        ),
        selectField(
          'f-sort',
          t('sort'),
          'sort',
          [
            ['', t('sortReceived')],
            ['due', t('sortDue')],
          ],
          q.get('sort'),
        ),
        el('div', { class: 'choice' }, [
          el('input', { type: 'checkbox', id: 'f-overdue', name: 'overdue', value: 'true', checked: q.get('overdue') === 'true', 'data-field': 'overdue' }),
          el('label', { for: 'f-overdue' }, t('onlyOverdue')),
        ]),
        el('div', { class: 'actions' }, [
          el('button', { type: 'submit', 'data-action': 'find' }, t('find')),
          el('a', { href: '#/klachten', class: 'button secondary', 'data-action': 'reset' }, t('resetFilters')),
        ]),
      ],
    );
    var region = el('div', { 'data-results': '' });
    var count = el('p', { role: 'status', 'data-count': '' });
    var more = el('button', { type: 'button', class: 'secondary', 'data-action': 'more', hidden: true }, t('more'));
    var csvQuery = new URLSearchParams(params);
    csvQuery.set('lang', config.lang);
    var csvPath = '/admin/export/complaints.csv?' + csvQuery.toString();
    var csv = el(
      'a',
      {
        href: config.apiBase + csvPath,
        id: 'csv-link',
        'data-csv': '',
        class: 'button secondary',
        download: t('csvFile'),
        on: {
          click: function (e?: Any) {
            e.preventDefault();
            K.download(csvPath, t('csvFile'), 'text/csv').then(function (r?: Any) {
              K.announce(r.ok ? t('csvDone') : K.problemText(r));
            }, K.ignoreHandled);
          },
        },
      },
      t('csv'),
    );
    var items: Any[] = [];
    var cursor: Any = null;
    var incomplete = false;
    function page() {
      var p = new URLSearchParams(params);
      p.set('limit', '50');
      if (cursor) p.set('cursor', cursor);
      return K.api('GET', '/admin/complaints?' + p.toString()).then(function (r?: Any) {
        if (!r.ok) return r;
        items = items.concat(r.data.items);
        cursor = r.data.cursor;
        incomplete = incomplete || r.data.complete === false;
        K.clear(region);
        K.append(region, items.length ? complaintTable(t('results', { count: K.fmtNum(items.length) }), items) : el('p', { 'data-empty': '' }, t('noResults')));
        if (incomplete) K.append(region, K.notice(t('searchIncomplete'), 'warn'));
        count.textContent = t('results', { count: K.fmtNum(items.length) }) + (cursor ? ' ' + t('moreAvailable') : '');
        more.hidden = !cursor;
        return r;
      });
    }
    more.addEventListener('click', function () {
      more.disabled = true;
      page().then(function () {
        more.disabled = false;
        K.announce(count.textContent);
      }, K.ignoreHandled);
    });
    page().then(function (r?: Any) {
      var scope =
        q.get('q') || q.get('sort') || q.get('status') || q.get('handler') || q.get('overdue') || q.get('year') ? '' : el('p', { class: 'hint', 'data-list-scope': 'this-year' }, t('thisYearOnly'));
      var handlers = el('datalist', { id: 'f-handler-list' });
      K.show(t('complaints'), [filters, handlers, scope, r.ok ? '' : K.notice(K.problemText(r), 'warn'), count, region, el('div', { class: 'actions' }, [more, csv])], 'complaints');
      if (!r.ok && r.data && r.data.problems) K.showErrors(filters, r);
      // Handlers to suggest: the demo users locally.
      usersForAssign().then(function (users?: Any) {
        (users || []).forEach(function (u?: Any) {
          handlers.appendChild(el('option', { value: u.email }, u.name));
        });
      });
    }, K.ignoreHandled);
  }

  var demoUsers: Any = null;
  /** The people the console can suggest (the dev issuer's demo users locally; in AWS nobody: typed). */
  function usersForAssign() {
    if (config.auth.kind !== 'local') return Promise.resolve(null);
    if (demoUsers) return Promise.resolve(demoUsers);
    return fetch(config.auth.usersUrl)
      .then(function (r?: Any) {
        return r.json();
      })
      .then(function (d?: Any) {
        demoUsers = d.users;
        return demoUsers;
      })
      .catch(function () {
        return null;
      });
  }

  // --- a complaint's file -------------------------------------------------------------------------
  /** The file of a complaint; message: { text, kind } to show above it (after a step). */
  function complaintView(reference?: Any, message?: Any) {
    var path = '/admin/complaints/' + encodeURIComponent(reference);
    K.loadingView();
    K.api('GET', path)
      .then(function (result?: Any) {
        if (!result.ok) return K.errorView(reference, result, 'complaints');
        var c = result.data;
        var steps = c.availableSteps || [];
        var coordinator = K.hasRole(['coordinator']);
        return Promise.all([
          K.bodySchemas(
            steps
              .map(function (s?: Any) {
                return ['POST', '/admin/complaints/{reference}/' + s];
              })
              .concat(
                coordinator
                  ? [
                      ['POST', '/admin/complaints/{reference}/legal-hold'],
                      ['POST', '/admin/complaints/{reference}/status-link'],
                    ]
                  : [],
              ),
          ),
          usersForAssign(),
          steps.indexOf('measures') >= 0
            ? K.api('GET', '/admin/measures?limit=200').then(function (r?: Any) {
                return r.ok
                  ? r.data.items.filter(function (m?: Any) {
                      return m.status !== 'cancelled';
                    })
                  : null;
              })
            : null,
        ]).then(
          function (loaded?: Any) {
            renderFile(
              c,
              result.etag,
              loaded[0],
              { openDeadlines: c.openDeadlines, users: loaded[1], measures: loaded[2], files: c.attachments || [], authorisationFile: authorisationFileOf(c) },
              coordinator,
              message,
            );
          },
          function (err?: Any) {
            if (err && err.handled) throw err;
            K.errorView(reference, { status: (err && err.status) || 503, data: null }, 'complaints');
          },
        );
      })
      .catch(K.ignoreHandled);
  }

  function renderFile(c?: Any, etag?: Any, schemas?: Any, ctx?: Any, coordinator?: Any, message?: Any) {
    var path = '/admin/complaints/' + encodeURIComponent(c.reference);
    var steps = c.availableSteps || [];
    var rep = c.representative;
    var details = [
      [t('status'), K.statusLabel(c.status), 'status'],
      [t('received'), K.fmtDateTime(c.receivedAt) + ' · ' + K.channelLabel(c.channel) + ' · ' + t('mode.' + (c.mode === 'oral' ? 'oral' : 'written')), 'received'],
      // The version of the regulation the complaint lives under, for its whole life.
      c.regulation
        ? [
            t('regulationVersion'),
            t('versionLine', { title: c.regulation.title, version: c.regulation.version, from: K.fmtDate(c.regulation.effectiveFrom) }) +
              (c.regulation.superseded ? ' (' + t('versionKept') + ')' : ''),
            'regulation',
          ]
        : null,
      [t('complainant'), c.complainant.name + ' <' + c.complainant.email + '>' + (c.complainant.phone ? ' · ' + c.complainant.phone : ''), 'complainant'],
      rep ? [t('representative'), rep.name + (rep.email ? ' <' + rep.email + '>' : ''), 'representative'] : null,
      rep ? [t('authorisationLabel'), t('console.authorisationState.' + rep.authorisation), 'authorisation'] : null,
      [t('categories'), (c.categories || []).map(K.categoryLabel).join(', ') || '–', 'categories'],
      [t('handler'), c.handler ? c.handler.name + ' <' + c.handler.email + '>' + (c.handler.function ? ', ' + c.handler.function : '') : t('unassigned'), 'handler'],
      (c.involved || []).length
        ? [
            t('involvedPeople'),
            c.involved
              .map(function (p?: Any) {
                return p.name + ' (' + K.optionLabel('involvement', p.involvement) + ')';
              })
              .join('; '),
            'involved',
          ]
        : null,
      c.occurredOn ? [t('occurredOn'), K.fmtDate(c.occurredOn), 'occurred-on'] : null,
      c.place ? [t('place'), c.place, 'place'] : null,
      c.decision ? [t('decision'), K.outcomeLabel(c.decision.outcome) + (c.decision.reasoning ? ': ' + c.decision.reasoning : ''), 'decision'] : null,
      c.legalHold ? [t('legalHold'), t('legalHoldSince', { since: K.fmtDate(c.legalHold.at), by: c.legalHold.by, reason: c.legalHold.reason }), 'legal-hold'] : null,
    ].filter(Boolean);

    // The steps open now: exactly availableSteps, each a form from the step's own schema.
    var stepNodes = steps.map(function (step?: Any, i?: Any) {
      var label = K.stepLabel(step);
      var preview = el('div', { class: 'preview', 'data-preview': step, 'aria-live': 'polite' });
      var previewButton = el('button', { type: 'button', class: 'secondary', 'data-action': 'preview' }, t('previewLetters'));
      var handle = K.schemaForm({
        id: 'step-' + step,
        scope: step,
        schema: schemas[i] || { properties: {} },
        ctx: ctx,
        submit: label,
        buttons: [previewButton],
        extra: [preview],
        onSubmit: function send(body?: Any, form?: Any): Any {
          return K.api('POST', path + '/' + step, body, etag ? { 'if-match': etag } : {}).then(function (r?: Any) {
            if (r.ok) {
              K.dropDraft('step-' + step);
              complaintView(c.reference, { text: t('stepDone', { step: label }) });
              return;
            }
            if (r.status === 409 && r.data && r.data.key === 'error.conflict.complaintChanged') {
              return K.api('GET', path).then(function (now?: Any) {
                // Only the system changed it meanwhile (the last step's letter recorded as sent): taken on the new version.
                var seen = Number(String(etag).replace(/\D/g, ''));
                var since = now.ok
                  ? now.data.timeline.filter(function (e?: Any) {
                      return e.seq > seen;
                    })
                  : [];
                if (
                  since.length &&
                  now.etag !== etag &&
                  since.every(function (e?: Any) {
                    return e.actor === 'system';
                  })
                ) {
                  etag = now.etag;
                  return send(body, form);
                }
                // Someone changed the complaint meanwhile: reloaded, the form's values kept.
                K.saveDrafts();
                complaintView(c.reference, { text: t('conflict'), kind: 'warn' });
              });
            }
            K.showErrors(form, r);
          });
        },
      });
      handle.form.setAttribute('data-step', step);
      previewButton.addEventListener('click', function () {
        previewButton.disabled = true;
        K.clear(preview);
        K.append(preview, el('p', {}, t('loading')));
        K.api('POST', path + '/' + step + '/preview', handle.read()).then(
          function (r?: Any) {
            previewButton.disabled = false;
            K.clear(preview);
            if (!r.ok) {
              K.showErrors(handle.form, r);
              return;
            }
            K.clearErrors(handle.form);
            K.append(preview, previewOf(r.data));
            K.announce(r.data.letters.length ? t('previewCount', { count: r.data.letters.length }) : t('previewNone'));
          },
          function (err?: Any) {
            previewButton.disabled = false;
            K.ignoreHandled(err);
          },
        );
      });
      return el('details', { 'data-step': step }, [el('summary', {}, label), handle.form]);
    });

    var proposed = (c.proposedGrounds || []).length
      ? el('section', { class: 'notice', 'aria-labelledby': 'grounds-title', 'data-proposed-grounds': '' }, [
          el('h2', { id: 'grounds-title' }, t('proposedGrounds')),
          el(
            'ul',
            {},
            c.proposedGrounds.map(function (g?: Any) {
              return el(
                'li',
                { 'data-ground': g.id },
                g.label[config.lang] +
                  ' (' +
                  g.rule +
                  ')' +
                  (g.judgement ? ' · ' + t('judgementCall') : '') +
                  (g.referral ? ' · ' + (g.referral.immediate ? t('immediateReferral') + ' ' : '') + g.referral.label[config.lang] : ''),
              );
            }),
          ),
        ])
      : '';

    var deadlines = deadlineSection(c);
    var letters = el('section', { 'aria-labelledby': 'letters-title', 'data-letters': '' }, [el('h2', { id: 'letters-title' }, t('letters')), el('p', {}, t('loading'))]);
    var timeline = el(
      'ol',
      { class: 'timeline', 'data-timeline': '' },
      c.timeline
        .slice()
        .reverse()
        .map(function (e?: Any) {
          return el('li', { 'data-event': e.type }, [
            el('time', { datetime: e.at }, K.fmtDateTime(e.at)),
            K.eventLabel(e.type) + ' — ' + t('by') + ' ' + K.actorLabel(e.actor) + (e.rule ? ' (' + e.rule + ')' : '') + (e.reason ? ': ' + e.reason : ''),
          ]);
        }),
    );

    K.show(
      c.reference,
      [
        message ? K.notice(message.text, message.kind) : '',
        el('p', {}, el('a', { href: '#/klachten', 'data-action': 'back' }, t('back'))),
        proposed,
        el('div', { class: 'cols' }, [
          el('section', { 'aria-labelledby': 'file-title', 'data-file': c.reference }, [
            el('h2', { id: 'file-title' }, t('file')),
            el(
              'dl',
              {},
              ([] as Any[]).concat.apply(
                [],
                details.map(function (d?: Any) {
                  return [el('dt', {}, d[0]), el('dd', { 'data-fact': d[2] }, d[1])];
                }),
              ),
            ),
          ]),
          el(
            'section',
            { 'aria-labelledby': 'steps-title', class: 'steps', 'data-steps': steps.join(' ') },
            [el('h2', { id: 'steps-title' }, t('steps'))].concat(stepNodes.length ? stepNodes : [el('p', { 'data-no-steps': '' }, t('noSteps'))]),
          ),
        ]),
        el('h2', {}, t('description')),
        el('p', { class: 'prewrap' }, c.description),
        c.circumstances ? [el('h3', {}, t('circumstances')), el('p', { class: 'prewrap' }, c.circumstances)] : '',
        deadlines,
        filesSection(c),
        letters,
        coordinator ? legalHoldSection(c, etag, schemas[steps.length]) : '',
        coordinator && !c.anonymisedAt ? statusLinkSection(c, schemas[steps.length + 1]) : '',
        el('section', { 'aria-labelledby': 'timeline-title' }, [el('h2', { id: 'timeline-title' }, t('timeline')), timeline]),
      ],
      'complaints',
    );
    if (message) K.announce(message.text);
    explainDeadlines(c, deadlines);
    loadLetters(c, letters);
  }

  /** What a step would send: each letter as it will go out. */
  function previewOf(p?: Any) {
    var nodes: Any[] = [el('h3', {}, t('previewTitle')), el('p', { 'data-preview-status': p.status }, t('previewStatus', { status: K.statusLabel(p.status) }))];
    if (!p.letters.length) nodes.push(el('p', { 'data-preview-none': '' }, t('previewNone')));
    p.letters.forEach(function (l?: Any, i?: Any) {
      nodes.push(
        el('article', { class: 'letter', 'data-preview-letter': l.letter, 'aria-labelledby': 'pv-' + l.letter + '-' + i }, [
          el('h4', { id: 'pv-' + l.letter + '-' + i }, l.subject),
          el('p', { class: 'muted' }, t('letterTo', { to: l.to, recipient: recipientLabel(l.recipient) }) + ' · ' + t('sendsAt', { at: K.fmtDateTime(l.sendsAt) })),
          el('pre', { class: 'letter-text' }, l.text),
        ]),
      );
    });
    return nodes;
  }
  function recipientLabel(r?: Any) {
    return r === 'staff' ? t('staff') : K.roleLabel(r);
  }

  // --- every date explains itself -----------------------------------------------------------------
  function deadlineSection(c?: Any) {
    var rows = c.openDeadlines.map(function (m?: Any) {
      var kind = m.kind === 'target' ? 'target' : 'hard';
      return el('tr', { 'data-milestone': m.milestoneId, 'data-kind': kind, 'data-overdue': m.overdue ? 'true' : 'false' }, [
        el('th', { scope: 'row' }, m.label[config.lang]),
        el('td', {}, kind === 'target' ? K.tag(t('targetKind'), 'target') : K.tag(t('hardKind'), 'hard')),
        el('td', {}, [K.fmtDate(m.due) + ' ', m.overdue ? K.tag(t('overdue'), 'overdue') : m.due <= K.weekEnd() ? K.tag(t('thisWeek'), 'week') : '']),
        el('td', {}, K.roleLabel(m.responsibleRole)),
        el('td', {}, m.citation),
        el('td', { 'data-why': '' }, ''),
      ]);
    });
    return el('section', { 'aria-labelledby': 'deadlines-title', 'data-deadlines': '' }, [
      el('h2', { id: 'deadlines-title' }, t('openDeadlines')),
      el('p', { class: 'hint' }, t('kindsExplained')),
      rows.length ? K.table(t('openDeadlines'), [t('deadline'), t('deadlineKind'), t('due'), t('responsible'), t('rule'), t('why')], rows) : el('p', {}, t('none')),
      el('div', { 'data-other-dates': '' }),
    ]);
  }
  function whyOf(lines?: Any) {
    return lines && lines.length
      ? el('details', { 'data-reason': '' }, [
          el('summary', {}, t('why')),
          el(
            'ul',
            {},
            lines.map(function (line?: Any) {
              return el('li', {}, line);
            }),
          ),
        ])
      : '';
  }
  /** The reason for each date (GET .../deadlines); without it the file shows as it is. */
  function explainDeadlines(c?: Any, section?: Any) {
    K.api('GET', '/admin/complaints/' + encodeURIComponent(c.reference) + '/deadlines?lang=' + encodeURIComponent(config.lang))
      .then(function (r?: Any) {
        if (!r.ok || !r.data || !r.data.deadlines) return;
        var rows = section.querySelectorAll('tr[data-milestone]');
        r.data.deadlines.forEach(function (d?: Any) {
          for (var i = 0; i < rows.length; i++) {
            if (rows[i].getAttribute('data-milestone') !== d.milestoneId) continue;
            var cell = rows[i].querySelector('td[data-why]');
            if (cell && d.explanation && d.explanation.length) {
              K.clear(cell);
              K.append(cell, whyOf(d.explanation));
            }
          }
        });
        // The dates that are no longer open deadlines (met or cancelled), and the windows (objection, external body).
        var others = r.data.deadlines.filter(function (d?: Any) {
          return d.status === 'met' || d.status === 'cancelled';
        });
        var windows = r.data.windows || [];
        var target = section.querySelector('[data-other-dates]');
        if (!target || (!others.length && !windows.length)) return;
        K.append(target, [
          others.length
            ? K.table(
                t('pastDeadlines'),
                [t('deadline'), t('deadlineKind'), t('due'), t('state'), t('why')],
                others.map(function (d?: Any) {
                  return el('tr', { 'data-milestone': d.milestoneId, 'data-state': d.status, 'data-kind': d.kind }, [
                    el('th', { scope: 'row' }, d.label),
                    el('td', {}, d.kind === 'target' ? t('targetKind') : t('hardKind')),
                    el('td', {}, K.fmtDate(d.due)),
                    el('td', {}, t('console.milestoneState.' + d.status)),
                    el('td', {}, whyOf(d.explanation)),
                  ]);
                }),
                { 'data-past-deadlines': '' },
              )
            : '',
          windows.length
            ? K.table(
                t('windows'),
                [t('window'), t('opens'), t('closes'), t('why')],
                windows.map(function (w?: Any) {
                  return el('tr', { 'data-window': w.id }, [
                    el('th', { scope: 'row' }, w.label + (w.provisional ? ' (' + t('provisional') + ')' : '')),
                    el('td', {}, w.opens ? K.fmtDate(w.opens) : '–'),
                    el('td', {}, w.closes ? K.fmtDate(w.closes) : t('noEnd')),
                    el('td', {}, whyOf(w.explanation)),
                  ]);
                }),
                { 'data-windows': '' },
              )
            : '',
        ]);
      })
      .catch(function () {
        /* no reasons: the file stays as shown */
      });
  }

  // --- files -------------------------------------------------------------------------------------
  /** The file the complainant sent as their signed authorisation (the latest), to preselect in the step. */
  function authorisationFileOf(c?: Any) {
    var sent = (c.timeline || []).filter(function (e?: Any) {
      return e.type === 'authorisation-submitted' && e.data && e.data.attachment;
    });
    return sent.length ? sent[sent.length - 1].data.attachment : undefined;
  }
  function fmtSize(bytes?: Any) {
    if (bytes < 1024) return K.fmtNum(bytes) + ' B';
    if (bytes < 1024 * 1024) return K.fmtNum(Math.round(bytes / 1024)) + ' kB';
    return K.fmtNum(Math.round(bytes / 104857.6) / 10) + ' MB';
  }
  var FILES = config.files;
  function limitWords() {
    return { max: fmtSize(FILES.maxFileBytes), types: FILES.typeLabels, files: K.fmtNum(FILES.maxFiles), total: fmtSize(FILES.maxTotalBytes) };
  }
  function uploaderLabel(by?: Any) {
    return by === 'complainant' ? t('attachment.uploadedByComplainant') : by;
  }
  /** A file's state in words; a refused one with its reason. */
  function fileStateLabel(f?: Any) {
    var words = t('attachment.state.' + f.state);
    return f.state === 'refused' && f.reason ? words + ': ' + t('attachment.refused.' + f.reason, limitWords()) : words;
  }
  /** The content type staff's browser gives, or the one its extension names ('' when not allowed). */
  function typeOfFile(file?: Any) {
    if (file.type === 'image/heif') return 'image/heic';
    var known = Object.keys(FILES.types).map(function (ext?: Any) {
      return FILES.types[ext];
    });
    if (known.indexOf(file.type) >= 0) return file.type;
    return FILES.types[(file.name.split('.').pop() || '').toLowerCase()] || '';
  }
  /**
   * The complaint's files: each with who sent it, when, and its state; a clean one opens (the API
   * answers a short-lived link as JSON, the browser downloads it: never shown inline). Staff who
   * may write add a file: declared to the API, then posted straight to storage, then the file is
   * reloaded until the check has listed it.
   */
  function filesSection(c?: Any) {
    var path = '/admin/complaints/' + encodeURIComponent(c.reference) + '/attachments';
    var files = c.attachments || [];
    var status = el('p', { role: 'status', 'data-file-status': '' });
    var rows = files.map(function (f?: Any) {
      var open =
        f.state === 'clean'
          ? el(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'data-action': 'open-file',
                'data-file-id': f.id,
                on: {
                  click: function () {
                    open.disabled = true;
                    K.api('GET', path + '/' + encodeURIComponent(f.id)).then(
                      function (r?: Any) {
                        open.disabled = false;
                        if (!r.ok || !r.data || !r.data.url) {
                          status.textContent = K.problemText(r);
                          return;
                        }
                        status.textContent = t('fileOpening', { name: f.name });
                        location.href = r.data.url;
                      },
                      function (err?: Any) {
                        open.disabled = false;
                        K.ignoreHandled(err);
                      },
                    );
                  },
                },
              },
              t('openFile'),
            )
          : el('span', { class: 'muted' }, f.state === 'pending' ? t('filePendingHint') : '–');
      return el('tr', { 'data-file-id': f.id, 'data-file-state': f.state }, [
        el('th', { scope: 'row' }, [f.name, f.description ? [el('br'), el('span', { class: 'muted' }, f.description)] : '']),
        el('td', {}, fmtSize(f.size)),
        el('td', {}, uploaderLabel(f.uploadedBy)),
        el('td', {}, K.fmtDateTime(f.uploadedAt)),
        el('td', {}, fileStateLabel(f)),
        el('td', {}, open),
      ]);
    });
    return el('section', { 'aria-labelledby': 'files-title', 'data-files': String(files.length) }, [
      el('h2', { id: 'files-title' }, t('files')),
      rows.length
        ? K.table(t('filesCaption', { count: K.fmtNum(files.length) }), [t('fileName'), t('fileSize'), t('fileFrom'), t('received'), t('state'), t('action')], rows)
        : el('p', { 'data-no-files': '' }, t('noFiles')),
      status,
      K.hasRole(config.writeRoles) ? uploadForm(c, path) : '',
    ]);
  }
  function uploadForm(c?: Any, path?: Any) {
    var input = el('input', {
      type: 'file',
      id: 'file-upload-file',
      name: 'file',
      'data-field': 'file',
      required: true,
      accept: Object.keys(FILES.types)
        .map(function (ext?: Any) {
          return '.' + ext;
        })
        .join(','),
      'aria-describedby': 'file-upload-file-hint file-upload-file-error',
    });
    var description = el('input', {
      type: 'text',
      id: 'file-upload-description',
      name: 'description',
      'data-field': 'description',
      maxlength: 200,
      'aria-describedby': 'file-upload-description-error',
    });
    var button = el('button', { type: 'submit', 'data-action': 'upload-file' }, t('fileAdd'));
    var form = el('form', { novalidate: true, 'data-form': 'upload-file' }, [
      el('h3', {}, t('fileAddTitle')),
      el('div', { class: 'field' }, [
        el('label', { for: 'file-upload-file' }, t('fileInput') + ' ' + t('required')),
        el('span', { class: 'hint', id: 'file-upload-file-hint' }, t('fileHint', limitWords())),
        el('span', { class: 'error', id: 'file-upload-file-error', hidden: true }),
        input,
      ]),
      el('div', { class: 'field' }, [
        el('label', { for: 'file-upload-description' }, t('fileDescription')),
        el('span', { class: 'error', id: 'file-upload-description-error', hidden: true }),
        description,
      ]),
      el('div', { class: 'actions' }, button),
    ]);
    function fail(text?: Any) {
      K.showErrors(form, null, [{ field: 'file', text: text }]);
    }
    form.addEventListener('submit', function (e?: Any) {
      e.preventDefault();
      if (button.disabled) return;
      var file = input.files && input.files[0];
      if (!file) return fail(t('fileChoose'));
      var type = typeOfFile(file);
      if (!type) return fail(t('attachment.refused.type-not-allowed', limitWords()));
      if (file.size > FILES.maxFileBytes) return fail(t('attachment.refused.too-large', limitWords()));
      if (!file.size) return fail(t('attachment.refused.empty'));
      button.disabled = true;
      var body: Any = { name: file.name, contentType: type, size: file.size };
      if (String(description.value).trim()) body.description = String(description.value).trim();
      K.api('POST', path, body).then(
        function (r?: Any) {
          if (!r.ok) {
            button.disabled = false;
            var problems = (r.data && r.data.problems) || [];
            // The declared name, type and size are the file's: their problems belong at the file.
            if (problems.length)
              return K.showErrors(
                form,
                null,
                problems.map(function (p?: Any) {
                  return { field: p.field === 'description' ? 'description' : 'file', text: K.problemTextOf(p) };
                }),
              );
            return K.showErrors(form, r);
          }
          var data = new FormData();
          Object.keys(r.data.upload.fields).forEach(function (name?: Any) {
            data.append(name, r.data.upload.fields[name]);
          });
          data.append('file', file);
          K.clearErrors(form);
          K.announce(t('fileSending', { name: file.name }));
          // Storage answers without CORS headers: the answer is opaque, the file says whether it arrived.
          return fetch(r.data.upload.url, { method: 'POST', body: data, mode: 'no-cors' })
            .then(function () {
              return listed(c.reference, r.data.id, 40);
            })
            .then(
              function (found?: Any) {
                button.disabled = false;
                complaintView(
                  c.reference,
                  found
                    ? { text: t('fileAdded', { name: file.name, state: fileStateLabel(found) }), kind: found.state === 'refused' || found.state === 'infected' ? 'warn' : undefined }
                    : { text: t('fileNotYet', { name: file.name }), kind: 'warn' },
                );
              },
              function () {
                button.disabled = false;
                fail(t('fileNotYet', { name: file.name }));
              },
            );
        },
        function (err?: Any) {
          button.disabled = false;
          K.ignoreHandled(err);
        },
      );
    });
    return form;
  }
  /** Polls the file until the check lists the upload (its id, past pending when it can); null when it does not come. */
  function listed(reference?: Any, id?: Any, tries?: Any): Any {
    return K.api('GET', '/admin/complaints/' + encodeURIComponent(reference)).then(function (r?: Any) {
      var found = r.ok
        ? (r.data.attachments || []).filter(function (f?: Any) {
            return f.id === id;
          })[0]
        : null;
      if ((found && found.state !== 'pending') || tries <= 0) return found || null;
      return new Promise(function (resolve?: Any) {
        setTimeout(resolve, 500);
      }).then(function () {
        return listed(reference, id, tries - 1);
      });
    });
  }

  // --- letters as sent ----------------------------------------------------------------------------
  function loadLetters(c?: Any, section?: Any) {
    var path = '/admin/complaints/' + encodeURIComponent(c.reference) + '/letters';
    K.api('GET', path)
      .then(function (r?: Any) {
        var body = section.querySelector('p');
        if (body) body.remove();
        if (!r.ok) {
          K.append(section, K.notice(K.problemText(r), 'warn'));
          return;
        }
        if (!r.data.items.length) {
          K.append(section, el('p', {}, t('noLetters')));
          return;
        }
        var viewer = el('div', { 'data-letter-view': '', 'aria-live': 'polite' });
        var rows = r.data.items.map(function (l?: Any) {
          var open = el(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'data-action': 'open-letter',
              'data-letter-id': l.id,
              disabled: !l.kept,
              on: {
                click: function () {
                  K.clear(viewer);
                  K.append(viewer, el('p', {}, t('loading')));
                  K.api('GET', path + '/' + encodeURIComponent(l.id)).then(function (one?: Any) {
                    K.clear(viewer);
                    if (!one.ok) {
                      K.append(viewer, K.notice(K.problemText(one), 'warn'));
                      return;
                    }
                    var sent = one.data.sent;
                    var article = el('article', { class: 'letter', tabindex: '-1', 'data-letter': l.id, 'aria-labelledby': 'letter-subject' }, [
                      el('h3', { id: 'letter-subject' }, sent ? sent.subject : l.letter),
                      el(
                        'p',
                        { class: 'muted' },
                        t('letterTo', { to: (sent && sent.to) || l.to, recipient: recipientLabel(l.recipient) }) + ' · ' + t('sentAt', { at: K.fmtDateTime((sent && sent.sentAt) || l.deliveredAt) }),
                      ),
                      sent ? el('pre', { class: 'letter-text' }, sent.text) : el('p', {}, t('letterNotKept')),
                      el(
                        'button',
                        {
                          type: 'button',
                          class: 'secondary',
                          'data-action': 'close-letter',
                          on: {
                            click: function () {
                              K.clear(viewer);
                              open.focus();
                            },
                          },
                        },
                        t('closeLetter'),
                      ),
                    ]);
                    K.append(viewer, article);
                    article.focus();
                  }, K.ignoreHandled);
                },
              },
            },
            t('openLetter'),
          );
          return el('tr', { 'data-letter-id': l.id, 'data-letter-state': l.state }, [
            el('th', { scope: 'row' }, l.subject || K.humanise(l.letter)),
            el('td', {}, recipientLabel(l.recipient) + ' <' + l.to + '>'),
            el('td', {}, l.state === 'done' ? K.fmtDateTime(l.deliveredAt) : t('console.letterState.pending')),
            el('td', {}, open),
          ]);
        });
        K.append(section, [K.table(t('lettersCaption', { count: r.data.items.length }), [t('letterSubject'), t('recipientTo'), t('sentOn'), t('action')], rows), viewer]);
      })
      .catch(K.ignoreHandled);
  }

  // --- legal hold (coordinator) -------------------------------------------------------------------
  function legalHoldSection(c?: Any, etag?: Any, schema?: Any) {
    var held = Boolean(c.legalHold);
    var handle = K.schemaForm({
      id: 'legal-hold',
      scope: 'legal-hold',
      schema: schema || { properties: {} },
      submit: held ? t('liftHold') : t('placeHold'),
      onSubmit: function (body?: Any, form?: Any) {
        return K.api('POST', '/admin/complaints/' + encodeURIComponent(c.reference) + '/legal-hold' + (held ? '/lift' : ''), body).then(function (r?: Any) {
          if (!r.ok) {
            K.showErrors(form, r);
            return;
          }
          K.dropDraft('legal-hold');
          complaintView(c.reference, { text: held ? t('holdLifted') : t('holdPlaced') });
        });
      },
    });
    return el('section', { 'aria-labelledby': 'hold-title', 'data-legal-hold': held ? 'held' : 'none' }, [
      el('h2', { id: 'hold-title' }, t('legalHold')),
      el('p', {}, held ? t('legalHoldSince', { since: K.fmtDate(c.legalHold.at), by: c.legalHold.by, reason: c.legalHold.reason }) : t('legalHoldNone')),
      el('p', { class: 'hint' }, t('legalHoldHint')),
      handle.form,
    ]);
  }

  // --- a new status link for the complainant (coordinator) -----------------------------------------
  function statusLinkSection(c?: Any, schema?: Any) {
    var handle = K.schemaForm({
      id: 'status-link',
      scope: 'status-link',
      schema: schema || { properties: {} },
      submit: t('reissueLink'),
      onSubmit: function (body?: Any, form?: Any) {
        return K.api('POST', '/admin/complaints/' + encodeURIComponent(c.reference) + '/status-link', body).then(function (r?: Any) {
          if (!r.ok) {
            K.showErrors(form, r);
            return;
          }
          K.dropDraft('status-link');
          complaintView(c.reference, { text: t('linkReissued') });
        });
      },
    });
    return el('section', { 'aria-labelledby': 'link-title', 'data-status-link': '' }, [el('h2', { id: 'link-title' }, t('statusLink')), el('p', { class: 'hint' }, t('statusLinkHint')), handle.form]);
  }

  K.addNav('#/', 'dashboard', 'dashboard', null);
  K.addNav('#/klachten', 'complaints', 'complaints', null);
  K.addRoute(/^\/$/, dashboard);
  K.addRoute(/^\/klachten$/, list);
  K.addRoute(/^\/klacht\/([A-Za-z0-9-]+)$/, function (m?: Any) {
    complaintView(m[1]);
  });
}
