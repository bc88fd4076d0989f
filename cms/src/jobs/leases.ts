import { randomBytes } from 'node:crypto'
import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'
import { readEnv } from '../lib/env.ts'
import { recordInterruptedSiteBuild } from '../siteBuild/task.ts'
import { inOwnTransaction } from '../db/ownTransaction.ts'
import { postgres } from '../db/postgres.ts'
import { transactionDb } from '../db/transaction.ts'

/**
 * Payload marks a job `processing` when a runner claims it and clears the flag when the job ends;
 * a runner that dies in between (crash, SIGKILL, a lost database) leaves the job claimed forever
 * (payload#17645). Here a running job holds a lease instead: it touches its row every few seconds,
 * and a job whose row went quiet for JOB_LEASE_MS is released, its lost attempt counted as failed.
 */

export const leaseMs = (): number => readEnv().JOB_LEASE_MS

/** Several heartbeats fit into one lease, so one slow or failed update never loses it. */
const heartbeatMs = (lease: number) => Math.min(15_000, Math.floor(lease / 4))

/**
 * Touches the job's row until the returned function is called. Each touch is its own statement on
 * the pool, outside any transaction, so sweepers of other CMS instances see it at once. Only a row
 * still claimed is touched: a released job is not taken back.
 */
export function keepLease(payload: Payload, jobId: number | string, lease = leaseMs()): () => void {
  const touch = async () => {
    const result = await postgres(payload).drizzle.execute(
      sql`UPDATE payload_jobs SET updated_at = now() WHERE id = ${Number(jobId)} AND processing`,
    )
    if (!result.rowCount)
      payload.logger.warn(`job ${jobId}: its lease was lost (released as abandoned); it may run twice`)
  }
  const timer = setInterval(
    () => touch().catch((error) => payload.logger.warn(`job ${jobId}: heartbeat failed: ${(error as Error).message}`)),
    heartbeatMs(lease),
  )
  timer.unref()
  return () => clearInterval(timer)
}

type Handler = (args: { job: { id: number | string }; req: PayloadRequest }) => unknown

/** The task with a heartbeat around its handler. */
export function withLease<T extends { handler: unknown }>(task: T): T {
  const handler = task.handler
  if (typeof handler !== 'function') return task
  const leased: Handler = async (args) => {
    const release = keepLease(args.req.payload, args.job.id)
    try {
      return await (handler as Handler)(args)
    } finally {
      release()
    }
  }
  return { ...task, handler: leased }
}

type Retries = { attempts?: number; backoff?: { type: 'exponential' | 'fixed'; delay?: number } }
type Job = {
  id: number
  taskSlug?: string | null
  input?: unknown
  totalTried?: number | null
  waitUntil?: string | null
  log?: { taskSlug: string; taskID: string }[] | null
}
export type ReleasedJob = { id: number; taskSlug: string | null; final: boolean }

const normalise = (retries: unknown): Retries =>
  typeof retries === 'number' ? { attempts: retries } : ((retries ?? {}) as Retries)

/** Payload's own rule (handleTaskError, calculateBackoffWaitUntil) for when a failed attempt is retried. */
function backoff(retries: Retries, tried: number): Date {
  const delay = retries.backoff?.delay ?? 0
  if (retries.backoff?.type === 'fixed') return new Date(Date.now() + delay)
  if (retries.backoff?.type === 'exponential') return new Date(Date.now() + 2 ** tried * delay)
  return new Date()
}

export const interruptedMessage = (final: boolean) =>
  'Abgebrochen: der Job meldete sich nicht mehr (CMS beendet oder Datenbank nicht erreichbar)' +
  (final ? '; keine weiteren Versuche' : '; wird wiederholt') +
  ' / interrupted: the job stopped reporting (CMS stopped or database unreachable)' +
  (final ? '; no retries left' : '; will be retried')

/** What a task's own records say about a lost attempt, beyond the job row. */
const onInterrupted: Record<string, (req: PayloadRequest, input: unknown, final: boolean) => Promise<void>> = {
  siteBuild: (req, input, final) =>
    recordInterruptedSiteBuild(req, input as { buildId: number }, interruptedMessage(final), final),
}

/**
 * Counts the lost attempt as a failed one, as Payload counts a task that threw: a log entry (which
 * Payload's retry limit counts), `totalTried`, and the task's back-off. A task that reached its
 * retry limit gets `hasError` and is not run again, so a job that kills its runner cannot loop.
 */
async function release(req: PayloadRequest, id: number): Promise<ReleasedJob> {
  const { payload } = req
  const job = (await payload.findByID({
    collection: 'payload-jobs',
    id,
    depth: 0,
    req,
    overrideAccess: true,
  })) as unknown as Job
  const task = payload.config.jobs.tasks?.find((t) => t.slug === job.taskSlug)
  const retries = normalise(task?.retries)
  // A job of one task runs it as task "1" (Payload's singleTask workflow); earlier attempts are logged
  // under it. A workflow job (none configured today) counts its attempts as a whole.
  const tried = job.taskSlug
    ? (job.log ?? []).filter((entry) => entry.taskSlug === job.taskSlug && entry.taskID === '1').length
    : (job.totalTried ?? 0)
  // A lost attempt is no fault of the task: even one without retries (schedulePublish) gets one more.
  // That is safe: what the lost run did not commit was rolled back, and publishing twice is harmless.
  const final = tried >= Math.max(retries.attempts ?? 0, 1)
  const now = new Date().toISOString()
  const error = { name: 'LeaseExpired', cancelled: false, message: interruptedMessage(final) }
  await payload.update({
    collection: 'payload-jobs',
    id,
    data: {
      processing: false,
      totalTried: (job.totalTried ?? 0) + 1,
      hasError: final,
      ...(final ? { error } : { waitUntil: backoff(retries, tried).toISOString() }),
      ...(job.taskSlug
        ? {
            log: [
              ...(job.log ?? []),
              {
                id: randomBytes(12).toString('hex'),
                executedAt: now,
                completedAt: now,
                taskSlug: job.taskSlug,
                taskID: '1',
                input: job.input,
                state: 'failed',
                error,
              },
            ],
          }
        : {}),
    } as never,
    depth: 0,
    req,
    overrideAccess: true,
  })
  await onInterrupted[job.taskSlug ?? '']?.(req, job.input, final)
  return { id, taskSlug: job.taskSlug ?? null, final }
}

/**
 * Releases every job claimed longer than `lease` ago without a heartbeat. The claim on them is one
 * conditional UPDATE inside the transaction that releases them: a sweeper of another CMS instance
 * waits for those rows, then finds them fresh and leaves them; no runner sees them until the commit.
 */
export async function releaseStaleJobs(payload: Payload, lease = leaseMs()): Promise<ReleasedJob[]> {
  // Runs outside any request (a timer): the sweep's own transaction.
  return inOwnTransaction(payload, async (req) => {
    const { rows } = await (await transactionDb(req)).execute<{ id: number }>(sql`
      UPDATE payload_jobs SET updated_at = now()
      WHERE processing AND completed_at IS NULL AND updated_at < now() - make_interval(secs => ${lease / 1000})
      RETURNING id`)
    const released: ReleasedJob[] = []
    for (const { id } of rows) released.push(await release(req, Number(id)))
    return released
  })
}

/** Sweeps at boot and then every minute (sooner with a shorter lease). Only in a process that runs jobs. */
export function startLeaseSweeper(payload: Payload): void {
  const lease = leaseMs()
  let sweeping = false
  const sweep = async () => {
    if (sweeping) return
    sweeping = true
    try {
      for (const job of await releaseStaleJobs(payload, lease)) {
        payload.logger.warn(
          `job ${job.id} (${job.taskSlug}) was abandoned by its runner: ${job.final ? 'given up (no retries left)' : 'released for a retry'}`,
        )
      }
    } catch (error) {
      payload.logger.error(`job lease sweep: ${(error as Error).message}`)
    } finally {
      sweeping = false
    }
  }
  void sweep()
  setInterval(sweep, Math.min(60_000, lease)).unref()
}
