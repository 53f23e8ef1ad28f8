/** The bounds `User.recommendations` and `analyticsKpis` enforce: BAD_USER_INPUT naming the argument. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { analyticsKpisArgs } from '../kpis/inputs.js';
import { recommendationsArgs } from './inputs.js';

const refused = (schema: Parameters<typeof parseInput>[0], args: unknown, field: string) =>
  expect(() => parseInput(schema, args)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } }));

describe('recommendations arguments', () => {
  it('canonicalises the language and builds the filter', () => {
    expect(parseInput(recommendationsArgs, { first: 20 })).toEqual({ first: 20, filter: { kind: 'any' } });
    expect(parseInput(recommendationsArgs, { first: 1, language: ' SPA ' })).toEqual({ first: 1, filter: { kind: 'language', language: 'es' } });
    expect(parseInput(recommendationsArgs, { first: 100, language: 'zxx' }).filter).toEqual({ kind: 'language', language: 'zxx' });
    expect(parseInput(recommendationsArgs, { first: 5, preferredLanguages: true }).filter).toEqual({ kind: 'preferred' });
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: null }, 'first'],
    [{ first: 5, language: 'und' }, 'language'],
    [{ first: 5, language: 'xx' }, 'language'],
    [{ first: 5, language: 'pt-BR' }, 'language'],
    [{ first: 5, language: 'es', preferredLanguages: true }, 'preferredLanguages'],
  ])('refuses %j naming %s', (args, field) => refused(recommendationsArgs, args, field));
});

describe('analyticsKpis arguments', () => {
  it.each([0, 367, null, 1.5])('refuses days %s', (days) => refused(analyticsKpisArgs, { days }, 'days'));
  it.each([1, 30, 366])('accepts days %s', (days) => expect(parseInput(analyticsKpisArgs, { days })).toEqual({ days }));
});
