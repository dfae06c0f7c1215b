import * as z from 'zod/mini';

z.config({ jitless: true });

/** The payload format this collector accepts. A different version is refused (422), not guessed at. */
export const EVENTS_FORMAT = 'edgeseg-events/1';

/** Limits: a batch beyond them is refused. */
export const PAYLOAD_LIMITS = { events: 100, arms: 64, goals: 64 } as const;

const id = z.string().check(z.minLength(1), z.maxLength(64));
const count = z.number().check(z.int(), z.gte(0), z.lte(1_000_000));

const ReportSchema = z.strictObject({
  id: z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/)),
  type: z.enum(['page_view']),
  hour: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/)),
  device: z.enum(['mobile', 'tablet', 'desktop', 'unknown']),
  bundleVersion: z.nullable(z.number().check(z.int(), z.gte(0))),
  segment: z.nullable(id),
  arms: z
    .array(z.strictObject({ experiment: id, arm: id, exposed: z.boolean() }))
    .check(z.minLength(1), z.maxLength(PAYLOAD_LIMITS.arms)),
  goals: z
    .array(
      z.strictObject({
        goal: id,
        converted: z.boolean(),
        count: z.optional(count),
        value: z.optional(z.number().check(z.gte(-1e12), z.lte(1e12))),
      }),
    )
    .check(z.maxLength(PAYLOAD_LIMITS.goals)),
  rr: z.optional(z.strictObject({ epsilon: z.number().check(z.gt(0), z.lte(10)) })),
  distanceBand: z.optional(z.number().check(z.int(), z.gte(0), z.lte(3))),
  vitals: z.optional(
    z.strictObject({
      lcp: z.optional(z.number().check(z.gte(0), z.lte(600_000))),
      cls: z.optional(z.number().check(z.gte(0), z.lte(100))),
      inp: z.optional(z.number().check(z.gte(0), z.lte(600_000))),
    }),
  ),
});

/** An `edgeseg-events/1` batch, as the beacon sends it. */
export const EventsPayloadSchema = z.strictObject({
  format: z.enum([EVENTS_FORMAT]),
  sentAt: z.string().check(z.maxLength(40)),
  events: z.array(ReportSchema).check(z.minLength(1), z.maxLength(PAYLOAD_LIMITS.events)),
});

/** A report as validated. */
export type Report = z.infer<typeof ReportSchema>;

/** The JSON Schema (draft 2020-12) of the payload, written to docs/events.schema.json by `npm run schema`. */
export function eventsJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://edgeseg.invalid/schemas/edgeseg-events-1.json',
    title: EVENTS_FORMAT,
    description:
      'A batch of page-view reports sent by the edgeseg beacon (docs/events-format.md). No identifier, no raw events. ' +
      'When `rr` is present, `converted` is a randomized-response bit with that ε and `count`/`value` are absent.',
    ...(z.toJSONSchema(EventsPayloadSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>),
  };
}
