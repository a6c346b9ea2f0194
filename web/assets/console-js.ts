/**
 * The admin console: a small script without a framework over the admin API. It signs in (the
 * dev issuer locally, Cognito's hosted sign-in with PKCE in AWS; see web/console-page.ts), and
 * shows a dashboard, the complaint list with filters, a complaint with its timeline, open
 * deadlines and a form for each step the API lists in `availableSteps`, the measures register
 * and staff intake. Every element is built with the DOM (never innerHTML with data).
 *
 * Browser code kept as one self-contained function: the Lambda bundler minifies it with the
 * rest, and the function serves its source (consoleScript()). It must not use anything from
 * outside its own body. The project compiles without the DOM library, so the browser's own
 * globals are declared loosely here; the browser tests (tests/e2e) are what check it.
 */
import { browserScript } from './browser-script.ts';

/* eslint-disable */
declare const document: any;
declare const window: any;
declare const location: any;
declare const history: any;
declare const sessionStorage: any;

type Any = any;

export function consoleApp(): void {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var L = config.lang === 'en' ? 1 : 0;
  var reg = config.regulation;
  var app = document.getElementById('app');
  var live = document.getElementById('live');
  var heading = document.getElementById('page-title');
  heading.setAttribute('tabindex', '-1');
  var clockOffset = Date.parse(config.now) - Date.now();
  var FINAL = ['closed', 'not-admissible', 'withdrawn', 'resolved-informally', 'referred-externally'];

  // The words come with the page (config.texts: the console's part of the text catalogue, shared/texts).
  var TEXTS = config.texts;
  /** A text by key ('signIn' is the console's own, 'error.rule.x' a full key), its {placeholders} filled. */
  function t(key?: Any, args?: Any) {
    var path = String(key).indexOf('.') < 0 ? ['console', key] : String(key).split('.');
    var value: Any = TEXTS;
    for (var i = 0; i < path.length && value; i++) value = value[path[i]];
    if (typeof value !== 'string') return key;
    return value.replace(/\{(\w+)\}/g, function (whole?: Any, name?: Any) { return args && args[name] !== undefined && args[name] !== null ? String(args[name]) : whole; });
  }
  function has(key?: Any) { return t(key) !== key; }
  function stepLabel(id?: Any) { return TEXTS.step[id] || humanise(id); }
  function statusLabel(id?: Any) { return TEXTS.status[id] || humanise(id); }
  function outcomeLabel(id?: Any) { return config.outcomeLabels[id] || humanise(id); }
  function roleLabel(id?: Any) { return reg.roleLabels[id] || humanise(id); }
  function channelLabel(id?: Any) { var c = reg.channels.filter(function (x?: Any) { return x.id === id; })[0]; return c ? c.label : humanise(id); }
  function categoryLabel(id?: Any) {
    for (var i = 0; i < reg.categories.length; i++) { var c = reg.categories[i].categories.filter(function (x?: Any) { return x.id === id; })[0]; if (c) return c.label; }
    return id;
  }
  function schemeLabel(id?: Any) { var s = reg.categories.filter(function (x?: Any) { return x.scheme === id; })[0]; return s ? s.label : id; }
  var UNITS: Any = { 'working-days': 'workingDays', 'calendar-days': 'calendarDays', weeks: 'weeks', months: 'months' };
  // What a ruling must give (letter contents), named as the ruling's form names its fields.
  var ITEMS: Any = { reasons: 'reasoning', improvements: 'improvements', 'remedy-offer': 'remedies', measures: 'measures', 'measures-term': 'measuresBy', outcome: 'outcome' };
  /** A value in an error's text in words: labels for ids the console knows, dates written out. */
  function paramText(name?: Any, value?: Any): Any {
    if (Array.isArray(value)) return value.map(function (v?: Any) { return paramText(name, v); }).join(', ');
    if (value && typeof value === 'object') return value[config.lang] || value.en || '';
    var s = String(value);
    if (name === 'roles' || name === 'role') return roleLabel(s);
    if (name === 'status') return statusLabel(s);
    if (name === 'step') return stepLabel(s);
    if (name === 'scheme') return schemeLabel(s);
    if (name === 'outcome' || name === 'outcomes') return outcomeLabel(s);
    if (name === 'event') return config.events[s] || s;
    if (name === 'deadlines') return milestoneLabel(s);
    if (name === 'tiers') { var tier = reg.tiers.filter(function (x?: Any) { return x.id === s; })[0]; return tier ? tier.label : s; }
    if (name === 'unit' && UNITS[s]) return t(UNITS[s]);
    if (name === 'exceptions' && has('exc-' + s)) return t('exc-' + s);
    if (name === 'items' && ITEMS[s]) return t(ITEMS[s]).toLowerCase();
    if (typeof value === 'number') return fmtNum(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return fmtDate(s);
    if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return fmtDateTime(s);
    return s;
  }
  /** An error's text from its key (or code) and values: never the API's English message when the catalogue has words. */
  function textOf(key?: Any, params?: Any) {
    var args: Any = {};
    Object.keys(params || {}).forEach(function (name?: Any) { args[name] = paramText(name, params[name]); });
    return t(key, args);
  }
  function problemTextOf(p?: Any) {
    if (p.key && has(p.key)) return textOf(p.key, p.params);
    if (p.code === 'invalid' && L) return p.message;
    if (p.code && has('error.problem.' + p.code)) return textOf('error.problem.' + p.code, p.params);
    return p.message;
  }

  function announce(text?: Any) { live.textContent = ''; setTimeout(function () { live.textContent = text; }, 50); }
  function now() { return new Date(Date.now() + clockOffset); }
  function localDay(date?: Any) { return new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date); }
  function fmtDate(iso?: Any) { return new Intl.DateTimeFormat(L ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso + 'T00:00:00Z')); }
  function fmtDateTime(iso?: Any) { return new Intl.DateTimeFormat(L ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: config.timeZone }).format(new Date(iso)); }
  function fmtNum(n?: Any) { return new Intl.NumberFormat(L ? 'en-GB' : 'nl-NL').format(n); }
  function humanise(id?: Any) { return String(id).replace(/-/g, ' '); }
  function milestoneLabel(id?: Any) { var m = reg.milestones.filter(function (x?: Any) { return x.id === id; })[0]; return m ? m.label : humanise(id); }

  // --- DOM ---------------------------------------------------------------------------------------
  function el(tag?: Any, attrs?: Any, children?: Any) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name?: Any) {
      var value = attrs[name];
      if (value === undefined || value === null || value === false) return;
      if (name === 'on') Object.keys(value).forEach(function (ev?: Any) { node.addEventListener(ev, value[ev]); });
      else if (name === 'text') node.textContent = value;
      else if (value === true) node.setAttribute(name, '');
      else node.setAttribute(name, String(value));
    });
    append(node, children);
    return node;
  }
  function append(node?: Any, children?: Any) {
    if (children === undefined || children === null || children === false) return;
    if (Array.isArray(children)) { children.forEach(function (c?: Any) { append(node, c); }); return; }
    node.appendChild(typeof children === 'string' || typeof children === 'number' ? document.createTextNode(String(children)) : children);
  }
  function clear(node?: Any) { while (node.firstChild) node.removeChild(node.firstChild); }
  function tag(text?: Any, kind?: Any) { return el('span', { class: 'tag ' + kind }, text); }

  // --- session and API ----------------------------------------------------------------------------
  var KEY = 'klachten.' + config.tenant + '.session';
  function session() {
    try {
      var s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      if (s && Date.parse(s.expiresAt) > Date.now() + clockOffset) return s;
    } catch (e) { /* ignore */ }
    return null;
  }
  function saveSession(s?: Any) { sessionStorage.setItem(KEY, JSON.stringify(s)); }
  function signOut() {
    sessionStorage.removeItem(KEY);
    if (config.auth.kind === 'cognito') {
      location.href = config.auth.domain + '/logout?client_id=' + encodeURIComponent(config.auth.clientId) + '&logout_uri=' + encodeURIComponent(location.origin + location.pathname);
      return;
    }
    location.hash = '#/';
    route();
  }

  function api(method?: Any, path?: Any, body?: Any, headers?: Any) {
    var s = session();
    var h: Any = { accept: 'application/json' };
    if (s) h.authorization = 'Bearer ' + s.token;
    if (body !== undefined) h['content-type'] = 'application/json';
    Object.keys(headers || {}).forEach(function (k?: Any) { h[k] = headers[k]; });
    return fetch(config.apiBase + path, { method: method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (response?: Any) {
      var type = response.headers.get('content-type') || '';
      var read = type.indexOf('json') >= 0 ? response.json() : response.text();
      return read.then(function (data?: Any) {
        if (response.status === 401) { sessionStorage.removeItem(KEY); signInView(t('expired')); throw { handled: true }; }
        return { status: response.status, ok: response.ok, etag: response.headers.get('etag'), data: data };
      });
    });
  }
  function problemText(result?: Any) {
    if (result.status === 403) return t('forbidden');
    if (result.status === 404) return t('notFound');
    var d = result.data || {};
    var text = d.key && has(d.key) ? textOf(d.key, d.params)
      : d.error && has('error.code.' + d.error) ? textOf('error.code.' + d.error, d.params)
      : t('failed', { status: result.status });
    return text + (d.rule ? ' (' + d.rule + ')' : '');
  }

  // --- layout -------------------------------------------------------------------------------------
  function show(title?: Any, nodes?: Any, current?: Any) {
    clear(app);
    var s = session();
    heading.textContent = title;
    document.title = title + ' · ' + t('title') + ' · ' + config.organisation;
    if (s) {
      var links = [['#/', 'dashboard'], ['#/klachten', 'complaints'], ['#/maatregelen', 'measures'], ['#/invoeren', 'intake']];
      app.appendChild(el('nav', { class: 'tabs', 'aria-label': t('nav') }, el('ul', {}, links.map(function (l?: Any) {
        return el('li', {}, el('a', { href: l[0], 'aria-current': current === l[1] ? 'page' : false }, t(l[1])));
      }).concat([el('li', {}, [t('signedInAs') + ' ' + s.user.name + ' (' + (s.user.groups || []).map(roleLabel).join(', ') + ') ', el('button', { type: 'button', class: 'secondary', on: { click: signOut } }, t('signOut'))])]))));
    }
    append(app, nodes);
    app.setAttribute('data-state', 'ready');
    heading.focus();
  }
  function loadingView() { clear(app); app.setAttribute('data-state', 'loading'); app.appendChild(el('p', {}, t('loading'))); }
  function errorView(title?: Any, result?: Any) { show(title, el('p', { class: 'warn', role: 'alert' }, problemText(result))); }

  // --- sign-in ------------------------------------------------------------------------------------
  function signInView(message?: Any) {
    var nodes: Any[] = [];
    if (message) nodes.push(el('p', { class: 'warn', role: 'alert' }, message));
    if (config.auth.kind === 'local') {
      loadingView();
      fetch(config.auth.usersUrl).then(function (r?: Any) { return r.json(); }).then(function (data?: Any) {
        var users = data.users || [];
        var fieldset = el('fieldset', {}, [el('legend', {}, t('signInAs'))].concat(users.map(function (u?: Any, i?: Any) {
          var id = 'user-' + i;
          return el('div', { class: 'choice' }, [el('input', { type: 'radio', name: 'user', id: id, value: u.email, checked: i === 0 }), el('label', { for: id }, u.name + ' (' + u.groups.map(roleLabel).join(', ') + ', ' + u.email + ')')]);
        })));
        var form = el('form', { on: { submit: function (e?: Any) {
          e.preventDefault();
          var chosen = form.querySelector('input[name=user]:checked');
          fetch(config.auth.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: config.tenant, user: chosen.value }) })
            .then(function (r?: Any) { return r.json(); })
            .then(function (issued?: Any) { saveSession({ token: issued.token, expiresAt: issued.expiresAt, user: issued.user }); location.hash = '#/'; route(); });
        } } }, [el('p', { class: 'hint' }, t('signInLocal')), fieldset, el('button', { type: 'submit' }, t('signIn'))]);
        nodes.push(form);
        show(t('signIn'), nodes, 'signin');
      });
      return;
    }
    if (config.auth.kind === 'cognito') {
      nodes.push(el('p', {}, t('signInCognito')), el('button', { type: 'button', on: { click: cognitoSignIn } }, t('signIn')));
    } else {
      nodes.push(el('p', { class: 'warn' }, t('signInNone')));
    }
    show(t('signIn'), nodes, 'signin');
  }

  function randomString(bytes?: Any) {
    var a = new Uint8Array(bytes); crypto.getRandomValues(a);
    return base64url(a);
  }
  function base64url(bytes?: Any) {
    var s = ''; for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function redirectUri() { return location.origin + location.pathname; }
  function cognitoSignIn() {
    var verifier = randomString(48);
    var state = randomString(16);
    sessionStorage.setItem(KEY + '.pkce', JSON.stringify({ verifier: verifier, state: state }));
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (hash?: Any) {
      location.href = config.auth.domain + '/oauth2/authorize?response_type=code&client_id=' + encodeURIComponent(config.auth.clientId) +
        '&redirect_uri=' + encodeURIComponent(redirectUri()) + '&scope=' + encodeURIComponent('openid email profile') +
        '&code_challenge_method=S256&code_challenge=' + base64url(new Uint8Array(hash)) + '&state=' + state;
    });
  }
  function cognitoCallback() {
    var params = new URLSearchParams(location.search);
    var code = params.get('code');
    if (config.auth.kind !== 'cognito' || !code) return Promise.resolve();
    var pkce = JSON.parse(sessionStorage.getItem(KEY + '.pkce') || '{}');
    sessionStorage.removeItem(KEY + '.pkce');
    history.replaceState(null, '', location.pathname + location.hash);
    if (params.get('state') !== pkce.state) return Promise.resolve();
    var form = new URLSearchParams({ grant_type: 'authorization_code', client_id: config.auth.clientId, code: code, redirect_uri: redirectUri(), code_verifier: pkce.verifier });
    return fetch(config.auth.domain + '/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })
      .then(function (r?: Any) { return r.json(); })
      .then(function (tokens?: Any) {
        var part = tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        var claims = JSON.parse(decodeURIComponent(escape(atob(part))));
        saveSession({ token: tokens.id_token, expiresAt: new Date(claims.exp * 1000).toISOString(), user: { email: claims.email, name: claims.name || claims.email, groups: claims['cognito:groups'] || [] } });
      });
  }

  // --- dashboard ----------------------------------------------------------------------------------
  function complaintTable(caption?: Any, items?: Any) {
    if (!items.length) return [el('h2', {}, caption), el('p', {}, t('none'))];
    return el('table', {}, [
      el('caption', {}, caption + ' (' + items.length + ')'),
      el('thead', {}, el('tr', {}, [t('reference'), t('status'), t('received'), t('nextDeadline'), t('handler')].map(function (h?: Any) { return el('th', { scope: 'col' }, h); }))),
      el('tbody', {}, items.map(function (c?: Any) {
        var week = c.nextDeadline && !c.overdue && c.nextDeadline.due <= weekEnd();
        return el('tr', { 'data-reference': c.reference }, [
          el('td', {}, el('a', { href: '#/klacht/' + c.reference }, c.reference)),
          el('td', {}, statusLabel(c.status)),
          el('td', {}, fmtDateTime(c.receivedAt)),
          el('td', {}, c.nextDeadline ? [milestoneLabel(c.nextDeadline.milestone) + ': ' + fmtDate(c.nextDeadline.due) + ' ', c.overdue ? tag(t('overdue'), 'overdue') : week ? tag(t('thisWeek'), 'week') : ''] : '–'),
          el('td', {}, c.handler || '–')
        ]);
      }))
    ]);
  }
  function weekEnd() {
    var today = localDay(now());
    var d = new Date(today + 'T00:00:00Z');
    var toSunday = (7 - d.getUTCDay()) % 7;
    return new Date(d.getTime() + toSunday * 86400000).toISOString().slice(0, 10);
  }
  function dashboard() {
    loadingView();
    api('GET', '/admin/complaints?limit=200').then(function (result?: Any) {
      if (!result.ok) return errorView(t('dashboard'), result);
      var open = result.data.items.filter(function (c?: Any) { return FINAL.indexOf(c.status) < 0; });
      var overdue = open.filter(function (c?: Any) { return c.overdue; });
      var week = open.filter(function (c?: Any) { return !c.overdue && c.nextDeadline && c.nextDeadline.due <= weekEnd(); });
      var other = open.filter(function (c?: Any) { return overdue.indexOf(c) < 0 && week.indexOf(c) < 0; });
      show(t('dashboard'), [
        el('p', { class: 'lead' }, t('counts', { open: fmtNum(open.length), overdue: fmtNum(overdue.length), week: fmtNum(week.length) })),
        complaintTable(t('overdue'), overdue), complaintTable(t('thisWeek'), week), complaintTable(t('otherOpen'), other)
      ], 'dashboard');
    }).catch(ignoreHandled);
  }
  function ignoreHandled(e?: Any) { if (!e || !e.handled) throw e; }

  // --- list ---------------------------------------------------------------------------------------
  function query() { var i = location.hash.indexOf('?'); return new URLSearchParams(i >= 0 ? location.hash.slice(i + 1) : ''); }
  function selectField(id?: Any, label?: Any, name?: Any, options?: Any, value?: Any, required?: Any) {
    return el('div', { class: 'field' }, [el('label', { for: id }, [label, required ? ' ' + t('required') : '']),
      el('select', { id: id, name: name, 'data-field': name, required: !!required }, options.map(function (o?: Any) { return el('option', { value: o[0], selected: o[0] === value }, o[1]); }))]);
  }
  function inputField(id?: Any, label?: Any, name?: Any, type?: Any, value?: Any, required?: Any, extra?: Any) {
    var attrs: Any = { id: id, name: name, type: type || 'text', value: value || '', 'data-field': name, required: !!required };
    Object.keys(extra || {}).forEach(function (k?: Any) { attrs[k] = extra[k]; });
    return el('div', { class: 'field' }, [el('label', { for: id }, [label, required ? ' ' + t('required') : '']), el('input', attrs)]);
  }
  function list() {
    loadingView();
    var q = query();
    var params = new URLSearchParams();
    ['status', 'category', 'handler', 'overdue', 'year'].forEach(function (k?: Any) { if (q.get(k)) params.set(k, q.get(k) as string); });
    params.set('limit', '50');
    var items: Any[] = [];
    var categories = [].concat.apply([], reg.categories.map(function (s?: Any) { return s.categories; }));
    var filters = el('form', { class: 'filters', role: 'search', 'aria-label': t('filter'), on: { submit: function (e?: Any) {
      e.preventDefault();
      var f: Any = new (window as Any).FormData(filters); var next = new URLSearchParams();
      f.forEach(function (v?: Any, k?: Any) { if (v) next.set(k, v); });
      location.hash = '#/klachten?' + next.toString();
    } } }, [
      selectField('f-status', t('status'), 'status', [['', t('any')]].concat(config.statuses.map(function (s?: Any) { return [s, statusLabel(s)]; })), q.get('status')),
      categories.length ? selectField('f-category', t('category'), 'category', [['', t('any')]].concat(categories.map(function (c?: Any) { return [c.id, c.label]; })), q.get('category')) : '',
      inputField('f-handler', t('handler'), 'handler', 'email', q.get('handler')),
      inputField('f-year', t('year'), 'year', 'number', q.get('year'), false, { min: 2000, max: 2100 }),
      el('div', { class: 'choice' }, [el('input', { type: 'checkbox', id: 'f-overdue', name: 'overdue', value: 'true', checked: q.get('overdue') === 'true' }), el('label', { for: 'f-overdue' }, t('onlyOverdue'))]),
      el('button', { type: 'submit' }, t('filter'))
    ]);
    var region = el('div', {});
    var count = el('p', { 'aria-live': 'polite' });
    var moreButton = el('button', { type: 'button', class: 'secondary' }, t('more'));
    var cursor: Any = null;
    function page() {
      if (cursor) params.set('cursor', cursor);
      return api('GET', '/admin/complaints?' + params.toString()).then(function (result?: Any) {
        if (!result.ok) { errorView(t('complaints'), result); return false; }
        items = items.concat(result.data.items);
        cursor = result.data.cursor;
        clear(region); append(region, complaintTable(t('complaints'), items));
        count.textContent = t('results', { count: fmtNum(items.length) });
        moreButton.hidden = !cursor;
        return true;
      });
    }
    moreButton.addEventListener('click', function () { page().catch(ignoreHandled); });
    var csv = el('button', { type: 'button', class: 'secondary', on: { click: function () {
      var p = new URLSearchParams(params); p.delete('cursor'); p.delete('limit');
      fetch(config.apiBase + '/admin/export/complaints.csv?' + p.toString(), { headers: { authorization: 'Bearer ' + session().token } })
        .then(function (r?: Any) { return r.blob(); })
        .then(function (blob?: Any) { var a = el('a', { href: URL.createObjectURL(blob), download: 'klachten.csv' }); document.body.appendChild(a); a.click(); a.remove(); });
    } } }, t('csv'));
    page().then(function (ok?: Any) { if (ok) show(t('complaints'), [filters, count, region, moreButton, csv], 'complaints'); }).catch(ignoreHandled);
  }

  // --- a complaint --------------------------------------------------------------------------------
  function options(pairs?: Any, withEmpty?: Any) { return (withEmpty ? [['', t('choose')]] : []).concat(pairs); }
  var VIA = function () { return [['phone', t('phoneV')], ['in-person', t('inPerson')], ['written', t('writtenV')], ['email', t('emailV')]]; };
  var OUTCOMES = function () { return reg.outcomes.map(function (o?: Any) { return [o.id, o.label]; }); };
  var REMEDIES = function () { return reg.remedies.map(function (r?: Any) { return [r.id, r.label]; }); };
  // Field: [name, label key, type, required, options()]
  var STEP_FIELDS: Record<string, Any[]> = {
    acknowledge: [['reason', 'reason', 'textarea']],
    authorisation: [['reason', 'reason', 'textarea']],
    classify: ([['categories', 'categories', 'checkboxes', true, function () { return [].concat.apply([], reg.categories.map(function (s?: Any) { return s.categories.map(function (c?: Any) { return [c.id, s.label + ': ' + c.label]; }); })); }]] as Any[]).concat(reg.complainantKinds.length ? [['complainant', 'complainantKind', 'select', false, function () { return options(reg.complainantKinds.map(function (k?: Any) { return [k.id, k.label]; }), true); }]] : []),
    'authorisation-request': [['reason', 'reason', 'textarea']],
    'hearing-dispensed': [['exception', 'exception', 'select', true, function () { return options(reg.hearingExceptions.map(function (x?: Any) { return [x, t('exc-' + x)]; }), true); }], ['reason', 'reason', 'textarea', true]],
    involvement: [['person.email', 'involvedEmail', 'email', true], ['person.name', 'involvedName', 'text', true], ['person.function', 'handlerFunction', 'text'], ['person.involvement', 'involvement', 'select', true, function () { return options([['subject', t('subject')], ['service-provider', t('serviceProvider')]], true); }]],
    assign: [['handler.email', 'handlerEmail', 'email', true], ['handler.name', 'handlerName', 'text', true], ['handler.function', 'handlerFunction', 'text'], ['reason', 'reason', 'textarea']],
    contact: [['via', 'via', 'select', true, function () { return options(VIA(), true); }], ['summary', 'summary', 'textarea', true]],
    'subject-statement': [['staffEmail', 'staffEmail', 'email', true], ['statement', 'statement', 'textarea', true], ['agreedToRecord', 'agreedToRecord', 'boolean']],
    hearing: [['heldOn', 'heldOn', 'date', true], ['summary', 'summary', 'textarea', true], ['report', 'hearingReport', 'textarea']],
    offer: [['description', 'offerText', 'textarea', true], ['remedies', 'remedies', 'checkboxes', false, REMEDIES]],
    ruling: ([['outcome', 'outcome', 'select', true, function () { return options(OUTCOMES(), true); }], ['reasoning', 'reasoning', 'textarea'], ['remedies', 'remedies', 'checkboxes', false, REMEDIES], ['improvements', 'improvements', 'textarea'], ['measuresBy', 'measuresBy', 'date']] as Any[]).concat(reg.adviceBy ? [['advice.followed', 'adviceFollowed', 'yesno', true], ['advice.deviation', 'adviceDeviation', 'textarea']] : []),
    reaction: [['satisfied', 'satisfied', 'yesno', true], ['comment', 'comment', 'textarea']],
    measures: [['measureIds', 'measureIds', 'list', true]],
    actions: [['actions', 'actions', 'textarea', true], ['result', 'result', 'textarea', true]],
    'sign-off': [['role', 'role', 'select', true, function () { return options(reg.signOffBy.map(function (r?: Any) { return [r, reg.roleLabels[r] || r]; }), true); }]],
    close: [['finalReport', 'finalReport', 'textarea']],
    'not-admissible': reg.grounds.length ? [['ground', 'ground', 'select', true, function () { return options(reg.grounds.map(function (g?: Any) { return [g.id, g.label]; }), true); }], ['explanation', 'explanation', 'textarea']] : [['explanation', 'explanation', 'textarea', true]],
    withdraw: [['reason', 'reason', 'textarea'], ['consent', 'withdrawConsent', 'boolean']],
    'resolve-informally': [['description', 'description', 'textarea', true]],
    objection: [['text', 'objectionText', 'textarea', true], ['receivedAt', 'receivedAt', 'datetime-local']],
    'objection-hearing': [['heldOn', 'heldOn', 'date', true], ['summary', 'summary', 'textarea', true]],
    'objection-decision': [['outcome', 'outcome', 'select', true, function () { return options(OUTCOMES(), true); }], ['reasoning', 'reasoning', 'textarea', true], ['remedies', 'remedies', 'checkboxes', false, REMEDIES]],
    'external-referral': reg.tiers.length ? [['tier', 'externalBody', 'select', false, function () { return options(reg.tiers.map(function (x?: Any) { return [x.id, x.label]; }), true); }]] : [['body', 'externalBody', 'text', reg.externalChosen]],
    extension: [['milestoneId', 'milestoneId', 'milestone', true], ['period.unit', 'unit', 'select', false, function () { return options([['working-days', t('workingDays')], ['calendar-days', t('calendarDays')], ['weeks', t('weeks')], ['months', t('months')]], true); }], ['period.amount', 'amount', 'number'], ['until', 'until', 'date'], ['reason', 'reason', 'textarea', true]],
    'extension-consent': [['milestoneId', 'milestoneId', 'milestone', true], ['by', 'consentBy', 'text', true], ['givenOn', 'givenOn', 'date', true], ['form', 'consentForm', 'select', true, function () { return options([['written', t('writtenV')], ['oral', t('oralV')]], true); }], ['note', 'noteText', 'textarea']],
    'delay-known': [['reason', 'reason', 'textarea', true], ['expectedOn', 'expectedOn', 'date']],
    'delay-notice': [['reason', 'reason', 'textarea', true], ['expectedOn', 'expectedOn', 'date', true]],
    'progress-update': [['text', 'updateText', 'textarea', true]],
    'holding-response': [['reason', 'reason', 'textarea', true], ['expectedOn', 'expectedOn', 'date', true]],
    'stated-date': [['id', 'statedDate', 'select', true, function () { return options(reg.statedDates.map(function (d?: Any) { return [d.id, d.label]; }), true); }], ['date', 'date', 'date', true], ['note', 'noteText', 'textarea']],
    record: [['event', 'event', 'select', true, function () { return options(reg.ownEvents.map(function (e?: Any) { return [e.id, e.label]; }), true); }], ['note', 'noteText', 'textarea']],
    note: [['text', 'noteText', 'textarea', true]]
  };

  /** Builds the controls of a form from field descriptions; prefix keeps ids unique. */
  function controls(prefix?: Any, fields?: Any, context?: Any) {
    return fields.map(function (f?: Any) {
      var name = f[0], label = t(f[1]), type = f[2], required = f[3];
      var id = prefix + '-' + name.replace(/\./g, '-');
      var errorId = id + '-error';
      var labelNode = [label, required ? ' ' + t('required') : ''];
      if (type === 'checkboxes' || type === 'yesno') {
        var opts = type === 'yesno' ? [['true', t('yes')], ['false', t('no')]] : f[4]();
        if (!opts.length) return '';
        return el('fieldset', { 'data-field': name, id: id, 'data-error-id': errorId }, [el('legend', {}, labelNode), el('span', { class: 'error', id: errorId, hidden: true })].concat(opts.map(function (o?: Any, i?: Any) {
          var oid = id + '-' + i;
          return el('div', { class: 'choice' }, [el('input', { type: type === 'yesno' ? 'radio' : 'checkbox', id: oid, name: name, value: o[0] }), el('label', { for: oid }, o[1])]);
        })));
      }
      if (type === 'boolean') {
        return el('div', { class: 'choice' }, [el('input', { type: 'checkbox', id: id, name: name, value: 'true', 'data-field': name, 'data-type': 'boolean' }), el('label', { for: id }, label)]);
      }
      var control;
      var common: Any = { id: id, name: name, 'data-field': name, 'data-type': type, required: !!required, 'aria-describedby': errorId };
      if (type === 'textarea') control = el('textarea', Object.assign(common, { rows: 4 }));
      else if (type === 'select' || type === 'milestone') {
        var choices = type === 'milestone' ? options((context && context.openDeadlines || []).map(function (m?: Any) { return [m.milestoneId, m.label[config.lang] + ' (' + fmtDate(m.due) + ')']; }), true) : f[4]();
        control = el('select', common, choices.map(function (o?: Any) { return el('option', { value: o[0] }, o[1]); }));
      } else {
        if (type === 'number') common.min = 1;
        if (type === 'list') common.type = 'text'; else common.type = type;
        if (name === 'handler.email' && context && context.users) common.list = prefix + '-users';
        control = el('input', common);
      }
      var extra = name === 'handler.email' && context && context.users ? el('datalist', { id: prefix + '-users' }, context.users.map(function (u?: Any) { return el('option', { value: u.email }, u.name); })) : '';
      return el('div', { class: 'field' }, [el('label', { for: id }, labelNode), el('span', { class: 'error', id: errorId, hidden: true }), control, extra]);
    });
  }

  /** The JSON body from a form built by controls(): dotted names nest, empty optional fields are left out. */
  function bodyOf(form?: Any, fields?: Any) {
    var body: Any = {};
    function put(path?: Any, value?: Any) {
      var parts = path.split('.'); var node = body;
      for (var i = 0; i < parts.length - 1; i++) { node[parts[i]] = node[parts[i]] || {}; node = node[parts[i]]; }
      node[parts[parts.length - 1]] = value;
    }
    fields.forEach(function (f?: Any) {
      var name = f[0], type = f[2];
      if (type === 'checkboxes') { put(name, Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (i?: Any) { return i.value; })); return; }
      if (type === 'yesno') { var c = form.querySelector('input[name="' + name + '"]:checked'); if (c) put(name, c.value === 'true'); return; }
      var input = form.querySelector('[name="' + name + '"]');
      if (!input) return;
      if (type === 'boolean') { put(name, input.checked); return; }
      var value = input.value.trim();
      if (value === '') return;
      if (type === 'number') put(name, Number(value));
      else if (type === 'list') put(name, value.split(/[\s,;]+/).filter(Boolean));
      else if (type === 'datetime-local') put(name, new Date(value).toISOString());
      else put(name, value);
    });
    return body;
  }

  /** Shows an API refusal in the form: each problem at its field, the rest at the top. */
  function showErrors(form?: Any, result?: Any) {
    Array.prototype.forEach.call(form.querySelectorAll('.error'), function (e?: Any) { e.hidden = true; e.textContent = ''; });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (e?: Any) { e.removeAttribute('aria-invalid'); });
    var old = form.querySelector('.error-summary'); if (old) old.remove();
    var general = [];
    var links: Any[] = [];
    var problems = result.data && result.data.problems || [];
    problems.forEach(function (p?: Any) {
      var field = p.field.replace(/\.\d+$/, '');
      var target = form.querySelector('[data-field="' + field + '"]');
      if (!target) { general.push(p.field + ': ' + problemTextOf(p)); return; }
      var errorId = target.getAttribute('data-error-id') || target.getAttribute('aria-describedby');
      var error = errorId && document.getElementById(errorId);
      if (error) { error.textContent = problemTextOf(p); error.hidden = false; }
      var focusable = target.tagName === 'FIELDSET' ? target.querySelector('input') : target;
      if (focusable && focusable.tagName !== 'FIELDSET') focusable.setAttribute('aria-invalid', 'true');
      links.push(el('li', {}, el('a', { href: '#' + (focusable ? focusable.id : ''), on: { click: function (e?: Any) { e.preventDefault(); if (focusable) focusable.focus(); } } }, (target.querySelector('legend') || form.querySelector('label[for="' + target.id + '"]') || {}).textContent + ': ' + problemTextOf(p))));
    });
    if (!problems.length) general.push(problemText(result));
    var summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, [el('h3', {}, t('errorTitle')), el('ul', {}, general.map(function (g?: Any) { return el('li', {}, g); }).concat(links))]);
    form.insertBefore(summary, form.firstChild);
    summary.focus();
  }

  var demoUsers: Any = null;
  function usersForAssign() {
    if (config.auth.kind !== 'local') return Promise.resolve(null);
    if (demoUsers) return Promise.resolve(demoUsers);
    return fetch(config.auth.usersUrl).then(function (r?: Any) { return r.json(); }).then(function (d?: Any) { demoUsers = d.users; return demoUsers; }).catch(function () { return null; });
  }

  function complaintView(reference?: Any, message?: Any) {
    loadingView();
    Promise.all([api('GET', '/admin/complaints/' + encodeURIComponent(reference)), usersForAssign()]).then(function (answers?: Any) {
      var result = answers[0];
      if (!result.ok) return errorView(reference, result);
      var c = result.data;
      var etag = result.etag;
      var details = [
        [t('status'), statusLabel(c.status)], [t('received'), fmtDateTime(c.receivedAt) + ' · ' + channelLabel(c.channel) + ' · ' + t('mode.' + (c.mode === 'oral' ? 'oral' : 'written'))],
        // The version of the regulation the complaint lives under, for its whole life.
        c.regulation ? [t('regulationVersion'), t('versionLine', { title: c.regulation.title, version: c.regulation.version, from: fmtDate(c.regulation.effectiveFrom) }) + (c.regulation.superseded ? ' (' + t('versionKept') + ')' : '')] : null,
        [t('complainant'), c.complainant.name + ' <' + c.complainant.email + '>' + (c.complainant.phone ? ' · ' + c.complainant.phone : '')],
        c.representative ? [t('representative'), c.representative.name + (c.representative.email ? ' <' + c.representative.email + '>' : '') + ' · ' + t('authorisation') + ': ' + t('console.authorisationState.' + c.representative.authorisation)] : null,
        [t('categories'), (c.categories || []).map(categoryLabel).join(', ') || '–'],
        [t('handler'), c.handler ? c.handler.name + ' <' + c.handler.email + '>' + (c.handler.function ? ', ' + c.handler.function : '') : '–'],
        c.occurredOn ? [t('occurredOn'), fmtDate(c.occurredOn)] : null, c.place ? [t('place'), c.place] : null,
        c.decision ? [t('decision'), outcomeLabel(c.decision.outcome) + (c.decision.reasoning ? ': ' + c.decision.reasoning : '')] : null
      ].filter(Boolean);
      var deadlines = c.openDeadlines.length ? el('table', {}, [
        el('caption', {}, t('openDeadlines')),
        el('thead', {}, el('tr', {}, [t('deadline'), t('deadlineKind'), t('due'), t('rule'), t('why')].map(function (h?: Any) { return el('th', { scope: 'col' }, h); }))),
        el('tbody', {}, c.openDeadlines.map(function (m?: Any) {
          return el('tr', { 'data-milestone': m.milestoneId }, [el('td', {}, m.label[config.lang]), el('td', {}, m.kind === 'target' ? tag(t('targetKind'), 'target') : t('hardKind')), el('td', {}, [fmtDate(m.due) + ' ', m.overdue ? tag(t('overdue'), 'overdue') : m.due <= weekEnd() ? tag(t('thisWeek'), 'week') : '']), el('td', {}, m.citation), el('td', { 'data-why': '' }, whyOf(m.explanation))]);
        }))
      ]) : [el('h2', {}, t('openDeadlines')), el('p', {}, t('none'))];
      var timeline = el('ol', { class: 'timeline' }, c.timeline.slice().reverse().map(function (e?: Any) {
        return el('li', {}, [el('time', { datetime: e.at }, fmtDateTime(e.at)), (config.events[e.type] || humanise(e.type)) + ' — ' + t('by') + ' ' + e.actor + (e.rule ? ' (' + e.rule + ')' : '') + (e.reason ? ': ' + e.reason : '')]);
      }));
      var steps = c.availableSteps.map(function (step?: Any) {
        var fields = STEP_FIELDS[step] || [];
        var label = stepLabel(step);
        var form = el('form', { novalidate: true, 'data-step': step }, controls('step-' + step, fields, { openDeadlines: c.openDeadlines, users: answers[1] }).concat([el('button', { type: 'submit' }, label)]));
        form.addEventListener('submit', function (e?: Any) {
          e.preventDefault();
          var button = form.querySelector('button[type=submit]'); button.disabled = true;
          api('POST', '/admin/complaints/' + encodeURIComponent(c.reference) + '/' + step, bodyOf(form, fields), etag ? { 'if-match': etag } : {}).then(function (r?: Any) {
            button.disabled = false;
            if (r.ok) { complaintView(c.reference, t('stepDone', { step: label })); return; }
            if (r.status === 409) { complaintView(c.reference, t('conflict')); return; }
            showErrors(form, r);
          }).catch(function (err?: Any) { button.disabled = false; ignoreHandled(err); });
        });
        return el('details', { 'data-step': step }, [el('summary', {}, label), form]);
      });
      var proposed = (c.proposedGrounds || []).length ? el('section', { class: 'notice', 'aria-labelledby': 'grounds-title', 'data-proposed-grounds': '' }, [el('h2', { id: 'grounds-title' }, t('proposedGrounds')), el('ul', {}, c.proposedGrounds.map(function (g?: Any) {
        return el('li', { 'data-ground': g.id }, g.label[config.lang] + ' (' + g.rule + ')' + (g.judgement ? ' · ' + t('judgementCall') : '') + (g.referral ? ' · ' + (g.referral.immediate ? t('immediateReferral') + ' ' : '') + g.referral.label[config.lang] : ''));
      }))]) : '';
      show(c.reference, [
        message ? el('p', { class: 'notice', role: 'status' }, message) : '',
        el('p', {}, el('a', { href: '#/klachten' }, t('back'))),
        proposed,
        el('div', { class: 'cols' }, [
          el('section', { 'aria-labelledby': 'file-title' }, [el('h2', { id: 'file-title' }, t('file')), el('dl', {}, ([] as Any[]).concat.apply([], details.map(function (d?: Any) { return [el('dt', {}, d[0]), el('dd', {}, d[1])]; })))]),
          el('section', { 'aria-labelledby': 'steps-title', class: 'steps' }, [el('h2', { id: 'steps-title' }, t('steps'))].concat(steps.length ? steps : [el('p', {}, t('noSteps'))]))
        ]),
        el('h2', {}, t('description')), el('p', {}, c.description),
        c.circumstances ? [el('h3', {}, t('circumstances')), el('p', {}, c.circumstances)] : '',
        deadlines,
        el('h2', {}, t('timeline')), timeline
      ], 'complaints');
      if (message) announce(message);
      if (c.openDeadlines.length) explainDeadlines(c.reference, deadlines);
    }).catch(ignoreHandled);
  }

  // The reason for each date comes from its own route (GET .../deadlines); without it the file shows as it is.
  function whyOf(lines?: Any) {
    return lines && lines.length ? el('details', {}, [el('summary', {}, t('why')), el('ul', {}, lines.map(function (line?: Any) { return el('li', {}, line); }))]) : '';
  }
  function explainDeadlines(reference?: Any, table?: Any) {
    api('GET', '/admin/complaints/' + encodeURIComponent(reference) + '/deadlines?lang=' + encodeURIComponent(config.lang)).then(function (r?: Any) {
      if (!r.ok || !r.data || !r.data.deadlines) return;
      var rows = table.querySelectorAll('tr[data-milestone]');
      r.data.deadlines.forEach(function (d?: Any) {
        for (var i = 0; i < rows.length; i++) {
          if (rows[i].getAttribute('data-milestone') !== d.milestoneId) continue;
          var cell = rows[i].querySelector('td[data-why]');
          if (cell && d.explanation && d.explanation.length) { clear(cell); append(cell, whyOf(d.explanation)); }
        }
      });
    }).catch(function () { /* no reasons: the file stays as shown */ });
  }

  // --- measures -----------------------------------------------------------------------------------
  var MEASURE_FIELDS = [['kind', 'kind', 'select', true, function () {
    return options([reg.measures.corrective ? ['corrective', t('corrective')] : null, reg.measures.preventive ? ['preventive', t('preventive')] : null].filter(Boolean), true);
  }], ['what', 'what', 'textarea', true], ['owner.email', 'ownerEmail', 'email', true], ['owner.name', 'ownerName', 'text', true], ['dueDate', 'dueDate', 'date', true], ['complaintRefs', 'complaintRefs', 'list']];
  function measuresView(message?: Any) {
    loadingView();
    api('GET', '/admin/measures?limit=200').then(function (result?: Any) {
      if (!result.ok) return errorView(t('measures'), result);
      var rows = result.data.items.map(function (m?: Any) {
        var sid = 'm-' + m.id + '-status';
        var select = el('select', { id: sid }, ['open', 'done', 'cancelled'].map(function (s?: Any) { return el('option', { value: s, selected: s === m.status }, t('console.measureStatus.' + s)); }));
        var save = el('button', { type: 'button', class: 'secondary', on: { click: function () {
          api('PATCH', '/admin/measures/' + encodeURIComponent(m.id), { status: select.value }, { 'if-match': '"' + m.version + '"' }).then(function (r?: Any) {
            if (r.ok) measuresView(t('measureSaved')); else announce(problemText(r));
          }).catch(ignoreHandled);
        } } }, t('change'));
        return el('tr', {}, [el('td', {}, m.id), el('td', {}, m.kind === 'corrective' ? t('corrective') : t('preventive')), el('td', {}, m.what), el('td', {}, m.owner.name), el('td', {}, fmtDate(m.dueDate)),
          el('td', {}, [el('label', { for: sid, class: 'hp' }, t('status') + ' ' + m.id), select, ' ', save]), el('td', {}, (m.complaintRefs || []).map(function (ref?: Any) { return [el('a', { href: '#/klacht/' + ref }, ref), ' ']; }))]);
      });
      var form = el('form', { novalidate: true }, controls('measure', MEASURE_FIELDS).concat([el('button', { type: 'submit' }, t('save'))]));
      form.addEventListener('submit', function (e?: Any) {
        e.preventDefault();
        api('POST', '/admin/measures', bodyOf(form, MEASURE_FIELDS)).then(function (r?: Any) { if (r.ok) measuresView(t('measureSaved')); else showErrors(form, r); }).catch(ignoreHandled);
      });
      show(t('measures'), [
        message ? el('p', { class: 'notice', role: 'status' }, message) : '',
        rows.length ? el('table', {}, [el('caption', {}, t('measures') + ' (' + rows.length + ')'),
          el('thead', {}, el('tr', {}, ['Id', t('kind'), t('what'), t('owner'), t('dueDate'), t('status'), t('complaints')].map(function (h?: Any) { return el('th', { scope: 'col' }, h); }))), el('tbody', {}, rows)]) : el('p', {}, t('none')),
        el('h2', {}, t('measureNew')), form
      ], 'measures');
      if (message) announce(message);
    }).catch(ignoreHandled);
  }

  // --- staff intake -------------------------------------------------------------------------------
  function intakeFields() {
    var categories = [].concat.apply([], reg.categories.map(function (s?: Any) { return s.categories.map(function (c?: Any) { return [c.id, s.label + ': ' + c.label]; }); }));
    return [
      ['channel', 'channel', 'select', true, function () { return options(reg.channels.map(function (c?: Any) { return [c.id, c.label]; }), true); }],
      ['mode', 'mode', 'select', false, function () { return options([['written', t('mode.written')], ['oral', t('mode.oral')]], true); }],
      ['receivedAt', 'receivedAt', 'datetime-local'],
      ['complainant.name', 'name', 'text', true], ['complainant.email', 'email', 'email', true], ['complainant.phone', 'phone', 'tel'],
      ['complainant.language', 'language', 'select', true, function () { return reg.languages.map(function (l?: Any) { return [l, l === 'nl' ? 'Nederlands' : 'English']; }); }],
      ['description', 'description', 'textarea', true], ['occurredOn', 'occurredOn', 'date'], ['place', 'place', 'text'], ['circumstances', 'circumstances', 'textarea'],
      ['categories', 'categories', 'checkboxes', false, function () { return categories; }],
      ['representative.name', 'repName', 'text'], ['representative.email', 'repEmail', 'email'], ['representative.authorisationReceived', 'repAuth', 'boolean']
    ];
  }
  function intakeView() {
    var fields = intakeFields();
    var form = el('form', { novalidate: true }, controls('intake', fields).concat([el('button', { type: 'submit' }, t('register'))]));
    form.addEventListener('submit', function (e?: Any) {
      e.preventDefault();
      var body: Any = bodyOf(form, fields);
      if (body.representative && !body.representative.name) delete body.representative;
      api('POST', '/admin/complaints', body).then(function (r?: Any) {
        if (!r.ok) return showErrors(form, r);
        location.hash = '#/klacht/' + r.data.complaint.reference;
        setTimeout(function () { announce(t('intakeDone', { reference: r.data.complaint.reference })); }, 100);
      }).catch(ignoreHandled);
    });
    show(t('newIntake'), [form], 'intake');
  }

  // --- routing ------------------------------------------------------------------------------------
  function route() {
    if (!session()) { signInView(); return; }
    var hash = location.hash.replace(/^#/, '') || '/';
    var path = hash.split('?')[0];
    var match = /^\/klacht\/([A-Za-z0-9-]+)$/.exec(path);
    if (match) complaintView(match[1]);
    else if (path === '/klachten') list();
    else if (path === '/maatregelen') measuresView();
    else if (path === '/invoeren') intakeView();
    else dashboard();
  }
  window.addEventListener('hashchange', route);
  cognitoCallback().then(route, function () { signInView(t('expired')); });
}

/** The console's script, as served at /assets/console.js. */
export const CONSOLE_JS = browserScript(consoleApp);
