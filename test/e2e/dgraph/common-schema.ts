/**
 * The part of Dgraph's e2e schema (graphql/e2e/normal/schema.graphql) that
 * Dgraph's request-error and answer tests touch: the Author/Post pair,
 * author1/post1 with their Int and Int64 lists, Book keyed by an Int64, and
 * one type with @withSubscription, so that a Subscription type exists as it
 * does in Dgraph's schema. Written here for these tests; the field
 * definitions follow Dgraph's so the generated inputs and suggestions do.
 */
export const COMMON_SDL = `
type Author {
  id: ID!
  name: String! @search(by: [hash, trigram])
  dob: DateTime @search
  reputation: Float @search
  posts: [Post!] @hasInverse(field: author)
}

type Post {
  postID: ID!
  title: String! @search(by: [term, fulltext])
  text: String @search(by: [fulltext])
  tags: [String] @search(by: [exact])
  numLikes: Int @search
  numViews: Int64 @search
  author: Author! @hasInverse(field: posts)
}

type author1 {
  name: String! @id @search(by: [regexp])
  posts: [post1] @hasInverse(field: author)
}

type post1 {
  id: ID
  title: String! @id @search(by: [regexp])
  numLikes: Int64 @search
  commentsByMonth: [Int]
  likesByMonth: [Int64]
  author: author1 @hasInverse(field: posts)
}

type Book {
  bookId: Int64! @id
  name: String!
  desc: String
}

type Country @withSubscription {
  id: ID!
  name: String! @search(by: [trigram, hash])
}
`;
