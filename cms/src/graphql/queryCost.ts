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
        const cost = selectionCost(context, variables, operation.selectionSet, root, true, new Set())
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

/** `docsRows`: how many rows a `docs` field in this selection stands for (its paginated parent's limit). */
function selectionCost(
  context: ValidationContext,
  variables: Variables,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  atRoot: boolean,
  fragmentsSeen: Set<string>,
  docsRows = 1,
): number {
  let cost = 0
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const times = selection.name.value === 'docs' ? docsRows : 1
      cost += times * fieldCost(context, variables, selection, parent, atRoot, fragmentsSeen)
      continue
    }
    const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null
    const fragment = name ? context.getFragment(name) : selection.kind === Kind.INLINE_FRAGMENT ? selection : null
    // A fragment spread twice is read twice; only a cycle (refused by another rule) stops here.
    if (!fragment || (name && fragmentsSeen.has(name))) continue
    const type = fragment.typeCondition ? context.getSchema().getType(fragment.typeCondition.name.value) : parent
    const seen = name ? new Set([...fragmentsSeen, name]) : fragmentsSeen
    cost += selectionCost(context, variables, fragment.selectionSet, type ?? parent, atRoot, seen, docsRows)
  }
  return cost
}

function fieldCost(
  context: ValidationContext,
  variables: Variables,
  field: FieldNode,
  parent: GraphQLNamedType,
  atRoot: boolean,
  fragmentsSeen: Set<string>,
): number {
  const own = atRoot ? QUERY_COST : 1
  if (!field.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) return own
  const definition = parent.getFields()[field.name.value]
  if (!definition) return own
  const type = getNamedType(definition.type)
  // A paginated list ({ docs, totalDocs, … }), at the top or a join field: `docs` is read once per row.
  const rows = isObjectType(type) && 'docs' in type.getFields() ? rowsOf(field, variables) : 1
  return own + selectionCost(context, variables, field.selectionSet, type, false, fragmentsSeen, rows)
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
