/**
 * Beyond Dgraph: which selected fields a field's query rule hides from the
 * request, as "authorization failed" errors naming the field and where in
 * the answer it is (`queryEmployee.manager.salary`). Like Dgraph's other
 * "authorization failed" texts they are shown only in debug mode
 * (isHiddenUnlessDebug). The store hides the values themselves; this reads
 * the plan and the policy only, so it costs no statement.
 *
 * A rule the claims decide (RBAC) hides the field from every node; a graph
 * rule is decided node by node in the database, so the error then says the
 * field is hidden where its rule does not hold.
 */
import { GraphQLError } from 'graphql';
import type { AggregateQuery, NodeQuery, RootPlan } from '../plan/index.js';
import type { AuthPolicy } from '../rules/index.js';
import { AUTHORIZATION_FAILED } from './dgraph-errors.js';

interface Hidden {
  readonly at: string;
  readonly type: string;
  readonly field: string;
  /** Hidden from every node (the claims deny), or only where a graph rule does not hold. */
  readonly everywhere: boolean;
}

/** One error per place in the answer a field rule hides (none when no selected field has a query rule). */
export function hiddenFieldErrors(plan: RootPlan, policy: AuthPolicy): GraphQLError[] {
  const found: Hidden[] = [];
  const walk = new Walk(policy, found);
  switch (plan.kind) {
    case 'query':
    case 'get':
    case 'checkPassword':
      walk.node(plan.query, plan.key);
      break;
    case 'aggregate':
      walk.aggregate(plan.aggregate, plan.key);
      break;
    default:
      for (const s of plan.payload) if (s.kind === 'nodes') walk.node(s.query, `${plan.key}.${s.key}`);
  }
  return found.map((h) => new GraphQLError(
    `${AUTHORIZATION_FAILED.message}: the query rule of field ${h.type}.${h.field} hides it at ${h.at}` +
      (h.everywhere ? '' : ' on the nodes where the rule does not hold'),
    { path: [plan.key], extensions: { code: AUTHORIZATION_FAILED.code, field: `${h.type}.${h.field}`, at: h.at } },
  ));
}

class Walk {
  constructor(private readonly policy: AuthPolicy, private readonly found: Hidden[]) {}

  node(q: NodeQuery, at: string): void {
    const all = q.concreteTypes.map((t) => t.name);
    for (const s of q.selection) {
      if (s.kind !== 'scalar' && s.kind !== 'edge' && s.kind !== 'edgeAggregate') continue;
      this.field(s.onTypes ?? all, s.field.name, `${at}.${s.key}`);
      if (s.kind === 'edge') this.node(s.query, `${at}.${s.key}`);
      if (s.kind === 'edgeAggregate') this.aggregate(s.aggregate, `${at}.${s.key}`);
    }
  }

  aggregate(q: AggregateQuery, at: string): void {
    const all = q.concreteTypes.map((t) => t.name);
    for (const f of q.fields) if ('field' in f) this.field(all, f.field.name, `${at}.${f.key}`);
  }

  private field(types: readonly string[], field: string, at: string): void {
    for (const type of types) {
      if (!this.policy.ruledFields(type, 'query').includes(field)) continue;
      const decision = this.policy.decideField(type, field, 'query');
      if (decision.kind !== 'allow') this.found.push({ at, type, field, everywhere: decision.kind === 'deny' });
    }
  }
}
