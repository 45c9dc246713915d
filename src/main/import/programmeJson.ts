// Carnet's own JSON programme: the expedition, its visits and its lessons, as documented
// by docs/programme.schema.json (generated from the schemas below; a test keeps the two
// the same). Times: ISO 8601; a date alone is an all-day visit whose `end` is its last
// day, inclusive; a date-time without offset is read in expedition.timeZone (else the
// import's zone). Unknown keys are ignored. One invalid visit or lesson is left out with
// its reason; the rest is imported.
import { z } from 'zod';
import type { ImportPlan, PlannedLesson, PlannedVisit } from '../../shared/importPlan';
import { maxNestingDepth } from '../../shared/jsonDepth';
import { badFormat, LIMITS, tooMany } from './limits';
import { countItems, emptyPlan, issue, textOrNull, type ParseContext } from './plan';
import type { TextInput } from './readInput';
import { isValidTimeZone, parseIsoDateTime } from './zonedTime';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const speakerSchema = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.string().max(200).optional().describe('What the speaker does, e.g. "responsable innovation".'),
});

export const visitSchema = z
  .object({
    title: z.string().trim().min(1).max(500),
    organisation: z.string().max(500).nullish(),
    start: z
      .string()
      .regex(DATE_OR_DATE_TIME)
      .describe('"2024-11-20T09:15:00+01:00"; without offset, read in expedition.timeZone; a date alone makes an all-day visit.'),
    end: z.string().regex(DATE_OR_DATE_TIME).nullish().describe('Like start. For an all-day visit: its last day, inclusive.'),
    allDay: z.boolean().optional().describe('Whether the visit takes whole days; always true when start is a date alone.'),
    location: z.string().max(1000).nullish(),
    description: z.string().max(20_000).nullish(),
    speakers: z.array(speakerSchema).max(100).optional(),
  })
  .describe('One visit of the programme.');

const lessonObjectSchema = z.object({
  title: z.string().trim().min(1).max(500),
  description: z.string().max(LIMITS.maxLessonDescriptionChars).nullish(),
});

export const lessonSchema = z
  .union([z.string().trim().min(1).max(500), lessonObjectSchema])
  .describe('A cross-cutting lesson: its title alone, or its title and description.');

const expeditionSchema = z
  .object({
    title: z.string().max(500).nullish(),
    place: z.string().max(500).nullish(),
    timeZone: z.string().max(100).nullish().describe('IANA zone, e.g. "Europe/Paris": times without offset are read in it.'),
    startDate: z.string().regex(DATE).nullish(),
    endDate: z.string().regex(DATE).nullish(),
  })
  .describe('The expedition the programme is for.');

const header = {
  $schema: z.string().optional(),
  format: z.literal('carnet-programme').optional().describe('Marks the file as a Carnet programme.'),
  version: z.literal(1).optional(),
  expedition: expeditionSchema.optional(),
};

/** The whole document, as published in docs/programme.schema.json. */
export const programmeSchema = z
  .object({
    ...header,
    visits: z.array(visitSchema).max(LIMITS.maxVisits).optional(),
    lessons: z.array(lessonSchema).max(LIMITS.maxLessons).optional(),
  })
  .describe("Carnet's programme format: an expedition's visits and lessons.");

/** What is checked before the items, each of which is then checked on its own. */
const documentShape = z.object({
  ...header,
  visits: z.array(z.unknown()).optional(),
  lessons: z.array(z.unknown()).optional(),
});

export function programmeJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(programmeSchema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, title: 'Carnet programme', ...schema };
}

export function parseProgrammeJson(input: TextInput, context: ParseContext): ImportPlan {
  const plan = emptyPlan('json', input.encoding, input.name);
  const document = readDocument(input.text);
  const shape = documentShape.safeParse(document);
  if (!shape.success) throw badFormat(`This is not a Carnet programme: ${firstProblem(shape.error)}.`);
  const { expedition, visits = [], lessons = [] } = shape.data;
  if (visits.length === 0 && lessons.length === 0) throw badFormat('This JSON file holds no visits and no lessons: it is not a Carnet programme.');
  if (visits.length > LIMITS.maxVisits) throw tooMany('visits', LIMITS.maxVisits);
  if (lessons.length > LIMITS.maxLessons) throw tooMany('lessons', LIMITS.maxLessons);

  let timeZone = context.timeZone;
  const declaredZone = textOrNull(expedition?.timeZone);
  if (declaredZone && isValidTimeZone(declaredZone)) timeZone = declaredZone;
  else if (declaredZone) {
    plan.warnings.push(issue('unknownTimeZone', `Unknown time zone “${declaredZone}”: times were read in ${timeZone}.`, { zone: declaredZone, timeZone }));
  }
  if (expedition) {
    plan.expedition = {
      title: textOrNull(expedition.title),
      place: textOrNull(expedition.place),
      timeZone: declaredZone && isValidTimeZone(declaredZone) ? declaredZone : null,
      startDate: expedition.startDate ?? null,
      endDate: expedition.endDate ?? null,
    };
  }

  visits.forEach((raw, index) => {
    context.deadline.check();
    const parsed = visitSchema.safeParse(raw);
    const visit = parsed.success ? toVisit(parsed.data, timeZone) : firstProblem(parsed.error);
    if (typeof visit === 'string') plan.skipped.push(issue('skippedItem', `Visit ${index + 1} left out: ${visit}.`, { index: index + 1 }));
    else plan.visits.push(visit);
  });
  const seen = new Set<string>();
  lessons.forEach((raw, index) => {
    const parsed = lessonSchema.safeParse(raw);
    if (!parsed.success) {
      plan.skipped.push(issue('skippedItem', `Lesson ${index + 1} left out: ${firstProblem(parsed.error)}.`, { index: index + 1 }));
      return;
    }
    const lesson: PlannedLesson =
      typeof parsed.data === 'string'
        ? { title: parsed.data, description: null }
        : { title: parsed.data.title, description: textOrNull(parsed.data.description) };
    if (seen.has(lesson.title)) {
      plan.skipped.push(issue('duplicateItem', `Lesson “${lesson.title}” appears twice; the second was left out.`, { title: lesson.title }));
      return;
    }
    seen.add(lesson.title);
    plan.lessons.push(lesson);
  });
  plan.itemCount = countItems(plan);
  return plan;
}

/** JSON.parse, after making sure the nesting is shallow enough not to exhaust the stack. */
function readDocument(text: string): unknown {
  const depth = maxNestingDepth(text, LIMITS.maxJsonDepth);
  if (depth > LIMITS.maxJsonDepth) {
    throw badFormat(`The JSON is nested more than ${LIMITS.maxJsonDepth} levels deep.`, { limit: LIMITS.maxJsonDepth });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 160) : 'invalid JSON';
    throw badFormat(`The JSON is invalid or truncated: ${reason}.`);
  }
}

type ParsedVisit = z.infer<typeof visitSchema>;

function toVisit(data: ParsedVisit, timeZone: string): PlannedVisit | string {
  const start = parseIsoDateTime(data.start, timeZone);
  if (!start) return `its start “${data.start}” is not a valid date`;
  const end = data.end ? parseIsoDateTime(data.end, timeZone) : null;
  if (data.end && !end) return `its end “${data.end}” is not a valid date`;
  // A date alone cannot be a timed visit, whatever allDay says.
  const allDay = start.kind === 'date' || data.allDay === true;
  const startDate = start.kind === 'date' ? start.date : start.iso.slice(0, 10);
  const endDate = end ? (end.kind === 'date' ? end.date : end.iso.slice(0, 10)) : null;
  return {
    title: data.title,
    organisation: textOrNull(data.organisation),
    start: start.kind === 'dateTime' && !allDay ? start.iso : startDate,
    end: allDay ? (endDate && endDate > startDate ? endDate : startDate) : end?.kind === 'dateTime' ? end.iso : null,
    allDay,
    location: textOrNull(data.location),
    description: textOrNull(data.description),
    speakers: (data.speakers ?? []).map((speaker) => ({ name: speaker.name, role: speaker.role?.trim() ?? '' })),
  };
}

function firstProblem(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`.slice(0, 200);
}
