/**
 * `@custom(http: {...})` and `@lambda` on a field → CustomSpec, with Dgraph's
 * upload checks and messages (graphql/schema/rules.go,
 * customDirectiveValidation). `@lambda` is checked as the `@custom` Dgraph
 * builds for it, its messages prefixed as Dgraph prefixes them.
 * `@custom(dql: ...)` needs Dgraph's query language and is refused.
 * The remote schema behind `graphql:` is checked later, by the engine, which
 * may use the network.
 */
import { GraphQLError, Kind, Lexer, OperationTypeNode, Source, TokenKind, parse } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode, OperationDefinitionNode, FieldNode, ObjectValueNode, ValueNode } from 'graphql';
import { SchemaError } from '../../sdl/errors.js';
import type { SourcePosition } from '../../sdl/errors.js';
import { syntaxMessage } from '../../sdl/gqlparser-syntax.js';
import { directive, namedTypeOf, positionOf } from '../ast.js';
import { SCALARS } from '../builtins.js';
import type { SchemaContext } from '../context.js';
import type { CustomSpec, HeaderMapping, RemoteGraphql } from '../types.js';
import { parseTemplate, urlVariables } from './template.js';
import type { ParsedTemplate } from './template.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface CustomReading {
  readonly spec?: CustomSpec;
  readonly errors: SchemaError[];
}

/** Whether the field has `@custom` or `@lambda` (Dgraph allows one of them). */
export function customDirectiveOf(field: FieldDefinitionNode): DirectiveNode | undefined {
  return directive(field.directives, 'custom') ?? directive(field.directives, 'lambda');
}

export function readCustom(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode): CustomReading {
  const custom = directive(field.directives, 'custom');
  if (custom) return new CustomCheck(ctx, typeName, field, custom).read(httpArgument(custom));
  const lambda = directive(field.directives, 'lambda');
  if (!lambda) return { errors: [] };
  const reading = new CustomCheck(ctx, typeName, field, lambda).read(lambdaHttp(ctx, typeName, field));
  // Dgraph's words for the @custom it builds.
  const errors = reading.errors.map((e) => new SchemaError(`While building @custom for @lambda: ${e.message}`, e.locations));
  return { ...(reading.spec ? { spec: { ...reading.spec, lambda: true, url: '' } } : {}), errors };
}

const isRoot = (typeName: string) => typeName === 'Query' || typeName === 'Mutation';

/** The http argument, or a marker for its absence / dql. */
type HttpArgument = { kind: 'http'; value: ValueNode; position: SourcePosition } | { kind: 'dql' } | { kind: 'none'; count: number };

function httpArgument(dir: DirectiveNode): HttpArgument {
  const args = dir.arguments ?? [];
  const http = args.find((a) => a.name.value === 'http');
  if (args.some((a) => a.name.value === 'dql')) return { kind: 'dql' };
  return http ? { kind: 'http', value: http.value, position: positionOf(http) } : { kind: 'none', count: args.length };
}

/** What `@lambda` means: POST to the lambda server, the arguments (root fields) or the parent's scalars (BATCH) as body. */
function lambdaHttp(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode): HttpArgument {
  const names = isRoot(typeName)
    ? (field.arguments ?? []).map((a) => a.name.value)
    : ctx.fields(typeName).filter((f) => !customDirectiveOf(f) && SCALARS.has(namedTypeOf(f.type))).map((f) => f.name.value);
  const body = `{${names.map((n) => `${n}: $${n}`).join(', ')}}`;
  const text = `{url: "http://lambda", method: POST, body: ${JSON.stringify(body)}${isRoot(typeName) ? '' : ', mode: BATCH'}}`;
  return { kind: 'http', value: parseConst(text), position: positionOf(directive(field.directives, 'lambda')?.name) };
}

function parseConst(text: string): ValueNode {
  const document = parse(`{ f(a: ${text}) }`, { noLocation: true });
  return ((document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).arguments![0].value;
}

class CustomCheck {
  readonly errors: SchemaError[] = [];
  readonly #prefix: string;
  readonly #at: SourcePosition;

  constructor(
    private readonly ctx: SchemaContext,
    private readonly typeName: string,
    private readonly field: FieldDefinitionNode,
    private readonly dir: DirectiveNode,
  ) {
    this.#prefix = `Type ${typeName}; Field ${field.name.value}`;
    this.#at = positionOf(dir.name);
  }

  #fail(message: string, at: SourcePosition = this.#at): void {
    // The @custom built for @lambda has no text of its own: Dgraph places every message at @lambda.
    const where = this.dir.name.value === 'lambda' ? this.#at : at;
    this.errors.push(new SchemaError(`${this.#prefix}${message}`, [where]));
  }

  #done(spec?: CustomSpec): CustomReading {
    return this.errors.length > 0 || !spec ? { errors: this.errors } : { spec, errors: [] };
  }

  read(http: HttpArgument): CustomReading {
    const { field, typeName } = this;
    if (directive(field.directives, 'search')) this.#fail('; custom directive not allowed along with @search directive.');
    if (directive(field.directives, 'dgraph')) this.#fail('; custom directive not allowed along with @dgraph directive.');
    const keys = this.#keyFields();
    if (!isRoot(typeName) && keys.length === 0) {
      this.#fail('; @custom directive is only allowed on fields where the type definition has a field with type ID! or a field with @id directive.');
    }
    if (http.kind === 'dql') {
      this.#fail(': @custom(dql: ...) is not supported by authline: a DQL query needs Dgraph itself. Use @custom(http: ...) or @lambda instead.');
      return this.#done();
    }
    if (http.kind === 'none') {
      this.#fail(`: has ${http.count} arguments for @custom directive, it should contain exactly one of \`http\` or \`dql\` arguments.`);
      this.#fail(': one of `http` or `dql` arguments must be present for @custom directive.');
      return this.#done();
    }
    if (http.value.kind !== Kind.OBJECT) {
      this.#fail(': http argument for @custom directive should be of type Object.', http.position);
      return this.#done();
    }
    return this.#done(this.#readHttp(http.value, keys));
  }

  /** The type's ID field, then its @id fields. */
  #keyFields(): string[] {
    const fields = this.ctx.fields(this.typeName);
    const id = fields.filter((f) => namedTypeOf(f.type) === 'ID');
    const xid = fields.filter((f) => directive(f.directives, 'id'));
    return [...id, ...xid].map((f) => f.name.value);
  }

  #readHttp(http: ObjectValueNode, keys: readonly string[]): CustomSpec | undefined {
    const child = (name: string) => http.fields.find((f) => f.name.value === name)?.value;
    const root = isRoot(this.typeName);
    const url = child('url');
    if (!url) {
      this.#fail('; url field inside @custom directive is mandatory.');
      return undefined;
    }
    const urlText = url.kind === Kind.STRING ? url.value : '';
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(urlText);
    } catch {
      this.#fail('; url field inside @custom directive is invalid.', positionOf(url));
      return undefined;
    }
    const urlVars = urlVariables(parsedUrl);
    for (const v of urlVars) this.#checkUrlVariable(v, positionOf(url));

    const method = child('method');
    const methodText = method && (method.kind === Kind.ENUM || method.kind === Kind.STRING) ? method.value : '';
    if (!method) this.#fail('; method field inside @custom directive is mandatory.');
    else if (!(METHODS as readonly string[]).includes(methodText)) {
      this.#fail('; method field inside @custom directive can only be GET/POST/PUT/PATCH/DELETE.', positionOf(method));
    }

    const modeNode = child('mode');
    const mode = modeNode && (modeNode.kind === Kind.ENUM || modeNode.kind === Kind.STRING) ? modeNode.value : 'SINGLE';
    if (modeNode) {
      if (root) this.#fail("; mode field inside @custom directive can't be present on Query/Mutation.", positionOf(modeNode));
      if (mode !== 'SINGLE' && mode !== 'BATCH') this.#fail('; mode field inside @custom directive can only be SINGLE/BATCH.', positionOf(modeNode));
      if (mode === 'BATCH' && urlVars.length > 0) {
        this.#fail("; has parameters in url inside @custom directive while mode is BATCH, url can't contain parameters if mode is BATCH.", positionOf(url));
      }
    }
    const batch = mode === 'BATCH';

    const body = child('body');
    const graphql = child('graphql');
    if (graphql) {
      if (urlVars.length > 0) {
        this.#fail("; has parameters in url along with graphql field inside @custom directive, url can't contain parameters if graphql field is present.");
      }
      if (methodText !== 'POST') {
        this.#fail(`; has method ${methodText} while graphql field is also present inside @custom directive, method can only be POST if graphql field is present.`);
      }
      if (!batch && body) this.#fail("; has both body and graphql field inside @custom directive, they can't be present together.");
      if (batch && !body) this.#fail('; both body and graphql field inside @custom directive are required if mode is BATCH.');
    }

    let template: ParsedTemplate | null = null;
    let required: string[] = [];
    if (body) {
      try {
        template = parseTemplate(body.kind === Kind.STRING ? body.value : '', !graphql);
        required = [...(template?.variables ?? [])];
      } catch (error) {
        this.#fail(`; body template inside @custom directive could not be parsed: ${(error as Error).message}`, positionOf(body));
      }
      if (root) {
        for (const name of required) {
          if (!this.#argument(name)) this.#fail(`; body template inside @custom directive uses an argument ${name} that is not defined.`, positionOf(body));
        }
      }
    }

    let remote: RemoteGraphql | undefined;
    if (graphql) {
      const read = this.#readGraphql(graphql, batch);
      if (!read) return undefined;
      remote = read.remote;
      if (!root && !batch) required = read.variables;
    }
    if (!root) this.#checkParentFields(required, keys, body ?? graphql);

    const si = child('skipIntrospection');
    let skipIntrospection = false;
    if ((body || graphql) && si) {
      if (si.kind === Kind.BOOLEAN) skipIntrospection = si.value;
      else this.#fail(`; skipIntrospection in @custom directive can only be true/false, found: \`${si.kind === Kind.STRING || si.kind === Kind.ENUM ? si.value : ''}\`.`, positionOf(body ?? graphql));
    }
    const forwardHeaders = this.#headers('forwardHeaders', child('forwardHeaders'), body ?? graphql);
    const secretHeaders = this.#headers('secretHeaders', child('secretHeaders'), body ?? graphql);
    const introspectionHeaders = this.#headers('introspectionHeaders', child('introspectionHeaders'), body ?? graphql);
    const overlap = secretHeaders.find((s) => forwardHeaders.some((f) => f.remote === s.remote));
    if (overlap && (body || graphql)) {
      this.#fail(
        `; secretHeaders and forwardHeaders in @custom directive cannot have overlapping headers, found: \`${overlap.remote === overlap.local ? overlap.remote : `${overlap.remote}:${overlap.local}`}\`.`,
        positionOf(body ?? graphql),
      );
    }
    if (this.errors.length > 0) return undefined;
    // The URL's variables are parent fields too (Dgraph's CustomRequiredFields).
    const parentFields = root ? [] : [...new Set([...required, ...urlVars.map((v) => v.name)])];
    return {
      lambda: false,
      url: urlText,
      method: methodText as CustomSpec['method'],
      ...(template ? { body: template.template } : {}),
      ...(remote ? { graphql: remote } : {}),
      mode: batch ? 'BATCH' : 'SINGLE',
      forwardHeaders,
      secretHeaders,
      introspectionHeaders,
      skipIntrospection,
      parentFields,
      loc: positionOf(graphql ?? this.dir.name),
    };
  }

  #argument(name: string) {
    return this.field.arguments?.find((a) => a.name.value === name);
  }

  #checkUrlVariable(v: { name: string; location: 'path' | 'query' }, at: SourcePosition): void {
    if (isRoot(this.typeName)) {
      const arg = this.#argument(v.name);
      if (!arg) this.#fail(`; url ${v.location} inside @custom directive uses an argument ${v.name} that is not defined.`, at);
      else if (v.location === 'path' && arg.type.kind !== Kind.NON_NULL_TYPE) {
        this.#fail(`; url ${v.location} inside @custom directive uses an argument ${v.name} that can be null.`, at);
      }
      return;
    }
    const fd = this.ctx.field(this.typeName, v.name);
    if (!fd) this.#fail(`; url ${v.location} inside @custom directive uses a field ${v.name} that is not defined.`, at);
    else if (v.location === 'path' && fd.type.kind !== Kind.NON_NULL_TYPE) {
      this.#fail(`; url ${v.location} inside @custom directive uses a field ${v.name} that can be null.`, at);
    }
  }

  /** Dgraph's checks of the remote operation's shape; returns it and the variables it declares. */
  #readGraphql(graphql: ValueNode, batch: boolean): { remote: RemoteGraphql; variables: string[] } | undefined {
    const text = graphql.kind === Kind.STRING ? graphql.value : '';
    const at = positionOf(graphql);
    let operations: OperationDefinitionNode[];
    try {
      // gqlparser reads a document of nothing (blanks, comments) as no operations; graphql-js refuses it.
      const empty = new Lexer(new Source(text)).advance().kind === TokenKind.EOF;
      operations = empty ? [] : parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const reason = syntaxMessage(error.message.replace(/^Syntax Error: /, ''), text, error.positions?.[0] ?? 0);
      this.#fail(`: unable to parse graphql in @custom directive because: ${reason}`, at);
      return undefined;
    }
    if (operations.length !== 1) {
      this.#fail(`: inside graphql in @custom directive, found ${operations.length} operations, it can have exactly one operation.`, at);
      return undefined;
    }
    const [op] = operations;
    if (op.operation === OperationTypeNode.SUBSCRIPTION) {
      this.#fail(`: inside graphql in @custom directive, found \`${op.operation}\` operation, it can only have query/mutation.`, at);
    }
    if (op.name) this.#fail(`: inside graphql in @custom directive, found operation with name \`${op.name.value}\`, it can't have a name.`, at);
    const variables = (op.variableDefinitions ?? []).map((v) => v.variable.name.value);
    if (isRoot(this.typeName)) {
      for (const name of variables) {
        if (!this.#argument(name)) {
          this.#fail(`; @custom directive, graphql variables must use fields defined within the type, found \`${name}\`.`, at);
        }
      }
    }
    if (op.directives?.length) this.#fail(": inside graphql in @custom directive, found operation with directives, it can't have any directives.", at);
    const selections = op.selectionSet.selections;
    if (selections.length !== 1 || selections[0].kind !== Kind.FIELD) {
      this.#fail(`: inside graphql in @custom directive, found ${selections.length} fields inside operation \`${op.operation}\`, it can have exactly one field.`, at);
      return undefined;
    }
    const query = selections[0];
    const name = query.name.value;
    if (query.alias) {
      this.#fail(`: inside graphql in @custom directive, found ${op.operation} \`${name}\` with alias \`${query.alias.value}\`, it can't have any alias.`, at);
    }
    if (query.directives?.length) this.#fail(`: inside graphql in @custom directive, found ${op.operation} \`${name}\` with directives, it can't have any directives.`, at);
    if (query.selectionSet) {
      this.#fail(`: inside graphql in @custom directive, found ${op.operation} \`${name}\` with a selection set, it can't have any selection set.`, at);
    }
    const args = query.arguments ?? [];
    let batchVariable: string | undefined;
    if (batch && args.length > 0) {
      if (args.length !== 1 || args[0].value.kind !== Kind.VARIABLE) {
        this.#fail(`: inside graphql in @custom directive, for BATCH mode, ${op.operation} \`${name}\` can have only one argument whose value should be a variable.`, at);
        return undefined;
      }
      batchVariable = args[0].value.name.value;
      if (!variables.includes(batchVariable)) {
        this.#fail(`; @custom directive, graphql must use fields with a variable definition, found \`${batchVariable}\`.`, at);
      }
    } else {
      for (const used of usedVariables(args.map((a) => a.value))) {
        if (!variables.includes(used)) this.#fail(`; @custom directive, graphql must use fields with a variable definition, found \`${used}\`.`, at);
      }
    }
    // BATCH mode sends the parents in the one variable the remote field takes.
    batchVariable ??= batch ? (variables[0] ?? undefined) : undefined;
    const remote: RemoteGraphql = { text, operation: op.operation as 'query' | 'mutation', field: name, ...(batchVariable ? { batchVariable } : {}) };
    return { remote, variables: usedVariables(args.map((a) => a.value)) };
  }

  /** Rules for the parent fields a type's custom field uses (Dgraph's step 10). */
  #checkParentFields(required: readonly string[], keys: readonly string[], node: ValueNode | undefined): void {
    const { field, typeName } = this;
    if (keys.includes(field.name.value)) this.#fail("; custom directive not allowed on field of type ID! or field with @id directive.");
    if (!node) return;
    const at = positionOf(node);
    const where = node.kind === Kind.STRING && this.#isBody(node) ? 'body template' : 'graphql';
    let requiresId = false;
    for (const name of required) {
      if (name === field.name.value) this.#fail(`; @custom directive, ${where} can't require itself.`, at);
      const fd = this.ctx.field(typeName, name);
      if (!fd) {
        this.#fail(`; @custom directive, ${where} must use fields defined within the type, found \`${name}\`.`, at);
        continue;
      }
      const type = namedTypeOf(fd.type);
      if (!SCALARS.has(type)) this.#fail(`; @custom directive, ${where} must use scalar fields, found field \`${name}\` of type \`${type}\`.`, at);
      if (customDirectiveOf(fd)) {
        this.#fail(`; @custom directive, ${where} can't use another field with @custom/@lambda directive, found field \`${name}\` with @custom/@lambda.`, at);
      }
      if (keys.slice(0, 1).includes(name) || this.#isFirstXid(name)) requiresId = true;
    }
    if (!requiresId) this.#fail(`: @custom directive, ${where} must use a field with type ID! or a field with @id directive.`, at);
  }

  #isFirstXid(name: string): boolean {
    return this.ctx.fields(this.typeName).find((f) => directive(f.directives, 'id'))?.name.value === name;
  }

  #isBody(node: ValueNode): boolean {
    const http = this.dir.arguments?.find((a) => a.name.value === 'http')?.value;
    return this.dir.name.value === 'lambda' || (http?.kind === Kind.OBJECT && http.fields.some((f) => f.name.value === 'body' && f.value === node));
  }

  /** Header mappings; Dgraph checks their form only when there is a body or graphql (`at`). */
  #headers(name: string, list: ValueNode | undefined, at: ValueNode | undefined): HeaderMapping[] {
    if (!list) return [];
    const values = list.kind === Kind.LIST ? list.values : [list];
    const out: HeaderMapping[] = [];
    for (const value of values) {
      const raw = value.kind === Kind.STRING ? value.value : '';
      const parts = raw.split(':');
      if (parts.length > 2 && at) {
        this.#fail(`; ${name} in @custom directive should be of the form 'remote_headername:local_headername' or just 'headername', found: \`${raw}\`.`, positionOf(at));
        continue;
      }
      out.push({ remote: parts[0], local: parts[1] ?? parts[0] });
    }
    return out;
  }
}

/** Variable names used in argument values, in order. */
function usedVariables(values: readonly ValueNode[]): string[] {
  const out: string[] = [];
  const visit = (value: ValueNode) => {
    if (value.kind === Kind.VARIABLE) {
      if (!out.includes(value.name.value)) out.push(value.name.value);
    } else if (value.kind === Kind.LIST) value.values.forEach(visit);
    else if (value.kind === Kind.OBJECT) value.fields.forEach((f) => visit(f.value));
  };
  values.forEach(visit);
  return out;
}
