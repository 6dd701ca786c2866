/**
 * A small schema exercising what the conformance schema does not: every
 * index kind, lists of scalars, enums, DateTime, Float, singular and list
 * @hasInverse (including a self-inverse), an interface, a union, @secret.
 */
import { modelFromSdl } from './model.js';

export const LIBRARY_SDL = `
type Book {
  id: ID!
  isbn: String! @id
  title: String! @search(by: [exact, term, fulltext, trigram])
  pages: Int @search
  rating: Float @search
  published: DateTime @search(by: [day])
  inPrint: Boolean @search
  copies: Int64 @search
  tags: [String] @search(by: [hash])
  genre: Genre @search
  author: Author @hasInverse(field: books)
  reviews: [Review]
}

type Author {
  id: ID!
  name: String! @id
  country: String @search(by: [exact])
  books: [Book]
}

type Review {
  id: ID!
  stars: Int @search
  text: String @search(by: [fulltext])
}

enum Genre { FICTION SCIENCE HISTORY }

interface Animal {
  id: ID!
  name: String! @search(by: [exact])
}

type Dog implements Animal {
  breed: String @search(by: [hash])
}

type Cat implements Animal {
  lives: Int @search
}

union Pet = Dog | Cat

type Person @secret(field: "password") {
  id: ID!
  handle: String! @id
  pets: [Pet]
  favourite: Pet
  friends: [Person] @hasInverse(field: friends)
  partner: Person @hasInverse(field: partner)
}
`;

export const libraryModel = () => modelFromSdl(LIBRARY_SDL);

/** Dgraph JSON for the library. */
export const LIBRARY_DATA = [
  { uid: '_:le_guin', 'dgraph.type': 'Author', 'Author.name': 'Ursula K. Le Guin', 'Author.country': 'US',
    'Author.books': [{ uid: '_:earthsea' }, { uid: '_:dispossessed' }] },
  { uid: '_:sagan', 'dgraph.type': 'Author', 'Author.name': 'Carl Sagan', 'Author.books': [{ uid: '_:cosmos' }] },
  { uid: '_:tuchman', 'dgraph.type': 'Author', 'Author.name': 'Barbara Tuchman' },
  { uid: '_:earthsea', 'dgraph.type': 'Book', 'Book.isbn': 'b1', 'Book.title': 'A Wizard of Earthsea', 'Book.pages': 183,
    'Book.rating': 4.5, 'Book.published': '1968-11-01', 'Book.inPrint': true, 'Book.copies': 12, 'Book.tags': ['magic', 'classic'],
    'Book.genre': 'FICTION', 'Book.author': { uid: '_:le_guin' },
    'Book.reviews': [{ uid: '_:r1', 'dgraph.type': 'Review', 'Review.stars': 5, 'Review.text': 'The running wizards are wonderful' },
      { uid: '_:r2', 'dgraph.type': 'Review', 'Review.stars': 3, 'Review.text': 'Slow start' }] },
  { uid: '_:dispossessed', 'dgraph.type': 'Book', 'Book.isbn': 'b2', 'Book.title': 'The Dispossessed', 'Book.pages': 387,
    'Book.rating': 4.25, 'Book.published': '1974-05-01T10:00:00+02:00', 'Book.inPrint': false, 'Book.tags': ['classic', 'politics'],
    'Book.genre': 'FICTION', 'Book.author': { uid: '_:le_guin' } },
  { uid: '_:cosmos', 'dgraph.type': 'Book', 'Book.isbn': 'b3', 'Book.title': 'Cosmos', 'Book.pages': 365, 'Book.rating': 4.75,
    'Book.published': '1980-10-01', 'Book.inPrint': true, 'Book.copies': '9007199254740993', 'Book.genre': 'SCIENCE', 'Book.author': { uid: '_:sagan' },
    'Book.reviews': [{ uid: '_:r3', 'dgraph.type': 'Review', 'Review.stars': 4, 'Review.text': 'A wizard of science writing' }] },
  { uid: '_:guns', 'dgraph.type': 'Book', 'Book.isbn': 'b4', 'Book.title': 'The Guns of August', 'Book.genre': 'HISTORY' },
  { uid: '_:rex', 'dgraph.type': ['Dog', 'Animal'], 'Animal.name': 'Rex', 'Dog.breed': 'collie' },
  { uid: '_:fido', 'dgraph.type': ['Dog', 'Animal'], 'Animal.name': 'Fido' },
  { uid: '_:tom', 'dgraph.type': ['Cat', 'Animal'], 'Animal.name': 'Tom', 'Cat.lives': 9 },
  { uid: '_:ann', 'dgraph.type': 'Person', 'Person.handle': 'ann', 'Person.password': 'secret-ann',
    'Person.pets': [{ uid: '_:rex' }, { uid: '_:tom' }], 'Person.favourite': { uid: '_:tom' },
    'Person.friends': [{ uid: '_:bob' }], 'Person.partner': { uid: '_:bob' } },
  { uid: '_:bob', 'dgraph.type': 'Person', 'Person.handle': 'bob', 'Person.pets': [{ uid: '_:fido' }],
    'Person.friends': [{ uid: '_:ann' }], 'Person.partner': { uid: '_:ann' } },
];
