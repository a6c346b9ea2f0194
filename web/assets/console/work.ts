/**
 * The console's other daily work (one part of web/assets/console-js.ts):
 *
 *   #/invoeren             staff intake (a complaint by phone, letter or in person), its form
 *                          generated from POST /admin/complaints's schema
 *   #/maatregelen          the measures register: new measures, and each one's status, result
 *                          and effectiveness updated (forms from their schemas)
 *   #/jaarverslag?year=    the yearly report (or a period): viewed as the printable HTML report,
 *                          downloaded as CSV, printed or saved as PDF with the browser's print
 *   #/agenda               the private calendar feed of deadlines: made (its address shown once),
 *                          replaced, revoked
 */
/* eslint-disable */
declare const document: any;
declare const window: any;
declare const location: any;
declare const history: any;

type Any = any;

export function consoleWork(K: Any): void {
  'use strict';
  var t = K.t,
    el = K.el,
    reg = K.reg,
    config = K.config;
  var WRITE = ['coordinator', 'handler', 'complaints-officer', 'director'];
  var REPORT = ['coordinator', 'complaints-officer', 'director', 'auditor'];

  /** A view whose forms need schemas: loads them, or says why it cannot. */
  function withSchemas(title?: Any, current?: Any, list?: Any, then?: Any) {
    return K.bodySchemas(list).then(then, function (err?: Any) {
      if (err && err.handled) throw err;
      K.errorView(title, { status: (err && err.status) || 503, data: null }, current);
    });
  }

  // --- staff intake -------------------------------------------------------------------------------
  function intakeView() {
    K.loadingView();
    withSchemas(t('newIntake'), 'intake', [['POST', '/admin/complaints']], function (schemas?: Any) {
      var handle = K.schemaForm({
        id: 'intake',
        scope: 'intake',
        schema: schemas[0],
        submit: t('register'),
        values: { 'complainant.language': reg.languages[0] },
        onSubmit: function (body?: Any, form?: Any) {
          return K.api('POST', '/admin/complaints', body).then(function (r?: Any) {
            if (!r.ok) {
              K.showErrors(form, r);
              return;
            }
            K.dropDraft('intake');
            location.hash = '#/klacht/' + r.data.complaint.reference;
            setTimeout(function () {
              K.announce(t('intakeDone', { reference: r.data.complaint.reference }));
            }, 300);
          });
        },
      });
      K.show(t('newIntake'), [el('p', { class: 'hint' }, t('intakeHint')), handle.form], 'intake');
    }).catch(K.ignoreHandled);
  }

  // --- measures -----------------------------------------------------------------------------------
  function measuresView(_match?: Any, _q?: Any, message?: Any) {
    K.loadingView();
    var writer = K.canWrite();
    Promise.all([
      K.api('GET', '/admin/measures?limit=200'),
      writer
        ? K.bodySchemas([
            ['POST', '/admin/measures'],
            ['PATCH', '/admin/measures/{id}'],
          ])
        : Promise.resolve([null, null]),
    ])
      .then(
        function (answers?: Any) {
          var result = answers[0];
          var schemas = answers[1];
          if (!result.ok) return K.errorView(t('measures'), result, 'measures');
          var items = result.data.items;
          var rows = items.map(function (m?: Any) {
            var update: Any = '';
            if (writer) {
              var handle = K.schemaForm({
                id: 'measure-' + m.id,
                scope: 'measure-update',
                schema: schemas[1],
                values: { status: m.status, what: m.what, dueDate: m.dueDate, result: m.result, effective: m.effective, complaintRefs: m.complaintRefs },
                submit: t('save'),
                onSubmit: function (body?: Any, form?: Any) {
                  return K.api('PATCH', '/admin/measures/' + encodeURIComponent(m.id), body, { 'if-match': '"' + m.version + '"' }).then(function (r?: Any) {
                    if (!r.ok) {
                      K.showErrors(form, r);
                      return;
                    }
                    K.dropDraft('measure-' + m.id);
                    measuresView(null, null, t('measureSaved'));
                  });
                },
              });
              update = el('details', { 'data-update-measure': m.id }, [el('summary', {}, t('updateMeasure', { id: m.id })), handle.form]);
            }
            return el('tr', { 'data-measure': m.id, 'data-measure-status': m.status }, [
              el('th', { scope: 'row' }, m.id),
              el('td', {}, K.optionLabel('kind', m.kind)),
              el('td', { class: 'prewrap' }, m.what),
              el('td', {}, m.owner.name + ' <' + m.owner.email + '>'),
              el('td', {}, K.fmtDate(m.dueDate)),
              el('td', {}, K.optionLabel('status', m.status) + (m.completedAt ? ' (' + K.fmtDate(m.completedAt) + ')' : '')),
              el('td', {}, [m.result ? el('span', { class: 'prewrap' }, m.result) : '', m.effective === undefined ? '' : el('div', {}, m.effective ? t('effectiveYes') : t('effectiveNo'))]),
              el(
                'td',
                {},
                (m.complaintRefs || []).map(function (ref?: Any) {
                  return [el('a', { href: '#/klacht/' + ref }, ref), ' '];
                }),
              ),
              el('td', {}, update),
            ]);
          });
          var create: Any = '';
          if (writer) {
            var handle = K.schemaForm({
              id: 'measure-new',
              scope: 'measure',
              schema: schemas[0],
              submit: t('save'),
              onSubmit: function (body?: Any, form?: Any) {
                return K.api('POST', '/admin/measures', body).then(function (r?: Any) {
                  if (!r.ok) {
                    K.showErrors(form, r);
                    return;
                  }
                  K.dropDraft('measure-new');
                  measuresView(null, null, t('measureCreated', { id: r.data.id }));
                });
              },
            });
            create = el('section', { 'aria-labelledby': 'measure-new-title', 'data-new-measure': '' }, [el('h2', { id: 'measure-new-title' }, t('measureNew')), handle.form]);
          }
          K.show(
            t('measures'),
            [
              message ? K.notice(message) : '',
              el('p', { class: 'hint' }, t('measuresHint')),
              items.length
                ? K.table(
                    t('measuresCaption', { count: K.fmtNum(items.length) }),
                    [t('id'), t('kind'), t('what'), t('owner'), t('dueDate'), t('status'), t('result'), t('complaints'), t('change')],
                    rows,
                    { 'data-measures': '' },
                  )
                : el('p', {}, t('noMeasures')),
              result.data.cursor ? el('p', { class: 'hint' }, t('measuresMore')) : '',
              create,
            ],
            'measures',
          );
          if (message) K.announce(message);
        },
        function (err?: Any) {
          if (err && err.handled) throw err;
          K.errorView(t('measures'), { status: (err && err.status) || 503, data: null }, 'measures');
        },
      )
      .catch(K.ignoreHandled);
  }

  // --- the yearly report --------------------------------------------------------------------------
  function reportView(_match?: Any, q?: Any) {
    var year = q.get('year') || (q.get('from') ? '' : K.localDay(K.now()).slice(0, 4));
    var byPeriod = Boolean(q.get('from') || q.get('to'));
    var frame = el('div', { 'data-report-frame': '' });
    var actions = el('div', { class: 'actions', hidden: true, 'data-report-actions': '' });
    function pick(kind?: Any) {
      form.querySelector('#report-year-field').hidden = kind !== 'year';
      form.querySelector('#report-period-field').hidden = kind !== 'period';
    }
    var form = el('form', { 'data-form': 'report', novalidate: true }, [
      el('fieldset', { 'data-field': 'kind' }, [
        el('legend', {}, t('reportPeriod')),
        el('div', { class: 'choice' }, [
          el('input', {
            type: 'radio',
            name: 'kind',
            id: 'report-kind-year',
            value: 'year',
            checked: !byPeriod,
            on: {
              change: function () {
                pick('year');
              },
            },
          }),
          el('label', { for: 'report-kind-year' }, t('reportByYear')),
        ]),
        el('div', { class: 'choice' }, [
          el('input', {
            type: 'radio',
            name: 'kind',
            id: 'report-kind-period',
            value: 'period',
            checked: byPeriod,
            on: {
              change: function () {
                pick('period');
              },
            },
          }),
          el('label', { for: 'report-kind-period' }, t('reportByPeriod')),
        ]),
      ]),
      el(
        'div',
        { id: 'report-year-field', hidden: byPeriod },
        el('div', { class: 'field' }, [
          el('label', { for: 'report-year' }, t('year')),
          el('span', { class: 'error', id: 'report-year-error', hidden: true }),
          el('input', { type: 'number', id: 'report-year', name: 'year', min: 2000, max: 2100, value: year, inputmode: 'numeric', 'data-field': 'year', 'aria-describedby': 'report-year-error' }),
        ]),
      ),
      el('div', { id: 'report-period-field', hidden: !byPeriod }, [
        el('div', { class: 'field' }, [
          el('label', { for: 'report-from' }, t('fromDate')),
          el('span', { class: 'error', id: 'report-from-error', hidden: true }),
          el('input', { type: 'date', id: 'report-from', name: 'from', value: q.get('from') || '', 'data-field': 'from', 'aria-describedby': 'report-from-error' }),
        ]),
        el('div', { class: 'field' }, [
          el('label', { for: 'report-to' }, t('toDate')),
          el('span', { class: 'error', id: 'report-to-error', hidden: true }),
          el('input', { type: 'date', id: 'report-to', name: 'to', value: q.get('to') || '', 'data-field': 'to', 'aria-describedby': 'report-to-error' }),
        ]),
      ]),
      el('button', { type: 'submit', 'data-action': 'show-report' }, t('showReport')),
    ]);
    function period() {
      var p = new URLSearchParams();
      if (form.querySelector('#report-kind-period').checked) {
        if (form.querySelector('#report-from').value) p.set('from', form.querySelector('#report-from').value);
        if (form.querySelector('#report-to').value) p.set('to', form.querySelector('#report-to').value);
      } else if (form.querySelector('#report-year').value) p.set('year', form.querySelector('#report-year').value);
      return p;
    }
    var blobUrl: Any = null;
    var iframe: Any = null;
    function load(p?: Any) {
      var withLang = new URLSearchParams(p);
      withLang.set('lang', config.lang);
      K.clear(frame);
      K.append(frame, el('p', { role: 'status' }, t('loading')));
      actions.hidden = true;
      return K.request('GET', '/admin/reports/yearly.html?' + withLang.toString(), { as: 'blob', accept: 'text/html' }).then(function (r?: Any) {
        K.clear(frame);
        if (!r.ok) {
          K.showErrors(form, r);
          return;
        }
        K.clearErrors(form);
        if (blobUrl) URL.revokeObjectURL(blobUrl);
        blobUrl = URL.createObjectURL(new Blob([r.data], { type: 'text/html' }));
        var name = p.get('year') ? t('reportTitleYear', { year: p.get('year') }) : t('reportTitlePeriod', { from: K.fmtDate(p.get('from')), to: K.fmtDate(p.get('to')) });
        // The report as it prints: its own document (blob: inherits this page's policy; its one stylesheet is allowed by hash).
        iframe = el('iframe', { src: blobUrl, title: name, class: 'report', 'data-report': p.toString() });
        K.append(frame, iframe);
        actions.hidden = false;
        K.announce(t('reportShown', { name: name }));
      });
    }
    form.addEventListener('submit', function (e?: Any) {
      e.preventDefault();
      var p = period();
      var hash = '#/jaarverslag?' + p.toString();
      if (location.hash !== hash) history.replaceState(null, '', location.pathname + location.search + hash);
      load(p).catch(K.ignoreHandled);
    });
    K.append(actions, [
      el(
        'button',
        {
          type: 'button',
          'data-action': 'print',
          on: {
            click: function () {
              if (iframe) iframe.contentWindow.print();
            },
          },
        },
        t('printPdf'),
      ),
      el(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-action': 'open-report',
          on: {
            click: function () {
              if (blobUrl) window.open(blobUrl, '_blank');
            },
          },
        },
        t('openReport'),
      ),
      el(
        'a',
        {
          href: '#',
          class: 'button secondary',
          'data-action': 'report-csv',
          on: {
            click: function (e?: Any) {
              e.preventDefault();
              var p = period();
              p.set('lang', config.lang);
              K.download('/admin/reports/yearly.csv?' + p.toString(), t('reportCsvFile'), 'text/csv').then(function (r?: Any) {
                if (!r.ok) K.showErrors(form, r);
                else K.announce(t('csvDone'));
              }, K.ignoreHandled);
            },
          },
        },
        t('reportCsv'),
      ),
      el('p', { class: 'hint' }, t('pdfHint')),
    ]);
    K.show(t('report'), [el('p', { class: 'hint' }, t('reportHint')), form, actions, frame], 'report');
    load(period()).catch(K.ignoreHandled);
  }

  // --- the calendar feed --------------------------------------------------------------------------
  function calendarView(_match?: Any, _q?: Any, shown?: Any) {
    K.loadingView();
    K.api('GET', '/admin/calendar-feed')
      .then(function (r?: Any) {
        if (!r.ok) return K.errorView(t('calendar'), r, 'calendar');
        var state = r.data;
        var writer = K.canWrite();
        function act(method?: Any, done?: Any) {
          return function () {
            K.api(method, '/admin/calendar-feed').then(function (a?: Any) {
              if (!a.ok) {
                K.announce(K.problemText(a));
                calendarView(null, null, { error: K.problemText(a) });
                return;
              }
              calendarView(null, null, done(a));
            }, K.ignoreHandled);
          };
        }
        var nodes: Any[] = [el('p', {}, K.ownOnly() ? t('calendarOwn') : t('calendarAll')), el('p', { class: 'hint' }, t('calendarHint'))];
        if (shown && shown.url) nodes.push(K.notice(t('calendarMade')), K.secretBox('calendar-url', t('calendarUrl'), shown.url, t('calendarOnce')));
        if (shown && shown.text) nodes.push(K.notice(shown.text));
        if (shown && shown.error) nodes.push(K.notice(shown.error, 'warn'));
        nodes.push(el('p', { 'data-calendar-state': state.active ? 'active' : 'none' }, state.active ? t('calendarActive', { since: K.fmtDateTime(state.createdAt) }) : t('calendarNone')));
        if (writer) {
          nodes.push(
            el('div', { class: 'actions' }, [
              el(
                'button',
                {
                  type: 'button',
                  'data-action': 'create-calendar',
                  on: {
                    click: act('POST', function (a?: Any) {
                      return { url: a.data.url };
                    }),
                  },
                },
                state.active ? t('calendarRotate') : t('calendarCreate'),
              ),
              state.active
                ? el(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      'data-action': 'revoke-calendar',
                      on: {
                        click: act('DELETE', function () {
                          return { text: t('calendarRevoked') };
                        }),
                      },
                    },
                    t('calendarRevoke'),
                  )
                : '',
            ]),
          );
        }
        K.show(t('calendar'), nodes, 'calendar');
        if (shown) K.announce(shown.url ? t('calendarMade') : shown.text || shown.error);
      })
      .catch(K.ignoreHandled);
  }

  K.addNav('#/invoeren', 'intake', 'intake', WRITE);
  K.addNav('#/maatregelen', 'measures', 'measures', null);
  K.addNav('#/jaarverslag', 'report', 'report', REPORT);
  K.addNav('#/agenda', 'calendar', 'calendar', null);
  K.addRoute(/^\/invoeren$/, intakeView);
  K.addRoute(/^\/maatregelen$/, function () {
    measuresView();
  });
  K.addRoute(/^\/jaarverslag$/, reportView);
  K.addRoute(/^\/agenda$/, function () {
    calendarView();
  });
}
