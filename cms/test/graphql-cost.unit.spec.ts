import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { MAX_QUERY_COST, QUERY_COST, queryCostRule } from '../src/graphql/queryCost.ts'

/** A schema shaped as Payload's: paginated lists with `docs`, and plain fields. */
const schema = buildSchema(`
  type Release { id: ID, title: String, partner: Partner }
  type Partner { id: ID, name: String }
  type Releases { docs: [Release], totalDocs: Int }
  type Query { PressReleases(limit: Int, pagination: Boolean): Releases, Partner(id: ID): Partner }
`)

/** The cost the rule reports for a document, or null when it passes. */
function refusedCost(document: string, variables: Record<string, unknown> = {}, max = MAX_QUERY_COST): number | null {
  const errors = validate(schema, parse(document), [queryCostRule(variables, max)])
  return errors.length ? (errors[0]!.extensions.cost as number) : null
}

describe('the price of a GraphQL query', () => {
  it('is a database query per top-level field plus each field once per row asked for', () => {
    // The query, then `docs` with its id and title (3) for each of the 10 rows read by default, and totalDocs.
    expect(refusedCost('{ PressReleases { docs { id title } totalDocs } }', {}, 0)).toBe(QUERY_COST + 10 * 3 + 1)
    expect(refusedCost('{ PressReleases(limit: 2) { docs { id } } }', {}, 0)).toBe(QUERY_COST + 2 * 2)
    expect(refusedCost('query ($n: Int) { PressReleases(limit: $n) { docs { id } } }', { n: 5 }, 0)).toBe(
      QUERY_COST + 5 * 2,
    )
  })

  it('refuses many aliases of a list query, which Payload counted as one field each', () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: PressReleases(limit: 1) { docs { id } }`)
    expect(refusedCost(`{ ${aliases.join(' ')} }`)).toBeGreaterThan(MAX_QUERY_COST)
    expect(refusedCost(`{ ${aliases.slice(0, 10).join(' ')} }`)).toBeNull()
  })

  it('prices every row when a query asks for all of them', () => {
    expect(refusedCost('{ PressReleases(pagination: false) { docs { id } } }')).toBeGreaterThan(MAX_QUERY_COST)
    expect(refusedCost('{ PressReleases(limit: 0) { docs { id } } }')).toBeGreaterThan(MAX_QUERY_COST)
  })

  it('prices a fragment spread as often as it is read, and works a chain of doubling spreads out once each', () => {
    const chain = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Release { ${i === 39 ? 'id' : `...F${i + 1} ...F${i + 1}`} }`,
    ).join('\n')
    const started = performance.now()
    const cost = refusedCost(`{ PressReleases(limit: 1) { docs { ...F0 } } }\n${chain}`)
    // 2^39 ids: far over the limit, priced without walking them.
    expect(cost).toBeGreaterThan(MAX_QUERY_COST)
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
