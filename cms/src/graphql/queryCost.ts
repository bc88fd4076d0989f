import {
  type FieldNode,
  GraphQLError,
  type GraphQLNamedType,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql'

/**
 * Each field of the operation at the rate of rows it is asked for, and each top-level query or
 * mutation at the price of a database query. Payload's own complexity limit counts every field
 * once, so 190 aliases of a list query passed it and ran 190 database queries in one request.
 */
export const MAX_QUERY_COST = 5_000
/** A top-level field is one database query (or more): about what reading 100 rows' fields costs. */
export const QUERY_COST = 100
/** What Payload reads when a list is asked for without `limit`. */
const DEFAULT_LIMIT = 10
/** `limit: 0` or `pagination: false` ask for every row: priced as this many. */
const UNBOUNDED_ROWS = 10_000

type Variables = Record<string, unknown> | null | undefined

export function queryCostRule(variables: Variables, max = MAX_QUERY_COST): ValidationRule {
  return (context) => ({
    OperationDefinition: {
      leave(operation) {
        const schema = context.getSchema()
        const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: null }[
          operation.operation
        ]
        if (!root) return
        const walk: Walk = { context, variables, fragments: new Map() }
        const cost = selectionCost(walk, operation.selectionSet, root, true, new Set())
        if (cost > max) {
          context.reportError(
            new GraphQLError(
              `Die Abfrage ist zu aufwendig: Kosten ${cost}, höchstens ${max} (jede Abfrage einer Sammlung zählt ${QUERY_COST}, jedes Feld einmal je Zeile). Bitte teilen Sie sie auf oder fragen Sie weniger Zeilen ab. / The query is too expensive: cost ${cost}, at most ${max} (each collection query counts ${QUERY_COST}, each field once per row); split it or ask for fewer rows.`,
              { nodes: [operation], extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, max } },
            ),
          )
        }
      },
    },
  })
}

/**
 * What one pricing of an operation shares. A fragment's cost is kept once worked out: a fragment
 * that spreads another one twice, which spreads the next twice, and so on, would otherwise make
 * the walk take 2^depth steps for a document of a few hundred tokens.
 */
type Walk = { context: ValidationContext; variables: Variables; fragments: Map<string, number> }

/** `docsRows`: how many rows a `docs` field in this selection stands for (its paginated parent's limit). */
function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  atRoot: boolean,
  spreading: Set<string>,
  docsRows = 1,
): number {
  let cost = 0
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const times = selection.name.value === 'docs' ? docsRows : 1
      cost += times * fieldCost(walk, selection, parent, atRoot, spreading)
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition && walk.context.getSchema().getType(selection.typeCondition.name.value)
      cost += selectionCost(walk, selection.selectionSet, type ?? parent, atRoot, spreading, docsRows)
    } else {
      cost += spreadCost(walk, selection.name.value, parent, atRoot, spreading, docsRows)
    }
  }
  return cost
}

/** A named fragment spread: read as often as it is spread, priced once. A cycle (refused by another rule) counts nothing. */
function spreadCost(
  walk: Walk,
  name: string,
  parent: GraphQLNamedType,
  atRoot: boolean,
  spreading: Set<string>,
  docsRows: number,
): number {
  const fragment = walk.context.getFragment(name)
  if (!fragment || spreading.has(name)) return 0
  const key = `${name} ${parent.name} ${atRoot} ${docsRows}`
  const known = walk.fragments.get(key)
  if (known !== undefined) return known
  const type = walk.context.getSchema().getType(fragment.typeCondition.name.value) ?? parent
  const cost = selectionCost(walk, fragment.selectionSet, type, atRoot, new Set([...spreading, name]), docsRows)
  walk.fragments.set(key, cost)
  return cost
}

function fieldCost(walk: Walk, field: FieldNode, parent: GraphQLNamedType, atRoot: boolean, spreading: Set<string>) {
  const own = atRoot ? QUERY_COST : 1
  if (!field.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) return own
  const definition = parent.getFields()[field.name.value]
  if (!definition) return own
  const type = getNamedType(definition.type)
  // A paginated list ({ docs, totalDocs, … }), at the top or a join field: `docs` is read once per row.
  const rows = isObjectType(type) && 'docs' in type.getFields() ? rowsOf(field, walk.variables) : 1
  return own + selectionCost(walk, field.selectionSet, type, false, spreading, rows)
}

function rowsOf(field: FieldNode, variables: Variables): number {
  const argument = (name: string) => field.arguments?.find((a) => a.name.value === name)?.value
  if (literal(argument('pagination'), variables) === false) return UNBOUNDED_ROWS
  const limit = literal(argument('limit'), variables)
  if (limit === undefined || limit === null) return DEFAULT_LIMIT
  const rows = Number(limit)
  return Number.isFinite(rows) && rows > 0 ? Math.min(rows, UNBOUNDED_ROWS) : UNBOUNDED_ROWS
}

function literal(value: ValueNode | undefined, variables: Variables): unknown {
  if (!value) return undefined
  switch (value.kind) {
    case Kind.VARIABLE:
      return variables?.[value.name.value]
    case Kind.INT:
    case Kind.FLOAT:
      return Number(value.value)
    case Kind.BOOLEAN:
      return value.value
    case Kind.NULL:
      return null
    default:
      return undefined
  }
}
