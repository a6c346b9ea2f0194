/**
 * The regulation format: one organisation's written complaint procedure as data.
 *
 * This file is the shape (zod); validate.ts adds the checks across fields (a milestone's role must
 * be a defined role, ...) and turns problems into 'path: what is wrong' lines. The reference for
 * people writing a tenant file is docs/regulation-format.md; keep the two in step.
 *
 * Every object is strict: an unknown field is an error, so a misspelt optional field
 * (`endDayrule: false`) cannot be silently ignored.
 */
import * as z from 'zod';
import { calendarSettingsSchema, isIsoDate, periodSchema, periodUnits } from '../calendar/index.ts';
import { CHANNEL_KINDS, CHANNEL_KIND_IDS, COMPLAINANT, EVENT_NAMES, INVOLVEMENT_IDS, LETTER_CONTENT_IDS, MODES, OUTCOME_IDS } from './vocabulary.ts';

// --- building blocks ---------------------------------------------------------------------------

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A name the file gives to something (a role, a milestone, a category): lower-case kebab-case. */
export const idSchema = z.string({ error: 'must be a kebab-case name' }).regex(KEBAB, { error: 'must be kebab-case (lower-case letters, digits and single hyphens), e.g. "substitute-coordinator"' });

export const isoDateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD (in YAML: quote it or write it plainly, 2026-01-31)' })
  .refine(isIsoDate, { error: 'must be a real calendar day written YYYY-MM-DD' });

const text = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });

/** Text in both languages the product speaks. */
export const localizedTextSchema = z.strictObject({ nl: text, en: text });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const emailSchema = z.email({ error: 'must be an e-mail address' });
const urlSchema = z.url({ protocol: /^https?$/, error: 'must be a web address starting with https:// or http://' });

/**
 * Where a rule comes from. `article` names the article or paragraph of the source text
 * ('art. 2.1', '§ 3', 'Werkwijze 1'); `text` quotes it briefly; `source` names another document
 * when the rule does not come from the regulation itself (a statute, the tenant's own decision).
 */
export const citationSchema = z.strictObject({
  article: text,
  text: text.optional(),
  source: text.optional(),
});
export type Citation = z.infer<typeof citationSchema>;

const PERIOD_SHORTHAND = /^(\d+)\s+(working-days?|business-days?|calendar-days?|weeks?|months?|years?)$/;
const PERIOD_HINT = "must be a period: 'same-day', '<n> working-days', '<n> calendar-days', '<n> weeks', '<n> months' or '<n> years' (or { unit, amount })";

/** Readable period strings ('5 working-days', '1 month', 'same-day') become the calendar's period objects. */
function periodFromShorthand(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const trimmed = input.trim();
  if (trimmed === 'same-day') return { unit: 'same-day', amount: 0 };
  const match = PERIOD_SHORTHAND.exec(trimmed);
  if (!match) return input; // left as a string: the object schema below rejects it with the hint
  const plural = match[2]!.endsWith('s') ? match[2]! : `${match[2]!}s`;
  // "Business days" (DISP, the CPC) are working days on the tenant's calendar.
  const unit = plural === 'business-days' ? 'working-days' : plural;
  return { unit, amount: Number(match[1]) };
}

/** A period of time, written '5 working-days' / '6 weeks' / '1 month' / 'same-day' or { unit, amount }. */
export const regulationPeriodSchema = z.preprocess(
  periodFromShorthand,
  z
    .strictObject(
      {
        unit: z.enum(periodUnits, { error: `must be one of: ${periodUnits.join(', ')}` }),
        amount: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be at least 0' }),
      },
      { error: PERIOD_HINT },
    )
    .pipe(periodSchema),
);

/** A period longer than zero: an extension, a rhythm. */
const positivePeriodSchema = regulationPeriodSchema.refine((p) => p.unit !== 'same-day' && p.amount > 0, { error: 'an extension must be a period longer than zero' });
const extensionLengthSchema = z.union([z.literal('open'), positivePeriodSchema]);

const eventSchema = z.enum(EVENT_NAMES, { error: `must be a known event (${EVENT_NAMES.join(', ')})` });

/**
 * An event of the vocabulary or one the regulation declares in `events:` (checked across fields,
 * validate.ts): what conditions, anchors and `metBy` name.
 */
const eventRefSchema = z.string({ error: 'must be an event name' }).regex(KEBAB, { error: 'must be an event name (kebab-case), e.g. "ruling-sent"' });

/**
 * What a period is counted from: an event ('received'), a stated date ('stated:learned-on') or
 * the moment another milestone was missed ('missed:final-response'). Checked across fields.
 */
export const anchorSchema = z
  .string({ error: 'must be an anchor: an event, stated:<date id> or missed:<milestone id>' })
  .regex(/^(?:stated:|missed:)?[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be an anchor: an event ("received"), "stated:<date id>" or "missed:<milestone id>"' });

// --- identity, organisation, calendar -------------------------------------------------------------

export const sourceSchema = z.strictObject({
  /** Title of the source document, as it reads. */
  title: text,
  /** The file or address the text was taken from. */
  file: text.optional(),
  /** Date on the document, if it carries one. */
  dated: isoDateSchema.optional(),
  /** Place and signatory, if the document names them. */
  place: text.optional(),
  signedBy: text.optional(),
  /** Anything a reader of the tenant file should know about the source (gaps, typos, assumptions). */
  note: text.optional(),
});

const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const organisationSchema = z.strictObject({
  name: text,
  /** From-address of every notice the system sends. */
  senderAddress: emailSchema,
  replyTo: emailSchema.optional(),
  website: urlSchema.optional(),
  /** Languages the organisation writes to complainants in; the first is the default. */
  languages: z
    .array(z.enum(LANGUAGES, { error: 'must be "nl" or "en"' }))
    .min(1, { error: 'must name at least one language' })
    .default(['nl', 'en']),
  timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as "Europe/Amsterdam"' }).default('Europe/Amsterdam'),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The tenant's working calendar (calendar/dutch-calendar.ts), strict so a misspelt switch is caught. */
export const regulationCalendarSchema = z.strictObject(calendarSettingsSchema.shape).prefault({});

/** What counts as a complaint, from whom, and why the procedure exists. */
export const scopeSchema = z.strictObject({
  definition: localizedTextSchema,
  /** Who may complain (client, commissioning party, supplier, ...): named here, used by conditions. */
  complainants: z.array(z.strictObject({ id: idSchema, label: localizedTextSchema })).min(1, { error: 'must name at least one kind of complainant' }),
  /** What complaints can be about. */
  subjects: localizedTextSchema.optional(),
  purpose: z.array(localizedTextSchema).default([]),
  citation: citationSchema,
});

// --- roles -------------------------------------------------------------------------------------

export const roleSchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  /** Who holds the role in this organisation ("de directeur"), when the text says. */
  holder: localizedTextSchema.optional(),
  /**
   * 'fixed': one person or mailbox for every complaint (needs `email` for notices).
   * 'per-complaint': a different person each time (the staff member concerned, the handler),
   * recorded on the complaint.
   */
  assignment: z.enum(['fixed', 'per-complaint']).default('fixed'),
  name: text.optional(),
  /** Where notices, reminders and escalations for this role go. */
  email: emailSchema.optional(),
  /** Independent of the staff a complaint can be about. */
  independent: z.boolean().default(false),
  /** Someone outside the organisation. */
  external: z.boolean().default(false),
  citation: citationSchema,
});
export type Role = z.infer<typeof roleSchema>;

const roleRef = idSchema;
/** A role, or the complainant (for notices). */
const partyRef = z.union([z.literal(COMPLAINANT), idSchema]);

/** Rules between roles. */
export const roleRuleSchema = z.discriminatedUnion(
  'rule',
  [
    /** The role is never held by one of these people for this complaint. */
    z.strictObject({
      rule: z.literal('never-involved'),
      role: roleRef,
      excludes: z.array(z.enum(INVOLVEMENT_IDS)).min(1),
      citation: citationSchema,
    }),
    /** When the role holder is involved in the complaint, a substitute takes over. */
    z.strictObject({
      rule: z.literal('substitute-when-involved'),
      role: roleRef,
      substitute: roleRef,
      appointedBy: roleRef.optional(),
      substituteMayBeExternal: z.boolean().default(false),
      citation: citationSchema,
    }),
    /** `role` hands the complaint to `assigns`; what about the assignee is recorded. */
    z.strictObject({
      rule: z.literal('assigns'),
      role: roleRef,
      assigns: roleRef,
      candidates: localizedTextSchema.optional(),
      records: z.array(z.enum(['name', 'function'])).default([]),
      citation: citationSchema,
    }),
    z.strictObject({
      rule: z.literal('may-be-assisted-by'),
      role: roleRef,
      assistants: z.array(roleRef).min(1),
      citation: citationSchema,
    }),
    z.strictObject({ rule: z.literal('final-responsibility'), role: roleRef, citation: citationSchema }),
    /** `role` keeps `informs` up to date on the handling. */
    z.strictObject({ rule: z.literal('keeps-informed'), role: roleRef, informs: roleRef, citation: citationSchema }),
  ],
  { error: 'rule must be one of: never-involved, substitute-when-involved, assigns, may-be-assisted-by, final-responsibility, keeps-informed' },
);
export type RoleRule = z.infer<typeof roleRuleSchema>;

// --- intake, categories, admissibility, routing, representation -------------------------------------

export const channelSchema = z
  .strictObject({
    id: idSchema,
    kind: z.enum(CHANNEL_KIND_IDS, { error: `must be one of: ${CHANNEL_KIND_IDS.join(', ')}` }),
    label: localizedTextSchema.optional(),
    /** Oral or written; defaults from the kind (phone and in person are oral). */
    mode: z.enum(MODES).optional(),
    address: emailSchema.optional(),
    url: urlSchema.optional(),
    /** The role that handles what comes in on this channel directly. */
    handledBy: roleRef.optional(),
    note: localizedTextSchema.optional(),
    citation: citationSchema,
  })
  .transform((channel) => ({ ...channel, mode: channel.mode ?? CHANNEL_KINDS[channel.kind].mode }));

export const intakeSchema = z.strictObject({
  channels: z.array(channelSchema).min(1, { error: 'must list at least one channel' }),
  /** Who may take a complaint in: any staff member, or one role. */
  receivedBy: z.union([z.literal('any-staff'), roleRef]),
  /** Who enters it in the register: the staff member who received it, or one role. */
  registeredBy: z.union([z.literal('receiver'), roleRef]),
  /** The form or system the complaint is recorded in, by its name in the text. */
  registrationForm: text.optional(),
  /** Where the paper original of a written complaint goes. */
  writtenOriginalTo: roleRef.optional(),
  /** The oral/written classification is recorded for every complaint; name who classifies, if the text does. */
  modeClassifiedBy: roleRef.optional(),
  citation: citationSchema,
});

/**
 * Before a complaint is registered, the staff member addressed tries to take the dissatisfaction
 * away; only what remains is a complaint.
 */
export const informalResolutionSchema = z.strictObject({
  by: z.union([z.literal('addressed-staff'), roleRef]),
  mayConsult: z.array(roleRef).default([]),
  /** Only a dissatisfaction that could not be taken away is registered as a complaint. */
  registerOnlyWhenUnresolved: z.boolean(),
  citation: citationSchema,
});

export const categorySchemeSchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  classifiedBy: roleRef,
  /** A complaint can be in several categories of this scheme at once. */
  multiple: z.boolean().default(false),
  required: z.boolean().default(false),
  categories: z
    .array(
      z.strictObject({
        id: idSchema,
        /** The text's own numbering (I, II, ...). */
        code: text.optional(),
        label: localizedTextSchema,
        /** Ids of an earlier version's categories this one takes the place of: the yearly report counts them as this one. */
        formerly: z.array(idSchema).default([]),
        citation: citationSchema.optional(),
      }),
    )
    .min(1),
  citation: citationSchema,
});

/** When something applies: every condition given must hold (a list holds when any of its items does). */
export interface Condition {
  /** Once this event has happened. */
  event?: string;
  categories?: string[];
  channels?: string[];
  complainants?: string[];
  /** Only when the complaint is filed on someone else's behalf. */
  representative?: boolean;
  /** Once these dates have been stated (any of them). */
  stated?: string[];
  /** The complaint was received outside this window (after it closed, or before it opened). */
  receivedOutside?: string;
  /** These milestones were met by their due date (any of them). */
  met?: string[];
  /** These milestones passed their due date unmet (any of them). */
  missed?: string[];
  /** The negation: holds when the inner condition does not. */
  not?: Condition;
  /** "Or": holds when any of these conditions holds. */
  anyOf?: Condition[];
}
const CONDITION_FIELDS = 'event, categories, channels, complainants, representative, stated, receivedOutside, met, missed, not, anyOf';
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      event: eventRefSchema.optional(),
      categories: z.array(idSchema).min(1).optional(),
      channels: z.array(idSchema).min(1).optional(),
      complainants: z.array(idSchema).min(1).optional(),
      representative: z.boolean().optional(),
      stated: z.array(idSchema).min(1).optional(),
      receivedOutside: idSchema.optional(),
      met: z.array(idSchema).min(1).optional(),
      missed: z.array(idSchema).min(1).optional(),
      not: conditionSchema.optional(),
      anyOf: z.array(conditionSchema).min(1).optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { error: `must give at least one condition (${CONDITION_FIELDS})` }),
);

export const admissibilitySchema = z.strictObject({
  decidedBy: roleRef.optional(),
  grounds: z
    .array(
      z
        .strictObject({
          id: idSchema,
          label: localizedTextSchema,
          /**
           * When the ground applies (a category, a complainant kind, a limitation window, an event
           * such as "already before a court"): it is proposed once this holds, and refused while it
           * does not, unless the ground is a judgement call.
           */
          when: conditionSchema.optional(),
          /**
           * A judgement call ("kennelijk onvoldoende"): staff may use it whether or not `when`
           * holds. Default: true for a ground without `when` (nothing to check), false otherwise.
           */
          judgement: z.boolean().optional(),
          referral: z
            .strictObject({
              label: localizedTextSchema,
              url: urlSchema.optional(),
              /** Give the referral at once, without a procedure: proposed as soon as the ground holds. */
              immediate: z.boolean().default(false),
              /** A role inside the organisation the complaint goes to instead (finance for billing): it is notified. */
              to: roleRef.optional(),
            })
            .optional(),
          citation: citationSchema,
        })
        .transform((ground) => ({ ...ground, judgement: ground.judgement ?? ground.when === undefined })),
    )
    .default([]),
});

export const routeSchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  when: conditionSchema,
  to: roleRef,
  /**
   * 'handled-by': the role handles such complaints;
   * 'may-contact-directly': the complainant may take them straight to the role;
   * 'informed': the role is told.
   * The role is notified in every case, once, when the route first applies.
   */
  effect: z.enum(['handled-by', 'may-contact-directly', 'informed']),
  /** Milestones the role becomes responsible for (their reminders and escalations go there). */
  responsibleFor: z.array(idSchema).default([]),
  citation: citationSchema,
});

/**
 * When a signed authorisation (machtiging) is needed: 'not-needed'; 'always' (for every complaint
 * filed on someone's behalf); 'on-request' (staff may ask for it: a step records the request); or
 * 'for-kinds' (only for the representative kinds named in `authorisationFor`).
 */
export const AUTHORISATION_MODES = ['not-needed', 'always', 'on-request', 'for-kinds'] as const;
/** How an authorisation may come: a signed document (a file), or a statement typed on the status page. */
export const AUTHORISATION_FORMS = ['signed-document', 'typed-statement'] as const;

export const representationSchema = z
  .strictObject({
    /** Someone may file for the person concerned. */
    onBehalfAllowed: z.boolean(),
    /** Shorthand: true = authorisation 'always', false = 'not-needed'. */
    authorisationRequired: z.boolean().optional(),
    authorisation: z.enum(AUTHORISATION_MODES, { error: `must be one of: ${AUTHORISATION_MODES.join(', ')}` }).optional(),
    /** Who may file for someone (a representative, a surviving relative, a parent): the intake records which. */
    kinds: z.array(z.strictObject({ id: idSchema, label: localizedTextSchema })).default([]),
    /** With authorisation 'for-kinds': the kinds that need one. */
    authorisationFor: z.array(idSchema).default([]),
    /**
     * With 'on-request': what follows when the requested authorisation does not come in its term
     * (a milestone anchored on authorisation-requested and met by authorisation-received gives the
     * term; a ground with `when: { missed: [that milestone] }` makes it not admissible).
     */
    whenMissing: localizedTextSchema.optional(),
    /** The deadlines wait until the authorisation arrives. */
    pausesClock: z.boolean().default(false),
    /**
     * What counts as the authorisation: a signed document (sent as a file: PDF or photo) and, where
     * the text does not ask for a signature, a statement typed on the status page.
     */
    acceptedAuthorisation: z
      .array(z.enum(AUTHORISATION_FORMS, { error: `must be one of: ${AUTHORISATION_FORMS.join(', ')}` }))
      .min(1, { error: 'must name at least one form of authorisation' })
      .default([...AUTHORISATION_FORMS]),
    citation: citationSchema,
  })
  .transform(({ authorisationRequired, authorisation, ...r }) => {
    const mode = authorisation ?? (authorisationRequired ? 'always' : 'not-needed');
    // authorisationRequired stays as the plain question "can an authorisation be outstanding?".
    return { ...r, authorisation: mode, authorisationRequired: mode !== 'not-needed' };
  });

// --- handling ----------------------------------------------------------------------------------

/** Why a required hearing may be left out (Awb 9:10 lid 2): the complainant waived it, the complaint is clearly unfounded, no reply within the term set. */
export const HEARING_EXCEPTIONS = ['waived', 'clearly-unfounded', 'no-reply'] as const;

const contactVia = z.enum(['phone', 'in-person', 'written', 'email']);

export const investigationSchema = z.strictObject({
  by: roleRef,
  /** Hoor en wederhoor: the complainant and the people concerned are both heard. */
  hearBothSides: z.boolean(),
  contactComplainant: z.strictObject({ via: z.array(contactVia).min(1), purpose: localizedTextSchema.optional(), promptly: z.boolean().default(false) }).optional(),
  /** The people concerned give their reaction; how it is recorded. */
  subjectStatement: z.strictObject({ inWriting: z.boolean(), agreedBySubject: z.boolean().default(false) }).optional(),
  /** The people concerned are told how the complaint is handled further. */
  informSubject: z.boolean().default(false),
  criteria: localizedTextSchema.optional(),
  /** Who must be heard before the decision, and when that may be dispensed with. */
  hearing: z
    .strictObject({
      /** 'complainant', 'both' (the complainant and the person complained about) or 'on-request' (only when asked). */
      required: z.enum(['complainant', 'both', 'on-request']),
      /** Recorded with a reason (hearing-dispensed), each lets the decision go ahead without the hearing. */
      exceptions: z.array(z.enum(HEARING_EXCEPTIONS)).default([]),
      /** A report (verslag) of the hearing goes into the file. */
      report: z.boolean().default(false),
      citation: citationSchema,
    })
    .optional(),
  citation: citationSchema,
});

export const resolutionSchema = z.strictObject({
  /** Who decides whether the complaint is founded and what is offered. */
  decidedBy: roleRef,
  criteria: localizedTextSchema.optional(),
  mayConsult: z.array(roleRef).default([]),
  remedies: z.array(z.strictObject({ id: idSchema, label: localizedTextSchema, citation: citationSchema.optional() })).default([]),
  offer: z
    .strictObject({
      via: z.array(contactVia).min(1).optional(),
      writtenConfirmation: z.enum(['always', 'if-possible', 'none']).default('none'),
      /** The offer and the complainant's reaction are recorded. */
      recordResponse: z.boolean().default(false),
      citation: citationSchema,
    })
    .optional(),
  /** Who sees to it that what was agreed with the complainant is done. */
  followUpBy: roleRef.optional(),
  /**
   * An advisory committee advises the decision-maker: the decision says whether it follows the
   * advice, a deviation gives its reasons (and encloses the advice where `encloseAdvice`).
   */
  advice: z
    .strictObject({
      by: roleRef,
      /** The event that records the advice (a regulation event, e.g. "advice-received"). */
      recordedAs: eventRefSchema.optional(),
      encloseAdvice: z.boolean().default(false),
      citation: citationSchema,
    })
    .optional(),
  /** The outcome goes in writing, or on request is discussed in a meeting first and then confirmed in writing. */
  delivery: z.enum(['in-writing', 'meeting-on-request']).default('in-writing'),
  citation: citationSchema,
});

/** Withdrawal: at any time, or only until the hearing and afterwards with the other party's consent. */
export const withdrawalSchema = z.strictObject({
  allowed: z.enum(['any-time', 'until-hearing']),
  /** After the hearing (with 'until-hearing'): only with the organisation's recorded consent, or not at all. */
  afterwards: z.enum(['with-consent', 'never']).default('with-consent'),
  citation: citationSchema,
});

export const outcomeSchema = z.strictObject({
  id: z.enum(OUTCOME_IDS, { error: `must be one of: ${OUTCOME_IDS.join(', ')}` }),
  /** Overrides the standard wording. */
  label: localizedTextSchema.optional(),
  /** What the letter must contain for this outcome. */
  requires: z.array(z.enum(LETTER_CONTENT_IDS)).default([]),
  citation: citationSchema,
});

export const measuresSchema = z.strictObject({
  corrective: z.boolean(),
  preventive: z.boolean(),
  decidedBy: roleRef,
  /** Measures are recorded in the register. */
  recorded: z.boolean().default(true),
  consult: localizedTextSchema.optional(),
  citation: citationSchema,
});

export const noticeSchema = z.strictObject({
  id: idSchema,
  to: z.array(partyRef).min(1),
  /** Who sends it: a role, or 'system' for an automatic message. */
  from: z.union([z.literal('system'), roleRef]),
  /** The event on which it is sent (automatic notices) or after which it is due. */
  trigger: eventRefSchema.optional(),
  /** The event sending it records. */
  records: eventSchema.optional(),
  written: z.boolean().default(true),
  /** Send it only where it can be done ("zo mogelijk schriftelijk bevestigd"). */
  optional: z.boolean().default(false),
  contents: z.array(z.enum(LETTER_CONTENT_IDS, { error: `must be one of: ${LETTER_CONTENT_IDS.join(', ')}` })).default([]),
  /** Wording the regulation prescribes, printed as it stands (DISP Annex 3, "u kunt binnen zes weken ..."). */
  paragraphs: z.array(localizedTextSchema).default([]),
  /** What must go with the letter (a leaflet, the committee's advice), listed in it. */
  enclosures: z.array(z.strictObject({ label: localizedTextSchema, url: urlSchema.optional() })).default([]),
  citation: citationSchema,
});

/** An obligation without a deadline of its own ("neemt zo spoedig mogelijk contact op"). */
export const dutySchema = z.strictObject({
  id: idSchema,
  role: z.union([z.literal('any-staff'), roleRef]),
  label: localizedTextSchema,
  trigger: eventSchema.optional(),
  records: eventSchema.optional(),
  citation: citationSchema,
});

/** 'uiterlijk' (a limit that is breached when missed) or 'streven' (an aim, missed without breach). */
export const MILESTONE_KINDS = ['hard', 'target'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** "Verlenging met ten hoogste vier weken", "once", "further only with the complainant's consent". */
export const extensionPolicySchema = z.strictObject({
  /** How many extensions may be given: a number, or 'unlimited'. */
  times: z.union([z.number().int().min(1), z.literal('unlimited')]).default(1),
  /** How long each may be: a period, or 'open' (any new date, with reasons). */
  upTo: extensionLengthSchema,
  /** All extensions together at most this long. */
  total: positivePeriodSchema.optional(),
  /** Beyond `times`: further extensions only with the complainant's recorded consent. */
  further: z
    .strictObject({
      /** 'written': only a written consent counts; 'any': written or oral. */
      consent: z.enum(['written', 'any']).default('any'),
      times: z.union([z.number().int().min(1), z.literal('unlimited')]).default('unlimited'),
      upTo: extensionLengthSchema.default('open'),
      citation: citationSchema.optional(),
    })
    .optional(),
  /** Who is told, and how long before the current due date the notice must go out (default: by the due date). */
  notice: z
    .strictObject({
      to: z.array(partyRef).min(1).default([COMPLAINANT]),
      lead: regulationPeriodSchema.optional(),
      citation: citationSchema.optional(),
    })
    .prefault({}),
  /** May an extension still be given once the term has passed? Default: no (refused with the article). */
  afterDue: z.boolean().default(false),
  citation: citationSchema.optional(),
});
export type ExtensionPolicy = z.infer<typeof extensionPolicySchema>;

/** A duty that recurs: "at least weekly", "every 20 business days until the final response". */
export const recurrenceSchema = z.strictObject({
  every: regulationPeriodSchema,
  /**
   * 'since-last': each occurrence is counted from the day the previous one was met (or fell due);
   * 'fixed': on a fixed rhythm from the anchor, whenever the updates were sent.
   */
  rhythm: z.enum(['since-last', 'fixed']).default('since-last'),
  /** Events that end the series (besides the end of the complaint). */
  until: z.array(eventRefSchema).default([]),
});

export const milestoneSchema = z
  .strictObject({
    id: idSchema,
    label: localizedTextSchema,
    /** 'hard' (default): a limit, a breach when missed; 'target': an aim, missed without breach. */
    kind: z.enum(MILESTONE_KINDS, { error: 'must be "hard" or "target"' }).default('hard'),
    responsibleRole: roleRef,
    /** What the period is counted from (that day itself not counted): an event, stated:<id> or missed:<milestone>. */
    anchor: anchorSchema,
    period: regulationPeriodSchema,
    /** Another period when a condition holds (a committee handles it, a category has its own term); the first that holds wins. */
    variants: z.array(z.strictObject({ when: conditionSchema, period: regulationPeriodSchema, citation: citationSchema.optional() })).default([]),
    /** The event (or any of the events) that fulfils the milestone. */
    metBy: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(eventRefSchema).min(1, { error: 'must name at least one event' })),
    /** Without it the milestone opens whenever its anchor happens. */
    appliesWhen: conditionSchema.optional(),
    /** The milestone does not apply while this holds (and is cancelled once it does). */
    unless: conditionSchema.optional(),
    /** Atw art. 1: an end on a weekend day or holiday moves to the next working day. */
    endDayRule: z.boolean().default(true),
    /** Remind the responsible role this many working days before the due day. */
    reminderLeadWorkingDays: z.number().int().min(1).optional(),
    /** Who is told when the milestone is missed (for a target: escalated only when given). */
    escalationRole: roleRef.optional(),
    /** Shorthand for `extension: { times: 1, upTo: <period> }`. */
    maxExtension: positivePeriodSchema.optional(),
    /** How the due date may be extended. */
    extension: extensionPolicySchema.optional(),
    /** The duty recurs until the complaint ends (or an `until` event). */
    recurring: recurrenceSchema.optional(),
    citation: citationSchema,
  })
  .transform(({ maxExtension, ...m }) => {
    // One place reads the extension rules: the shorthand becomes the policy it stands for.
    const extension: ExtensionPolicy | undefined = m.extension ?? (maxExtension ? { times: 1, upTo: maxExtension, notice: { to: [COMPLAINANT] }, afterDue: false } : undefined);
    return { ...m, ...(extension ? { extension } : {}) };
  });
export type Milestone = z.infer<typeof milestoneSchema>;

/**
 * A moment built from anchors: an anchor itself, a period after one, or the earliest/latest of
 * several ("within 1 year after the complaint or 3 months after the answer, whichever is later").
 */
export type Moment = string | { from: string | Moment; period: z.output<typeof regulationPeriodSchema>; endDayRule: boolean } | { earliest: Moment[] } | { latest: Moment[] };
export const momentSchema: z.ZodType<Moment, unknown> = z.lazy(() =>
  z.union([
    anchorSchema,
    // `from` may itself be a moment: "90 days after the end of the year after the decision".
    z.strictObject({ from: z.union([anchorSchema, momentSchema]), period: regulationPeriodSchema, endDayRule: z.boolean().default(true) }),
    z.strictObject({ earliest: z.array(momentSchema).min(2, { error: 'must combine at least two moments' }) }),
    z.strictObject({ latest: z.array(momentSchema).min(2, { error: 'must combine at least two moments' }) }),
  ]),
) as z.ZodType<Moment, unknown>;

export const WINDOW_PURPOSES = ['complaint', 'objection', 'external-complaint', 'appeal', 'authorisation'] as const;

/**
 * A period someone may act in (complain, object, go to the external body): it opens at a moment
 * and closes at another. `anchor` + `period` is the simple form (opens at the anchor, closes a
 * period later).
 */
export const windowSchema = z
  .strictObject({
    id: idSchema,
    label: localizedTextSchema,
    /** What can be done in it: complain at all (a limitation), object, go to an external body, appeal. */
    for: z.enum(WINDOW_PURPOSES, { error: `must be one of: ${WINDOW_PURPOSES.join(', ')}` }),
    anchor: anchorSchema.optional(),
    period: regulationPeriodSchema.optional(),
    /** When it opens; default: at the anchor (or at once). */
    opens: momentSchema.optional(),
    /** When it closes (the last day); default: the anchor + period. */
    closes: momentSchema.optional(),
    endDayRule: z.boolean().default(true),
    inWriting: z.boolean().default(false),
    addressedTo: roleRef.optional(),
    /** The external body it leads to, when the regulation names it. */
    body: text.optional(),
    /** Another closing when a condition holds (the first that holds wins): "+90 days when the insurer did not refer". */
    variants: z.array(z.strictObject({ when: conditionSchema, closes: momentSchema, citation: citationSchema.optional() })).default([]),
    /** Events that keep the window open (the firm consented to waive the time limit). */
    heldOpenBy: z.array(eventRefSchema).default([]),
    /** The window exists only when this holds (an appeal only above an amount: a category or an event says so). */
    appliesWhen: conditionSchema.optional(),
    citation: citationSchema,
  })
  .superRefine((w, ctx) => {
    if (w.closes === undefined && w.opens === undefined && (w.anchor === undefined || w.period === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: 'give anchor and period, or opens and/or closes (moments); a window without closes stays open once it opens' });
    }
    if (w.period !== undefined && w.anchor === undefined) ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'required with period' });
  })
  .transform(({ anchor, period, opens, closes, ...w }) => ({
    ...w,
    ...(anchor !== undefined ? { anchor } : {}),
    ...(period !== undefined ? { period } : {}),
    ...(opens !== undefined ? { opens } : anchor !== undefined ? { opens: anchor } : {}),
    ...(closes !== undefined ? { closes } : anchor !== undefined && period !== undefined ? { closes: { from: anchor, period, endDayRule: w.endDayRule } as Moment } : {}),
  }));

export const objectionSchema = z.strictObject({
  /**
   * 'objection': a formal objection against the decision;
   * 'complaint-about-handling': a complaint that the complaint was not handled properly.
   */
  kind: z.enum(['objection', 'complaint-about-handling']),
  to: roleRef,
  decidedBy: roleRef,
  inWriting: z.boolean(),
  /** The complainant is invited to explain the objection in person. */
  hearing: z.enum(['invited', 'on-request', 'none']),
  citation: citationSchema,
});

const externalBodySchema = z.strictObject({
  name: text,
  description: localizedTextSchema.optional(),
  website: urlSchema.optional(),
  /** The body's public contact address, given to complainants; the system never mails it. */
  email: emailSchema.optional(),
});

const moneySchema = z.strictObject({
  amount: z.number({ error: 'must be an amount' }).min(0, { error: 'must be at least 0' }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be a currency code such as "EUR"' })
    .default('EUR'),
});
export type Money = z.infer<typeof moneySchema>;

/** Where a stage after the internal one opens from. */
export const TIER_AFTER = ['answer', 'objection', 'previous-tier', 'any-time'] as const;

/**
 * One stage after the internal handling: a disputes committee, an ombudsman, an appeal body, the
 * civil court. Tiers are listed in order; the letters that end a stage print the next one.
 */
export const externalTierSchema = z.strictObject({
  id: idSchema,
  body: externalBodySchema,
  /** Who may go there, for which categories or complainant kinds (default: everyone). */
  when: conditionSchema.optional(),
  opens: z
    .strictObject({
      /**
       * 'answer': once the organisation answered (or refused the complaint); 'objection': after the
       * internal objection was decided; 'previous-tier': after the tier before it; 'any-time'.
       */
      after: z.enum(TIER_AFTER, { error: `must be one of: ${TIER_AFTER.join(', ')}` }).default('answer'),
      /** Also open directly when this holds (the internal stage missed its term: `missed: [...]`). */
      directlyWhen: conditionSchema.optional(),
      /** Other circumstances the text names in which it may be used directly. */
      specialCircumstances: localizedTextSchema.optional(),
    })
    .prefault({}),
  /** The filing window (a window of `windows:`, for external-complaint or appeal): its closing date is printed. */
  window: idSchema.optional(),
  /** A fee; amount 0 means free. */
  fee: z
    .strictObject({
      amount: moneySchema,
      /** 'if-upheld': refunded by the organisation when the complainant is proved right. */
      refund: z.enum(['none', 'if-upheld', 'partly']).default('none'),
      note: localizedTextSchema.optional(),
    })
    .optional(),
  /** 'binding' (bindend advies), 'binding-for-organisation' (binding on the organisation only), 'advisory', 'mediation', 'report' (an ombudsman's report). */
  decision: z.enum(['binding', 'binding-for-organisation', 'advisory', 'mediation', 'report']).optional(),
  /** The most it can award. */
  awardCap: moneySchema.optional(),
  /** Only above this amount at stake. */
  minimumAmount: moneySchema.optional(),
  /**
   * Whether both parties must agree to go there at that time, and what follows when they do not
   * (the organisation may go to court; the complainant's choice binds the organisation).
   */
  consent: z
    .strictObject({
      required: z.enum(['organisation-bound-by-complainant', 'both-parties']),
      fallback: localizedTextSchema.optional(),
    })
    .optional(),
  citation: citationSchema,
});
export type ExternalTier = z.infer<typeof externalTierSchema>;

export const externalSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none'), citation: citationSchema.optional() }),
    z.strictObject({
      kind: z.literal('fixed'),
      /** What must come first: the internal handling, or the internal objection too. */
      after: z.enum(['handling', 'objection']),
      body: externalBodySchema,
      /** Its filing window (a window of `windows:`). */
      window: idSchema.optional(),
      citation: citationSchema,
    }),
    z.strictObject({
      kind: z.literal('chosen-per-complaint'),
      after: z.enum(['handling', 'objection']),
      /** Who picks the body: the complainant (their own commissioning party) or a role. */
      chosenBy: z.union([z.literal(COMPLAINANT), roleRef]),
      /** Examples the text gives. */
      options: z.array(z.strictObject({ id: idSchema, label: localizedTextSchema })).default([]),
      /** Only these complainants have the route. */
      complainants: z.array(idSchema).min(1).optional(),
      /** Only when needed (the organisation decides), not as of right. */
      ifNeeded: z.boolean().default(false),
      /** Its filing window (a window of `windows:`). */
      window: idSchema.optional(),
      citation: citationSchema,
    }),
    /** Several stages in order (complaints officer -> disputes committee -> appeal -> court). */
    z.strictObject({
      kind: z.literal('tiers'),
      tiers: z.array(externalTierSchema).min(1, { error: 'must list at least one tier' }),
      citation: citationSchema.optional(),
    }),
  ],
  { error: 'kind must be one of: none, fixed, chosen-per-complaint, tiers' },
);

export const signOffSchema = z.strictObject({
  when: z.enum(['resolved-satisfactorily', 'always']),
  /** Roles, or 'complainant' (their signature is recorded by staff). */
  by: z.array(partyRef).min(1),
  document: text,
  citation: citationSchema,
});

export const satisfactionCheckSchema = z.strictObject({
  by: roleRef,
  /** The event at which satisfaction is checked. */
  at: eventSchema,
  via: z.array(contactVia).min(1),
  citation: citationSchema,
});

export const reportingSchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  cadence: z.enum(['continuous', 'periodic', 'yearly']),
  by: z.union([z.literal('organisation'), roleRef]),
  /** What it covers or leads to. */
  covers: z.array(localizedTextSchema).default([]),
  citation: citationSchema,
});

export const retentionSchema = z.strictObject({
  /** How long a complaint file is kept after `after`. */
  keep: regulationPeriodSchema,
  after: eventRefSchema.default('closed'),
  /** Or earlier: once one of these events has happened (and the complaint is final), "or when the student completes the course". */
  orOnceAnyOf: z.array(eventRefSchema).default([]),
  reason: localizedTextSchema,
  /** Anonymised statistics are kept longer: 'indefinite' or a period. */
  anonymisedStatistics: z.union([z.literal('indefinite'), regulationPeriodSchema]).default('indefinite'),
  /** A file under a pending dispute is not deleted. */
  legalHold: z.boolean().default(true),
  archivedBy: roleRef.optional(),
  archive: localizedTextSchema.optional(),
  citation: citationSchema.optional(),
});

/**
 * The complainant's private status link (docs/api.md): how long it keeps working after the
 * complaint became final (withdrawn, closed, ...), counted to the end of that local day. Not in
 * any regulation text: a product setting per tenant, with a default.
 */
export const statusLinkSchema = z
  .strictObject({
    expiresAfter: regulationPeriodSchema.refine((p) => p.unit !== 'same-day' && p.amount > 0, { error: 'must be a period longer than zero' }).default({ unit: 'months', amount: 12 }),
  })
  .prefault({});

export const publicationSchema = z.strictObject({
  website: z.boolean(),
  internal: z.boolean(),
  /** Staff tell clients the regulation exists and how to complain. */
  staffPointClientsToIt: z.boolean().default(false),
  citation: citationSchema,
});

function customEventSchema() {
  return z.strictObject({
    id: idSchema,
    label: localizedTextSchema,
    /** Roles that may record it (default: the coordinator and the investigators). */
    recordedBy: z.array(roleRef).default([]),
    citation: citationSchema,
  });
}

function statedDateSchema() {
  return z.strictObject({
    id: idSchema,
    label: localizedTextSchema,
    /** Who may state it: the complainant (form, status page) and/or staff. */
    statedBy: z
      .array(z.enum(['complainant', 'staff']))
      .min(1)
      .default(['complainant', 'staff']),
    citation: citationSchema.optional(),
  });
}

/** A clause with no system effect, kept so the file covers the whole text. */
export const noteSchema = z.strictObject({ id: idSchema, text: localizedTextSchema, citation: citationSchema });

// --- the regulation ------------------------------------------------------------------------------

export const regulationShape = {
  /** Tenant id: kebab-case, equal to the file name. */
  id: idSchema,
  /** Version of this regulation; a complaint keeps the version it was received under. */
  version: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text),
  effectiveFrom: isoDateSchema,
  /** Id of the regulation this one replaces, if any. */
  supersedes: idSchema.optional(),
  source: sourceSchema,
  organisation: organisationSchema,
  calendar: regulationCalendarSchema,
  /** Events of this regulation beyond the vocabulary ("klachtencommissie ingeschakeld"), recorded by staff. */
  events: z.array(customEventSchema()).default([]),
  /** Dates people state about a complaint (when they learned of it, an outside decision), beyond occurred-on. */
  statedDates: z.array(statedDateSchema()).default([]),
  scope: scopeSchema,
  roles: z.array(roleSchema).min(1, { error: 'must define at least the coordinator role' }),
  roleRules: z.array(roleRuleSchema).default([]),
  intake: intakeSchema,
  informalResolution: informalResolutionSchema.optional(),
  categorySchemes: z.array(categorySchemeSchema).default([]),
  admissibility: admissibilitySchema.prefault({}),
  routing: z.array(routeSchema).default([]),
  representation: representationSchema.optional(),
  confidentiality: z.strictObject({ required: z.boolean(), citation: citationSchema }).optional(),
  investigation: investigationSchema.optional(),
  resolution: resolutionSchema.optional(),
  outcomes: z.array(outcomeSchema).min(1, { error: 'must list at least one outcome' }),
  measures: measuresSchema.optional(),
  notices: z.array(noticeSchema).default([]),
  duties: z.array(dutySchema).default([]),
  milestones: z.array(milestoneSchema).default([]),
  windows: z.array(windowSchema).default([]),
  objection: objectionSchema.optional(),
  withdrawal: withdrawalSchema.optional(),
  external: externalSchema,
  signOff: signOffSchema.optional(),
  satisfactionCheck: satisfactionCheckSchema.optional(),
  reporting: z.array(reportingSchema).default([]),
  retention: retentionSchema,
  statusLink: statusLinkSchema,
  publication: publicationSchema.optional(),
  notes: z.array(noteSchema).default([]),
};

/**
 * The structure of a regulation file, without the checks across fields: use regulationSchema or
 * parseRegulation (validate.ts), which add them.
 */
export const regulationStructureSchema = z.strictObject(regulationShape);

export type Regulation = z.output<typeof regulationStructureSchema>;
export type RegulationInput = z.input<typeof regulationStructureSchema>;
export type Channel = Regulation['intake']['channels'][number];
export type Notice = Regulation['notices'][number];
export type Window = Regulation['windows'][number];
export type CustomEvent = Regulation['events'][number];
export type StatedDate = Regulation['statedDates'][number];
export type External = Regulation['external'];
