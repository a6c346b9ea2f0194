/**
 * The console's core (one part of web/assets/console-js.ts): its configuration and words, the
 * formatting of dates and numbers, DOM helpers, the session (sign-in, refresh before the token
 * expires and once on a 401, sign-out that revokes the refresh token), the API client, the page
 * layout with its navigation, the drafts that survive an expired session, and the router the
 * other parts add their views to.
 *
 * Browser code: a self-contained function called with the kit object (see browserParts in
 * web/assets/browser-script.ts). It may use nothing from outside its own body but the kit and
 * the browser. The project compiles without the DOM library, so the browser's globals are
 * declared loosely here; the browser tests (tests/e2e) are what check it.
 */
/* eslint-disable */
declare const document: any;
declare const window: any;
declare const location: any;
declare const history: any;
declare const sessionStorage: any;
declare const navigator: any;

type Any = any;

export function consoleCore(K: Any): void {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var reg = config.regulation;
  var L = config.lang === 'en' ? 1 : 0;
  var app = document.getElementById('app');
  var live = document.getElementById('live');
  var heading = document.getElementById('page-title');
  heading.setAttribute('tabindex', '-1');
  var clockOffset = Date.parse(config.now) - Date.now();
  K.config = config;
  K.reg = reg;
  K.L = L;
  K.app = app;

  // --- words (config.texts: the console's part of the text catalogue, shared/texts) -------------
  var TEXTS = config.texts;
  /** The text under a key ('signIn' is the console's own, 'error.rule.x' a full key), its {placeholders} filled. */
  function t(key?: Any, args?: Any) {
    var path = String(key).indexOf('.') < 0 ? ['console', key] : String(key).split('.');
    var value: Any = TEXTS;
    for (var i = 0; i < path.length && value; i++) value = value[path[i]];
    if (typeof value !== 'string') return key;
    return value.replace(/\{(\w+)\}/g, function (whole?: Any, name?: Any) {
      return args && args[name] !== undefined && args[name] !== null ? String(args[name]) : whole;
    });
  }
  function has(key?: Any) {
    return t(key) !== key;
  }
  function humanise(id?: Any) {
    return String(id).replace(/-/g, ' ');
  }
  function stepLabel(id?: Any) {
    return TEXTS.step[id] || humanise(id);
  }
  function statusLabel(id?: Any) {
    return TEXTS.status[id] || humanise(id);
  }
  function outcomeLabel(id?: Any) {
    return config.outcomeLabels[id] || humanise(id);
  }
  /** A regulation role, or a staff group (the token's) in words. */
  function roleLabel(id?: Any) {
    return reg.roleLabels[id] || TEXTS.console.staffRole[id] || humanise(id);
  }
  function groupLabel(id?: Any) {
    return TEXTS.console.staffRole[id] || roleLabel(id);
  }
  function channelLabel(id?: Any) {
    var c = reg.channels.filter(function (x?: Any) {
      return x.id === id;
    })[0];
    return c ? c.label : humanise(id);
  }
  function categoryLabel(id?: Any) {
    for (var i = 0; i < reg.categories.length; i++) {
      var c = reg.categories[i].categories.filter(function (x?: Any) {
        return x.id === id;
      })[0];
      if (c) return c.label;
    }
    return id;
  }
  function schemeLabel(id?: Any) {
    var s = reg.categories.filter(function (x?: Any) {
      return x.scheme === id;
    })[0];
    return s ? s.label : id;
  }
  /** A milestone by id, or an occurrence of a recurring one ('<id>.<n>'). */
  function milestoneLabel(id?: Any) {
    var s = String(id);
    var m = reg.milestones.filter(function (x?: Any) {
      return x.id === s || x.id === s.replace(/\.\d+$/, '');
    })[0];
    return m ? m.label + (m.id !== s ? ' (' + s.slice(m.id.length + 1) + ')' : '') : humanise(id);
  }
  function eventLabel(type?: Any) {
    return config.events[type] || humanise(type);
  }
  /** Who did something: a staff e-mail, the system, the complainant, an organisation's own system. */
  function actorLabel(actor?: Any) {
    var a = String(actor || '');
    if (a === 'system') return t('console.actor.system');
    if (a === 'complainant') return roleLabel('complainant');
    if (a.indexOf('api:') === 0) return t('console.actor.api', { id: a.slice(4) });
    return a;
  }
  var UNITS: Any = { 'working-days': 'workingDays', 'calendar-days': 'calendarDays', weeks: 'weeks', months: 'months', years: 'years' };
  // What a ruling must give (letter contents), named as the ruling's form names its fields.
  var ITEMS: Any = { reasons: 'reasoning', improvements: 'improvements', 'remedy-offer': 'remedies', measures: 'measureIds', 'measures-term': 'measuresBy', outcome: 'outcome' };
  /** A value in an error's text in words: labels for ids the console knows, dates written out. */
  function paramText(name?: Any, value?: Any): Any {
    if (Array.isArray(value))
      return value
        .map(function (v?: Any) {
          return paramText(name, v);
        })
        .join(', ');
    if (value && typeof value === 'object') return value[config.lang] || value.en || '';
    var s = String(value);
    if (name === 'roles' || name === 'role') return roleLabel(s);
    if (name === 'status') return statusLabel(s);
    if (name === 'step') return stepLabel(s);
    if (name === 'scheme') return schemeLabel(s);
    if (name === 'outcome' || name === 'outcomes') return outcomeLabel(s);
    if (name === 'event') return eventLabel(s);
    if (name === 'deadlines' || name === 'deadline') return milestoneLabel(s);
    if (name === 'tiers') {
      var tier = reg.tiers.filter(function (x?: Any) {
        return x.id === s;
      })[0];
      return tier ? tier.label : s;
    }
    if (name === 'unit' && UNITS[s]) return t(UNITS[s]);
    if (name === 'exceptions' && has('console.option.exception.' + s)) return t('console.option.exception.' + s);
    if (name === 'items' && ITEMS[s]) return t('console.field.' + ITEMS[s]).toLowerCase();
    if (typeof value === 'number') return fmtNum(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return fmtDate(s);
    if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return fmtDateTime(s);
    return s;
  }
  /** An error's text from its key (or code) and values: never the API's English message when the catalogue has words. */
  function textOf(key?: Any, params?: Any) {
    var args: Any = {};
    Object.keys(params || {}).forEach(function (name?: Any) {
      args[name] = paramText(name, params[name]);
    });
    return t(key, args);
  }
  function problemTextOf(p?: Any) {
    if (p.key && has(p.key)) return textOf(p.key, p.params);
    if (p.code && has('error.problem.' + p.code)) return textOf('error.problem.' + p.code, p.params);
    return L ? p.message : t('error.problem.invalid');
  }
  /** What went wrong with a request, in words: the error's own key, else its code, else the status. */
  function problemText(result?: Any) {
    var d = (result && result.data) || {};
    if (typeof d !== 'object') d = {};
    var text =
      d.key && has(d.key)
        ? textOf(d.key, d.params)
        : result.status === 403
          ? t('forbidden')
          : d.error && has('error.code.' + d.error)
            ? textOf('error.code.' + d.error, d.params)
            : result.status === 404
              ? t('notFound')
              : t('failed', { status: result.status });
    return text + (d.rule ? ' (' + d.rule + ')' : '');
  }

  // --- dates and numbers --------------------------------------------------------------------------
  function now() {
    return new Date(Date.now() + clockOffset);
  }
  var LOCALE = L ? 'en-GB' : 'nl-NL';
  function localDay(date?: Any) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  }
  function fmtDate(iso?: Any) {
    return iso ? new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(String(iso).slice(0, 10) + 'T00:00:00Z')) : '–';
  }
  function fmtDateTime(iso?: Any) {
    return iso ? new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: config.timeZone }).format(new Date(iso)) : '–';
  }
  function fmtNum(n?: Any) {
    return new Intl.NumberFormat(LOCALE).format(n);
  }
  /** The last day of "this week": seven days from today, as the dashboard counts. */
  function weekEnd() {
    return localDay(new Date(now().getTime() + 6 * 86400000));
  }

  // --- DOM ----------------------------------------------------------------------------------------
  function el(tagName?: Any, attrs?: Any, children?: Any) {
    var node = document.createElement(tagName);
    Object.keys(attrs || {}).forEach(function (name?: Any) {
      var value = attrs[name];
      if (value === undefined || value === null || value === false) return;
      if (name === 'on')
        Object.keys(value).forEach(function (ev?: Any) {
          node.addEventListener(ev, value[ev]);
        });
      else if (name === 'text') node.textContent = value;
      else if (value === true) node.setAttribute(name, '');
      else node.setAttribute(name, String(value));
    });
    append(node, children);
    return node;
  }
  function append(node?: Any, children?: Any) {
    if (children === undefined || children === null || children === false || children === '') return;
    if (Array.isArray(children)) {
      children.forEach(function (c?: Any) {
        append(node, c);
      });
      return;
    }
    node.appendChild(typeof children === 'string' || typeof children === 'number' ? document.createTextNode(String(children)) : children);
  }
  function clear(node?: Any) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function tag(text?: Any, kind?: Any) {
    return el('span', { class: 'tag ' + kind, 'data-tag': kind }, text);
  }
  /** A status message in the page (and read out). */
  /** kind: 'ok' (default), 'warn', or another word for data-notice ('restored'). */
  function notice(text?: Any, kind?: Any) {
    return el('p', { class: kind === 'warn' ? 'warn' : 'notice', role: kind === 'warn' ? 'alert' : 'status', 'data-notice': kind || 'ok' }, text);
  }
  function announce(text?: Any) {
    live.textContent = '';
    setTimeout(function () {
      live.textContent = text;
    }, 50);
  }
  /** A table with a caption and column headers; rows are <tr> nodes. */
  function table(caption?: Any, headers?: Any, rows?: Any, attrs?: Any) {
    return el('table', attrs || {}, [
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          headers.map(function (h?: Any) {
            return el('th', { scope: 'col' }, h);
          }),
        ),
      ),
      el('tbody', {}, rows),
    ]);
  }
  /** A value shown once (an API key, a calendar address), with a button that copies it. */
  function secretBox(id?: Any, label?: Any, value?: Any, note?: Any) {
    var input = el('input', { type: 'text', id: id, readonly: true, value: value, 'data-secret': '', class: 'secret' });
    var copy = el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-action': 'copy',
        on: {
          click: function () {
            input.select();
            var done = function () {
              announce(t('copied'));
              copy.textContent = t('copied');
            };
            if (navigator.clipboard && navigator.clipboard.writeText)
              navigator.clipboard.writeText(value).then(done, function () {
                document.execCommand('copy');
                done();
              });
            else {
              document.execCommand('copy');
              done();
            }
          },
        },
      },
      t('copy'),
    );
    return el('div', { class: 'box', 'data-shown-once': '' }, [el('label', { for: id }, label), input, copy, note ? el('p', { class: 'hint' }, note) : '']);
  }

  // --- session ------------------------------------------------------------------------------------
  var KEY = 'klachten.' + config.tenant + '.session';
  var DRAFTS = KEY + '.drafts';
  var RETURN = KEY + '.return';
  var LAST_USER = KEY + '.user';
  function readJson(key?: Any, fallback?: Any) {
    try {
      var v = JSON.parse(sessionStorage.getItem(key) || 'null');
      return v === null ? fallback : v;
    } catch {
      return fallback;
    }
  }
  function readSession() {
    return readJson(KEY, null);
  }
  /** The session, while its token is valid or a refresh can renew it. */
  function session() {
    var s = readSession();
    if (!s || !s.token) return null;
    if (Date.parse(s.expiresAt) > now().getTime() + 5000) return s;
    if (s.refreshToken && (!s.refreshExpiresAt || Date.parse(s.refreshExpiresAt) > now().getTime())) return s;
    return null;
  }
  function saveSession(s?: Any) {
    expiring = false;
    sessionStorage.setItem(KEY, JSON.stringify(s));
    if (s.user) sessionStorage.setItem(LAST_USER, JSON.stringify(s.user.email));
    scheduleRefresh();
  }
  function clearSession() {
    sessionStorage.removeItem(KEY);
    if (refreshTimer) clearTimeout(refreshTimer);
  }
  function user() {
    var s = readSession();
    return (s && s.user) || { email: '', name: '', groups: [] };
  }
  function roles() {
    return user().groups || [];
  }
  /** Has the user any of these staff roles (the token's groups)? */
  function hasRole(list?: Any) {
    return roles().some(function (r?: Any) {
      return list.indexOf(r) >= 0;
    });
  }
  /** Every role but the auditor's may change things. */
  function canWrite() {
    return roles().some(function (r?: Any) {
      return r !== 'auditor';
    });
  }
  /** A handler and nothing else sees only their own complaints. */
  function ownOnly() {
    var r = roles();
    return (
      r.length > 0 &&
      r.every(function (x?: Any) {
        return x === 'handler';
      })
    );
  }

  function claimsOf(idToken?: Any) {
    var part = String(String(idToken).split('.')[1]).replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  }
  function cognitoSession(tokens?: Any, refreshToken?: Any) {
    var claims = claimsOf(tokens.id_token);
    return {
      token: tokens.id_token,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      refreshToken: tokens.refresh_token || refreshToken,
      user: { email: claims.email, name: claims.name || claims.email, groups: claims['cognito:groups'] || [] },
    };
  }
  var refreshing: Any = null;
  var refreshTimer: Any = null;
  /** A new id token from the refresh token (one request at a time). */
  function refresh() {
    if (refreshing) return refreshing;
    var s = readSession();
    if (!s || !s.refreshToken) return Promise.reject(new Error('no refresh token'));
    var request;
    if (config.auth.kind === 'local') {
      request = fetch(config.auth.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) })
        .then(function (r?: Any) {
          if (!r.ok) throw new Error('refresh refused');
          return r.json();
        })
        .then(function (issued?: Any) {
          return {
            token: issued.token,
            expiresAt: issued.expiresAt,
            refreshToken: issued.refreshToken || s.refreshToken,
            refreshExpiresAt: issued.refreshExpiresAt || s.refreshExpiresAt,
            user: issued.user || s.user,
          };
        });
    } else if (config.auth.kind === 'cognito') {
      var form = new URLSearchParams({ grant_type: 'refresh_token', client_id: config.auth.clientId, refresh_token: s.refreshToken });
      request = fetch(config.auth.domain + '/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })
        .then(function (r?: Any) {
          if (!r.ok) throw new Error('refresh refused');
          return r.json();
        })
        .then(function (tokens?: Any) {
          return cognitoSession(tokens, s.refreshToken);
        });
    } else {
      return Promise.reject(new Error('no sign-in'));
    }
    refreshing = request.then(
      function (next?: Any) {
        refreshing = null;
        saveSession(next);
        return next;
      },
      function (error?: Any) {
        refreshing = null;
        throw error;
      },
    );
    return refreshing;
  }
  /** Renews the token two minutes before it expires, so a working day needs one sign-in. */
  function scheduleRefresh() {
    if (refreshTimer) clearTimeout(refreshTimer);
    var s = readSession();
    if (!s || !s.refreshToken) return;
    var wait = Date.parse(s.expiresAt) - now().getTime() - 120000;
    refreshTimer = setTimeout(
      function () {
        refresh().catch(function () {
          sessionExpired().catch(ignoreHandled);
        });
      },
      Math.min(Math.max(wait, 1000), 2147000000),
    );
  }
  /** The session with a token that is still valid for a minute: refreshed first when needed. */
  function fresh() {
    var s = readSession();
    if (!s) return sessionExpired();
    if (Date.parse(s.expiresAt) - now().getTime() > 60000) return Promise.resolve(s);
    if (!s.refreshToken) return sessionExpired();
    return refresh().catch(function () {
      return sessionExpired();
    });
  }
  var expiring = false;
  /** The session ended: keep the forms' values, ask to sign in again, then come back here. */
  function sessionExpired(): Any {
    if (!expiring) {
      expiring = true;
      saveDrafts();
      sessionStorage.setItem(RETURN, location.hash || '#/');
      clearSession();
      signInView(t('expired'));
    }
    return Promise.reject({ handled: true });
  }
  function ignoreHandled(e?: Any) {
    if (!e || !e.handled) {
      console.error(e);
    }
  }

  function signOut() {
    var s = readSession();
    clearSession();
    sessionStorage.removeItem(DRAFTS);
    sessionStorage.removeItem(RETURN);
    var revoked: Any = Promise.resolve();
    if (s && s.refreshToken && config.auth.kind === 'local') {
      revoked = fetch(config.auth.revokeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) }).catch(function () {
        /* signed out here anyway */
      });
    } else if (s && s.refreshToken && config.auth.kind === 'cognito') {
      revoked = fetch(config.auth.domain + '/oauth2/revoke', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: s.refreshToken, client_id: config.auth.clientId }).toString(),
      }).catch(function () {
        /* signed out here anyway */
      });
    }
    revoked.then(function () {
      if (config.auth.kind === 'cognito') {
        location.href = config.auth.domain + '/logout?client_id=' + encodeURIComponent(config.auth.clientId) + '&logout_uri=' + encodeURIComponent(location.origin + location.pathname);
        return;
      }
      signInView(t('signedOut'));
      if (location.hash && location.hash !== '#/') history.replaceState(null, '', location.pathname + location.search + '#/');
    });
  }

  // --- API ----------------------------------------------------------------------------------------
  /**
   * A request to the tenant's API with the staff token: refreshed before it expires, and once more
   * on a 401; when the session cannot be renewed, the sign-in view (the forms' values kept) and a
   * rejected promise ({ handled: true }). Resolves { status, ok, etag, data } (data: parsed JSON,
   * text, or with `as: 'blob'` a Blob).
   */
  function request(method?: Any, path?: Any, options?: Any, retried?: Any): Any {
    options = options || {};
    return fresh().then(function (s?: Any) {
      var h: Any = { accept: options.accept || 'application/json', authorization: 'Bearer ' + s.token };
      if (options.body !== undefined) h['content-type'] = 'application/json';
      Object.keys(options.headers || {}).forEach(function (k?: Any) {
        h[k] = options.headers[k];
      });
      return fetch(config.apiBase + path, { method: method, headers: h, body: options.body === undefined ? undefined : JSON.stringify(options.body) }).then(function (response?: Any) {
        if (response.status === 401) {
          if (!retried && s.refreshToken)
            return refresh().then(
              function () {
                return request(method, path, options, true);
              },
              function () {
                return sessionExpired();
              },
            );
          return sessionExpired();
        }
        var type = response.headers.get('content-type') || '';
        var read = !response.ok || options.as !== 'blob' ? (type.indexOf('json') >= 0 ? response.json() : response.text()) : response.blob();
        return read.then(
          function (data?: Any) {
            return { status: response.status, ok: response.ok, etag: response.headers.get('etag'), data: data, filename: fileNameOf(response.headers.get('content-disposition')) };
          },
          function () {
            return { status: response.status, ok: response.ok, etag: null, data: null };
          },
        );
      });
    });
  }
  function api(method?: Any, path?: Any, body?: Any, headers?: Any) {
    return request(method, path, { body: body, headers: headers });
  }
  function fileNameOf(disposition?: Any) {
    var m = /filename="([^"]+)"/.exec(disposition || '');
    return m ? m[1] : null;
  }
  /** Saves a Blob as a file, as a download link would. */
  function saveFile(blob?: Any, name?: Any) {
    var url = URL.createObjectURL(blob);
    var a = el('a', { href: url, download: name, class: 'hp' }, name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  }
  /** GETs a file with the staff token and saves it; resolves the request's result. */
  function download(path?: Any, name?: Any, accept?: Any) {
    return request('GET', path, { as: 'blob', accept: accept || '*/*' }).then(function (r?: Any) {
      if (r.ok) saveFile(r.data, r.filename || name);
      return r;
    });
  }

  // --- drafts: a half-filled form survives an expired session ------------------------------------
  function controlsOf(form?: Any) {
    return Array.prototype.filter.call(form.elements, function (e?: Any) {
      return e.name && ['submit', 'button', 'reset', 'file', 'password'].indexOf(e.type) < 0;
    });
  }
  function isDirty(form?: Any) {
    return controlsOf(form).some(function (e?: Any) {
      if (e.type === 'checkbox' || e.type === 'radio') return e.checked !== e.defaultChecked;
      if (e.tagName === 'SELECT')
        return Array.prototype.some.call(e.options, function (o?: Any) {
          return o.selected !== o.defaultSelected;
        });
      return e.value !== e.defaultValue;
    });
  }
  function valuesOf(form?: Any) {
    var values: Any = {};
    controlsOf(form).forEach(function (e?: Any) {
      if (e.type === 'checkbox' || e.type === 'radio') {
        values[e.name] = values[e.name] || [];
        if (e.checked) values[e.name].push(e.value);
        return;
      }
      values[e.name] = e.value;
    });
    return values;
  }
  /** Keeps the values of every changed form of this view (sessionStorage, this tab only), keyed by the view. */
  function saveDrafts() {
    var forms = app.querySelectorAll('form[data-form]');
    var view: Any = {};
    Array.prototype.forEach.call(forms, function (form?: Any) {
      if (isDirty(form)) view[form.getAttribute('data-form')] = valuesOf(form);
    });
    if (!Object.keys(view).length) return;
    var all = readJson(DRAFTS, {});
    all[location.hash || '#/'] = view;
    sessionStorage.setItem(DRAFTS, JSON.stringify(all));
  }
  /** Puts back the kept values of this view's forms (once), and opens the step they belong to. */
  function restoreDrafts() {
    var all = readJson(DRAFTS, {});
    var hash = location.hash || '#/';
    var view = all[hash];
    if (!view) return;
    var restored = 0;
    Object.keys(view).forEach(function (id?: Any) {
      var form = app.querySelector('form[data-form="' + id + '"]');
      if (!form) return;
      var values = view[id];
      controlsOf(form).forEach(function (e?: Any) {
        if (!(e.name in values)) return;
        if (e.type === 'checkbox' || e.type === 'radio') e.checked = values[e.name].indexOf(e.value) >= 0;
        else e.value = values[e.name];
      });
      for (var p = form.parentNode; p && p !== app; p = p.parentNode) if (p.tagName === 'DETAILS') p.open = true;
      form.setAttribute('data-restored', '');
      restored += 1;
    });
    delete all[hash];
    sessionStorage.setItem(DRAFTS, JSON.stringify(all));
    if (restored) {
      app.insertBefore(notice(t('draftRestored'), 'restored'), app.querySelector('nav') ? app.querySelector('nav').nextSibling : app.firstChild);
      announce(t('draftRestored'));
    }
  }
  /** A form's kept draft is no longer needed (it was sent). */
  function dropDraft(id?: Any) {
    var all = readJson(DRAFTS, {});
    var view = all[location.hash || '#/'];
    if (view && view[id]) {
      delete view[id];
      sessionStorage.setItem(DRAFTS, JSON.stringify(all));
    }
  }

  // --- layout -------------------------------------------------------------------------------------
  // The page's language switch (in the header, outside #app) keeps the view: its link carries the hash.
  var switchLink = document.querySelector('header a.lang');
  var switchBase = switchLink ? String(switchLink.getAttribute('href')).split('#')[0] : '';
  function keepPlaceOnSwitch() {
    if (switchLink) switchLink.setAttribute('href', switchBase + (location.hash.indexOf('#/') === 0 ? location.hash : ''));
  }
  // The skip link (href="#main") would be taken for a route and open the dashboard: it moves the focus instead.
  var skipLink = document.querySelector('a.skip');
  if (skipLink)
    skipLink.addEventListener('click', function (e?: Any) {
      var main = document.getElementById('main');
      if (!main) return;
      e.preventDefault();
      main.focus();
    });

  var NAV: Any[] = [];
  /** A main-menu entry: its hash, its words, the view it marks current, who sees it (null: all staff). */
  function addNav(hash?: Any, key?: Any, view?: Any, rolesAllowed?: Any) {
    NAV.push({ hash: hash, key: key, view: view, roles: rolesAllowed });
  }
  function show(title?: Any, nodes?: Any, current?: Any) {
    clear(app);
    var s = readSession();
    heading.textContent = title;
    document.title = title + ' · ' + t('title') + ' · ' + config.organisation;
    if (s) {
      var items = NAV.filter(function (n?: Any) {
        return !n.roles || hasRole(n.roles);
      }).map(function (n?: Any) {
        return el('li', {}, el('a', { href: n.hash, 'data-nav': n.view, 'aria-current': current === n.view ? 'page' : false }, t(n.key)));
      });
      var who = user();
      items.push(
        el('li', { class: 'who', 'data-user': who.email }, [
          t('signedInAs') + ' ' + who.name + ' (' + (who.groups || []).map(groupLabel).join(', ') + ') ',
          el('button', { type: 'button', class: 'secondary', 'data-action': 'sign-out', on: { click: signOut } }, t('signOut')),
        ]),
      );
      app.appendChild(el('nav', { class: 'tabs', 'aria-label': t('nav') }, el('ul', {}, items)));
    }
    append(app, nodes);
    app.setAttribute('data-state', 'ready');
    app.setAttribute('data-view', current || '');
    if (s) restoreDrafts();
    keepPlaceOnSwitch();
    heading.focus();
  }
  function loadingView() {
    clear(app);
    app.setAttribute('data-state', 'loading');
    app.appendChild(el('p', { role: 'status' }, t('loading')));
  }
  function errorView(title?: Any, result?: Any, current?: Any) {
    show(title, notice(problemText(result), 'warn'), current);
  }

  // --- sign-in ------------------------------------------------------------------------------------
  function afterSignIn() {
    var back = sessionStorage.getItem(RETURN);
    sessionStorage.removeItem(RETURN);
    if (back && back !== location.hash) {
      location.hash = back;
      return;
    } // hashchange routes
    route();
  }
  function signInView(message?: Any) {
    var nodes: Any[] = [];
    if (message) nodes.push(notice(message, message === t('signedOut') ? 'ok' : 'warn'));
    if (config.auth.kind === 'local') {
      loadingView();
      fetch(config.auth.usersUrl)
        .then(function (r?: Any) {
          return r.json();
        })
        .then(function (data?: Any) {
          var users = data.users || [];
          var last = readJson(LAST_USER, null);
          var preferred = users.some(function (u?: Any) {
            return u.email === last;
          })
            ? last
            : users[0] && users[0].email;
          var fieldset = el(
            'fieldset',
            {},
            [el('legend', {}, t('signInAs'))].concat(
              users.map(function (u?: Any, i?: Any) {
                var id = 'user-' + i;
                return el('div', { class: 'choice' }, [
                  el('input', { type: 'radio', name: 'user', id: id, value: u.email, checked: u.email === preferred }),
                  el('label', { for: id }, u.name + ' (' + u.groups.map(groupLabel).join(', ') + ', ' + u.email + ')'),
                ]);
              }),
            ),
          );
          var form = el(
            'form',
            {
              'data-form': 'sign-in',
              on: {
                submit: function (e?: Any) {
                  e.preventDefault();
                  var chosen = form.querySelector('input[name=user]:checked');
                  fetch(config.auth.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: config.tenant, user: chosen.value }) })
                    .then(function (r?: Any) {
                      if (!r.ok) throw new Error('sign-in refused');
                      return r.json();
                    })
                    .then(function (issued?: Any) {
                      saveSession({ token: issued.token, expiresAt: issued.expiresAt, refreshToken: issued.refreshToken, refreshExpiresAt: issued.refreshExpiresAt, user: issued.user });
                      afterSignIn();
                    })
                    .catch(function () {
                      signInView(t('signInFailed'));
                    });
                },
              },
            },
            [el('p', { class: 'hint' }, t('signInLocal')), fieldset, el('button', { type: 'submit' }, t('signIn'))],
          );
          nodes.push(form);
          show(t('signIn'), nodes, 'sign-in');
        })
        .catch(function () {
          show(t('signIn'), nodes.concat([notice(t('signInFailed'), 'warn')]), 'sign-in');
        });
      return;
    }
    if (config.auth.kind === 'cognito') {
      nodes.push(el('p', {}, t('signInCognito')), el('button', { type: 'button', 'data-action': 'sign-in', on: { click: cognitoSignIn } }, t('signIn')));
    } else {
      nodes.push(notice(t('signInNone'), 'warn'));
    }
    show(t('signIn'), nodes, 'sign-in');
  }

  function randomString(bytes?: Any) {
    var a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    return base64url(a);
  }
  function base64url(bytes?: Any) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function redirectUri() {
    return location.origin + location.pathname;
  }
  function cognitoSignIn() {
    var verifier = randomString(48);
    var state = randomString(16);
    sessionStorage.setItem(KEY + '.pkce', JSON.stringify({ verifier: verifier, state: state }));
    // The hosted UI comes back to the console's address without the hash: remember where we were.
    if (!sessionStorage.getItem(RETURN)) sessionStorage.setItem(RETURN, location.hash || '#/');
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (hash?: Any) {
      location.href =
        config.auth.domain +
        '/oauth2/authorize?response_type=code&client_id=' +
        encodeURIComponent(config.auth.clientId) +
        '&redirect_uri=' +
        encodeURIComponent(redirectUri()) +
        '&scope=' +
        encodeURIComponent('openid email profile') +
        '&code_challenge_method=S256&code_challenge=' +
        base64url(new Uint8Array(hash)) +
        '&state=' +
        state;
    });
  }
  /** Back from the hosted UI with a code: exchanged (PKCE) for the id and refresh tokens. */
  function cognitoCallback() {
    var params = new URLSearchParams(location.search);
    var code = params.get('code');
    if (config.auth.kind !== 'cognito' || !code) return Promise.resolve(false);
    var pkce = readJson(KEY + '.pkce', {});
    sessionStorage.removeItem(KEY + '.pkce');
    history.replaceState(null, '', location.pathname + (config.lang === 'en' ? '?lang=en' : '') + location.hash);
    if (params.get('state') !== pkce.state) return Promise.resolve(false);
    var form = new URLSearchParams({ grant_type: 'authorization_code', client_id: config.auth.clientId, code: code, redirect_uri: redirectUri(), code_verifier: pkce.verifier });
    return fetch(config.auth.domain + '/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })
      .then(function (r?: Any) {
        if (!r.ok) throw new Error('code refused');
        return r.json();
      })
      .then(function (tokens?: Any) {
        saveSession(cognitoSession(tokens));
        return true;
      });
  }

  // --- routing ------------------------------------------------------------------------------------
  var ROUTES: Any[] = [];
  /** A view: its hash path (a RegExp on the path before '?'), and what shows it (match, query). */
  function addRoute(pattern?: Any, view?: Any) {
    ROUTES.push({ pattern: pattern, view: view });
  }
  /** The hash's query: #/klachten?q=... */
  function query() {
    var i = location.hash.indexOf('?');
    return new URLSearchParams(i >= 0 ? location.hash.slice(i + 1) : '');
  }
  function route() {
    if (!session()) {
      signInView();
      return;
    }
    var path = (location.hash.replace(/^#/, '') || '/').split('?')[0];
    for (var i = 0; i < ROUTES.length; i++) {
      var match = ROUTES[i].pattern.exec(path);
      if (match) {
        ROUTES[i].view(match, query());
        return;
      }
    }
    ROUTES[0].view([path], query());
  }

  K.start = function () {
    window.addEventListener('hashchange', route);
    // Renewed when the tab comes back from sleep, too.
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden && readSession()) scheduleRefresh();
    });
    cognitoCallback().then(
      function (signedIn?: Any) {
        if (signedIn) afterSignIn();
        else {
          scheduleRefresh();
          route();
        }
      },
      function () {
        signInView(t('expired'));
      },
    );
  };

  Object.assign(K, {
    t: t,
    has: has,
    humanise: humanise,
    stepLabel: stepLabel,
    statusLabel: statusLabel,
    outcomeLabel: outcomeLabel,
    roleLabel: roleLabel,
    groupLabel: groupLabel,
    channelLabel: channelLabel,
    categoryLabel: categoryLabel,
    schemeLabel: schemeLabel,
    milestoneLabel: milestoneLabel,
    eventLabel: eventLabel,
    actorLabel: actorLabel,
    textOf: textOf,
    problemTextOf: problemTextOf,
    problemText: problemText,
    UNITS: UNITS,
    now: now,
    localDay: localDay,
    fmtDate: fmtDate,
    fmtDateTime: fmtDateTime,
    fmtNum: fmtNum,
    weekEnd: weekEnd,
    el: el,
    append: append,
    clear: clear,
    tag: tag,
    notice: notice,
    announce: announce,
    table: table,
    secretBox: secretBox,
    session: session,
    user: user,
    roles: roles,
    hasRole: hasRole,
    canWrite: canWrite,
    ownOnly: ownOnly,
    api: api,
    request: request,
    download: download,
    saveFile: saveFile,
    ignoreHandled: ignoreHandled,
    saveDrafts: saveDrafts,
    dropDraft: dropDraft,
    show: show,
    loadingView: loadingView,
    errorView: errorView,
    addNav: addNav,
    addRoute: addRoute,
    route: route,
    query: query,
  });
}
