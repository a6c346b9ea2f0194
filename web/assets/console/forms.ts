/**
 * The console's forms (one part of web/assets/console-js.ts), generated from the JSON Schema the
 * API validates with: every request body's schema is in the public /openapi.json (zod -> JSON
 * Schema, shared/http/openapi.ts), fetched once. A property becomes a control by its type:
 *
 *   string with enum             select (radio buttons for two or three choices)
 *   string, format date          date input; format date-time: datetime-local (sent as ISO)
 *   string, format email         email input
 *   string, maxLength > 300      textarea; otherwise a text input (maxlength kept)
 *   integer / number             number input with its minimum and maximum
 *   boolean                      required: yes/no radio buttons; optional: a checkbox
 *   array of strings             checkboxes where the regulation gives the choices, else a
 *                                comma-separated text input
 *   object                       a fieldset of its properties (an optional one is left out when empty)
 *
 * (Enums are selects, never radio buttons, so a field's control does not change with the number
 * of choices a regulation has.) Labels come from the text catalogue: console.stepField.<form>.<path> where a form words a field
 * its own way, else console.field.<path> (path: the property path with '-' for '.'); choices of an
 * enum from console.option.<name>.<value> (outcomes in the regulation's own words). Where the
 * schema only says "string", the regulation gives the choices (grounds, tiers, categories,
 * remedies, milestones, roles, own events, stated dates, complainant kinds, channels): FIELDS
 * below maps those fields to their lists. A field whose list is empty for this regulation is left
 * out (an empty required list is sent as []).
 *
 * Errors: the API's problems land at their field (data-field), with a summary at the top of the
 * form that links to each field and takes focus.
 */
/* eslint-disable */
declare const document: any;

type Any = any;

export function consoleForms(K: Any): void {
  'use strict';
  var t = K.t,
    el = K.el,
    reg = K.reg;

  // --- the schemas --------------------------------------------------------------------------------
  var openapi: Any = null;
  function loadOpenApi() {
    if (!openapi) {
      openapi = fetch(K.config.apiBase + '/openapi.json', { headers: { accept: 'application/json' } }).then(function (r?: Any) {
        if (!r.ok) throw { status: r.status };
        return r.json();
      });
      openapi.catch(function () {
        openapi = null;
      });
    }
    return openapi;
  }
  /** The JSON Schema of an operation's body, from /openapi.json (fetched once); null when it has none. */
  function bodySchema(method?: Any, path?: Any) {
    return loadOpenApi().then(function (doc?: Any) {
      var op = doc.paths[path] && doc.paths[path][method.toLowerCase()];
      return op && op.requestBody ? op.requestBody.content['application/json'].schema : null;
    });
  }
  /** The body schemas of several operations at once: [[method, path], ...] -> [schema, ...]. */
  function bodySchemas(list?: Any) {
    return Promise.all(
      list.map(function (x?: Any) {
        return bodySchema(x[0], x[1]);
      }),
    );
  }

  // --- where the regulation gives the choices -----------------------------------------------------
  function pairs(list?: Any) {
    return list.map(function (x?: Any) {
      return [x.id, x.label];
    });
  }
  function categoryChoices() {
    return [].concat.apply(
      [],
      reg.categories.map(function (s?: Any) {
        return s.categories.map(function (c?: Any) {
          return [c.id, reg.categories.length > 1 ? s.label + ': ' + c.label : c.label];
        });
      }),
    );
  }
  /** The complaint's open deadlines; extendable: only those the regulation lets be extended. */
  function deadlineChoices(ctx?: Any, extendable?: Any) {
    var canExtend = function (m?: Any) {
      var own = reg.milestones.filter(function (x?: Any) {
        return x.id === m.milestoneId || x.id === m.series;
      })[0];
      return !own || own.extendable;
    };
    return (ctx.openDeadlines || [])
      .filter(function (m?: Any) {
        return !extendable || canExtend(m);
      })
      .map(function (m?: Any) {
        return [m.milestoneId, ((m.label && m.label[K.config.lang]) || K.milestoneLabel(m.milestoneId)) + ' (' + K.fmtDate(m.due) + ')'];
      });
  }
  var never = function () {
    return true;
  };
  /**
   * Field -> how the regulation fills it in. Keyed '<form>:<path>' or, for every form, '<path>'.
   *   choices(ctx): the allowed values with their words (an empty list leaves the field out)
   *   only(ctx): which of an enum's values this regulation knows
   *   omit(ctx): leave the field out
   *   type: a control type where the schema's type says too little ('date')
   *   suggest(ctx): suggestions (a datalist), not a fixed list
   *   keyed(ctx): an object with one field per listed key (the stated dates at intake)
   *   yesno: an optional boolean asked as yes/no (nothing chosen: not sent)
   */
  var FIELDS: Any = {
    categories: { choices: categoryChoices },
    remedies: {
      choices: function () {
        return pairs(reg.remedies);
      },
    },
    'not-admissible:ground': {
      choices: function () {
        return pairs(reg.grounds);
      },
    },
    'external-referral:tier': {
      choices: function () {
        return pairs(reg.tiers);
      },
    },
    'external-referral:body': {
      omit: function () {
        return reg.tiers.length > 0;
      },
    },
    milestoneId: {
      choices: function (ctx?: Any) {
        return deadlineChoices(ctx, true);
      },
    },
    'sign-off:role': {
      choices: function () {
        return reg.signOffBy.map(function (r?: Any) {
          return [r, K.roleLabel(r)];
        });
      },
    },
    'record:event': {
      choices: function () {
        return pairs(reg.ownEvents);
      },
    },
    'stated-date:id': {
      choices: function () {
        return pairs(reg.statedDates);
      },
    },
    'classify:complainant': {
      choices: function () {
        return pairs(reg.complainantKinds);
      },
    },
    'hearing-dispensed:exception': {
      only: function () {
        return reg.hearingExceptions;
      },
    },
    'ruling:advice': {
      omit: function () {
        return !reg.adviceBy;
      },
    },
    // The register's measures to tick; without any (or unread), their ids typed.
    'measures:measureIds': {
      choices: function (ctx?: Any) {
        return ctx.measures && ctx.measures.length
          ? ctx.measures.map(function (m?: Any) {
              return [m.id, m.id + ': ' + m.what];
            })
          : null;
      },
    },
    'handler.email': {
      suggest: function (ctx?: Any) {
        return ctx.users;
      },
    },
    'person.email': {
      suggest: function (ctx?: Any) {
        return ctx.users;
      },
    },
    'subject-statement:staffEmail': {
      suggest: function (ctx?: Any) {
        return ctx.users;
      },
    },
    'intake:channel': {
      choices: function () {
        return reg.channels.map(function (c?: Any) {
          return [c.id, c.label];
        });
      },
    },
    'intake:complainant.language': {
      only: function () {
        return reg.languages;
      },
    },
    'intake:complainantKind': {
      choices: function () {
        return pairs(reg.complainantKinds);
      },
    },
    'intake:representative.kind': {
      choices: function () {
        return pairs(reg.representativeKinds || []);
      },
    },
    'intake:occurredOn': { type: 'date' },
    'intake:statedDates': {
      keyed: function () {
        return reg.statedDates.filter(function (d?: Any) {
          return d.id !== 'occurred-on';
        });
      },
      type: 'date',
    },
    // Persons involved are recorded with the step "Betrokkene vastleggen" once the complaint is in.
    'intake:involved': { omit: never },
    'measure:kind': {
      only: function () {
        return [reg.measures.corrective ? 'corrective' : null, reg.measures.preventive ? 'preventive' : null].filter(Boolean);
      },
    },
    'measure-update:effective': { yesno: true },
    // The signed authorisation: one of the complaint's clean files (the one the complainant sent
    // preselected); none when it came by post (the reason says so).
    'authorisation:attachment': {
      choices: function (ctx?: Any) {
        return (ctx.files || [])
          .filter(function (f?: Any) {
            return f.state === 'clean';
          })
          .map(function (f?: Any) {
            return [f.id, f.name + ' (' + (f.uploadedBy === 'complainant' ? t('attachment.uploadedByComplainant') : f.uploadedBy) + ', ' + K.fmtDateTime(f.uploadedAt) + ')'];
          });
      },
      preset: function (ctx?: Any) {
        return ctx.authorisationFile;
      },
    },
  };
  function fieldSpec(form?: Any, path?: Any) {
    return FIELDS[form + ':' + path] || FIELDS[path] || {};
  }

  // --- words --------------------------------------------------------------------------------------
  function keyOf(path?: Any) {
    return String(path).replace(/\./g, '-');
  }
  function fieldLabel(form?: Any, path?: Any) {
    var own = 'console.stepField.' + form + '.' + keyOf(path);
    if (K.has(own)) return t(own);
    if (K.has('console.field.' + keyOf(path))) return t('console.field.' + keyOf(path));
    return K.humanise(String(path).split('.').pop());
  }
  function fieldHint(form?: Any, path?: Any) {
    var own = 'console.stepHint.' + form + '.' + keyOf(path);
    if (K.has(own)) return t(own);
    return K.has('console.hint.' + keyOf(path)) ? t('console.hint.' + keyOf(path)) : '';
  }
  /** An enum value in words: the regulation's outcome words, else console.option.<name>.<value>. */
  function optionLabel(path?: Any, value?: Any) {
    var name = String(path).split('.').pop();
    if (name === 'outcome') return K.outcomeLabel(value);
    var key = 'console.option.' + name + '.' + value;
    return K.has(key) ? t(key) : K.humanise(value);
  }

  // --- schema -> fields ---------------------------------------------------------------------------
  /**
   * The fields of an object schema: [{ path, kind, required, label, hint, max, min, choices, fields, ... }].
   * form: the catalogue scope of its words ('assign', 'intake', 'measure'); ctx: what the choices
   * need. The fields of an optional object are marked required only as the object is.
   */
  function fieldsOf(schema?: Any, form?: Any, ctx?: Any, prefix?: Any, optionalGroup?: Any): Any[] {
    var props = (schema && schema.properties) || {};
    var required = (schema && schema.required) || [];
    var out: Any[] = [];
    Object.keys(props).forEach(function (name?: Any) {
      var prop = props[name];
      var path = prefix ? prefix + '.' + name : name;
      var spec = fieldSpec(form, path);
      // Inside an optional group (a period, the advice, a representative) nothing is required until it is filled in.
      var inSchema = required.indexOf(name) >= 0;
      var isRequired = inSchema && !optionalGroup;
      var base: Any = { path: path, name: name, required: isRequired, label: fieldLabel(form, path), hint: fieldHint(form, path), spec: spec, schema: prop };
      if (spec.omit && spec.omit(ctx)) {
        if (isRequired && prop.type === 'array') out.push(Object.assign(base, { kind: 'fixed', value: [] }));
        return;
      }
      if (spec.keyed) {
        var keys = spec.keyed(ctx);
        if (!keys.length) return;
        out.push(
          Object.assign(base, {
            kind: 'group',
            fields: keys.map(function (k?: Any) {
              return { path: path + '.' + k.id, name: k.id, required: false, label: k.label, hint: '', kind: spec.type || 'text', spec: {}, schema: {} };
            }),
          }),
        );
        return;
      }
      var type = Array.isArray(prop.type)
        ? prop.type.filter(function (x?: Any) {
            return x !== 'null';
          })[0]
        : prop.type;
      if (type === 'object' && prop.properties) {
        var inner = fieldsOf(prop, form, ctx, path, !isRequired);
        if (inner.length) out.push(Object.assign(base, { kind: 'group', fields: inner }));
        return;
      }
      if (type === 'array') {
        var items = prop.items || {};
        if (items.type === 'object') return; // lists of records: recorded by their own step
        var choices = spec.choices
          ? spec.choices(ctx)
          : items.enum
            ? items.enum.map(function (v?: Any) {
                return [v, optionLabel(path, v)];
              })
            : null;
        if (choices && !choices.length) {
          if (isRequired) out.push(Object.assign(base, { kind: 'fixed', value: [] }));
          return;
        }
        out.push(Object.assign(base, choices ? { kind: 'checkboxes', choices: choices } : { kind: 'list', max: items.maxLength }, { maxItems: prop.maxItems }));
        return;
      }
      if (type === 'boolean') {
        out.push(Object.assign(base, { kind: inSchema || spec.yesno ? 'yesno' : 'boolean', defaultValue: prop.default }));
        return;
      }
      if (type === 'integer' || type === 'number') {
        out.push(Object.assign(base, { kind: 'number', min: prop.minimum, max: prop.maximum, step: type === 'integer' ? 1 : 'any' }));
        return;
      }
      // A string.
      var values = spec.choices ? spec.choices(ctx) : null;
      if (values && !values.length) return;
      if (!values && prop.enum) {
        var only = spec.only ? spec.only(ctx) : null;
        var allowed = prop.enum.filter(function (v?: Any) {
          return !only || only.indexOf(v) >= 0;
        });
        if (!allowed.length) return;
        values = allowed.map(function (v?: Any) {
          return [v, optionLabel(path, v)];
        });
      }
      if (values) {
        out.push(Object.assign(base, { kind: 'select', choices: values, defaultValue: spec.preset ? spec.preset(ctx) : prop.default }));
        return;
      }
      var kind = spec.type || (prop.format === 'date' ? 'date' : prop.format === 'date-time' ? 'datetime' : prop.format === 'email' ? 'email' : prop.maxLength > 300 ? 'textarea' : 'text');
      out.push(Object.assign(base, { kind: kind, max: prop.maxLength, suggest: spec.suggest ? spec.suggest(ctx) : null, defaultValue: prop.default }));
    });
    return out;
  }

  // --- fields -> controls -------------------------------------------------------------------------
  function idOf(prefix?: Any, path?: Any) {
    return prefix + '-' + keyOf(path);
  }
  function requiredMark(f?: Any) {
    return f.required ? ' ' + t('required') : '';
  }
  /** The controls of the fields; values: what to show filled in ({ 'handler.email': ... }). */
  function controls(prefix?: Any, fields?: Any, values?: Any): Any[] {
    values = values || {};
    return fields.map(function (f?: Any) {
      var id = idOf(prefix, f.path);
      var errorId = id + '-error';
      var hintId = id + '-hint';
      var value = values[f.path] !== undefined ? values[f.path] : f.defaultValue;
      var hint = f.hint ? el('span', { class: 'hint', id: hintId }, f.hint) : '';
      var error = el('span', { class: 'error', id: errorId, hidden: true });
      if (f.kind === 'fixed') return '';
      if (f.kind === 'group') {
        return el(
          'fieldset',
          { id: id, 'data-field': f.path, 'data-kind': 'group', 'data-error-id': errorId },
          [el('legend', {}, f.label + requiredMark(f)), hint, error].concat(controls(prefix, f.fields, values)),
        );
      }
      if (f.kind === 'checkboxes' || f.kind === 'yesno') {
        var radio = f.kind !== 'checkboxes';
        var choices =
          f.kind === 'yesno'
            ? [
                ['true', t('yes')],
                ['false', t('no')],
              ]
            : f.choices;
        var chosen = f.kind === 'checkboxes' ? value || [] : value === undefined || value === null ? [] : [String(value)];
        return el(
          'fieldset',
          { id: id, 'data-field': f.path, 'data-kind': f.kind, 'data-error-id': errorId, 'aria-describedby': f.hint ? hintId : false },
          [el('legend', {}, f.label + requiredMark(f)), hint, error].concat(
            choices.map(function (o?: Any, i?: Any) {
              var oid = id + '-' + i;
              return el('div', { class: 'choice' }, [
                el('input', { type: radio ? 'radio' : 'checkbox', id: oid, name: f.path, value: o[0], checked: chosen.indexOf(String(o[0])) >= 0, required: radio && f.required }),
                el('label', { for: oid }, o[1]),
              ]);
            }),
          ),
        );
      }
      if (f.kind === 'boolean') {
        return el('div', { class: 'field' }, [
          error,
          el('div', { class: 'choice' }, [
            el('input', {
              type: 'checkbox',
              id: id,
              name: f.path,
              value: 'true',
              'data-field': f.path,
              'data-kind': 'boolean',
              checked: value === true,
              'aria-describedby': [f.hint ? hintId : '', errorId].join(' ').trim(),
            }),
            el('label', { for: id }, f.label),
          ]),
          hint,
        ]);
      }
      var common: Any = { id: id, name: f.path, 'data-field': f.path, 'data-kind': f.kind, required: f.required, 'aria-describedby': [f.hint ? hintId : '', errorId].join(' ').trim() };
      var control;
      var extra: Any = '';
      if (f.kind === 'select') {
        control = el(
          'select',
          common,
          [el('option', { value: '' }, f.required ? t('choose') : t('chooseNone'))].concat(
            f.choices.map(function (o?: Any) {
              return el('option', { value: o[0], selected: value !== undefined && String(value) === String(o[0]) }, o[1]);
            }),
          ),
        );
      } else if (f.kind === 'textarea') {
        control = el('textarea', Object.assign(common, { rows: 4, maxlength: f.max }));
        if (value) control.textContent = value;
      } else {
        common.type = f.kind === 'datetime' ? 'datetime-local' : f.kind === 'list' ? 'text' : f.kind;
        if (f.kind === 'number') {
          common.min = f.min;
          common.max = f.max;
          common.step = f.step;
          common.inputmode = 'numeric';
        }
        if (f.kind === 'text' || f.kind === 'email') common.maxlength = f.max;
        if (f.kind === 'email') common.autocomplete = 'off';
        if (value !== undefined && value !== null) common.value = f.kind === 'list' ? [].concat(value).join(', ') : f.kind === 'datetime' ? localInput(value) : value;
        if (f.suggest && f.suggest.length) {
          common.list = id + '-suggestions';
          extra = el(
            'datalist',
            { id: id + '-suggestions' },
            f.suggest.map(function (u?: Any) {
              return el('option', { value: u.email }, u.name);
            }),
          );
        }
        control = el('input', common);
      }
      return el('div', { class: 'field' }, [el('label', { for: id }, f.label + requiredMark(f)), hint, error, control, extra]);
    });
  }
  /** An ISO instant as a datetime-local value in the browser's zone. */
  function localInput(iso?: Any) {
    var d = new Date(iso);
    var p = function (n?: Any) {
      return String(n).padStart(2, '0');
    };
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes());
  }

  // --- controls -> body ---------------------------------------------------------------------------
  /** The JSON body of the fields: dotted paths nest; empty optional fields and groups are left out. */
  function read(form?: Any, fields?: Any) {
    var body: Any = {};
    fields.forEach(function (f?: Any) {
      var value = fieldValueOf(form, f);
      if (value !== undefined) body[f.name] = value;
    });
    return body;
  }
  function fieldValueOf(form?: Any, f?: Any): Any {
    if (f.kind === 'fixed') return f.value;
    if (f.kind === 'group') {
      var inner = read(form, f.fields);
      return Object.keys(inner).length || f.required ? inner : undefined;
    }
    if (f.kind === 'checkboxes') {
      var checked = Array.prototype.map.call(form.querySelectorAll('input[name="' + f.path + '"]:checked'), function (i?: Any) {
        return i.value;
      });
      return checked.length || f.required ? checked : undefined;
    }
    if (f.kind === 'yesno') {
      var c = form.querySelector('input[name="' + f.path + '"]:checked');
      return c ? c.value === 'true' : undefined;
    }
    var input = form.querySelector('[name="' + f.path + '"]');
    if (!input) return undefined;
    if (f.kind === 'boolean') return input.checked ? true : undefined;
    var value = String(input.value).trim();
    if (value === '') return undefined;
    if (f.kind === 'number') return Number(value);
    if (f.kind === 'list') return value.split(/[\s,;]+/).filter(Boolean);
    if (f.kind === 'datetime') {
      var d = new Date(value);
      return isNaN(d.getTime()) ? value : d.toISOString();
    }
    return value;
  }

  // --- errors -------------------------------------------------------------------------------------
  function clearErrors(form?: Any) {
    Array.prototype.forEach.call(form.querySelectorAll('.error'), function (e?: Any) {
      e.hidden = true;
      e.textContent = '';
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (e?: Any) {
      e.removeAttribute('aria-invalid');
    });
    var old = form.querySelector('.error-summary');
    if (old) old.remove();
  }
  /**
   * Shows what is wrong in the form: each problem at its field (the API's problems, or the
   * console's own [{ field, text }]), the rest at the top, in a summary that links to the fields
   * and takes focus.
   */
  function showErrors(form?: Any, result?: Any, own?: Any) {
    clearErrors(form);
    var general: Any[] = [];
    var links: Any[] = [];
    var problems = own || (result && result.data && result.data.problems) || [];
    problems.forEach(function (p?: Any) {
      var text = p.text || K.problemTextOf(p);
      var target = fieldNode(form, String(p.field || ''));
      if (!target) {
        general.push((p.field && p.field !== '(body)' ? p.field + ': ' : '') + text);
        return;
      }
      var errorId = target.getAttribute('data-error-id') || (target.getAttribute('aria-describedby') || '').split(' ').pop();
      var error = errorId && document.getElementById(errorId);
      if (error) {
        error.textContent = text;
        error.hidden = false;
      }
      var focusable = target.tagName === 'FIELDSET' ? target.querySelector('input, select, textarea') : target;
      if (focusable) focusable.setAttribute('aria-invalid', 'true');
      var labelNode = target.tagName === 'FIELDSET' ? target.querySelector('legend') : form.querySelector('label[for="' + target.id + '"]');
      var label = labelNode ? labelNode.textContent.replace(' ' + t('required'), '') : p.field;
      links.push(
        el(
          'li',
          {},
          el(
            'a',
            {
              href: '#' + (focusable ? focusable.id : target.id),
              'data-error-for': p.field,
              on: {
                click: function (e?: Any) {
                  e.preventDefault();
                  (focusable || target).focus();
                },
              },
            },
            label + ': ' + text,
          ),
        ),
      );
    });
    if (!problems.length && result) general.push(K.problemText(result));
    var summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1', 'data-error-summary': '' }, [
      el('h3', {}, t('errorTitle')),
      el(
        'ul',
        {},
        general
          .map(function (g?: Any) {
            return el('li', {}, g);
          })
          .concat(links),
      ),
    ]);
    form.insertBefore(summary, form.firstChild);
    summary.focus();
  }
  /** The control or fieldset of a problem's field: 'handler.email', 'categories.2' (its list), 'statedDates.x'. */
  function fieldNode(form?: Any, field?: Any): Any {
    var path = field;
    while (path) {
      var node = form.querySelector('[data-field="' + path + '"]');
      if (node) return node;
      if (path.indexOf('.') < 0) return null;
      path = path.slice(0, path.lastIndexOf('.'));
    }
    return null;
  }

  /**
   * A form from a schema: { form, fields, read() }. spec: { id (data-form and the controls' id
   * prefix), scope (the catalogue's words: a step id, 'intake', 'measure'), schema, ctx, values,
   * submit (words on the button), extra (nodes before the button), onSubmit(body, form) }.
   */
  function schemaForm(spec?: Any) {
    var fields = fieldsOf(spec.schema, spec.scope, spec.ctx || {});
    var button = el('button', { type: 'submit', 'data-action': 'submit' }, spec.submit);
    var form = el(
      'form',
      { novalidate: true, 'data-form': spec.id, 'data-scope': spec.scope },
      controls(spec.id, fields, spec.values).concat(spec.extra || [], [el('div', { class: 'actions' }, [button].concat(spec.buttons || []))]),
    );
    var handle = {
      form: form,
      fields: fields,
      read: function () {
        return read(form, fields);
      },
    };
    form.addEventListener('submit', function (e?: Any) {
      e.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      Promise.resolve(spec.onSubmit(handle.read(), form)).then(
        function () {
          button.disabled = false;
        },
        function (err?: Any) {
          button.disabled = false;
          K.ignoreHandled(err);
        },
      );
    });
    return handle;
  }

  Object.assign(K, {
    bodySchema: bodySchema,
    bodySchemas: bodySchemas,
    loadOpenApi: loadOpenApi,
    fieldsOf: fieldsOf,
    controls: controls,
    readFields: read,
    schemaForm: schemaForm,
    showErrors: showErrors,
    clearErrors: clearErrors,
    fieldLabel: fieldLabel,
    optionLabel: optionLabel,
  });
}
