import * as z from 'zod'
import { AppInfo } from '../domain/app'
import { CheckPlan, CheckSiteInput, CloudCheck } from '../domain/check'
import { MAX_CHECK_SITES } from '../domain/check-summary'
import { Connection } from '../domain/connection'
import { AppNotice } from '../domain/notice'
import { DetectedProfile, ProfileSize } from '../domain/detected-profile'
import { PreflightReport } from '../domain/preflight'
import { Capabilities, Labels, Profile, ProfileDescription, ProfileName } from '../domain/profile'
import { ApiKey, ConnectionName, Id, ImportInput, NewConnectionInput, PackInput, ServiceUrl } from '../domain/requests'
import { Receipt } from '../domain/receipt'
import { RefreshPreview } from '../domain/refresh'
import { SiteRow } from '../domain/sites'
import { SuppliedSummary } from '../domain/supplied'
import { TransferJob, TransferProgress } from '../domain/transfer'
import { AppCommand, ReportPreview, UpdateState } from '../domain/update'
import { PorterErrorData } from '../error-data'
import type { EventChannel, InvokeChannel } from './channels'

export * from './channels'

interface InvokeSpec {
  input: z.ZodType
  output: z.ZodType
}

const none = z.undefined()
const nothing = z.null()
const onConnection = z.object({ connectionId: Id })

/**
 * Every request the renderer can make, as `namespace:method`, which becomes
 * `window.porter.namespace.method(input)`. Main parses `input` with the schema before any handler runs.
 */
export const invokeContract = {
  'app:getInfo': { input: none, output: AppInfo },
  'app:takeNotices': { input: none, output: z.array(AppNotice) },

  'connections:list': { input: none, output: z.array(Connection) },
  'connections:add': { input: NewConnectionInput, output: Connection },
  'connections:update': {
    input: z.object({ id: Id, name: ConnectionName.optional(), baseUrl: ServiceUrl.optional(), apiKey: ApiKey.optional() }),
    output: Connection
  },
  'connections:remove': { input: z.object({ id: Id }), output: nothing },
  'connections:test': {
    // A saved connection, as it is or with an address or key not saved yet; or a new one before it is added.
    input: z.union([
      z.object({ id: Id, baseUrl: ServiceUrl.optional(), apiKey: ApiKey.optional() }),
      NewConnectionInput.omit({ name: true })
    ]),
    output: z.object({ ok: z.boolean(), message: z.string(), profiles: z.number().optional() })
  },

  'profiles:list': { input: onConnection, output: z.object({ capabilities: Capabilities, profiles: z.array(Profile) }) },
  'profiles:createEmpty': {
    input: onConnection.extend({ name: ProfileName, description: ProfileDescription.optional() }),
    output: Profile
  },
  'profiles:delete': {
    input: onConnection.extend({ ids: z.array(Id).min(1).max(500) }),
    // `missing`: no such profile (already deleted, or a mistyped id): gone either way, but said.
    output: z.object({
      deleted: z.array(z.string()),
      missing: z.array(z.string()),
      failed: z.array(z.object({ id: z.string(), error: PorterErrorData }))
    })
  },
  'profiles:setDefault': { input: onConnection.extend({ id: Id, isDefault: z.boolean() }), output: Profile },
  'profiles:updateLabels': { input: onConnection.extend({ id: Id, labels: Labels }), output: Profile },
  'profiles:repair': { input: onConnection.extend({ id: Id }), output: Profile },

  'browsers:detect': { input: none, output: z.array(DetectedProfile) },
  'browsers:measure': { input: z.object({ ref: z.string().min(1).max(500) }), output: ProfileSize },
  'browsers:preflight': { input: onConnection.extend(PackInput.shape), output: PreflightReport },
  'browsers:sites': { input: z.object({ ref: z.string().min(1).max(500) }), output: z.array(SiteRow) },
  'browsers:readLive': { input: z.object({ ref: z.string().min(1).max(500) }), output: SuppliedSummary },
  'browsers:readCookieFile': { input: z.object({ ref: z.string().min(1).max(500) }), output: SuppliedSummary.nullable() },

  'transfers:startImport': { input: ImportInput, output: TransferJob },
  'transfers:startDownload': { input: onConnection.extend({ profileId: Id }), output: TransferJob.nullable() },
  'transfers:startRefresh': { input: onConnection.extend({ profileId: Id, requireSignIns: z.boolean().optional() }), output: TransferJob },
  'refresh:preview': { input: onConnection.extend({ profileId: Id }), output: RefreshPreview.nullable() },
  'receipts:list': { input: z.object({ connectionId: Id.optional(), profileId: Id.optional() }), output: z.array(Receipt) },
  'receipts:export': { input: z.object({ connectionId: Id.optional(), profileId: Id.optional() }), output: z.string().nullable() },
  'transfers:list': { input: none, output: z.array(TransferJob) },
  'transfers:cancel': { input: z.object({ jobId: Id }), output: nothing },
  'transfers:retry': { input: z.object({ jobId: Id }), output: TransferJob },
  'transfers:clear': { input: none, output: nothing },
  'transfers:showInFolder': { input: z.object({ jobId: Id }), output: nothing },
  'app:getUpdateState': { input: none, output: UpdateState },
  'app:restartToUpdate': { input: none, output: nothing },
  'app:previewReport': { input: none, output: ReportPreview },
  // The path the person chose, or null when they cancelled the save dialog.
  'app:saveReport': { input: z.object({ id: Id }), output: z.string().nullable() },
  'checks:plan': {
    // `sites`: the ones the person named (the CLI's --site); otherwise the upload's receipt decides.
    input: onConnection.extend({ profileId: Id, sites: z.array(CheckSiteInput).max(MAX_CHECK_SITES).optional() }),
    output: CheckPlan
  },
  'checks:start': {
    input: onConnection.extend({
      profileId: Id,
      sites: z
        .array(CheckSiteInput)
        .min(1, 'Choose at least one site to check.')
        .max(MAX_CHECK_SITES, `Check at most ${MAX_CHECK_SITES} sites at once.`),
      timeoutSeconds: z.number().int().min(30).max(900).optional()
    }),
    output: CloudCheck
  },
  'checks:stop': { input: z.object({ checkId: Id }), output: nothing },
  'checks:watchLive': { input: z.object({ checkId: Id }), output: nothing },
  'checks:list': { input: onConnection.extend({ profileId: Id.optional() }), output: z.array(CloudCheck) }
} as const satisfies { [C in InvokeChannel]: InvokeSpec }

/** Every event main pushes, as `namespace:event`; the renderer listens with `porter.namespace.onEvent`. */
export const eventContract = {
  'transfers:progress': TransferProgress,
  'transfers:updated': TransferJob,
  'app:updateChanged': UpdateState,
  'app:command': AppCommand,
  'checks:updated': CloudCheck
} as const satisfies { [E in EventChannel]: z.ZodType }

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>
