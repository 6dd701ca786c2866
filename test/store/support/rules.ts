/**
 * Residuals for the conformance schema's graph rules, built by hand from
 * NodeQuery structures the way the rules stage binds them (variables already
 * substituted). Each mirrors the rule text quoted next to it.
 */
import type { Residual } from '../../../src/rules/policy.js';
import { conformanceModel } from './conformance.js';
import { Plans, reach } from './plans.js';

/** Plans on the fixture's model, made when a rule is first built (inside a conformance suite). */
const p = () => new Plans(conformanceModel());
type Permission = 'VIEW' | 'EDIT' | 'ADMIN';

/** roles(filter: { permission: { eq: P } }) { assignedTo(filter: { username: { eq: $USER } }) { __typename } } */
const roles = (permission: Permission, user: string) => p().edge('Project.roles', {
  filter: p().eq('Role.permission', permission),
  select: [p().edge('Role.assignedTo', { filter: p().eq('User.username', user), select: ['__typename'] })],
});

/** queryProject { roles(...) { assignedTo(...) } } */
export const projectRule = (permission: Permission, user: string): Residual => reach(p().node('Project', { select: [roles(permission, user)] }));

/** queryColumn { inProject { roles(...) { assignedTo(...) } } } */
export const columnRule = (permission: Permission, user: string): Residual =>
  reach(p().node('Column', { select: [p().edge('Column.inProject', { select: [roles(permission, user)] })] }));

/** queryTicket { onColumn { inProject { roles(...) { assignedTo(...) } } } } */
export const ticketRule = (permission: Permission, user: string): Residual =>
  reach(p().node('Ticket', { select: [p().edge('Ticket.onColumn', { select: [p().edge('Column.inProject', { select: [roles(permission, user)] })] })] }));

/** queryMovie(filter: { hidden: true }) { __typename } -- hidden is not in the data: no movie is hidden. */
export const movieHidden = (): Residual => reach(p().node('Movie', { filter: p().eq('Movie.hidden', true), select: ['__typename'] }));

/** queryMovie { regionsAvailable { users(filter: {username: {eq: $USER}}) { __typename } } } */
export const movieInUsersRegion = (user: string): Residual => reach(p().node('Movie', {
  select: [p().edge('Movie.regionsAvailable', { select: [p().edge('Region.users', { filter: p().eq('User.username', user), select: ['__typename'] })] })],
}));

/** queryMovie { regionsAvailable(filter: { global: true }) { __typename } } */
export const movieInGlobalRegion = (): Residual => reach(p().node('Movie', {
  select: [p().edge('Movie.regionsAvailable', { filter: p().eq('Region.global', true), select: ['__typename'] })],
}));

/** queryPost { author(filter: {name: {eq: $USER}}) { name } } (the interface rule, applied to each implementation) */
export const postByAuthor = (user: string): Residual => reach(p().node('Post', {
  select: [p().edge('Post.author', { filter: p().eq('Author.name', user), select: ['name'] })],
}));

/** queryQuestion(filter: { answered: $ANS }) { id } -- $ANS bound without coercion, e.g. the string "true". */
export const questionAnswered = (ans: unknown): Residual => reach(p().node('Question', { filter: p().eq('Question.answered', ans as string), select: ['id'] }));

/** queryState(filter: { ownedBy: { eq: $USER } }) { __typename } */
export const stateOwnedBy = (user: string): Residual => reach(p().node('State', { filter: p().eq('State.ownedBy', user), select: ['__typename'] }));

/** queryCountry(filter: { ownedBy: { eq: $USER } }) { __typename } */
export const countryOwnedBy = (user: string): Residual => reach(p().node('Country', { filter: p().eq('Country.ownedBy', user), select: ['__typename'] }));
