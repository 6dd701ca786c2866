/**
 * Requests Dgraph refuses before running anything, with the errors Dgraph
 * answers: one case per case of Dgraph's graphql/e2e/common/error_test.yaml
 * (run by requestValidationErrors in graphql/e2e/common/error.go, which
 * compares message, locations and path exactly and expects no data). The
 * requests are laid out as Dgraph's are, since locations count columns;
 * variables are JSON text, sent as written (Dgraph quotes numbers as
 * written: `180143985094.0`).
 */

export interface RequestErrorCase {
  /** The case's name in error_test.yaml. */
  readonly name: string;
  readonly query: string;
  readonly variables?: string;
  readonly errors: readonly {
    readonly message: string;
    readonly locations?: readonly { readonly line: number; readonly column: number }[];
    readonly path?: readonly (string | number)[];
  }[];
}

const at = (line: number, column: number) => [{ line, column }];
const cascadeMessage = (field: string, type: string) =>
  `Field \`${field}\` is not present in type \`${type}\`. You can only use fields in cascade which are in type \`${type}\``;

export const REQUEST_ERROR_CASES: readonly RequestErrorCase[] = [
  {
    name: 'Unknown root field',
    query: 'query {\n  getAuthorszzz(id: "0x1") { name }\n}\n',
    errors: [{ message: 'Cannot query field "getAuthorszzz" on type "Query". Did you mean "getAuthor" or "getauthor1"?', locations: at(2, 3) }],
  },
  {
    name: 'Unknown field',
    query: 'query {\n  getAuthor(id: "0x1") { namezzz }\n}\n',
    errors: [{ message: 'Cannot query field "namezzz" on type "Author". Did you mean "name"?', locations: at(2, 26) }],
  },
  {
    name: 'Undefined variable',
    query: 'query {\n  getAuthor(id: $theID) { name }\n}\n',
    errors: [{ message: 'Variable "$theID" is not defined.', locations: at(2, 17) }],
  },
  {
    name: 'input of wrong type',
    query: 'query {\n  queryAuthor(filter: { reputation: { le: "hi there" } }) { name }\n}\n',
    errors: [{ message: 'Expected type Float, found "hi there".', locations: at(2, 44) }],
  },
  {
    name: 'unknown variable type',
    query: 'query queryAuthor($filter: AuthorFiltarzzz!) {\n  queryAuthor(filter: $filter) { name }\n}\n',
    variables: '{ "filter": "type was wrong" }',
    errors: [
      { message: 'Variable type provided AuthorFiltarzzz! is incompatible with expected type AuthorFilter', locations: at(2, 23) },
      { message: 'Variable "$filter" of type "AuthorFiltarzzz!" used in position expecting type "AuthorFilter".', locations: at(2, 23) },
      { message: 'Unknown type "AuthorFiltarzzz".', locations: at(1, 1) },
    ],
  },
  {
    name: 'variable of wrong type',
    query: 'query queryAuthor($filter: AuthorFilter!) {\n  queryAuthor(filter: $filter) { name }\n}\n',
    variables: '{ "filter": 57 }',
    errors: [{ message: 'must be a AuthorFilter', path: ['variable', 'filter'] }],
  },
  {
    name: 'variable field of wrong type',
    query: 'query queryAuthor($filter: AuthorFilter!) {\n  queryAuthor(filter: $filter) { name }\n}\n',
    variables: '{ }',
    errors: [{ message: 'must be defined', path: ['variable', 'filter'] }],
  },
  {
    name: 'subscription on type without @withSubscription directive should return error',
    query: 'subscription {\n  getAuthor(id: "0x1") { name }\n}\n',
    errors: [{ message: 'Cannot query field "getAuthor" on type "Subscription".', locations: at(2, 3) }],
  },
  {
    name: '@cascade only accepts those fields as a argument, which are present in given type',
    query: 'query {\n  queryAuthor @cascade(fields:["title"]){\n    dob\n    reputation\n  }\n}\n',
    errors: [{ message: cascadeMessage('title', 'Author'), locations: at(2, 16) }],
  },
  {
    name: 'Out of range error for int32 type',
    query: 'mutation {\n  addPost(input:[{title:"Dgraph",author:{name:"Bob"},numLikes:2147483648}]){\n    post{\n      title\n      numLikes\n      author{\n        name\n      }\n    }\n  }\n}\n',
    errors: [{ message: "Out of range value '2147483648', for type `Int`", locations: at(2, 63) }],
  },
  {
    name: 'Out of range error for int64 type',
    query: 'mutation {\n  addPost(input:[{title:"Dgraph",author:{name:"Bob"},numViews:9223372036854775808}]){\n    post{\n      title\n      numViews\n      author{\n        name\n      }\n    }\n  }\n}\n',
    errors: [{ message: "Out of range value '9223372036854775808', for type `Int64`", locations: at(2, 63) }],
  },
  {
    name: '@cascade only accepts numUids or given type name as arguments for add or update payload',
    query: 'mutation {\n  addAuthor(input:[{name:"jatin"}]) @cascade(fields:["name"]) {\n    author {\n      name\n    }\n  }\n}\n',
    errors: [{ message: cascadeMessage('name', 'AddAuthorPayload'), locations: at(2, 38) }],
  },
  {
    name: 'String value is Incompatible with Int32 type given in variable',
    query: 'mutation($numLikes:Int) {\n  addPost(input:[{title:"Dgraph",author:{name:"Bob"},numLikes:$numLikes}]){\n    post{\n      title\n      numLikes\n    }\n  }\n}\n',
    variables: '{ "numLikes": "21474836" }',
    errors: [{ message: 'cannot use string as Int', path: ['variable', 'numLikes'] }],
  },
  {
    name: 'Float value is Incompatible with Int64 type',
    query: 'mutation {\n  addPost(input:[{title:"Dgraph",author:{name:"Bob"},numViews:180143985094.0}]){\n    post{\n      title\n      numLikes\n    }\n  }\n}\n',
    errors: [{ message: "Type mismatched for Value `180143985094.0`, expected: Int64, got: 'Float'", locations: at(2, 63) }],
  },
  {
    name: 'Out of range error for int32 type given in variable',
    query: 'mutation($numLikes:Int) {\n  addPost(input:[{title:"Dgraph",author:{name:"Bob"},numLikes:$numLikes}]){\n    post{\n      title\n    }\n  }\n}\n',
    variables: '{ "numLikes": 2147483648 }',
    errors: [{ message: "Out of range value '2147483648', for type `Int`", path: ['variable', 'numLikes'] }],
  },
  {
    name: 'Out of range error for int64 type in variable',
    query: 'mutation($numViews:Int64) {\n  addPost(input:[{title:"Dgraph",author:{name:"Bob"},numViews:$numViews}]){\n    post{\n      title\n    }\n  }\n}\n',
    variables: '{ "numViews":9223372036854775808}',
    errors: [{ message: "Out of range value '9223372036854775808', for type `Int64`", path: ['variable', 'numViews'] }],
  },
  {
    name: 'Float value is Incompatible with Int64 type given in variable',
    query: 'mutation addPost($Post: [AddPostInput!]!){\n  addPost(input:$Post){\n    post{\n      title\n      numViews\n    }\n  }\n}\n',
    variables: '{ "Post": [ { "title": "Dgraph", "author":{"name":"Alice"}, "numViews":180143985094.0 } ] }',
    errors: [{ message: 'Type mismatched for Value `180143985094.0`, expected:`Int64`', path: ['variable', 'Post', 0, 'numViews'] }],
  },
  {
    name: 'Error for int64 value given in list as variable',
    query: 'mutation addpost1($Post: [Addpost1Input!]!){\n  addpost1(input:$Post){\n    post1{\n      title\n      likesByMonth\n    }\n  }\n}\n',
    variables: '{ "Post": [ { "title": "Dgraph", "likesByMonth": [180143985094.0,33,1,66] } ] }',
    errors: [{ message: 'Type mismatched for Value `180143985094.0`, expected:`Int64`', path: ['variable', 'Post', 0, 'likesByMonth', 0] }],
  },
  {
    name: 'Error for int64 value given in list',
    query: 'mutation {\n  addpost1(input:[{title:"Dgraph",likesByMonth: [180143985094.0,33,1,66]}]){\n    post1{\n      title\n      likesByMonth\n    }\n  }\n}\n',
    errors: [{ message: "Type mismatched for Value `180143985094.0`, expected: Int64, got: 'Float'", locations: at(2, 50) }],
  },
  {
    name: 'Error for int value given in list as variable',
    query: 'mutation addpost1($Post: [Addpost1Input!]!){\n  addpost1(input:$Post){\n    post1{\n      title\n      commentsByMonth\n    }\n  }\n}\n',
    variables: '{ "Post": [ { "title": "Dgraph", "commentsByMonth": [2147483648,33,1,66] } ] }',
    errors: [{ message: "Out of range value '2147483648', for type `Int`", path: ['variable', 'Post', 0, 'commentsByMonth', 0] }],
  },
  {
    name: 'Error for int value given in list',
    query: 'mutation {\n  addpost1(input:[{title:"Dgraph",commentsByMonth: [2147483648,33,1,66]}]){\n    post1{\n      title\n      commentsByMonth\n    }\n  }\n}\n',
    errors: [{ message: "Out of range value '2147483648', for type `Int`", locations: at(2, 53) }],
  },
  {
    name: 'Error when multiple filter functions are used',
    query: 'query {\n  queryBook(filter:{bookId: {eq:2 le:2}})\n     {\n      bookId\n    }\n  }\n',
    errors: [{ message: 'Int64Filter filter expects only one filter function, got: 2', locations: at(2, 29) }],
  },
  {
    name: '@cascade only accepts those fields as a argument, which are present in given type at both root and deep levels',
    query: 'query {\n\tqueryAuthor @cascade(fields: ["dob","reputation"]) {\n\t\tdob\n\t\treputation\n\t\tposts @cascade(fields: ["text1"]) {\n\t\t\ttext\n\t\t\ttitle\n\t\t}\n\t}\n}\n',
    errors: [{ message: cascadeMessage('text1', 'Post'), locations: at(5, 10) }],
  },
  {
    name: '@cascade only accepts those fields as a argument, which are present in given type at deep level using variables',
    query: 'query($fieldsRoot: [String], $fieldsDeep: [String]) {\n\tqueryAuthor @cascade(fields: $fieldsRoot) {\n\t\tdob\n\t\treputation\n\t\tposts @cascade(fields: $fieldsDeep) {\n\t\t\ttext\n\t\t\ttitle\n\t\t}\n\t}\n}\n',
    variables: '{ "fieldsRoot": ["dob", "reputation"], "fieldsDeep": ["text1"] }',
    errors: [{ message: `input: variables.fieldsDeep.text1 ${cascadeMessage('text1', 'Post')}`, locations: at(5, 10) }],
  },
  {
    name: '@cascade only accepts those fields as a argument, which are present in given type at root level using variables',
    query: 'query($fieldsRoot: [String], $fieldsDeep: [String]) {\n\tqueryAuthor @cascade(fields: $fieldsRoot) {\n\t\tdob\n\t\treputation\n\t\tposts @cascade(fields: $fieldsDeep) {\n\t\t\ttext\n\t\t\ttitle\n\t\t}\n\t}\n}\n',
    variables: '{ "fieldsRoot": ["dob", "reputation1"], "fieldsDeep": ["text"] }',
    errors: [{ message: `input: variables.fieldsRoot.reputation1 ${cascadeMessage('reputation1', 'Author')}`, locations: at(2, 15) }],
  },
];
